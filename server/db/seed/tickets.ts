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
import { findDemoMembers } from './demo-members.ts';
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
  return n + (await loadDemoMemberTickets(db, pii));
}

/**
 * The first demo member of the log-in page (a 化州 worker) has asked from the phone twice: unpaid
 * overtime at the employer, closed by the town's union with ¥3,200 recovered and waiting for the
 * worker's rating; and a question about a labour contract, just sent. Both about an employer with its
 * own union, so kept from it and handled by the town (the worker did not agree otherwise). The worker
 * row is made as the first log-in would make it, so the requests are there when the member logs in.
 */
async function loadDemoMemberTickets(db: Db, pii: PiiCipher): Promise<number> {
  const [demo] = await findDemoMembers(db, pii, 1);
  if (!demo) return 0;
  const [m] = await db.query<{ memberId: number; name: string; unionPath: string; enterpriseId: number | null; employer: string; townId: number; townName: string; phoneMasked: string }>(
    `SELECT m.id AS "memberId", m.name, o.path::text AS "unionPath", e.id AS "enterpriseId", coalesce(e.name, regexp_replace(o.name, '工会$', '')) AS employer,
            t.id AS "townId", t.name AS "townName", m.phone_masked AS "phoneMasked"
       FROM member m JOIN org o ON o.id = m.org_id JOIN org t ON t.id = o.parent_id
       LEFT JOIN enterprise e ON e.union_org_id = o.id
      WHERE m.phone_hash = $1 AND m.status = 'active' LIMIT 1`,
    [pii.hash(demo.phone)],
  );
  if (!m) return 0;
  const cal = await loadCalendar(db);
  const [w] = await db.query<{ id: number }>(
    `INSERT INTO worker (phone_enc, phone_hash, phone_masked, member_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (phone_hash) DO UPDATE SET member_id = coalesce(worker.member_id, EXCLUDED.member_id) RETURNING id`,
    [pii.encrypt(demo.phone), pii.hash(demo.phone), maskPhone(demo.phone), m.memberId],
  );
  const reason = `您反映的问题由单位所在地的${m.townName}办理；为保护您，“${m.employer}”的单位工会看不到本工单。`;
  const asks = [
    {
      type: 'help', category: 'wage_arrears', hoursAgo: 24 * 9, closedHoursAgo: 24 * 2, recoveredFen: 320_000,
      description: '车间 9 月、10 月安排周六加班共 8 天，加班费一直没发，找主管说要等年底一起算。',
      result: '镇总工会约谈企业人力资源部，企业承认未足额支付加班费，已于当月工资中补发 3,200 元。',
    },
    { type: 'consult', category: 'labour_contract', hoursAgo: 3, closedHoursAgo: null, recoveredFen: null, description: '劳动合同下月到期，公司说续签要改成劳务派遣，我能不能不同意？', result: null },
  ];
  for (const a of asks) {
    const received = new Date(Date.now() - a.hoursAgo * HOUR);
    const closed = a.closedHoursAgo === null ? null : new Date(Date.now() - a.closedHoursAgo * HOUR);
    await db.transaction(async (tx) => {
      const [t] = await tx.query<{ id: number }>(
        `INSERT INTO ticket (channel, type, category, state, org_id, worker_id, member_id, caller_name_enc, caller_name_masked, caller_phone_enc, caller_phone_masked,
                             enterprise_id, employer_name, work_org_id, hidden_from_path, route_rule, route_reason, description, result, recovered_fen, closed_at, created_at, updated_at)
         VALUES ('app', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $4, $13::ltree, 'employer_town', $14, $15, $16, $17, $18::timestamptz, $19::timestamptz, coalesce($18::timestamptz, $19::timestamptz)) RETURNING id`,
        [a.type, a.category, closed ? 'closed' : 'pending', m.townId, w!.id, m.memberId, pii.encrypt(m.name), maskName(m.name), pii.encrypt(demo.phone), m.phoneMasked,
          m.enterpriseId, m.employer, m.unionPath, reason, a.description, a.result, a.recoveredFen, closed, received],
      );
      await tx.query(
        `INSERT INTO ticket_clock (ticket_id, org_id, received_at, accept_due_at, return_due_at, due_at, max_extension_days, accepted_at, ended_at, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [t!.id, m.townId, received, deadlineAfter(cal, received, DEFAULT_TIME_LIMITS.acceptDays), deadlineAfter(cal, received, DEFAULT_TIME_LIMITS.returnDays),
          deadlineAfter(cal, received, DEFAULT_TIME_LIMITS.finishDays), DEFAULT_TIME_LIMITS.maxExtensionDays,
          closed ? new Date(received.getTime() + 5 * HOUR) : null, closed, closed ? 'closed' : null],
      );
      await tx.query(`INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_id, actor_name, org_id) VALUES ($1, $2, 'create', 'member', $3, '职工本人', $4)`, [t!.id, received, w!.id, m.townId]);
      if (closed) {
        await tx.query(
          `INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_name, org_id) VALUES ($1, $2, 'accept', 'staff', '维权服务专员', $4), ($1, $3, 'close', 'staff', '维权服务专员', $4)`,
          [t!.id, new Date(received.getTime() + 5 * HOUR), closed, m.townId],
        );
      }
    });
  }
  return asks.length;
}
