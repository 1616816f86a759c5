// Demo rights tickets (维权工单) from the seed stories: a delivery rider of 深圳 whose wages are unpaid
// (seed pages 003/004: riders, the 12351 hotline), accepted by the riders' federation and running;
// and a 货拉拉 driver of 台山 hurt at work with no employer of record (seed page 002), just entered by
// the 12351 desk and waiting at the drivers' federation. Deadlines are counted on the calendar as the
// tickets module counts them (the 12345 norms: finish in 5 working days, return within 2).
import { DEFAULT_TIME_LIMITS } from '../../../contracts/tickets.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { maskName, maskPhone } from '../../lib/pii.ts';
import { deadlineAfter } from '../../lib/working-days.ts';
import { loadCalendar } from '../../modules/calendar/calendar.service.ts';
import type { Db } from '../client.ts';
import { DEMO_ORGS } from './demo-keys.ts';
import { phoneAt } from './people.ts';

const HOUR = 3_600_000;

interface DemoTicket {
  org: string;
  type: string;
  category: string;
  gigPlatform: string;
  caller: string;
  phoneIndex: number;
  description: string;
  hoursAgo: number;
  /** hours ago it was accepted (null: waiting) */
  acceptedHoursAgo: number | null;
}

const TICKETS: DemoTicket[] = [
  {
    org: DEMO_ORGS.shenzhenRiders,
    type: 'help',
    category: 'wage_arrears',
    gigPlatform: '美团',
    caller: '陈志强',
    phoneIndex: 99_000_001,
    description: '我在南山区跑外卖，配送站拖欠我 10 月、11 月两个月的配送费共 8,600 元，站长说平台还没结算，已经拖了一个多月。',
    hoursAgo: 50,
    acceptedHoursAgo: 30,
  },
  {
    org: '台山市货拉拉司机工会联合会',
    type: 'complaint',
    category: 'work_injury',
    gigPlatform: '货拉拉',
    caller: '黄建国',
    phoneIndex: 99_000_002,
    description: '我开货拉拉接单，帮客户搬货时从车厢摔下，右腿骨折住院。平台说我不是员工不管，客户也不认，医药费已花了两万多元。',
    hoursAgo: 2,
    acceptedHoursAgo: null,
  },
];

/** Creates the demo's tickets (each with its clock and trail); returns how many. */
export async function loadDemoTickets(db: Db, pii: PiiCipher): Promise<number> {
  const cal = await loadCalendar(db);
  let n = 0;
  for (const d of TICKETS) {
    const [org] = await db.query<{ id: number }>(`SELECT id FROM org WHERE name = $1`, [d.org]);
    if (!org) continue;
    const received = new Date(Date.now() - d.hoursAgo * HOUR);
    const phone = phoneAt(d.phoneIndex);
    await db.transaction(async (tx) => {
      const [t] = await tx.query<{ id: number }>(
        `INSERT INTO ticket (channel, type, category, state, org_id, caller_name_enc, caller_name_masked, caller_phone_enc, caller_phone_masked,
                             gig_platform, work_org_id, route_rule, route_reason, description, created_at, updated_at)
         VALUES ('hotline', $1, $2, $3, $4, $5, $6, $7, $8, $9, $4, 'gig_industry', $10, $11, $12, $12) RETURNING id`,
        [d.type, d.category, d.acceptedHoursAgo === null ? 'pending' : 'in_progress', org.id, pii.encrypt(d.caller), maskName(d.caller),
          pii.encrypt(phone), maskPhone(phone), d.gigPlatform, `您是${d.gigPlatform}平台的从业者，您反映的问题由${d.org}办理。`, d.description, received],
      );
      const accepted = d.acceptedHoursAgo === null ? null : new Date(Date.now() - d.acceptedHoursAgo * HOUR);
      await tx.query(
        `INSERT INTO ticket_clock (ticket_id, org_id, received_at, accept_due_at, return_due_at, due_at, max_extension_days, accepted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [t!.id, org.id, received, deadlineAfter(cal, received, DEFAULT_TIME_LIMITS.acceptDays), deadlineAfter(cal, received, DEFAULT_TIME_LIMITS.returnDays),
          deadlineAfter(cal, received, DEFAULT_TIME_LIMITS.finishDays), DEFAULT_TIME_LIMITS.maxExtensionDays, accepted],
      );
      await tx.query(
        `INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_name, org_id) VALUES ($1, $2, 'create', 'staff', '12351 热线坐席', $3)`,
        [t!.id, received, org.id],
      );
      if (accepted) {
        await tx.query(`INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_name, org_id) VALUES ($1, $2, 'accept', 'staff', '维权服务专员', $3)`, [t!.id, accepted, org.id]);
      }
    });
    n++;
  }
  return n;
}
