// 困难职工档案: the files of the caller's subtree, masked, with where each stands. Every staff role
// sees this list; filtering by cause (it tells why) is for admins and reviewers only.
import '../../components/common.css';
import './hardship.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Grid, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import {
  hardshipCauseLabels,
  hardshipCauses,
  hardshipStatuses,
  hardshipStatusLabels,
  type HardshipCause,
  type HardshipFileSummary,
  type HardshipStatus,
} from '../../../../contracts/hardship.ts';
import { formatCount } from '../../../shared/format.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { LinkActions } from '../../components/LinkActions.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { DETAIL_ROLES_NOTE, formatYuan, statusColors } from './hardshipLabels.ts';

interface Filters {
  orgId?: number | undefined;
  status?: HardshipStatus | undefined;
  cause?: HardshipCause | undefined;
  q?: string | undefined;
}

export function HardshipListPage() {
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const canReadDetails = hasRole('admin') || hasRole('reviewer');
  const [filters, setFilters] = useState<Filters>({});
  const list = usePagedList('/api/hardship/files', { query: { ...filters } }, {
    showSizeChanger: true,
    showTotal: (t) => `共 ${formatCount(t)} 户`,
  });
  // on a phone the table is one column: the member, with status, dates and aid beneath
  const narrow = !Grid.useBreakpoint().sm;

  function change(next: Partial<Filters>) {
    setFilters((f) => ({ ...f, ...next }));
  }

  const columns: TableProps<HardshipFileSummary>['columns'] = [
    {
      title: '会员',
      render: (_, f) => (
        <div className="two-line">
          <div>
            <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/hardship/${f.id}`)}>
              {f.memberName}
            </Button>
            <Typography.Text type="secondary" className="small">
              {' '}
              {f.memberNo ?? ''}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" className="small">
            {f.org.name}
          </Typography.Text>
          {narrow && (
            <div className="small hs-num">
              <Tag color={statusColors[f.status]}>{hardshipStatusLabels[f.status]}</Tag>
              建档 {f.filedOn}
              {f.exitedOn ? ` · 脱困 ${f.exitedOn}` : ''} · 帮扶 {formatYuan(f.aidTotalFen)} 元
            </div>
          )}
        </div>
      ),
    },
    { title: '状态', width: 90, responsive: ['sm'], render: (_, f) => <Tag color={statusColors[f.status]}>{hardshipStatusLabels[f.status]}</Tag> },
    {
      title: '建档 / 脱困',
      width: 150,
      responsive: ['sm'],
      render: (_, f) => (
        <div className="two-line small hs-num">
          <div>建档 {f.filedOn}</div>
          <Typography.Text type="secondary">{f.exitedOn ? `脱困 ${f.exitedOn}` : f.reliefStartedOn ? `帮扶 ${f.reliefStartedOn} 起` : '尚未帮扶'}</Typography.Text>
        </div>
      ),
    },
    {
      title: '帮扶金额（元）',
      width: 130,
      responsive: ['sm'],
      align: 'right',
      render: (_, f) => (
        <div className="two-line hs-num">
          <div>{formatYuan(f.aidTotalFen)}</div>
          <Typography.Text type="secondary" className="small">
            {f.aidCount} 次
          </Typography.Text>
        </div>
      ),
    },
    { title: '走访', width: 70, align: 'right', responsive: ['md'], render: (_, f) => <span className="hs-num">{f.visitCount} 次</span> },
    {
      title: '操作',
      width: 80,
      responsive: ['sm'],
      render: (_, f) => <LinkActions actions={[{ label: '查看', onClick: () => navigate(`/hardship/${f.id}`) }]} />,
    },
  ];

  return (
    <ListPage<HardshipFileSummary>
      className="hs-page hs-head-card"
      title="困难职工档案"
      extra={
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={() => navigate('/hardship-figures')}>
            解困脱困数据
          </Button>
          <ExportButton
            url="/api/hardship/files/export"
            query={{ ...filters }}
            fileName="困难职工档案.xlsx"
            done="已导出 Excel（姓名已脱敏，本次导出已记入审计日志）"
            tip="导出当前筛选的档案（姓名脱敏，不含致困原因）"
          />
          <Tooltip title={canReadDetails ? undefined : '建档需填写致困原因，仅单位管理员和审核员可操作'}>
            <Button type="primary" icon={<PlusOutlined />} disabled={!canReadDetails} onClick={() => navigate('/hardship/new')}>
              建立档案
            </Button>
          </Tooltip>
        </Space>
      }
      intro={
        <>
          {!canReadDetails && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={DETAIL_ROLES_NOTE} />}
          {/* its own wrapping row (not the scaffold's): on a phone each filter takes the width it can */}
          <div className="hs-filters">
            <OrgFilter aria-label="所在工会" placeholder="所在工会（默认全部）" closedToo width={260} value={filters.orgId} onChange={(orgId) => change({ orgId })} />
            <LabelSelect<HardshipStatus> aria-label="状态" placeholder="全部状态" style={{ width: 120 }} values={hardshipStatuses} labels={hardshipStatusLabels} value={filters.status} onChange={(status) => change({ status })} />
            {canReadDetails && (
              <LabelSelect<HardshipCause> aria-label="致困原因" placeholder="全部致困原因" style={{ width: 150 }} values={hardshipCauses} labels={hardshipCauseLabels} value={filters.cause} onChange={(cause) => change({ cause })} />
            )}
            <ListSearch aria-label="姓名或会员号" placeholder="姓名或会员号" style={{ width: 200 }} value={filters.q} reload={list.reload} onSearch={(q) => change({ q })} />
          </div>
        </>
      }
      list={list}
      columns={columns}
      emptyText="没有符合条件的档案"
      table={{ scroll: narrow ? undefined : { x: 720 } }}
    />
  );
}
