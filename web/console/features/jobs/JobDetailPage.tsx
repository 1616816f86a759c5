// 岗位 详情: employer, occupation, place, wage, shift, headcount, valid until; the skills required with
// their levels (新八级) and which are essential; the contact masked (查看: a reason, audited); 结束招聘 and
// 撤回 with a reason (admins and clerks, while the job is open).
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { jobEmploymentLabels, jobShiftLabels, type JobDetail } from '../../../../contracts/jobs.ts';
import { api } from '../../../shared/api.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useSession } from '../../session.tsx';
import { JobStatusTag, useJobWriter, wageText } from './jobParts.tsx';

export function JobDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`job ${id}`, () => api.get('/api/jobs/:id', { params: { id: String(id) } }), { keep: true });
  return (
    <DetailPage detail={detail} notFound="岗位不存在或不在您的管理范围内" back={{ to: '/jobs', label: '返回岗位' }}>
      {(j) => <JobView job={j} onChanged={detail.reload} />}
    </DetailPage>
  );
}

function JobView({ job, onChanged }: { job: JobDetail; onChanged: () => void }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canWrite = useJobWriter(useSession());
  const [ending, setEnding] = useState<'close' | 'withdraw'>();
  const [revealing, setRevealing] = useState(false);
  const [contact, setContact] = useState<{ contactName: string | null; contactPhone: string | null }>();
  const close = useIdempotentPost('/api/jobs/:id/close');
  const withdraw = useIdempotentPost('/api/jobs/:id/withdraw');
  const open = job.status === 'open';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle>{job.title}</PageTitle>}
        extra={
          <Space wrap>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(job.fair ? `/job-fairs/${job.fair.id}` : '/jobs')}>
              {job.fair ? '返回招聘会' : '返回岗位'}
            </Button>
            {canWrite && open && <Button onClick={() => setEnding('close')}>结束招聘</Button>}
            {canWrite && open && (
              <Button danger onClick={() => setEnding('withdraw')}>
                撤回
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <JobStatusTag job={job} />
          {job.fair && <Tag color="blue">{job.fair.title}</Tag>}
        </Space>
        {job.statusReason && <Typography.Paragraph type="secondary">原因：{job.statusReason}</Typography.Paragraph>}
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label="用人单位">{job.employer.name}</Descriptions.Item>
          <Descriptions.Item label="发布工会">{job.org.name}</Descriptions.Item>
          <Descriptions.Item label="职业">{job.occupation ? `${job.occupation.name}（${job.occupation.code}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="工作地点">
            {job.town.name} {job.address}
          </Descriptions.Item>
          <Descriptions.Item label="工资">{wageText(job)}</Descriptions.Item>
          <Descriptions.Item label="班次 · 用工形式">
            {jobShiftLabels[job.shift]} · {jobEmploymentLabels[job.employment]}
          </Descriptions.Item>
          <Descriptions.Item label="招聘人数">{formatCount(job.headcount)}</Descriptions.Item>
          <Descriptions.Item label="有效期至">{job.validUntil}</Descriptions.Item>
          <Descriptions.Item label="发布时间">{formatDateTime(job.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="联系人">
            {contact ? (
              <span>
                {contact.contactName} <span className="mono">{contact.contactPhone}</span>
              </span>
            ) : (
              <span>
                {job.contactName ?? '—'} <span className="mono">{job.contactPhone}</span>{' '}
                {canWrite && (job.contactName || job.contactPhone) && (
                  <Button type="link" size="small" onClick={() => setRevealing(true)}>
                    查看
                  </Button>
                )}
              </span>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <SectionTitle>技能要求</SectionTitle>
        <Table
          size="small"
          rowKey={(s) => s.skill.id}
          pagination={false}
          dataSource={job.skills}
          columns={[
            { title: '技能', render: (_, s) => `${s.skill.name}（${s.skill.code}）` },
            { title: '最低等级', width: 160, render: (_, s) => s.levelLabel },
            { title: '', width: 90, render: (_, s) => (s.essential ? <Tag color="red">必备</Tag> : <Tag>加分项</Tag>) },
          ]}
        />
      </Card>
      <ReasonModal
        open={ending !== undefined}
        title={ending === 'withdraw' ? '撤回岗位' : '结束招聘'}
        okText={ending === 'withdraw' ? '撤回' : '结束招聘'}
        warning={ending === 'withdraw' ? '撤回后会员不再看到该岗位（如发布有误）。' : '结束后会员不再看到该岗位（已招满或不再招聘）。'}
        label="原因"
        required="请填写原因"
        placeholder={ending === 'withdraw' ? '如：单位信息填写有误' : '如：已招满'}
        cancelText="返回"
        onClose={() => setEnding(undefined)}
        onSubmit={async (reason) => {
          const out = await (ending === 'withdraw' ? withdraw : close).post({ params: { id: job.id }, body: { reason } });
          if (out.kind !== 'done') throw new Error(out.message);
          message.success(ending === 'withdraw' ? '已撤回' : '已结束招聘');
          setEnding(undefined);
          onChanged();
        }}
      />
      <ReasonModal
        open={revealing}
        title="查看联系人"
        okText="查看"
        warning="联系人姓名和电话属于个人信息，查看将记入审计。"
        label="查看原因"
        required="请填写查看原因"
        placeholder="如：联系单位核实岗位信息"
        cancelText="返回"
        onClose={() => setRevealing(false)}
        onSubmit={async (reason) => {
          setContact(await api.post('/api/jobs/:id/contact/reveal', { params: { id: job.id }, body: { reason } }));
          setRevealing(false);
        }}
      />
    </Space>
  );
}
