// 企业档案: the employers of the caller's subtree (by their town or their union) — found by name (two
// characters or more) or credit code, by union, 有/无工会, 行业门类, 登记注册类型; sorted by 入会率
// (lowest first: where to go next) or by size; 提醒 (the workbench's alerts, read from `?alert=`, which
// its 去查看 opens). 新增单位, Excel 导入 and 导出 for the clerks. A row opens the employer's file
// (/enterprises/:id).
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Grid, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { enterpriseSourceLabels, industrySections, ownershipLabels, type IndustrySection, type Ownership } from '../../../../contracts/enterprise-facts-common.ts';
import { ENTERPRISE_WRITE_ROLES, enterpriseAlertLabels, enterpriseAlerts, enterpriseSortLabels, enterpriseSorts, type EnterpriseAlert, type EnterpriseSummary } from '../../../../contracts/enterprises-register.ts';
import { formatCount } from '../../../shared/format.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { EnterpriseForm } from './EnterpriseForm.tsx';
import { EnterpriseImport } from './EnterpriseImport.tsx';

type Sort = (typeof enterpriseSorts)[number];

interface Filters {
  orgId?: number | undefined;
  hasUnion?: '1' | '0' | undefined;
  section?: IndustrySection | undefined;
  ownership?: Ownership | undefined;
  q?: string | undefined;
  sort?: Sort | undefined;
}

const sectionShortLabels = Object.fromEntries(Object.entries(industrySections).map(([k, v]) => [k, `${k} ${v}`])) as Record<IndustrySection, string>;

