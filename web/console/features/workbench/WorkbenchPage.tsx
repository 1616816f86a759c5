// 工作台: the console's first page — what waits for the logged-in staff member in their subtree, with
// a way to each: joins to approve, transfers in, campaign applications at a level their union reviews
// (the overdue in red, campaign by campaign), payouts awaiting a second approval, objections to a
// notice, rights tickets waiting for me and those overdue in the subtree, problems workers reported on
// places of the subtree (the nearest deadlines listed). A role that may not act
// sees the counts only.
import './workbench.css';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Empty, List, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { placeProblemKindLabels } from '../../../../contracts/place-status.ts';
import type { Workbench } from '../../../../contracts/workbench.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDay } from '../../../shared/format.ts';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

type CampaignRow = Workbench['campaignReviews']['campaigns'][number];

interface Tile {
  key: string;
  title: string;
  count: number;
  canAct: boolean;
  to: string;
  action: string;
  extra?: ReactNode;
}

function TileCard({ tile, onOpen }: { tile: Tile; onOpen: (to: string) => void }) {
  return (
    <Card size="small" className={`workbench-tile${tile.count > 0 ? ' workbench-tile-busy' : ''}`} data-testid={`todo-${tile.key}`}>
      <Statistic title={tile.title} value={tile.count} formatter={(v) => formatCount(Number(v))} />
      <div className="workbench-tile-foot">
        <span>{tile.extra}</span>
        {tile.canAct && tile.count > 0 && (
          <Button type="link" size="small" onClick={() => onOpen(tile.to)}>
            {tile.action}
          </Button>
        )}
      </div>
    </Card>
  );
}

