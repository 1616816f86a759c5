// 普惠活动: the activities published in the caller's subtree, with where each stands and its
// figures (places taken, waitlist or lottery entries, visits, participants, checked in).
import '../../components/common.css';
import './activities.css';
import { useNavigate } from 'react-router-dom';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { activityKindLabels, activityKinds, allocationLabels, type ActivityKind, type ActivitySummary } from '../../../../contracts/activities.ts';
import { formatCount, formatWhen } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { publishedFilters, usePublishedFilters } from '../../components/PublishedFilters.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { phaseColors, phaseLabels, phaseOf } from './activityLabels.ts';

export function ActivitiesPage() {
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const canPublish = hasRole('admin') || hasRole('clerk');
  const { filters, change } = usePublishedFilters<ActivityKind>();
  const list = usePagedList('/api/activities', { query: { ...filters } }, {
    showSizeChanger: true,
    showTotal: (t) => `共 ${formatCount(t)} 个活动`,
  });

  const columns: TableProps<ActivitySummary>['columns'] = [
    {
      title: '活动名称',
      dataIndex: 'title',
      render: (v: string, a) => (
        <div className="two-line">
          <div>
            <Button type="link" size="small" className="cell-link act-title-link" onClick={() => navigate(`/activities/${a.id}`)}>
              {v}
            </Button>
          </div>
          <Space size={4} wrap>
            <Tag bordered={false}>{activityKindLabels[a.kind]}</Tag>
            <Tag bordered={false} color={a.allocation === 'lottery' ? 'geekblue' : undefined}>
              {allocationLabels[a.allocation]}
            </Tag>
            <Typography.Text type="secondary" className="small">
              {a.org.name}
            </Typography.Text>
          </Space>
        </div>
      ),
    },
    {
      title: '状态',
      width: 100,
      render: (_, a) => {
        const p = phaseOf(a);
        return <Tag color={phaseColors[p]}>{phaseLabels[p]}</Tag>;
      },
    },
    {
      title: '报名时间 / 活动时间',
      width: 210,
      render: (_, a) => (
        <div className="two-line small">
          <div>报名 {formatWhen(a.signupOpensAt)} 起</div>
          <div>截止 {formatWhen(a.signupClosesAt)}</div>
          <Typography.Text type="secondary">活动 {formatWhen(a.startsAt)}</Typography.Text>
        </div>
      ),
    },
    {
      title: '名额',
      width: 120,
      align: 'right',
      render: (_, a) => {
        const f = a.figures;
        if (!f) return '—';
        return (
          <div className="two-line num">
            <div>
              {formatCount(f.placesTaken)} / {formatCount(a.places)}
            </div>
            <Typography.Text type="secondary" className="small">
              {a.allocation === 'lottery' ? `抽签 ${formatCount(f.entered)} 人` : `候补 ${formatCount(f.waitlisted)} 人`}
            </Typography.Text>
          </div>
        );
      },
    },
    { title: '访问人数', width: 92, align: 'right', render: (_, a) => <span className="num">{formatCount(a.figures?.visits ?? 0)}</span> },
    { title: '参与人数', width: 92, align: 'right', render: (_, a) => <span className="num">{formatCount(a.figures?.participants ?? 0)}</span> },
    { title: '已签到', width: 80, align: 'right', render: (_, a) => <span className="num">{formatCount(a.figures?.checkedIn ?? 0)}</span> },
    {
      title: '操作',
      width: 120,
      render: (_, a) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/activities/${a.id}`)}>
            详情
          </Button>
          <Button type="link" size="small" disabled={a.status === 'cancelled'} onClick={() => navigate(`/activities/${a.id}/checkin`)}>
            签到
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <ListPage<ActivitySummary>
      className="act-head-card"
      title="普惠活动"
      extra={
        <Space>
          <Button icon={<QrcodeOutlined />} onClick={() => navigate('/activities/checkin')}>
            活动签到
          </Button>
          <Tooltip title={canPublish ? undefined : '只有单位管理员和经办人可以发布活动'}>
            <Button type="primary" icon={<PlusOutlined />} disabled={!canPublish} onClick={() => navigate('/activities/new')}>
              发布活动
            </Button>
          </Tooltip>
        </Space>
      }
      filters={publishedFilters({ value: filters, onChange: change, kinds: activityKinds, kindLabels: activityKindLabels })}
      list={list}
      columns={columns}
      emptyText={canPublish ? '还没有活动，点击右上角“发布活动”' : '还没有活动'}
      table={{ scroll: { x: 1000 } }}
    />
  );
}
