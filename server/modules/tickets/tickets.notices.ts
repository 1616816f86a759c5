// Notices to the worker at each step of a ticket (受理, 转办, 退回, 挂起, 延期, 办结, 重新办理, 指派律师):
// an SMS queued in the outbox in the transaction that takes the step, so a refused or rolled-back
// step tells nobody anything. A worker who asked on the app hears of every one of these steps; a
// caller of the hotline (or of a partner system) with a phone hears only of the close, with the
// invitation to rate. A body carries no personal data beyond the masked number.
import type { NoticeKind } from '../../../contracts/notices.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../http/context.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { queueSms } from '../notices/notices.service.ts';
import { getNoticeFacts, type NoticeFacts } from './tickets.lawyers.repo.ts';

/** The steps a worker is told of, with what each needs beyond the ticket. */
export type NoticeStep =
  | { action: 'accept' }
  | { action: 'assign'; toOrgId?: number | undefined; toStaffId?: number | undefined }
  | { action: 'return' }
  | { action: 'pause'; reason: string }
  | { action: 'resume' }
  | { action: 'extension_request' }
  | { action: 'extension_decide'; approve: boolean }
  | { action: 'close'; recoveredFen: number }
  | { action: 'reopen' }
  | { action: 'lawyer_assign'; lawyerName: string; firm: string };

const SIGN = '【智慧工会】';
const WHERE = '进度可在智慧工会手机端“法律援助—我的求助”中查看。';

/** The last day of a deadline (a deadline is the midnight that ends its last working day), as 12月10日. */
function lastDay(dueAt: Date | string): string {
  const day = beijingDay(new Date(new Date(dueAt).getTime() - 1000));
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** What the worker of the app is told of a step, or undefined for a step they are not told of. */
function appBody(f: NoticeFacts, step: NoticeStep): { kind: NoticeKind; body: string } | undefined {
  const no = `您的维权求助（编号 ${f.id}）`;
  const due = f.dueAt === null ? '' : `，办结期限 ${lastDay(f.dueAt)}`;
  switch (step.action) {
    case 'accept':
      return { kind: 'ticket_progress', body: `${SIGN}${no}已由${f.orgName}受理${due}。${WHERE}` };
    case 'assign':
      if (step.toOrgId === undefined) return undefined; // a named handler inside the same union: nothing changes for the worker
      return { kind: 'ticket_progress', body: `${SIGN}${no}已转由${f.orgName}办理${due}。${WHERE}` };
    case 'return':
      return { kind: 'ticket_progress', body: `${SIGN}${no}已转由${f.orgName}办理${due}。${WHERE}` };
    case 'pause':
      return { kind: 'ticket_progress', body: `${SIGN}${no}暂停办理：${step.reason}。恢复后办理期限相应顺延。${WHERE}` };
    case 'extension_decide':
      if (!step.approve) return undefined;
      return { kind: 'ticket_progress', body: `${SIGN}${no}经上级工会批准延期${due}。${WHERE}` };
    case 'close':
      return {
        kind: 'ticket_closed',
        body: `${SIGN}${no}已由${f.orgName}办结${step.recoveredFen > 0 ? `，追回 ${yuan(step.recoveredFen)}` : ''}。请在“法律援助—我的求助”中查看结果并评价，不满意可由上一级工会重新办理。`,
      };
    case 'reopen':
      return { kind: 'ticket_progress', body: `${SIGN}您对${no.slice(2)}的办理不满意，已转由${f.orgName}重新办理${due}。${WHERE}` };
    case 'lawyer_assign':
      return { kind: 'ticket_lawyer', body: `${SIGN}工会已为${no}指派法律援助律师${step.lawyerName}（${step.firm}），律师将与您电话联系。${WHERE}` };
    default:
      return undefined;
  }
}

/** A caller of the hotline or a partner system: only the close, with the invitation to rate. */
function callerBody(f: NoticeFacts, step: NoticeStep): { kind: NoticeKind; body: string } | undefined {
  if (step.action !== 'close') return undefined;
  return {
    kind: 'ticket_closed',
    body: `${SIGN}尾号${(f.phoneMasked ?? '').slice(-4)}的来电人您好，您反映的问题（工单编号 ${f.id}）已由${f.orgName}办结。请用本机号码登录智慧工会手机端，在 /rights/${f.id} 对办理结果评价（1–5 分）。`,
  };
}

/**
 * Queues the notice of a step to the person who asked, in the step's transaction (nothing when the
 * step is not one they are told of, or the ticket has no phone to tell). Call it after the step's
 * writes: the ticket's union and deadline are read as the step left them.
 */
export async function noticeForStep(tx: Tx, deps: Pick<Deps, 'pii' | 'sender'>, ticket: { id: number }, step: NoticeStep): Promise<void> {
  const f = await getNoticeFacts(tx, ticket.id);
  if (!f || f.phoneEnc === null) return;
  const said = f.channel === 'app' ? appBody(f, step) : callerBody(f, step);
  if (!said) return;
  await queueSms(tx, deps, { to: deps.pii.decrypt(f.phoneEnc), body: said.body, kind: said.kind, orgPath: f.orgPath });
}
