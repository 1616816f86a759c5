// 法律援助律师: the lawyers kept by the unions of the caller's subtree — firm, licence, areas, the unions
// served, the phone masked — found by name, firm, licence or area; 登记, 修改, 停用 / 恢复 for admins and clerks.
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Grid, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { legalAreaLabels, legalAreas, type LawyerView, type LegalArea } from '../../../../contracts/legal.ts';
import { formatCount } from '../../../shared/format.ts';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { LawyerFormModal } from './LawyerFormModal.tsx';
import { activeLabels, type ActiveStatus, useLegalWriter } from './legalParts.tsx';

interface Filters {
  orgId?: number | undefined;
  area?: LegalArea | undefined;
  status: ActiveStatus;
  q?: string | undefined;
}

export function LawyersPage() {
  const navigate = useNavigate();
  const canWrite = useLegalWriter(useSession());
  const [filters, setFilters] = useState<Filters>({ status: 'active' });
  const [adding, setAdding] = useState(false);
  const list = usePagedList('/api/legal/lawyers', { query: { ...filters } }, { showSizeChanger: true, showTotal: (t) => `共 ${formatCount(t)} 名` });
  const narrow = !Grid.useBreakpoint().sm;
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next }));

  const columns: TableProps<LawyerView>['columns'] = [
    {
      title: '律师',
      render: (_, l) => (
        <div className="two-line">
          <div>
            <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/legal/lawyers/${l.id}`)}>
              {l.name}
            </Button>
            {!l.active && <Tag style={{ marginLeft: 6 }}>已停用</Tag>}
          </div>
          <Typography.Text type="secondary" className="small">
            {l.firm}
          </Typography.Text>
          {narrow && <div className="small mono">{l.phoneMasked}</div>}
        </div>
      ),
    },
    { title: '执业证号', width: 170, responsive: ['md'], render: (_, l) => <span className="mono small">{l.licenceNo}</span> },
    {
      title: '擅长领域',
      render: (_, l) => (
        <>
          {l.areas.map((a) => (
            <Tag key={a} color="blue" bordered={false} style={{ marginBottom: 4 }}>
              {legalAreaLabels[a]}
            </Tag>
          ))}
        </>
      ),
    },
    {
      title: '登记单位 / 服务的工会',
      responsive: ['lg'],
      render: (_, l) => (
        <div className="two-line small">
          <div>{l.org.name}</div>
          <Typography.Text type="secondary" className="small">
            {l.servedUnions.length > 0 ? `服务 ${l.servedUnions.map((u) => u.name).join('、')}` : '未指定服务的工会'}
          </Typography.Text>
        </div>
      ),
    },
    { title: '手机号', width: 120, responsive: ['sm'], render: (_, l) => <span className="mono">{l.phoneMasked}</span> },
  ];

  return (
    <>
      <ListPage<LawyerView>
        title="法律援助律师"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记律师
            </Button>
          )
        }
        intro={!canWrite && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="登记和修改律师须由单位管理员或经办人操作" />}
        filters={
          <>
            <OrgFilter aria-label="登记单位" placeholder="登记单位（默认全部）" width={240} value={filters.orgId} onChange={(orgId) => change({ orgId })} />
            <LabelSelect<LegalArea> aria-label="擅长领域" placeholder="全部领域" style={{ width: 140 }} values={legalAreas} labels={legalAreaLabels} value={filters.area} onChange={(area) => change({ area })} />
            <LabelSelect<ActiveStatus> aria-label="状态" allowClear={false} style={{ width: 110 }} values={['active', 'inactive', 'all']} labels={activeLabels} value={filters.status} onChange={(status) => change({ status: status ?? 'active' })} />
            <ListSearch aria-label="姓名、律所或执业证号" placeholder="姓名、律所或执业证号" style={{ width: 220 }} value={filters.q} reload={list.reload} onSearch={(q) => change({ q })} />
          </>
        }
        list={list}
        columns={columns}
        emptyText="没有符合条件的律师"
        testId="lawyers"
      />
      {adding && (
        <LawyerFormModal
          onCancel={() => setAdding(false)}
          onDone={(l) => {
            setAdding(false);
            navigate(`/legal/lawyers/${l.id}`);
          }}
        />
      )}
    </>
  );
}
