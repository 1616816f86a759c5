// 帮扶活动: the aid campaigns (送温暖, 金秋助学, 夏送清凉, 求学圆梦 …) published in the caller's subtree
// or reaching into it, each with its phase, the budget used (reserved for the notice and the
// awarded) and the applications of the caller's scope by state (待审核, 公示中, 已确定资助 …).
import '../../components/common.css';
import './campaigns.css';
import { useNavigate } from 'react-router-dom';
import { Button, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { campaignKindLabels, campaignKinds, campaignPhaseLabels, type CampaignKind, type CampaignSummary } from '../../../../contracts/campaigns.ts';
import { formatCount, formatWhen } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { publishedFilters, usePublishedFilters } from '../../components/PublishedFilters.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { formatAmount, phaseColors } from './campaignLabels.ts';

export function BudgetUsed({ c }: { c: Pick<CampaignSummary, 'budgetReserved' | 'budgetTotal' | 'budgetUnit'> }) {
  const pct = c.budgetTotal > 0 ? Math.min(100, Math.round((c.budgetReserved / c.budgetTotal) * 100)) : 0;
  return (
    <div className="cmp-budget" data-testid="budget-used">
      <div className="num small">
        {formatAmount(c.budgetReserved, c.budgetUnit)} / {formatAmount(c.budgetTotal, c.budgetUnit)}
      </div>
      <Progress percent={pct} size="small" showInfo={false} status={pct >= 100 ? 'exception' : 'normal'} aria-label={`预算已用 ${pct}%`} />
    </div>
  );
}

export function CampaignsPage() {
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const canPublish = hasRole('admin') || hasRole('clerk');
  const { filters, change } = usePublishedFilters<CampaignKind>();
  const list = usePagedList('/api/campaigns', { query: { ...filters } }, {
    showSizeChanger: true,
    showTotal: (t) => `共 ${formatCount(t)} 个活动`,
  });

  const columns: TableProps<CampaignSummary>['columns'] = [
    {
      title: '活动名称',
      dataIndex: 'title',
      render: (v: string, c) => (
        <div className="two-line">
          <div>
            <Button type="link" size="small" className="cell-link cmp-title-link" onClick={() => navigate(`/campaigns/${c.id}`)}>
              {v}
            </Button>
          </div>
          <Space size={4} wrap>
            <Tag bordered={false} color="volcano">
              {campaignKindLabels[c.kind]}
            </Tag>
            {c.lottery && (
              <Tag bordered={false} color="geekblue">
                超额抽签
              </Tag>
            )}
            <Typography.Text type="secondary" className="small">
              {c.org.name}
            </Typography.Text>
          </Space>
        </div>
      ),
    },
    {
      title: '阶段',
      width: 90,
      render: (_, c) => <Tag color={phaseColors[c.phase]}>{campaignPhaseLabels[c.phase]}</Tag>,
    },
    {
      title: '申请时间',
      width: 170,
      render: (_, c) => (
        <div className="two-line small">
          <div>{formatWhen(c.applyOpensAt)} 起</div>
          <div>{formatWhen(c.applyClosesAt)} 止</div>
        </div>
      ),
    },
    {
      title: '名额 / 每人',
      width: 130,
      align: 'right',
      render: (_, c) => (
        <div className="two-line num">
          <div>{formatCount(c.quota)} 人</div>
          <Typography.Text type="secondary" className="small">
            {formatAmount(c.awardAmount, c.budgetUnit)}
          </Typography.Text>
        </div>
      ),
    },
    { title: '预算已用', width: 210, render: (_, c) => <BudgetUsed c={c} /> },
    {
      title: '申请（本辖区）',
      width: 230,
      render: (_, c) => {
        const n = c.counts;
        if (!n) return '—';
        const total = Object.values(n).reduce((s, x) => s + x, 0);
        return (
          <div className="two-line small num">
            <div>
              共 {formatCount(total)} 份，待审核 <b className={n.in_review ? 'danger-text' : undefined}>{formatCount(n.in_review)}</b>
            </div>
            <Typography.Text type="secondary">
              审核通过 {formatCount(n.approved)} · 公示中 {formatCount(n.in_notice)} · 已确定资助 {formatCount(n.awarded)}
            </Typography.Text>
          </div>
        );
      },
    },
    {
      title: '操作',
      width: 90,
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => navigate(`/campaigns/${c.id}`)}>
          审核与详情
        </Button>
      ),
    },
  ];

  return (
    <ListPage<CampaignSummary>
      className="cmp-head-card"
      title="帮扶活动"
      extra={
        <Tooltip title={canPublish ? undefined : '只有单位管理员和经办人可以发布帮扶活动'}>
          <Button type="primary" icon={<PlusOutlined />} disabled={!canPublish} onClick={() => navigate('/campaigns/new')}>
            发布帮扶活动
          </Button>
        </Tooltip>
      }
      intro={
        <Typography.Paragraph type="secondary" className="cmp-intro">
          送温暖、金秋助学、夏送清凉、求学圆梦等：会员在手机上申请（或工作人员代为申请），逐级审核，超额抽签，公示无异议后点对点发放。
        </Typography.Paragraph>
      }
      filters={publishedFilters({ value: filters, onChange: change, kinds: campaignKinds, kindLabels: campaignKindLabels })}
      list={list}
      columns={columns}
      emptyText={canPublish ? '还没有帮扶活动，点击右上角“发布帮扶活动”' : '还没有帮扶活动'}
      table={{ scroll: { x: 1100 } }}
    />
  );
}
