// 一函两书: the labour-law supervision cases of the caller's subtree — employer, state, the highest
// letter issued, the reply deadline (red once past) — with the figures card above; 新建案件 for
// admins and clerks; 答复期限与文号 for admins.
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Space, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { caseStateLabels, caseStates, letterKindLabels, letterKinds, type CaseState, type CaseSummary, type LetterKind } from '../../../../contracts/supervision.ts';
import { formatCount, formatDate, formatDateTime } from '../../../shared/format.ts';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { CaseFormModal } from './CaseFormModal.tsx';
import { RuleModal } from './RuleModal.tsx';
import { SupervisionFigures } from './SupervisionFigures.tsx';
import { caseStateTags, stageLabel, useSupervisionWriter } from './supervisionParts.tsx';

type Stage = LetterKind | 'none';
type Overdue = 'true' | 'false';
const stageLabels: Record<Stage, string> = { none: '未发函', ...letterKindLabels };

interface Filters {
  orgId?: number | undefined;
  state?: CaseState | undefined;
  stage?: Stage | undefined;
  overdue?: Overdue | undefined;
  q?: string | undefined;
}

export function SupervisionPage() {
  const navigate = useNavigate();
  const session = useSession();
  const canWrite = useSupervisionWriter(session);
  const [filters, setFilters] = useState<Filters>({});
  const [adding, setAdding] = useState(false);
  const [ruling, setRuling] = useState(false);
  const list = usePagedList('/api/supervision/cases', { query: { ...filters } }, { showSizeChanger: true, showTotal: (t) => `共 ${formatCount(t)} 件` });
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next }));

  const columns: TableProps<CaseSummary>['columns'] = [
    {
      title: '用人单位',
      render: (_, c) => (
        <div className="two-line">
          <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/supervision/${c.id}`)}>
            {c.employerName}
          </Button>
          <Typography.Text type="secondary" className="small">
            {`涉及职工 ${formatCount(c.workersCount)} 人`}
          </Typography.Text>
        </div>
      ),
    },
    { title: '办案工会', responsive: ['md'], render: (_, c) => <span className="small">{c.org.name}</span> },
    { title: '状态', width: 130, render: (_, c) => <StateTag tags={caseStateTags} value={c.state} /> },
    { title: '已发文书', width: 100, render: (_, c) => stageLabel(c.stage) },
    {
      title: '答复期限',
      width: 170,
      render: (_, c) =>
        c.replyDueOn ? (
          c.overdue ? (
            <Typography.Text type="danger" strong>{`${formatDate(c.replyDueOn)} 已逾期`}</Typography.Text>
          ) : (
            formatDate(c.replyDueOn)
          )
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '新建时间', width: 170, responsive: ['lg'], render: (_, c) => <span className="small">{formatDateTime(c.createdAt)}</span> },
  ];

  return (
    <>
      <ListPage<CaseSummary>
        title="一函两书"
        extra={
          <Space wrap>
            {session.hasRole('admin') && (
              <Button icon={<SettingOutlined />} onClick={() => setRuling(true)}>
                答复期限与文号
              </Button>
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                新建案件
              </Button>
            )}
          </Space>
        }
        intro={
          <Typography.Paragraph type="secondary">
            工会劳动法律监督“一函两书”：提示函 → 意见书 → 建议书（致人社部门）→ 移送检察机关。上一份文书送达且答复期限届满未整改（或书面答复拒不整改）后，才能发出下一级文书。
          </Typography.Paragraph>
        }
        filters={
          <>
            <OrgFilter aria-label="办案工会" placeholder="办案工会（默认全部）" width={220} value={filters.orgId} onChange={(orgId) => change({ orgId })} />
            <LabelSelect<CaseState> aria-label="状态" placeholder="全部状态" style={{ width: 140 }} values={caseStates} labels={caseStateLabels} value={filters.state} onChange={(state) => change({ state })} />
            <LabelSelect<Stage> aria-label="已发文书" placeholder="全部文书" style={{ width: 120 }} values={['none', ...letterKinds]} labels={stageLabels} value={filters.stage} onChange={(stage) => change({ stage })} />
            <LabelSelect<Overdue> aria-label="答复期限" placeholder="答复期限" style={{ width: 130 }} values={['true', 'false']} labels={{ true: '已逾期', false: '未逾期' }} value={filters.overdue} onChange={(overdue) => change({ overdue })} />
            <ListSearch aria-label="用人单位名称" placeholder="用人单位名称" style={{ width: 200 }} value={filters.q} reload={list.reload} onSearch={(q) => change({ q })} />
          </>
        }
        list={list}
        columns={columns}
        emptyText="没有符合条件的监督案件"
        testId="supervision-cases"
        after={
          <>
            {!canWrite && <Alert type="info" showIcon style={{ marginTop: 16 }} message="新建案件和发函须由单位管理员或经办人操作" />}
            {/* the figures under the list: the page's h1 comes first, their h2 after it */}
            <div style={{ marginTop: 16 }}>
              <SupervisionFigures />
            </div>
          </>
        }
      />
      {adding && (
        <CaseFormModal
          onCancel={() => setAdding(false)}
          onDone={(id) => {
            setAdding(false);
            navigate(`/supervision/${id}`);
          }}
        />
      )}
      {ruling && <RuleModal onClose={() => setRuling(false)} />}
    </>
  );
}