/** 入会率 as the list shows it: one decimal, above 100 % flagged (the size on file is stale). */
export function RateCell({ e }: { e: EnterpriseSummary }) {
  if (e.membershipRate === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const pct = `${(e.membershipRate * 100).toFixed(1)}%`;
  if (e.membershipRate > 1) {
    return (
      <Tooltip title={`会员数超过申报的职工人数${e.employeesAsOf ? `（${e.employeesAsOf} 申报）` : ''}，请更新职工人数`}>
        <Tag color="orange">{pct}</Tag>
      </Tooltip>
    );
  }
  return <span>{pct}</span>;
}

export function EnterprisesPage() {
  const navigate = useNavigate();
  const { me } = useSession();
  const canWrite = (me?.roles ?? []).some((r) => (ENTERPRISE_WRITE_ROLES as readonly string[]).includes(r));
  const [filters, setFilters] = useState<Filters>({});
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  // the alert lives in the address (the workbench links to it; back and reload keep it)
  const [search, setSearch] = useSearchParams();
  const alertParam = search.get('alert');
  const alert = (enterpriseAlerts as readonly string[]).includes(alertParam ?? '') ? (alertParam as EnterpriseAlert) : undefined;
  const setAlert = (next: EnterpriseAlert | undefined) =>
    setSearch(
      (prev) => {
        const out = new URLSearchParams(prev);
        if (next) out.set('alert', next);
        else out.delete('alert');
        return out;
      },
      { replace: true },
    );
  const query = { ...filters, alert };
  const list = usePagedList('/api/enterprises', { query }, { showSizeChanger: true, showTotal: (t) => `共 ${formatCount(t)} 个单位` });
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next }));
  const open = (id: number) => navigate(`/enterprises/${id}`);
  // on a phone the union column is left out and the union is said under the name
  const narrow = !Grid.useBreakpoint().md;

  const columns: TableProps<EnterpriseSummary>['columns'] = [
    {
      title: '单位名称',
      render: (_, e) => {
        const about = [e.industrySection ? sectionShortLabels[e.industrySection] : null, e.ownership ? ownershipLabels[e.ownership] : null].filter(Boolean).join(' · ');
        return (
          <div className="two-line">
            <Button type="link" size="small" className="cell-link" onClick={() => open(e.id)}>
              {e.name}
            </Button>
            {about && (
              <Typography.Text type="secondary" className="small" style={{ display: 'block' }}>
                {about}
              </Typography.Text>
            )}
            {narrow && (
              <Typography.Text type="secondary" className="small" style={{ display: 'block' }}>
                {e.union ? e.union.name : <Tag color="red" bordered={false}>未建会</Tag>}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    { title: '统一社会信用代码', width: 190, responsive: ['lg'], render: (_, e) => <span className="small">{e.creditCode ?? '—'}</span> },
    { title: '镇街', width: 150, responsive: ['md'], render: (_, e) => <span className="small">{e.town.name}</span> },
    {
      title: '工会',
      width: 200,
      responsive: ['md'],
      render: (_, e) => (e.union ? <span className="small">{e.union.name}{e.unionCoverage === 'joint' ? '（联合建会）' : ''}</span> : <Tag color="red" bordered={false}>未建会</Tag>),
    },
    { title: '职工人数', width: 100, align: 'right', responsive: ['sm'], render: (_, e) => (e.employees === null ? '—' : formatCount(e.employees)) },
    { title: '会员数', width: 90, align: 'right', responsive: ['sm'], render: (_, e) => formatCount(e.memberCount) },
    { title: '入会率', width: 90, align: 'right', render: (_, e) => <RateCell e={e} /> },
    { title: '来源', width: 110, responsive: ['xl'], render: (_, e) => <span className="small">{enterpriseSourceLabels[e.source]}</span> },
  ];

  return (
    <>
      <ListPage<EnterpriseSummary>
        title="企业档案"
        intro={
          alert && (
            <Typography.Paragraph type="secondary" data-testid="enterprises-alert-intro">
              只列出“{enterpriseAlertLabels[alert]}”的单位（与工作台的提醒数量一致）；清除“提醒”筛选可查看全部单位。
            </Typography.Paragraph>
          )
        }
        extra={
          <Space wrap>
            <ExportButton url="/api/enterprises/export.xlsx" query={query} fileName="企业档案.xlsx" done="已导出企业档案" tip="按当前筛选条件导出，最多 100,000 个单位" />
            {canWrite && (
              <>
                <Button icon={<FileExcelOutlined />} onClick={() => setImporting(true)}>
                  Excel 导入
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  新增单位
                </Button>
              </>
            )}
          </Space>
        }
        filters={
          <>
            <ListSearch aria-label="单位名称或信用代码" placeholder="单位名称（至少两个字）或信用代码" style={{ width: 260 }} value={filters.q} reload={list.reload} onSearch={(q) => change({ q })} />
            <OrgFilter aria-label="所在镇街或工会" placeholder="镇街或工会（默认全部）" width={220} value={filters.orgId} onChange={(orgId) => change({ orgId })} />
            <LabelSelect<'1' | '0'> aria-label="是否建会" placeholder="有无工会：全部" style={{ width: 150 }} values={['1', '0']} labels={{ '1': '已建会', '0': '未建会' }} value={filters.hasUnion} onChange={(hasUnion) => change({ hasUnion })} />
            <LabelSelect<IndustrySection> aria-label="行业门类" placeholder="全部行业门类" style={{ width: 220 }} values={Object.keys(industrySections) as IndustrySection[]} labels={sectionShortLabels} value={filters.section} onChange={(section) => change({ section })} />
            <LabelSelect<Ownership> aria-label="登记注册类型" placeholder="全部登记注册类型" style={{ width: 180 }} values={Object.keys(ownershipLabels) as Ownership[]} labels={ownershipLabels} value={filters.ownership} onChange={(ownership) => change({ ownership })} />
            <LabelSelect<EnterpriseAlert> aria-label="提醒" placeholder="提醒：全部" style={{ width: 200 }} values={enterpriseAlerts} labels={enterpriseAlertLabels} value={alert} onChange={setAlert} />
            <LabelSelect<Sort> aria-label="排序" placeholder="按名称" allowClear={false} style={{ width: 200 }} values={[...enterpriseSorts]} labels={enterpriseSortLabels} value={filters.sort ?? 'name'} onChange={(sort) => change({ sort })} />
          </>
        }
        list={list}
        columns={columns}
        emptyText={filters.q || filters.orgId || filters.hasUnion || filters.section || filters.ownership || alert ? '没有符合条件的单位' : '还没有登记单位：可点“新增单位”或“Excel 导入”'}
        testId="enterprises"
        table={{ onRow: (e) => ({ onClick: (ev) => { if (!(ev.target as HTMLElement).closest('button')) open(e.id); }, style: { cursor: 'pointer' } }) }}
      />
      {adding && (
        <EnterpriseForm
          onCancel={() => setAdding(false)}
          onDone={(e) => {
            setAdding(false);
            open(e.id);
          }}
        />
      )}
      {importing && (
        <EnterpriseImport
          onClose={(changed) => {
            setImporting(false);
            if (changed) void list.reload();
          }}
        />
      )}
    </>
  );
}
