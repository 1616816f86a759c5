// 化州's member history for the dashboard's 24-month line (seed page 003: real-name members 46,002 at
// the end of December 2025 → 54,243 at the end of November 2026, i.e. 84.8 %). The bulk loader dates
// joins at random over 14 years; here 化州's counted members' joins are re-dated so that the share that
// joined in this year's finished months gives that shape, with a growing month-by-month line, plus a
// few departures and transfers in from elsewhere in the province, all written as member_event rows;
// then the tallies are rebuilt (050). Relative to today: the last finished Beijing month stands for
// November 2026 and December of the year before for December 2025.
import type { Db } from '../client.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { DEMO_ORGS } from './demo-keys.ts';
import { rebuildMemberFigures } from './load.ts';

/** 46,002 ÷ 54,243: members at the end of last December as a share of the last finished month's. */
export const HUAZHOU_SHARE_AT_YEAR_START = 46002 / 54243;

export async function loadDemoMemberHistory(db: Db): Promise<void> {
  const [org] = await db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE name = $1`, [DEMO_ORGS.huazhou]);
  if (!org) return;
  const today = beijingDay();
  const thisMonth = Number(today.slice(5, 7));
  // the last finished month L and how many months of its year are finished (1–12)
  const year = thisMonth === 1 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4));
  const months = thisMonth === 1 ? 12 : thisMonth - 1;
  const [{ n: counted } = { n: 0 }] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased')`,
    [org.path],
  );
  if (counted < 20) return;
  const departures = Math.max(1, Math.round(counted * 0.01));
  const transfersIn = Math.max(1, Math.round(counted * 0.01));
  // members at L's end = counted − departures + transfersIn; the year's net = (1 − share) of that
  const atEnd = counted - departures + transfersIn;
  const joins = Math.round(atEnd * (1 - HUAZHOU_SHARE_AT_YEAR_START)) + departures - transfersIn;
  // a day of the year's finished months, the later months a little busier (the line grows each month)
  const dayOf = `make_date(${year}, 1 + least(${months - 1}, floor(sqrt(random()) * ${months})::int), 1 + floor(random() * 28)::int)`;
  await db.exec(`SELECT setseed(0.16050)`);
  await db.query(
    `WITH ranked AS (
       SELECT m.id, row_number() OVER (ORDER BY md5(m.id::text)) AS k
         FROM member m JOIN org o ON o.id = m.org_id
        WHERE o.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased')),
     dated AS (
       SELECT id, CASE WHEN k <= $2 THEN ${dayOf}
                       ELSE make_date(${year} - 1 - floor(random() * random() * 12)::int, 1 + floor(random() * 12)::int, 1 + floor(random() * 28)::int) END AS day
         FROM ranked),
     ev AS (UPDATE member_event e SET at = d.day FROM dated d WHERE e.member_id = d.id AND e.kind = 'joined')
     UPDATE member m SET joined_on = d.day FROM dated d WHERE m.id = d.id`,
    [org.path, joins],
  );
  // departures this year, of members who joined before it
  await db.query(
    `WITH gone AS (
       SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
        WHERE o.path <@ $1::ltree AND m.status = 'active' AND m.joined_on < make_date($3, 1, 1)
        ORDER BY md5(m.id::text || 'left') LIMIT $2),
     ev AS (INSERT INTO member_event (member_id, at, kind, from_status, to_status, reason, actor_kind)
            SELECT id, ${dayOf}, 'status', 'active', 'left', '离职退会', 'system' FROM gone)
     UPDATE member SET status = 'left' WHERE id IN (SELECT id FROM gone)`,
    [org.path, departures, year],
  );
  // members who changed jobs into 化州 from elsewhere in the province, each into one of its unions
  await db.query(
    `WITH hosts AS (
       SELECT id, row_number() OVER (ORDER BY md5(id::text)) AS k, count(*) OVER () AS n
         FROM org WHERE path <@ $1::ltree AND level = 'grassroots' AND status = 'active'),
     movers AS (
       SELECT m.id, m.org_id, row_number() OVER (ORDER BY md5(m.id::text || 'in')) AS k
         FROM member m JOIN org o ON o.id = m.org_id
        WHERE NOT (o.path <@ $1::ltree) AND m.status = 'active' AND m.joined_on < make_date($3, 1, 1)
        ORDER BY md5(m.id::text || 'in') LIMIT $2),
     pairs AS (SELECT mv.id, mv.org_id AS from_org, h.id AS to_org FROM movers mv JOIN hosts h ON h.k = 1 + (mv.k % h.n)),
     ev AS (INSERT INTO member_event (member_id, at, kind, from_status, to_status, from_org_id, to_org_id, reason, actor_kind)
            SELECT id, ${dayOf}, 'transferred', 'transferring', 'active', from_org, to_org, '工作调动', 'system' FROM pairs)
     UPDATE member m SET org_id = p.to_org, enterprise_id = NULL, employer_name = NULL FROM pairs p WHERE m.id = p.id`,
    [org.path, transfersIn, year],
  );
  await rebuildMemberFigures(db);
}
