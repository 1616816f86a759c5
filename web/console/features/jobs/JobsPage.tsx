// 岗位: the jobs published by the unions of the caller's subtree — employer, place, wage, headcount,
// valid until and state, filtered by state and searched by title or employer; 发布岗位 (admins and clerks).
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Select, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { jobStatusLabels, jobStatuses, type JobSummary } from '../../../../contracts/jobs.ts';
import { formatCount } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useMe, useSession } from '../../session.tsx';
import { JobFormModal, JobStatusTag, useJobWriter, wageText } from './jobParts.tsx';

export function JobsPage() {
  const navigate = useNavigate();
  const me = useMe();
  const canWrite = useJobWriter(useSession());
  const [status, setStatus] = useState<(typeof jobStatuses)[number] | 'all'>('open');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = usePagedList('/api/jobs', { query: { status, q: q || undefined } }, { showTotal: (t) => `共 ${formatCount(t)} 个岗位` });

  const columns: TableProps<JobSummary>['columns'] = [
    {
      title: '岗位',
      render: (_, j) => (
        <div className="two-line">
          <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/jobs/${j.id}`)}>
            {j.title}
          </Button>
          <Typography.Text type="secondary" className="small">
            {j.employer.name}
          </Typography.Text>
        </div>
      ),
    },
    { title: '地点', width: 170, responsive: ['md'], render: (_, j) => j.town.name },
    { title: '工资', width: 170, responsive: ['sm'], render: (_, j) => wageText(j) },
    { title: '人数', width: 70, align: 'right', render: (_, j) => formatCount(j.headcount) },
    { title: '有效期至', width: 110, responsive: ['lg'], render: (_, j) => j.validUntil },
    { title: '状态', width: 110, render: (_, j) => <JobStatusTag job={j} /> },
  ];

  return (
    <>
      <ListPage<JobSummary>
        title="岗位"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发布岗位
            </Button>
          )
        }
        filters={
          <>
            <Select
              aria-label="状态"
              value={status}
              onChange={setStatus}
              style={{ width: 130 }}
              options={[...jobStatuses.map((s) => ({ value: s, label: jobStatusLabels[s] })), { value: 'all' as const, label: '全部' }]}
            />
            <ListSearch aria-label="搜索岗位" placeholder="岗位名称或单位名称" value={q || undefined} onSearch={(v) => setQ(v?.trim() ?? '')} reload={list.reload} />
          </>
        }
        list={list}
        columns={columns}
        emptyText="管理范围内还没有岗位"
        testId="jobs"
      />
      {creating && (
        <JobFormModal
          orgId={me.org.id}
          orgName={me.org.name}
          onCancel={() => setCreating(false)}
          onDone={(j) => {
            setCreating(false);
            navigate(`/jobs/${j.id}`);
          }}
        />
      )}
    </>
  );
}
