// 亲子托管: the childcare programmes run in the caller's subtree — kind, ages, places, the sign-up
// window, how many children are enrolled — and 新建托管项目 for admins and clerks.
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { programmeKindLabels, programmeStatusLabels, programmeStatuses, type ProgrammeStatus, type ProgrammeView } from '../../../../contracts/childcare.ts';
import { formatCount, formatMinute } from '../../../shared/format.ts';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { ProgrammeFormModal } from './ProgrammeFormModal.tsx';
import { programmeStatusTags } from './childcareParts.tsx';

export function ChildcarePage() {
  const navigate = useNavigate();
  const session = useSession();
  const canWrite = session.hasRole('admin') || session.hasRole('clerk');
  const [filters, setFilters] = useState<{ orgId?: number | undefined; status?: ProgrammeStatus | undefined }>({});
  const [adding, setAdding] = useState(false);
  const list = usePagedList('/api/childcare/programmes', { query: { ...filters } }, { showTotal: (t) => `共 ${formatCount(t)} 个项目` });

  const columns: TableProps<ProgrammeView>['columns'] = [
    {
      title: '项目',
      render: (_, p) => (
        <div className="two-line">
          <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/childcare/${p.id}`)}>
            {p.title}
          </Button>
          <Typography.Text type="secondary" className="small">{`${programmeKindLabels[p.kind]} · ${p.ageMin}–${p.ageMax} 岁 · 共 ${p.sessionCount} 次`}</Typography.Text>
        </div>
      ),
    },
    { title: '举办工会', responsive: ['md'], render: (_, p) => <span className="small">{p.org.name}</span> },
    { title: '状态', width: 90, render: (_, p) => <StateTag tags={programmeStatusTags} value={p.status} /> },
    { title: '名额', width: 70, render: (_, p) => formatCount(p.capacity) },
    { title: '报名 / 录取', width: 110, render: (_, p) => `${p.counts.pending + p.counts.enrolled + p.counts.waitlisted + p.counts.notDrawn} / ${p.counts.enrolled}` },
    { title: '报名截止', width: 160, responsive: ['lg'], render: (_, p) => <span className="small">{formatMinute(p.signupClosesAt)}</span> },
  ];

  return (
    <>
      <ListPage<ProgrammeView>
        title="亲子托管"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              新建托管项目
            </Button>
          )
        }
        intro={
          <Typography.Paragraph type="secondary">
            职工亲子之家、寒暑假“小候鸟”托管和周末课堂。儿童信息加密保存，名单中姓名和电话脱敏；完整信息只对举办工会的工作人员开放，每次查看都记入审计日志。
          </Typography.Paragraph>
        }
        filters={
          <>
            <OrgFilter aria-label="举办工会" placeholder="举办工会（默认全部）" width={220} value={filters.orgId} onChange={(orgId) => setFilters((f) => ({ ...f, orgId }))} />
            <LabelSelect<ProgrammeStatus> aria-label="状态" placeholder="全部状态" style={{ width: 120 }} values={programmeStatuses} labels={programmeStatusLabels} value={filters.status} onChange={(status) => setFilters((f) => ({ ...f, status }))} />
          </>
        }
        list={list}
        columns={columns}
        emptyText="没有托管项目"
        testId="childcare-programmes"
      />
      {adding && <ProgrammeFormModal onClose={() => setAdding(false)} onCreated={(p) => navigate(`/childcare/${p.id}`)} />}
    </>
  );
}
