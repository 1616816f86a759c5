// An activity for staff: what was published, its figures, the sign-ups (names masked) and the
// waitlist, the lottery (seed commitment, draw, published seed) and the notice of results (公示);
// cancelling it, and the way to check members in.
import '../../components/common.css';
import './activities.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Descriptions, Segmented, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined, EnvironmentOutlined, QrcodeOutlined, StopOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { activityKindLabels, allocationLabels, signupStatusLabels, targetGroupLabels, type ActivityDetail, type SignupStatus, type staffSignupSchema } from '../../../../contracts/activities.ts';
import { api } from '../../../shared/api.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { DetailFrame } from '../../components/DetailFrame.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { formatCount, formatDateTime, formatSpan, formatWhen } from '../../../shared/format.ts';
import { useSession } from '../../session.tsx';
import { phaseColors, phaseLabels, phaseOf, signupStatusColors } from './activityLabels.ts';
import { EditActivityDrawer } from './EditActivityDrawer.tsx';
import { DrawPanel, ResultsPanel } from './DrawPanels.tsx';
import { SectionTitle } from '../../components/PageTitle.tsx';

type StaffSignup = z.infer<typeof staffSignupSchema>;

function rulesOf(a: ActivityDetail): string[] {
  const out: string[] = [];
  if (a.minAge !== null || a.maxAge !== null) out.push(`年龄 ${a.minAge ?? '不限'}–${a.maxAge ?? '不限'} 岁`);
  if (a.minMembershipMonths !== null) out.push(`入会满 ${a.minMembershipMonths} 个月`);
  if (a.sameKindGapMonths !== null) out.push(`${a.sameKindGapMonths} 个月内未参加过同类活动`);
  if (a.childMinAge !== null || a.childMaxAge !== null) out.push(`子女 ${a.childMinAge ?? 0}–${a.childMaxAge ?? '不限'} 岁`);
  return out;
}

export function ActivityDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`activity ${id}`, () => api.get('/api/activities/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="活动不存在或不在您的管理范围内" back={{ to: '/activities', label: '返回活动列表' }}>
      {(a) => <ActivityView a={a} reload={detail.reload} setActivity={detail.setData} />}
    </DetailPage>
  );
}

function ActivityView({ a, reload, setActivity }: { a: ActivityDetail; reload: () => Promise<void>; setActivity: (a: ActivityDetail) => void }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const canWrite = hasRole('admin') || hasRole('clerk');
  const [cancelling, setCancelling] = useState(false);
  const [editing, setEditing] = useState(false);
  const phase = phaseOf(a);
  const f = a.figures;

  const lotteryPending = a.allocation === 'lottery' && a.batches.some((b) => b.drawnAt === null);

  return (
    <DetailFrame
      className="act-detail"
      back={{ to: '/activities', label: '普惠活动' }}
      title={a.title}
      titleTestId="activity-title"
      tags={
        <>
          <Tag color={phaseColors[phase]}>{phaseLabels[phase]}</Tag>
          <Tag bordered={false}>{activityKindLabels[a.kind]}</Tag>
          <Tag bordered={false} color={a.allocation === 'lottery' ? 'geekblue' : undefined}>
            {allocationLabels[a.allocation]}
          </Tag>
          <Typography.Text type="secondary">{a.org.name} 发布</Typography.Text>
        </>
      }
      actions={
        <>
          <Button type="primary" icon={<QrcodeOutlined />} disabled={a.status === 'cancelled'} onClick={() => navigate(`/activities/${a.id}/checkin`)}>
            签到
          </Button>
          {a.kind === 'training' && (
            <Button onClick={() => navigate(`/activities/${a.id}/course`)} data-testid="activity-course">
              课程与结业
            </Button>
          )}
          {canWrite && (
            <Button icon={<EditOutlined />} disabled={a.status === 'cancelled'} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
          {canWrite && (
            <Button danger icon={<StopOutlined />} disabled={a.status === 'cancelled'} onClick={() => setCancelling(true)}>
              取消活动
            </Button>
          )}
        </>
      }
      cancelled={a.status === 'cancelled' ? { reason: a.cancelReason } : undefined}
      figures={
        f ? {
          className: 'act-figures',
          testId: 'activity-figures',
          items: [
            { title: '访问人数', value: f.visits },
            { title: '参与人数', value: f.participants },
            { title: '已签到', value: f.checkedIn },
            { title: '已占名额', value: f.placesTaken, suffix: `/ ${formatCount(a.places)}` },
            lotteryPending
              ? { title: '参加抽签（待抽签）', value: f.entered }
              : { title: a.allocation === 'lottery' ? '未中签（候补）' : '候补', value: f.waitlisted },
          ],
        } : undefined
      }
      tabs={{
        items: [
          { key: 'signups', label: '报名名单', children: <SignupsTable activityId={a.id} /> },
          ...(a.allocation === 'lottery' ? [{ key: 'draw', label: '抽签', children: <DrawPanel activity={a} canDraw={canWrite} onDrawn={() => void reload()} /> }] : []),
          { key: 'results', label: '结果公示', children: <ResultsPanel activityId={a.id} /> },
          { key: 'info', label: '活动信息', children: <ActivityInfo a={a} /> },
        ],
      }}
    >
      <EditActivityDrawer
        open={editing}
        activity={a}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          setEditing(false);
          setActivity(next);
          void reload();
        }}
      />
      <ReasonModal
        open={cancelling}
        title="取消活动"
        okText="确认取消活动"
        warning={
          a.figures?.participants
            ? `已有 ${formatCount(a.figures.participants)} 人报名成功，取消后全部报名作废，并以短信通知他们取消原因。`
            : '取消后会员不能再报名，此操作不能撤回。'
        }
        label="取消原因"
        required="请填写取消原因（将通知已报名会员）"
        placeholder="如：受台风影响，活动取消，另行通知"
        onClose={() => setCancelling(false)}
        onSubmit={async (reason) => {
          const next = await api.post('/api/activities/:id/cancel', { params: { id: a.id }, body: { reason } });
          setCancelling(false);
          setActivity(next);
          message.success('活动已取消，已报名的会员将收到通知');
        }}
      />
    </DetailFrame>
  );
}

