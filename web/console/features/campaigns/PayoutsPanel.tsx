// 发放 of a campaign, at a glance: the budget (total, reserved, paid), the payouts of the caller's
// scope by state, and how many awarded applications still wait for one — the work itself (执行发放,
// 复核, 付款文件, 回单) is on the 发放管理 page, linked from here.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Col, Empty, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { CampaignDetail } from '../../../../contracts/campaigns.ts';
import { payoutChannelLabels, payoutStateLabels, type payoutList } from '../../../../contracts/payouts.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { formatAmount } from './campaignLabels.ts';

type PayoutList = z.infer<typeof payoutList>;

/** Where 发放管理 shows one campaign's payouts. */
export const payoutsPagePath = (campaignId: number) => `/campaigns/${campaignId}/payouts`;

export function PayoutsPanel({ campaign }: { campaign: CampaignDetail }) {
  const navigate = useNavigate();
  const [data, setData] = useState<PayoutList>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api
      .get('/api/campaigns/:id/payouts', { params: { id: campaign.id }, query: { pageSize: 1 } })
      .then(setData)
      .catch((err: unknown) => setProblem(errorMessage(err)));
  }, [campaign.id]);
  const u = campaign.budgetUnit;
  const awarded = campaign.counts?.awarded ?? 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="payouts-panel">
      <Alert
        type="info"
        showIcon
        message={`发放渠道：${payoutChannelLabels[campaign.payoutChannel]}${campaign.secondApprovalAbove !== null ? `；单笔超过 ${formatAmount(campaign.secondApprovalAbove, u)} 须第二人复核` : ''}`}
        description="公示期满、无异议（或异议不成立）的申请确定资助后，在“发放管理”中执行发放：积分即时入账，银行转账生成付款文件交银行办理并上传回单，物资由会员签收。每笔发放可追溯，失败可重试且不会重复发放。"
        action={
          <Button type="primary" icon={<ArrowRightOutlined />} onClick={() => navigate(payoutsPagePath(campaign.id))} data-testid="go-payouts">
            前往发放管理
          </Button>
        }
      />
      {problem && <Alert type="warning" message={problem} />}
      {!data && !problem && <Spin />}
      {data && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title="预算总额" value={formatAmount(data.budget.total, u)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已占用（公示及确定资助）" value={formatAmount(data.budget.reserved, u)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已生成发放" value={formatAmount(data.budget.paid, u)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="确定资助、待发放" value={formatCount(data.awardedWithoutPayout)} suffix={`/ ${formatCount(awarded)} 人`} valueStyle={data.awardedWithoutPayout ? { color: '#cf1322' } : undefined} />
            </Col>
          </Row>
          {data.totals.length ? (
            <Table
              rowKey="state"
              size="small"
              pagination={false}
              dataSource={data.totals}
              columns={[
                { title: '状态', dataIndex: 'state', render: (s: keyof typeof payoutStateLabels) => payoutStateLabels[s] },
                { title: '笔数', dataIndex: 'count', align: 'right', render: (v: number) => formatCount(v) },
                { title: '金额', dataIndex: 'amount', align: 'right', render: (v: number) => formatAmount(v, u) },
              ]}
            />
          ) : (
            <Empty description={<Typography.Text type="secondary">还没有发放记录</Typography.Text>} />
          )}
        </>
      )}
    </Space>
  );
}