function CampaignList({ title, rows, unit, showOverdue, link, onOpen }: { title: string; rows: CampaignRow[]; unit: string; showOverdue: boolean; link: (id: number) => string; onOpen: (to: string) => void }) {
  if (rows.length === 0) return null;
  return (
    <Card size="small" title={<SectionTitle>{title}</SectionTitle>} className="workbench-list">
      <List
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <Space wrap size={[8, 4]}>
              <Typography.Link strong onClick={() => onOpen(link(r.campaignId))}>
                {r.title}
              </Typography.Link>
              <Tag>
                {formatCount(r.count)} {unit}
              </Tag>
              {showOverdue && r.overdue > 0 && <Tag color="red">超期 {formatCount(r.overdue)}</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The place problems with the nearest deadlines (a deadline is the midnight ending its last day). */
function PlaceProblemList({ rows, onOpen }: { rows: Workbench['placeProblems']['next']; onOpen: (to: string) => void }) {
  if (rows.length === 0) return null;
  return (
    <Card size="small" title={<SectionTitle>阵地问题（按处理期限）</SectionTitle>} className="workbench-list" data-testid="place-problem-list">
      <List
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <Space wrap size={[8, 4]}>
              <Typography.Link strong onClick={() => onOpen(`/place-problems/${r.id}`)}>
                {r.placeName}：{placeProblemKindLabels[r.kind]}
              </Typography.Link>
              <Typography.Text type="secondary">{r.orgName}</Typography.Text>
              {r.overdue ? <Tag color="red">已超期</Tag> : <Tag>{formatDay(new Date(new Date(r.dueAt).getTime() - 1000).toISOString())} 前处理</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function WorkbenchPage() {
  const navigate = useNavigate();
  const [data, setData] = useState<Workbench>();
  const [problem, setProblem] = useState<string>();
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get('/api/workbench'));
      setProblem(undefined);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const open = (to: string) => navigate(to);
  const tiles: Tile[] = data
    ? [
        { key: 'member-applications', title: '入会申请待审核', count: data.memberApplications.count, canAct: data.memberApplications.canAct, to: '/applications', action: '去审核' },
        { key: 'transfers-in', title: '转入申请待确认', count: data.transfersIn.count, canAct: data.transfersIn.canAct, to: '/transfers', action: '去处理' },
        {
          key: 'campaign-reviews',
          title: '帮扶申请待审核',
          count: data.campaignReviews.count,
          canAct: data.campaignReviews.canAct,
          to: data.campaignReviews.campaigns[0] ? `/campaigns/${data.campaignReviews.campaigns[0].campaignId}` : '/campaigns',
          action: '去审核',
          extra: data.campaignReviews.overdue > 0 ? <Tag color="red">超期 {formatCount(data.campaignReviews.overdue)}</Tag> : undefined,
        },
        {
          key: 'payout-approvals',
          title: '发放待复核',
          count: data.payoutApprovals.count,
          canAct: data.payoutApprovals.canAct,
          to: data.payoutApprovals.campaigns[0] ? `/campaigns/${data.payoutApprovals.campaigns[0].campaignId}/payouts` : '/payouts',
          action: '去复核',
        },
        {
          key: 'objections',
          title: '公示异议待处理',
          count: data.objections.count,
          canAct: data.objections.canAct,
          to: data.objections.campaigns[0] ? `/campaigns/${data.objections.campaigns[0].campaignId}` : '/campaigns',
          action: '去处理',
        },
        { key: 'tickets-waiting', title: '维权工单待我处理', count: data.tickets.waiting, canAct: data.tickets.canAct, to: '/tickets?view=union', action: '去办理' },
        {
          key: 'tickets-overdue',
          title: '维权工单超期',
          count: data.tickets.overdue,
          canAct: data.tickets.canAct,
          to: '/tickets?view=overdue',
          action: '去督办',
          extra: data.tickets.overdue > 0 ? <Tag color="red">含下级工会</Tag> : undefined,
        },
        {
          key: 'place-problems',
          title: '阵地问题待处理',
          count: data.placeProblems.open,
          canAct: data.placeProblems.canAct,
          to: '/place-problems?state=open',
          action: '去处理',
          extra:
            data.placeProblems.overdue > 0 || data.placeProblems.escalated > 0 ? (
              <>
                {data.placeProblems.overdue > 0 && <Tag color="red">超期 {formatCount(data.placeProblems.overdue)}</Tag>}
                {data.placeProblems.escalated > 0 && (
                  <Tag color="volcano" data-testid="place-problems-escalated">
                    下级提请督办 {formatCount(data.placeProblems.escalated)}
                  </Tag>
                )}
              </>
            ) : undefined,
        },
        // issue 16: the enterprise file's alerts. Each leads to the list it counts (the register's `alert=`
        // filter shares the counts' SQL); GET /api/enterprises and /api/founding-requests admit every staff role.
        {
          key: 'founding-requests',
          title: '会员建会意愿待处理',
          count: data.fileAlerts.openFoundingRequests.count,
          canAct: true,
          to: data.fileAlerts.openFoundingRequests.link,
          action: '去查看',
        },
        { key: 'contracts-expiring', title: '集体合同 60 天内到期', count: data.fileAlerts.contractsExpiring.count, canAct: true, to: data.fileAlerts.contractsExpiring.link, action: '去查看' },
        { key: 'no-congress', title: '12 个月未召开职代会', count: data.fileAlerts.unionsWithoutCongress.count, canAct: true, to: data.fileAlerts.unionsWithoutCongress.link, action: '去查看' },
        { key: 'members-over-employees', title: '会员数超过申报职工数', count: data.fileAlerts.membersOverEmployees.count, canAct: true, to: data.fileAlerts.membersOverEmployees.link, action: '去查看' },
      ]
    : [];
  const nothing = data !== undefined && tiles.every((t) => t.count === 0);
  const readOnly = data !== undefined && !data.memberApplications.canAct && !data.tickets.canAct && !data.placeProblems.canAct;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle>工作台</PageTitle>}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
            刷新
          </Button>
        }
      >
        {data && (
          <Typography.Paragraph type="secondary" className="workbench-scope">
            {data.orgName}及下级组织的待办事项
          </Typography.Paragraph>
        )}
        {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
        {readOnly && <Alert type="info" showIcon message="您的账号为只读，可查看待办数量，办理请联系本单位管理员或审核人员。" style={{ marginBottom: 12 }} />}
        <Spin spinning={loading && !data}>
          <div className="workbench-tiles">
            {tiles.map((t) => (
              <TileCard key={t.key} tile={t} onOpen={open} />
            ))}
          </div>
          {nothing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" style={{ marginTop: 16 }} />}
        </Spin>
      </Card>
      {data && (
        <div className="workbench-lists">
          <CampaignList title="帮扶申请待审核（按活动）" rows={data.campaignReviews.campaigns} unit="份待审" showOverdue link={(id) => `/campaigns/${id}`} onOpen={open} />
          <CampaignList title="发放待复核（按活动）" rows={data.payoutApprovals.campaigns} unit="笔待复核" showOverdue={false} link={(id) => `/campaigns/${id}/payouts`} onOpen={open} />
          <CampaignList title="公示异议（按活动）" rows={data.objections.campaigns} unit="条待处理" showOverdue={false} link={(id) => `/campaigns/${id}`} onOpen={open} />
          <PlaceProblemList rows={data.placeProblems.next} onOpen={open} />
        </div>
      )}
    </Space>
  );
}
