// What a member is told of their booking by staff (approved, refused, the slot cancelled) and of a
// suspension: an SMS queued in the outbox in the transaction that decides it.
import type { Queryable } from '../../db/client.ts';
import type { Deps } from '../../http/context.ts';
import { beijingWhen } from '../../lib/beijing-time.ts';
import { queueBulkSms, sealNotice } from '../notices/notices.service.ts';

const SIGN = '【智慧工会】';
const WHERE = '详情见智慧工会手机端“我的—我的预约”。';

export type BookingNotice =
  | { what: 'approved' }
  | { what: 'rejected'; reason: string }
  | { what: 'slotCancelled'; reason: string }
  | { what: 'suspended'; until: Date; noShows: number; windowDays: number };

export function bookingNoticeBody(place: string, slot: { title: string; startsAt: Date } | null, n: BookingNotice): string {
  const yours = slot ? `您预约的“${place}”${slot.title}（${beijingWhen(slot.startsAt)}）` : '';
  switch (n.what) {
    case 'approved':
      return `${SIGN}${yours}已通过审批，请按时到场，签到时出示电子会员证二维码。${WHERE}`;
    case 'rejected':
      return `${SIGN}${yours}未通过审批：${n.reason}。${WHERE}`;
    case 'slotCancelled':
      return `${SIGN}${yours}已被工会取消：${n.reason}。给您带来不便，敬请谅解。${WHERE}`;
    case 'suspended':
      return `${SIGN}您在“${place}”${n.windowDays} 天内 ${n.noShows} 次预约未到，${beijingWhen(n.until)} 前暂停在该场所预约。${WHERE}`;
  }
}

/** Queues the notices to the members whose sealed phones are given (a member without a phone is skipped). */
export async function tellMembers(q: Queryable, deps: Pick<Deps, 'pii' | 'sender'>, phones: readonly (Buffer | null)[], body: string, orgPath: string): Promise<number> {
  const notices = phones.filter((p): p is Buffer => p !== null).map((p) => sealNotice(deps, p, body));
  if (notices.length > 0) await queueBulkSms(q, notices, 'place_booking', orgPath, deps.sender.deliversInOutbox === true);
  return notices.length;
}