function ActivityInfo({ a }: { a: ActivityDetail }) {
  const rules = rulesOf(a);
  return (
    <>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered className="act-desc">
        <Descriptions.Item label="发布单位">{a.org.name}（及下级组织的会员可报名）</Descriptions.Item>
        <Descriptions.Item label="名额">
          {formatCount(a.places)} 人，每人最多 {a.perMemberLimit} 个名额
          {a.allocation === 'first_come' && `，候补 ${formatCount(a.waitlistPlaces)} 人`}
        </Descriptions.Item>
        <Descriptions.Item label="报名时间">{formatSpan(a.signupOpensAt, a.signupClosesAt)}</Descriptions.Item>
        <Descriptions.Item label="活动时间">{formatSpan(a.startsAt, a.endsAt)}</Descriptions.Item>
        {a.batches.length > 1 && (
          <Descriptions.Item label="分批报名" span={2}>
            {a.batches.map((b) => (
              <div key={b.batchNo}>
                第 {b.batchNo} 批：{formatCount(b.places)} 人，{formatSpan(b.signupOpensAt, b.signupClosesAt)}
                {b.drawnAt && `（${formatWhen(b.drawnAt)} 已抽签）`}
              </div>
            ))}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="取消报名截止">{formatWhen(a.cancelDeadline)}</Descriptions.Item>
        <Descriptions.Item label="地点">
          {a.location ?? '—'}
          {a.mapUrl && (
            <a href={a.mapUrl} target="_blank" rel="noopener noreferrer" className="act-map-link">
              <EnvironmentOutlined /> 地图
            </a>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="面向群体">{a.targetGroups.length ? a.targetGroups.map((g) => targetGroupLabels[g]).join('、') : '全体会员'}</Descriptions.Item>
        <Descriptions.Item label="报名条件">{rules.length ? rules.join('；') : '无'}</Descriptions.Item>
        <Descriptions.Item label="发布时间">{formatDateTime(a.createdAt)}</Descriptions.Item>
      </Descriptions>
      <SectionTitle style={{ marginTop: 16 }}>活动介绍</SectionTitle>
      {a.description ? (
        // sanitised by the server (a fixed safe subset of tags, http/https links only)
        <div className="act-description" dangerouslySetInnerHTML={{ __html: a.description }} />
      ) : (
        <Typography.Text type="secondary">（未填写）</Typography.Text>
      )}
    </>
  );
}

const signupFilters: { value: SignupStatus | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'confirmed', label: '报名成功' },
  { value: 'waitlisted', label: '候补' },
  { value: 'entered', label: '参加抽签' },
  { value: 'cancelled', label: '已取消' },
];

const signupColumns: TableProps<StaffSignup>['columns'] = [
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '会员号', dataIndex: 'memberNo', width: 130, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
  { title: '所属工会', dataIndex: 'orgName', ellipsis: true },
  { title: '批次', dataIndex: 'batchNo', width: 64, render: (v: number) => `第 ${v} 批` },
  { title: '人数', dataIndex: 'seats', width: 60, align: 'right' },
  { title: '状态', dataIndex: 'status', width: 96, render: (s: SignupStatus) => <Tag color={signupStatusColors[s]}>{signupStatusLabels[s]}</Tag> },
  { title: '报名时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  {
    title: '签到',
    dataIndex: 'checkedInAt',
    width: 170,
    render: (v: string | null) => (v ? <Typography.Text type="success">{formatDateTime(v)}</Typography.Text> : <Typography.Text type="secondary">未签到</Typography.Text>),
  },
];

function SignupsTable({ activityId }: { activityId: number }) {
  const [status, setStatus] = useState<SignupStatus | 'all'>('all');
  const list = usePagedList('/api/activities/:id/signups', { params: { id: activityId }, query: { status } }, { showSizeChanger: false, showTotal: (t) => `共 ${formatCount(t)} 条（姓名已脱敏）` });
  return (
    <>
      <div className="act-segmented">
        <Segmented<SignupStatus | 'all'> value={status} onChange={setStatus} options={signupFilters} />
      </div>
      <PagedTable<StaffSignup> list={list} columns={signupColumns} emptyText={status === 'waitlisted' ? '没有候补的会员' : '还没有会员报名'} width={900} />
    </>
  );
}
