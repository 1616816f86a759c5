// A campaign for staff: what was published and where it stands (phase, budget used, applications by
// state), and its tabs — 审核 (the review queue per level), 抽签 (when a lottery is set), 公示 (start
// it, the masked list, objections), 发放 (the payouts at a glance, with the way to 发放管理) and 活动信息;
// 代为申请 for a member, and cancelling.
import '../../components/common.css';
import './campaigns.css';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  budgetUnitLabels,
  campaignKindLabels,
  campaignPhaseLabels,
  campaignTargetGroupLabels,
  payoutChannelLabels,
  reviewerTierLabels,
  type CampaignDetail,
} from '../../../../contracts/campaigns.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { formatCount, formatDateTime, formatSpan } from '../../../shared/format.ts';
import { useSession } from '../../session.tsx';
import { BudgetUsed } from './CampaignsPage.tsx';
import { formatAmount, phaseColors } from './campaignLabels.ts';
import { LotteryPanel, NoticePanel } from './NoticePanel.tsx';
import { OnBehalfModal } from './OnBehalfModal.tsx';
import { PayoutsPanel } from './PayoutsPanel.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';

function conditionsOf(c: CampaignDetail): string[] {
  const out: string[] = [];
  if (c.minAge !== null || c.maxAge !== null) out.push(`年龄 ${c.minAge ?? '不限'}–${c.maxAge ?? '不限'} 周岁`);
  if (c.minMembershipMonths !== null) out.push(`入会满 ${c.minMembershipMonths} 个月`);
  return out;
}

export function CampaignDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`campaign ${id}`, () => api.get<CampaignDetail>(`/api/campaigns/${id}`));
  return (
    <DetailPage detail={detail} notFound="帮扶活动不存在或不在您的管理范围内" back={{ to: '/campaigns', label: '返回帮扶活动' }}>
      {(c) => <CampaignView c={c} reload={detail.reload} setCampaign={detail.setData} />}
    </DetailPage>
  );
}

