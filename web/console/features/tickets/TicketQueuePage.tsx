// 维权工单: the queue of the caller's union and subtree — tabs 我的 / 本工会 / 下级工会 / 超期 / 督办 /
// 待回访 / 待质检 with their counts, filters by state and category, the caller masked, the deadline in
// Beijing time (red when overdue, 剩 N 个工作日). 登记来电 opens the 12351 desk form; on 待质检 an
// admin or reviewer may draw a random sample (抽检).
import '../../components/common.css';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { App, Badge, Button, InputNumber, Space, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  ticketCategories,
  ticketCategoryLabels,
  ticketChannelLabels,
  ticketQueueViews,
  ticketStates,
  ticketStateLabels,
  ticketTypeLabels,
  type TicketCategory,
  type TicketCounts,
  type TicketQueueView,
  type TicketState,
  type TicketSummary,
} from '../../../../contracts/tickets.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatMinute } from '../../../shared/format.ts';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { Deadline, ticketStateTags } from './ticketParts.tsx';

const viewLabels: Record<TicketQueueView, string> = {
  mine: '我的',
  union: '本工会',
  subtree: '下级工会',
  overdue: '超期',
  escalated: '督办',
  callback: '待回访',
  quality: '待质检',
};
const emptyTexts: Record<TicketQueueView, string> = {
  mine: '没有指定由您经办的在办工单',
  union: '本工会没有在办的工单',
  subtree: '本级及下级没有工单',
  overdue: '没有超期的工单',
  escalated: '没有下级超期提请督办的工单',
  callback: '没有待回访的工单',
  quality: '下级没有待质检的工单',
};

interface Filters {
  state?: TicketState | undefined;
  category?: TicketCategory | undefined;
}

export function TicketQueuePage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const canWrite = hasRole('admin') || hasRole('reviewer') || hasRole('clerk');
  const canCheck = hasRole('admin') || hasRole('reviewer');
  const [params, setParams] = useSearchParams();
  const asked = params.get('view') as TicketQueueView | null;
  const view: TicketQueueView = asked && (ticketQueueViews as readonly string[]).includes(asked) ? asked : 'union';
  const [filters, setFilters] = useState<Filters>({});
  const [sampleSize, setSampleSize] = useState(5);
  const [sample, setSample] = useState<number | undefined>();
  const [counts, setCounts] = useState<TicketCounts>();
  const followupView = view === 'callback' || view === 'quality';
  const list = usePagedList(
    '/api/tickets',
    { query: { view, ...(followupView ? { category: filters.category } : filters), ...(view === 'quality' && sample ? { sample } : {}) } },
    { showTotal: (t) => `共 ${formatCount(t)} 件` },
  );

  useEffect(() => {
    api.get('/api/tickets/counts').then(setCounts, (err: unknown) => message.error(errorMessage(err)));
    // the counts follow the list: a reload of one is a reload of both
  }, [list.data, message]);

  function pick(next: string) {
    setSample(undefined);
    setParams(next === 'union' ? {} : { view: next }, { replace: true });
  }

  const columns: TableProps<TicketSummary>['columns'] = [
    {
      title: '工单号',
      width: 96,
      render: (_, t) => (
        <Button type="link" size="small" className="cell-link mono" onClick={() => navigate(`/tickets/${t.id}`)} aria-label={`查看工单 ${t.id}`}>
          #{t.id}
        </Button>
      ),
    },
    {
      title: '类型 / 类别',
      width: 130,
      render: (_, t) => (
        <div className="two-line">
          <div>{ticketCategoryLabels[t.category]}</div>
          <Typography.Text type="secondary" className="small">
            {ticketTypeLabels[t.type]} · {ticketChannelLabels[t.channel]}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '来电人',
      width: 130,
      render: (_, t) => (
        <div className="two-line">
          <div>{t.callerName}</div>
          <Typography.Text type="secondary" className="small mono">
            {t.callerPhone ?? ''}
          </Typography.Text>
        </div>
      ),
    },
    { title: '工作单位', render: (_, t) => t.employerName ?? (t.gigPlatform ? `${t.gigPlatform}（平台）` : '—') },
    {
      title: '办理工会',
      render: (_, t) => (
        <div className="two-line">
          <div>{t.org.name}</div>
          {t.handler && (
            <Typography.Text type="secondary" className="small">
              经办人 {t.handler.name}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '状态', width: 90, render: (_, t) => <StateTag tags={ticketStateTags} value={t.state} /> },
    followupView
      ? { title: '办结时间', width: 150, render: (_, t) => <span className="mono small">{formatMinute(t.closedAt)}</span> }
      : { title: '办结期限', width: 170, render: (_, t) => <Deadline t={t} /> },
    { title: '登记时间', width: 150, responsive: ['xl'], render: (_, t) => <span className="mono small">{formatMinute(t.createdAt)}</span> },
  ];

  const tabItems = ticketQueueViews
    .filter((v) => v !== 'quality' || canCheck)
    .map((v) => ({
      key: v,
      label: (
        <span>
          {viewLabels[v]}{' '}
          <Badge
            count={counts?.[v] ?? 0}
            showZero
            overflowCount={9999}
            color={(v === 'overdue' || v === 'escalated') && (counts?.[v] ?? 0) > 0 ? '#cf1322' : '#595959'}
          />
        </span>
      ),
    }));

  return (
    <ListPage<TicketSummary>
      title="维权工单"
      testId="ticket-queue"
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void list.reload()}>
            刷新
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PhoneOutlined />} onClick={() => navigate('/tickets/new-call')}>
              登记来电
            </Button>
          )}
        </Space>
      }
      intro={<Tabs activeKey={view} onChange={pick} items={tabItems} />}
      filters={
        <>
          {!followupView && (
            <LabelSelect<TicketState> aria-label="状态" placeholder="全部状态" style={{ width: 120 }} values={ticketStates} labels={ticketStateLabels} value={filters.state} onChange={(state) => setFilters((f) => ({ ...f, state }))} />
          )}
          <LabelSelect<TicketCategory> aria-label="类别" placeholder="全部类别" style={{ width: 140 }} values={ticketCategories} labels={ticketCategoryLabels} value={filters.category} onChange={(category) => setFilters((f) => ({ ...f, category }))} />
          {view === 'quality' && (
            <Space>
              <InputNumber aria-label="抽检件数" min={1} max={50} value={sampleSize} onChange={(n) => setSampleSize(n ?? 5)} addonAfter="件" style={{ width: 120 }} />
              <Button onClick={() => (sample === sampleSize ? void list.reload() : setSample(sampleSize))}>随机抽检</Button>
              {sample && <Button onClick={() => setSample(undefined)}>显示全部</Button>}
            </Space>
          )}
        </>
      }
      list={list}
      columns={columns}
      emptyText={emptyTexts[view]}
      table={{ scroll: { x: 1000 }, onRow: (t) => ({ onDoubleClick: () => navigate(`/tickets/${t.id}`) }) }}
      after={
        view === 'quality' && sample ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            随机抽取了 {list.data.items.length} 件（共 {formatCount(list.data.total)} 件待质检）；再点“随机抽检”重新抽取。
          </Typography.Paragraph>
        ) : undefined
      }
    />
  );
}
