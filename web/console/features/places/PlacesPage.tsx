// 阵地管理: the places of the caller's subtree — stations, workers' homes, reading rooms … — found by
// kind, status, town, name or address, or those with problems workers reported; whether each is open
// now. 登记阵地, 导入 and 可能重复 for the clerks.
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { BranchesOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { placeKindLabels, placeKinds, type PlaceKind, type PlaceSummary } from '../../../../contracts/places.ts';
import { formatCount } from '../../../shared/format.ts';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { PlaceFormModal } from './PlaceFormModal.tsx';
import { canWritePlaces, placeStatusTags } from './placeParts.tsx';

type Status = 'open' | 'closed' | 'merged';
const statusLabels: Record<Status, string> = { open: '在用', closed: '已停用', merged: '已合并' };

interface Filters {
  orgId?: number | undefined;
  townId?: number | undefined;
  kind?: PlaceKind | undefined;
  status?: Status | undefined;
  q?: string | undefined;
  problems?: '1' | undefined;
}

export function PlacesPage() {
  const navigate = useNavigate();
  const { me } = useSession();
  const canWrite = canWritePlaces(me?.roles ?? []);
  const [filters, setFilters] = useState<Filters>({});
  const [adding, setAdding] = useState(false);
  const list = usePagedList('/api/places/register', { query: { ...filters } }, { showSizeChanger: true, showTotal: (t) => `共 ${formatCount(t)} 个阵地` });
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next }));

  const columns: TableProps<PlaceSummary>['columns'] = [
    {
      title: '名称',
      render: (_, p) => (
        <div className="two-line">
          <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/places/${p.id}`)}>
            {p.name}
          </Button>
          <Typography.Text type="secondary" className="small">
            {p.address}
          </Typography.Text>
        </div>
      ),
    },
    { title: '类型', width: 120, render: (_, p) => placeKindLabels[p.kind] },
    { title: '镇街', width: 140, responsive: ['md'], render: (_, p) => p.town?.name ?? '—' },
    { title: '运营工会', responsive: ['lg'], render: (_, p) => <span className="small">{p.org.name}</span> },
    {
      title: '状态',
      width: 150,
      render: (_, p) => (
        <Space size={4} wrap>
          <StateTag tags={placeStatusTags} value={p.mergedInto ? 'merged' : p.status} />
          {p.status === 'open' && !p.mergedInto && <Tag color={p.openNow ? 'blue' : 'default'} bordered={false}>{p.openNow ? '开放中' : '未开放'}</Tag>}
        </Space>
      ),
    },
    { title: '问题', width: 90, responsive: ['sm'], render: (_, p) => (p.problemsOpen > 0 ? <Tag color="red">{p.problemsOpen} 个未解决</Tag> : '—') },
  ];

  return (
    <>
      <ListPage<PlaceSummary>
        title="阵地管理"
        extra={
          <Space wrap>
            <Button icon={<BranchesOutlined />} onClick={() => navigate('/places/duplicates')}>
              可能重复
            </Button>
            {canWrite && (
              <>
                <Button icon={<FileExcelOutlined />} onClick={() => navigate('/places/import')}>
                  Excel 导入
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  登记阵地
                </Button>
              </>
            )}
          </Space>
        }
        filters={
          <>
            <OrgFilter aria-label="运营工会" placeholder="运营工会（默认全部）" width={220} value={filters.orgId} onChange={(orgId) => change({ orgId })} />
            <OrgFilter aria-label="所在镇街" placeholder="所在镇街" width={180} value={filters.townId} onChange={(townId) => change({ townId })} />
            <LabelSelect<PlaceKind> aria-label="类型" placeholder="全部类型" style={{ width: 140 }} values={placeKinds} labels={placeKindLabels} value={filters.kind} onChange={(kind) => change({ kind })} />
            <LabelSelect<Status> aria-label="状态" placeholder="在用和已停用" style={{ width: 140 }} values={['open', 'closed', 'merged']} labels={statusLabels} value={filters.status} onChange={(status) => change({ status })} />
            <LabelSelect<'1'> aria-label="问题" placeholder="问题：全部" style={{ width: 150 }} values={['1']} labels={{ '1': '有未解决的问题' }} value={filters.problems} onChange={(problems) => change({ problems })} />
            <ListSearch aria-label="名称或地址" placeholder="名称或地址" style={{ width: 200 }} value={filters.q} reload={list.reload} onSearch={(q) => change({ q })} />
          </>
        }
        list={list}
        columns={columns}
        emptyText="没有符合条件的阵地"
        testId="places"
      />
      {adding && (
        <PlaceFormModal
          onCancel={() => setAdding(false)}
          onOpenPlace={(id) => navigate(`/places/${id}`)}
          onDone={(p) => {
            setAdding(false);
            navigate(`/places/${p.id}`);
          }}
        />
      )}
    </>
  );
}
