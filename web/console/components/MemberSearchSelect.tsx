// Picks members of the caller's scope (optionally under one union) as a clerk knows them: by name,
// member number or full phone number (GET /api/members?q=). One member, or several (mode="multiple").
import { useRef, useState, type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import type { MemberSummary } from '../../../contracts/members.ts';
import { api, errorMessage } from '../../shared/api.ts';

interface Common {
  /** Only members of this union and its subtree. */
  orgId?: number | undefined;
  style?: CSSProperties;
  'aria-label'?: string;
  placeholder?: string;
}
type Props =
  | (Common & { mode?: undefined; value?: number | undefined; onChange?: (id: number | undefined) => void })
  | (Common & { mode: 'multiple'; value?: number[] | undefined; onChange?: (ids: number[]) => void; onPicked?: (members: MemberSummary[]) => void });

const HINT = '输入姓名、会员号或完整手机号查找';

/** 张三 · GH0000001234 · 138****5678 · 石湾街道工会联合会 */
function labelOf(m: MemberSummary): string {
  return [m.name, m.memberNo, m.phoneMasked, m.org.name].filter(Boolean).join(' · ');
}

export function MemberSearchSelect(props: Props) {
  const { orgId, style, placeholder = HINT } = props;
  const [found, setFound] = useState<MemberSummary[]>([]);
  const [problem, setProblem] = useState<string>();
  const [searching, setSearching] = useState(false);
  // the members picked so far keep their labels when a later search no longer lists them
  const picked = useRef(new Map<number, MemberSummary>());
  const latest = useRef(0);

  async function search(raw: string) {
    const q = raw.trim();
    setProblem(undefined);
    if (!q) return setFound([]);
    const ticket = ++latest.current;
    setSearching(true);
    try {
      const page = await api.get('/api/members', { query: { q, status: 'active', pageSize: 20, ...(orgId ? { orgId } : {}) } });
      if (ticket === latest.current) setFound(page.items);
    } catch (err) {
      if (ticket === latest.current) setProblem(errorMessage(err));
    } finally {
      if (ticket === latest.current) setSearching(false);
    }
  }

  const listed = new Map(found.map((m) => [m.id, m]));
  for (const [id, m] of picked.current) if (!listed.has(id)) listed.set(id, m);
  const options = [...listed.values()].map((m) => ({ value: m.id, label: labelOf(m) }));
  const remember = (ids: number[]) => {
    for (const id of ids) {
      const m = found.find((x) => x.id === id) ?? picked.current.get(id);
      if (m) picked.current.set(id, m);
    }
  };
  const notFound = searching ? <Spin size="small" /> : problem ? <Typography.Text type="danger">{problem}</Typography.Text> : HINT;
  // what both modes share: the search goes to the server, the options are what it found
  const searchProps = {
    showSearch: true,
    'aria-label': props['aria-label'],
    placeholder,
    filterOption: false,
    onSearch: (q: string) => void search(q),
    loading: searching,
    options,
    notFoundContent: notFound,
    style,
  } as const;

  if (props.mode === 'multiple') {
    const { onChange, onPicked, value } = props;
    return (
      <Select<number[]>
        {...searchProps}
        mode="multiple"
        value={value}
        onChange={(ids) => {
          remember(ids);
          onChange?.(ids);
          onPicked?.(ids.flatMap((id) => picked.current.get(id) ?? []));
        }}
      />
    );
  }
  const { onChange, value } = props;
  return (
    <Select<number>
      {...searchProps}
      allowClear
      value={value}
      onChange={(id) => {
        if (id !== undefined) remember([id]);
        onChange?.(id);
      }}
    />
  );
}
