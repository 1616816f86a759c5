// 可能重复的阵地: pairs in the caller's subtree of the same kind within 50 m or with similar names within
// 500 m, closest first; each side opens its page, and either may be merged into the other.
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Popconfirm, Space, Typography } from 'antd';
import type { TableProps } from 'antd';
import { placeKindLabels, type DuplicatePair } from '../../../../contracts/places.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { canWritePlaces } from './placeParts.tsx';

export function PlaceDuplicatesPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { me } = useSession();
  const canWrite = canWritePlaces(me?.roles ?? []);
  const [orgId, setOrgId] = useState<number>();
  const list = usePagedList('/api/places/duplicates', { query: { orgId } }, { showTotal: (t) => `共 ${formatCount(t)} 对` });

  async function merge(from: number, into: number) {
    try {
      await api.post('/api/places/:id/merge', { params: { id: from }, body: { into } });
      message.success('已合并');
      void list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const side = (s: DuplicatePair['a']) => (
    <div className="two-line">
      <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/places/${s.id}`)}>{s.name}</Button>
      <Typography.Text type="secondary" className="small">{placeKindLabels[s.kind]} · {s.address}</Typography.Text>
    </div>
  );
  const columns: TableProps<DuplicatePair>['columns'] = [
    { title: '阵地甲', render: (_, p) => side(p.a) },
    { title: '阵地乙', render: (_, p) => side(p.b) },
    { title: '相距', width: 110, render: (_, p) => `${p.distanceM} 米${p.reason === 'similarName' ? '，名称相近' : ''}` },
    ...(canWrite
      ? [{
          title: '合并',
          width: 230,
          render: (_: unknown, p: DuplicatePair) => (
            <Space wrap size={4}>
              <Popconfirm title={`把“${p.b.name}”并入“${p.a.name}”？`} okText="合并" cancelText="不合并" onConfirm={() => merge(p.b.id, p.a.id)}>
                <Button size="small">乙并入甲</Button>
              </Popconfirm>
              <Popconfirm title={`把“${p.a.name}”并入“${p.b.name}”？`} okText="合并" cancelText="不合并" onConfirm={() => merge(p.a.id, p.b.id)}>
                <Button size="small">甲并入乙</Button>
              </Popconfirm>
            </Space>
          ),
        }]
      : []),
  ];

  return (
    <ListPage<DuplicatePair>
      title="可能重复的阵地"
      intro={<Typography.Paragraph type="secondary">同类阵地相距 50 米内，或 500 米内名称相近。合并后照片、特别安排的日期及预约、到访、问题记录转入保留的阵地。</Typography.Paragraph>}
      filters={<OrgFilter aria-label="运营工会" placeholder="运营工会（默认全部）" width={240} value={orgId} onChange={setOrgId} />}
      list={list}
      columns={columns}
      rowKey={(p) => `${p.a.id}-${p.b.id}`}
      emptyText="没有发现可能重复的阵地"
      testId="place-duplicates"
    />
  );
}
