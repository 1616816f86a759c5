// The rights tickets' small shared parts in the console: state tags, money in yuan, the deadline as
// a clerk reads it (Beijing time; red when overdue; 剩 N 个工作日), and the roles that may write.
import { Tag, Typography } from 'antd';
import { ticketStateLabels, type TicketState, type TicketSummary } from '../../../../contracts/tickets.ts';
import { formatDay } from '../../../shared/format.ts';
import type { StateTags } from '../../components/StateTag.tsx';

const stateColors: Record<TicketState, string> = { pending: 'orange', in_progress: 'blue', paused: 'default', closed: 'green' };
export const ticketStateTags: StateTags = Object.fromEntries(
  (Object.keys(ticketStateLabels) as TicketState[]).map((s) => [s, { label: ticketStateLabels[s], color: stateColors[s] }]),
);

/** ¥3,200.00 from fen. */
export function formatFen(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Yuan typed by a clerk (3200, 3,200.5) to fen; undefined when it is not an amount. */
export function yuanToFen(yuan: string | number | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || yuan === '') return 0;
  const n = typeof yuan === 'number' ? yuan : Number(String(yuan).replace(/[,，\s¥]/g, ''));
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.round(n * 100);
}

/**
 * A deadline as people read it: the server's deadline is the Beijing midnight ending its last day,
 * shown as that day at 24:00 (2026-12-14 24:00), as official time limits are written.
 */
export function formatDue(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${formatDay(new Date(Date.parse(iso) - 1).toISOString())} 24:00`;
}

/** The deadline of the union holding a ticket, as the queue and the detail show it. */
export function Deadline({ t }: { t: Pick<TicketSummary, 'dueAt' | 'overdue' | 'state' | 'workingDaysLeft'> }) {
  if (t.state === 'closed') return <Typography.Text type="secondary">已办结</Typography.Text>;
  if (!t.dueAt) return <>—</>;
  return (
    <div className="two-line">
      <div>
        <Typography.Text type={t.overdue ? 'danger' : undefined} strong={t.overdue}>
          {formatDue(t.dueAt)}
        </Typography.Text>
      </div>
      <div className="small">
        {t.overdue ? (
          <Tag color="red">已超期</Tag>
        ) : t.state === 'paused' ? (
          <Typography.Text type="secondary">已挂起，期限顺延</Typography.Text>
        ) : t.workingDaysLeft === null ? null : t.workingDaysLeft === 0 ? (
          <Typography.Text type="warning">今日到期</Typography.Text>
        ) : (
          <Typography.Text type="secondary">剩 {t.workingDaysLeft} 个工作日</Typography.Text>
        )}
      </div>
    </div>
  );
}
