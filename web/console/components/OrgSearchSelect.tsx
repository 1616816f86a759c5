// Picks a union of the caller's scope by typing part of its name (GET /api/orgs?q=).
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Select, Space, Tag, Typography } from 'antd';
import type { OrgSummary } from '../../../contracts/orgs.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { formatCount } from '../../shared/format.ts';
import { levelColors, levelShortLabels } from './orgLevelTags.ts';

interface Props {
  value?: number | undefined;
  onChange?: (id: number | undefined, org: OrgSummary | undefined) => void;
  placeholder?: string;
  /** Why an org may not be picked here (shown beside it), or undefined when it may. */
  disabledReason?: (org: OrgSummary) => string | undefined;
  /** The label of the current value before any search (e.g. the org's name). */
  initialLabel?: string | undefined;
  allowClear?: boolean;
  style?: CSSProperties;
  status?: 'active' | 'all';
  autoFocus?: boolean;
  'aria-label'?: string;
}

export function OrgSearchSelect(props: Props) {
  const { value, onChange, placeholder = '输入单位名称查找，如“石湾”', disabledReason, initialLabel } = props;
  const [results, setResults] = useState<OrgSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [typed, setTyped] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef(0);

  useEffect(() => () => clearTimeout(timer.current), []);

  function search(text: string) {
    setTyped(text);
    clearTimeout(timer.current);
    const q = text.trim();
    if (!q) {
      setResults([]);
      setTotal(0);
      setProblem(undefined);
      return;
    }
    timer.current = setTimeout(() => {
      const ticket = ++latest.current;
      setSearching(true);
      api
        .get('/api/orgs', { query: { q, pageSize: 30, status: props.status ?? 'active' } })
        .then((page) => {
          if (ticket !== latest.current) return;
          setResults(page.items);
          setTotal(page.total);
          setProblem(undefined);
        })
        .catch((err: unknown) => {
          if (ticket !== latest.current) return;
          setResults([]);
          setProblem(errorMessage(err));
        })
        .finally(() => {
          if (ticket === latest.current) setSearching(false);
        });
    }, 250);
  }

  const options = results.map((o) => {
    const reason = disabledReason?.(o);
    return {
      value: o.id,
      disabled: !!reason,
      plain: o.name,
      label: (
        <Space size={6} wrap className="org-option">
          <span className="org-option-name">{o.name}</span>
          <Tag color={levelColors[o.level]} bordered={false}>
            {levelShortLabels[o.level]}
          </Tag>
          {o.status === 'closed' && <Tag>已撤销</Tag>}
          <Typography.Text type="secondary">会员 {formatCount(o.memberCount)}</Typography.Text>
          {reason && <Typography.Text type="warning">（{reason}）</Typography.Text>}
        </Space>
      ),
    };
  });
  // What may be picked first, what may not (with its reason) after.
  options.sort((a, b) => Number(a.disabled) - Number(b.disabled));
  if (value !== undefined && !results.some((o) => o.id === value) && initialLabel) {
    options.unshift({ value, disabled: false, plain: initialLabel, label: <span>{initialLabel}</span> });
  }

  let notFound: ReactNode = null;
  if (problem) notFound = <Typography.Text type="danger">{problem}</Typography.Text>;
  else if (searching) notFound = '正在查找…';
  else if (typed.trim()) notFound = '管理范围内没有名称包含该关键字的单位';
  else notFound = '请输入单位名称中的关键字';

  return (
    <Select<number, (typeof options)[number]>
      showSearch
      value={value}
      placeholder={placeholder}
      filterOption={false}
      onSearch={search}
      onChange={(id) => onChange?.(id, results.find((o) => o.id === id))}
      onClear={() => onChange?.(undefined, undefined)}
      options={options}
      optionLabelProp="plain"
      loading={searching}
      notFoundContent={notFound}
      allowClear={props.allowClear}
      style={props.style}
      autoFocus={props.autoFocus}
      aria-label={props['aria-label']}
      popupMatchSelectWidth={false}
      // as wide as a name needs, but never wider than a phone's screen (a long name wraps)
      classNames={{ popup: { root: 'org-select-popup' } }}
      popupRender={(menu) => (
        <>
          {menu}
          {total > results.length && (
            <Typography.Text type="secondary" className="org-option-more">
              共 {formatCount(total)} 个结果，仅显示前 {results.length} 个，请输入更完整的名称
            </Typography.Text>
          )}
        </>
      )}
    />
  );
}
