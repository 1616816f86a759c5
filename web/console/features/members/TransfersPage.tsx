// 会员转接: memberships moving into the caller's subtree (to accept or reject) and out of it (to follow).
import '../../components/common.css';
import './members.css';
import { useState } from 'react';
import { App, Select, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import type { transferSchema } from '../../../../contracts/members.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { LinkActions } from '../../components/LinkActions.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { DeclineModal } from '../../components/DeclineModal.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { transferStatusColors, transferStatusLabels } from './memberLabels.ts';

type Transfer = z.infer<typeof transferSchema>;
type Direction = 'in' | 'out';
type StatusFilter = 'pending' | 'accepted' | 'rejected' | 'cancelled' | 'all';

export function TransfersPage() {
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const canDecide = hasRole('admin') || hasRole('reviewer');
  const [direction, setDirection] = useState<Direction>('in');
  const [status, setStatus] = useState<StatusFilter>('pending');
  const list = usePagedList('/api/members/transfers', { query: { direction, status } }, {
    showTotal: (t) => `共 ${formatCount(t)} 项`,
  });
  const [busy, setBusy] = useState<number>();
  const [rejecting, setRejecting] = useState<Transfer>();
  const { reload } = list;

  async function accept(t: Transfer) {
    setBusy(t.id);
    try {
      await api.post('/api/members/transfers/:id/accept', { params: { id: t.id } });
      message.success(`已接收：${t.member.name} 转入${t.toOrg.name}`);
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  }

  async function reject(t: Transfer, reason: string) {
    await api.post('/api/members/transfers/:id/reject', { params: { id: t.id }, body: { reason } });
    message.success(`已拒绝：${t.member.name}`);
    setRejecting(undefined);
    await reload();
  }

  const columns: TableProps<Transfer>['columns'] = [
    { title: '申请时间', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: '会员',
      width: 130,
      render: (_, t) => (
        <div>
          <strong>{t.member.name}</strong>
          <div className="mono small">{t.member.memberNo ?? '—'}</div>
        </div>
      ),
    },
    { title: '转出工会', dataIndex: ['fromOrg', 'name'], width: 200 },
    { title: '转入工会', dataIndex: ['toOrg', 'name'], width: 200 },
    {
      title: '发起 / 原因',
      render: (_, t) => (
        <div>
          <Tag bordered={false}>{t.requestedBy === 'member' ? '会员本人' : '工作人员'}</Tag>
          {t.reason && <span>{t.reason}</span>}
          {t.routeReason && (
            <Typography.Paragraph type="secondary" className="route-reason" ellipsis={{ rows: 2, tooltip: t.routeReason }}>
              {t.routeReason}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 120,
      render: (v: string, t) => (
        <div>
          <Tag color={transferStatusColors[v]}>{transferStatusLabels[v] ?? v}</Tag>
          {t.rejectReason && <div className="small danger-text">{t.rejectReason}</div>}
          {t.decidedAt && <div className="small muted">{formatDateTime(t.decidedAt)}</div>}
        </div>
      ),
    },
    ...(canDecide && direction === 'in'
      ? [
          {
            title: '操作',
            width: 110,
            render: (_: unknown, t: Transfer) =>
              t.status === 'pending' ? (
                <LinkActions
                  actions={[
                    { label: '接收', loading: busy === t.id, onClick: () => void accept(t) },
                    { label: '拒绝', danger: true, onClick: () => setRejecting(t) },
                  ]}
                />
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <ListPage<Transfer>
        title="会员关系转接"
        intro={
          <>
            <Tabs
              activeKey={direction}
              onChange={(k) => setDirection(k as Direction)}
              items={[
                { key: 'in', label: '转入本单位' },
                { key: 'out', label: '转出本单位' },
              ]}
              tabBarExtraContent={
                <Select<StatusFilter>
                  aria-label="状态"
                  style={{ width: 120 }}
                  value={status}
                  onChange={(v) => setStatus(v)}
                  options={[
                    { value: 'pending', label: '待接收' },
                    { value: 'accepted', label: '已转入' },
                    { value: 'rejected', label: '已拒绝' },
                    { value: 'cancelled', label: '已撤回' },
                    { value: 'all', label: '全部' },
                  ]}
                />
              }
            />
            {direction === 'out' && (
              <Typography.Paragraph type="secondary">转出的会员由接收的工会处理；在其同意前，会员仍属本单位。</Typography.Paragraph>
            )}
          </>
        }
        list={list}
        columns={columns}
        emptyText={status === 'pending' ? (direction === 'in' ? '没有待接收的转入' : '没有待处理的转出') : '没有符合条件的转接'}
        table={{ scroll: { x: 1100 } }}
      />
      <DeclineModal
        open={!!rejecting}
        title={rejecting ? `拒绝转入：${rejecting.member.name}` : '拒绝转入'}
        okText="确认拒绝"
        note={<Typography.Paragraph type="secondary">原因将以短信告知会员；会员关系仍留在{rejecting?.fromOrg.name}。</Typography.Paragraph>}
        label="拒绝原因"
        onSubmit={(reason) => (rejecting ? reject(rejecting, reason) : Promise.resolve())}
        onCancel={() => setRejecting(undefined)}
      />
    </>
  );
}
