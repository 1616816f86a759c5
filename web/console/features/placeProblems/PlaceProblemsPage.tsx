// 阵地问题: what workers reported on the places of the caller's subtree — open first, the nearest
// deadline first, the overdue in red — with filters (待处理 / 已超期 / 已解决); a row opens its detail.
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Segmented, Tag, Typography } from 'antd';
import { placeProblemKindLabels, type PlaceProblem } from '../../../../contracts/place-status.ts';
import { placeKindLabels } from '../../../../contracts/places.ts';
import { formatCount, formatMinute } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { dueText, problemStateTags } from './labels.ts';

type StateFilter = 'open' | 'overdue' | 'resolved' | 'all';
const filters: { label: string; value: StateFilter }[] = [
  { label: '待处理', value: 'open' },
  { label: '已超期', value: 'overdue' },
  { label: '已解决', value: 'resolved' },
  { label: '全部', value: 'all' },
];

export function PlaceProblemsPage() {
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const initial = (search.get('state') as StateFilter | null) ?? 'open';
  const [state, setState] = useState<StateFilter>(filters.some((f) => f.value === initial) ? initial : 'open');
  const list = usePagedList('/api/place-problems', { query: state === 'all' ? {} : { state } }, { showTotal: (n) => `共 ${formatCount(n)} 条` });
  const open = (p: PlaceProblem) => navigate(`/place-problems/${p.id}`);

  return (
    <ListPage<PlaceProblem>
      title="阵地问题"
      intro={<Typography.Paragraph type="secondary">职工在驿站、职工之家等阵地报告的问题，由运营阵地的工会在期限内处理；处理后短信告知报告人。</Typography.Paragraph>}
      filters={
        <Segmented<StateFilter>
          options={filters}
          value={state}
          onChange={(v) => {
            setState(v);
            list.setPage(1);
            setSearch(v === 'open' ? {} : { state: v }, { replace: true });
          }}
        />
      }
      list={list}
      testId="place-problem-table"
      emptyText={state === 'open' ? '没有待处理的阵地问题' : '没有符合条件的阵地问题'}
      table={{ onRow: (p) => ({ onClick: () => open(p), style: { cursor: 'pointer' } }) }}
      columns={[
        {
          title: '阵地',
          key: 'place',
          render: (_, p) => (
            <Typography.Link onClick={() => open(p)}>
              {p.placeName}
              <Typography.Text type="secondary"> · {placeKindLabels[p.placeKind]}</Typography.Text>
            </Typography.Link>
          ),
        },
        { title: '问题', key: 'kind', width: 90, render: (_, p) => placeProblemKindLabels[p.kind] },
        // on a phone: the place, the problem and the deadline (which also says 已解决 or 已超期)
        { title: '描述', dataIndex: 'text', ellipsis: true, responsive: ['lg'] },
        { title: '运营工会', dataIndex: 'orgName', responsive: ['md'] },
        { title: '报告时间', key: 'createdAt', responsive: ['md'], render: (_, p) => formatMinute(p.createdAt) },
        {
          title: '处理期限',
          key: 'due',
          render: (_, p) =>
            p.state === 'resolved' ? (
              `${formatMinute(p.resolvedAt)} 已解决`
            ) : p.overdue ? (
              <>
                <Tag color="red">已超期（{dueText(p.dueAt)}）</Tag>
                {p.escalatedAt && <Tag color="volcano">已提请上级督办</Tag>}
              </>
            ) : (
              dueText(p.dueAt)
            ),
        },
        { title: '状态', key: 'state', responsive: ['sm'], render: (_, p) => <StateTag tags={problemStateTags} value={p.state} /> },
      ]}
    />
  );
}
