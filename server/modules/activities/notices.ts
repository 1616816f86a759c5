// The words of activity notices (SMS through the outbox, as queueSms writes them; sealed by the
// notices service's sealNotice).
import { beijingWhen } from '../../lib/beijing-time.ts';

export function signupBodies(name: string, a: { title: string; startsAt: Date | string; location: string | null }, seats: number) {
  const where = a.location ? `，地点：${a.location}` : '';
  const who = seats > 1 ? `（共 ${seats} 人）` : '';
  return {
    confirmed: `【智慧工会】${name}，您已成功报名“${a.title}”${who}，时间：${beijingWhen(a.startsAt)}${where}。签到时请出示电子会员证二维码。`,
    waitlisted: `【智慧工会】${name}，“${a.title}”名额已满，您已进入候补名单；有名额空出时将按顺序自动递补并通知您。`,
    entered: `【智慧工会】${name}，您已参加“${a.title}”的抽签，报名截止后公开抽签，结果将通知您。`,
  };
}