function CampaignView({ c, reload, setCampaign }: { c: CampaignDetail; reload: () => Promise<void>; setCampaign: (c: CampaignDetail) => void }) {
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const canWrite = hasRole('admin') || hasRole('clerk');
  const canApplyFor = canWrite || hasRole('reviewer');
  const [cancelling, setCancelling] = useState(false);
  const [applying, setApplying] = useState(false);
  const tab = search.get('tab') ?? 'review';
  const n = c.counts;
  const u = c.budgetUnit;
  const conditions = conditionsOf(c);
  const open = c.status === 'published' && Date.now() >= Date.parse(c.applyOpensAt) && Date.now() < Date.parse(c.applyClosesAt);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="cmp-detail">
      <Card>
        <div className="cmp-head">
          <div className="cmp-head-main">
            <Button type="link" icon={<ArrowLeftOutlined />} className="cell-link" onClick={() => navigate('/campaigns')}>
              帮扶活动
            </Button>
            <Typography.Title level={3} className="cmp-head-title" data-testid="campaign-title">
              {c.title}
            </Typography.Title>
            <Space size={4} wrap>
              <Tag color={phaseColors[c.phase]}>{campaignPhaseLabels[c.phase]}</Tag>
              <Tag bordered={false} color="volcano">
                {campaignKindLabels[c.kind]}
              </Tag>
              <Typography.Text type="secondary">
                {c.org.name} 发布 · 申请 {formatSpan(c.applyOpensAt, c.applyClosesAt)}
              </Typography.Text>
            </Space>
          </div>
          <Space wrap>
            {canApplyFor && (
              <Button icon={<UserAddOutlined />} disabled={!open} title={open ? undefined : '不在申请时间内'} onClick={() => setApplying(true)}>
                代为申请
              </Button>
            )}
            {canWrite && (
              <Button danger icon={<StopOutlined />} disabled={c.status === 'cancelled'} onClick={() => setCancelling(true)}>
                取消活动
              </Button>
            )}
          </Space>
        </div>
        {c.status === 'cancelled' && <Alert type="warning" showIcon message={`活动已取消：${c.cancelReason ?? ''}`} style={{ marginTop: 12 }} />}
        <Row gutter={[16, 16]} className="cmp-figures" data-testid="campaign-figures">
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="待审核" value={n?.in_review ?? 0} valueStyle={n?.in_review ? { color: '#1f5fbf' } : undefined} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="已退回待补充" value={n?.returned ?? 0} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="审核通过待公示" value={n?.approved ?? 0} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="公示中" value={n?.in_notice ?? 0} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="已确定资助" value={n?.awarded ?? 0} suffix={`/ ${formatCount(c.quota)} 名额`} />
          </Col>
          <Col xs={24} sm={8} lg={4}>
            <div className="cmp-figure-budget">
              <div className="ant-statistic-title">预算已用</div>
              <BudgetUsed c={c} />
            </div>
          </Col>
        </Row>
      </Card>

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch({ tab: k }, { replace: true })}
          items={[
            { key: 'review', label: '审核', children: <ReviewPanel campaign={c} onChanged={() => void reload()} /> },
            ...(c.lottery ? [{ key: 'draw', label: '抽签', children: <LotteryPanel campaign={c} canDraw={canWrite} onDrawn={() => void reload()} /> }] : []),
            { key: 'notice', label: '公示', children: <NoticePanel campaign={c} canWrite={canWrite} onChanged={() => void reload()} /> },
            { key: 'payouts', label: '发放', children: <PayoutsPanel campaign={c} /> },
            {
              key: 'info',
              label: '活动信息',
              children: (
                <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered className="cmp-desc">
                  <Descriptions.Item label="发布单位">{c.org.name}（及下级组织的会员可申请）</Descriptions.Item>
                  <Descriptions.Item label="申请时间">{formatSpan(c.applyOpensAt, c.applyClosesAt)}</Descriptions.Item>
                  <Descriptions.Item label="名额">{formatCount(c.quota)} 人，每人 {formatAmount(c.awardAmount, u)}</Descriptions.Item>
                  <Descriptions.Item label="预算">
                    {formatAmount(c.budgetTotal, u)}（{budgetUnitLabels[u]}），已占用 {formatAmount(c.budgetReserved, u)}
                  </Descriptions.Item>
                  <Descriptions.Item label="发放渠道">{payoutChannelLabels[c.payoutChannel]}</Descriptions.Item>
                  <Descriptions.Item label="第二人复核">{c.secondApprovalAbove === null ? '不需要' : `单笔超过 ${formatAmount(c.secondApprovalAbove, u)}`}</Descriptions.Item>
                  <Descriptions.Item label="面向群体">{c.targetGroups.length ? c.targetGroups.map((g) => campaignTargetGroupLabels[g]).join('、') : '全体会员'}</Descriptions.Item>
                  <Descriptions.Item label="申请条件">{conditions.length ? conditions.join('；') : '无'}</Descriptions.Item>
                  <Descriptions.Item label="须上传材料" span={2}>
                    {c.requiredDocuments.length ? c.requiredDocuments.map((d) => d.label).join('、') : '无'}
                  </Descriptions.Item>
                  <Descriptions.Item label="审核层级" span={2}>
                    {c.levels.map((l) => (
                      <div key={l.levelNo}>
                        第 {l.levelNo} 级 {l.name}：{l.reviewerOrg?.name ?? (l.reviewerTier ? reviewerTierLabels[l.reviewerTier] : '申请人所在工会')}，{l.deadlineDays} 天内
                      </div>
                    ))}
                  </Descriptions.Item>
                  <Descriptions.Item label="抽签">{c.lottery ? `审核通过超过名额时抽签（种子承诺 ${c.seedCommitment?.slice(0, 16) ?? ''}…）` : '不抽签'}</Descriptions.Item>
                  <Descriptions.Item label="公示">{c.noticeDays} 天{c.noticeStartedAt ? `，${formatDateTime(c.noticeStartedAt)} 开始` : ''}</Descriptions.Item>
                  <Descriptions.Item label="活动说明" span={2}>
                    <div className="cmp-statement">{c.description || '（未填写）'}</div>
                  </Descriptions.Item>
                  <Descriptions.Item label="发布时间">{formatDateTime(c.createdAt)}</Descriptions.Item>
                </Descriptions>
              ),
            },
          ]}
        />
      </Card>
      <OnBehalfModal
        campaign={c}
        open={applying}
        onClose={() => setApplying(false)}
        onDone={() => {
          setApplying(false);
          void reload();
        }}
      />
      <CancelCampaignModal
        open={cancelling}
        campaign={c}
        onClose={() => setCancelling(false)}
        onDone={(next) => {
          setCancelling(false);
          setCampaign(next);
          message.success('活动已取消，已申请的会员将收到通知');
        }}
      />
    </Space>
  );
}

function CancelCampaignModal(props: { open: boolean; campaign: CampaignDetail; onClose: () => void; onDone: (c: CampaignDetail) => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  return (
    <Modal
      open={props.open}
      title="取消帮扶活动"
      okText="确认取消活动"
      okButtonProps={{ danger: true, loading: busy }}
      cancelText="不取消"
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async ({ reason }) => {
          setBusy(true);
          setProblem(undefined);
          try {
            props.onDone(await api.post<CampaignDetail>(`/api/campaigns/${props.campaign.id}/cancel`, { reason: reason.trim() }));
          } catch (err) {
            setProblem(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="取消后审核中、公示中的申请全部作废（公示占用的预算释放），已确定资助的保留；已申请的会员将收到短信通知。此操作不能撤回。"
        />
        {problem && <Alert type="error" message={problem} style={{ marginBottom: 16 }} />}
        <Form.Item name="reason" label="取消原因" rules={[{ required: true, message: '请填写取消原因（将通知已申请的会员）' }, { min: 2, message: '至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：资金来源调整，活动另行发布" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
