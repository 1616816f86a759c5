// Demo activities of 化州 (seed page 003: benefit activities moved online, with their visits and
// participants): about 20 over the past year and the coming weeks, with sign-ups, check-ins and
// views from the demo's own members — written in a few set-based statements, so seeding stays fast.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../client.ts';

const DAY = 86_400_000;

/** [title, kind, places, days from today the activity starts, allocation] */
const DEMO_ACTIVITIES: [string, string, number, number, 'first_come' | 'lottery'][] = [
  ['化州市职工新春文艺汇演', 'culture', 300, -330, 'first_come'],
  ['“职工之家”周末观影', 'benefit', 200, -300, 'first_come'],
  ['女职工健康知识讲座', 'training', 120, -270, 'first_come'],
  ['化橘红文化节职工游园', 'culture', 400, -250, 'first_come'],
  ['新就业形态劳动者安全骑行培训', 'training', 150, -220, 'first_come'],
  ['夏送清凉·户外劳动者慰问', 'cooling', 500, -200, 'first_come'],
  ['“小候鸟”暑期亲子夏令营', 'family', 80, -190, 'lottery'],
  ['职工疗休养（惠州罗浮山）第一批', 'retreat', 100, -170, 'lottery'],
  ['职工篮球联赛', 'culture', 160, -150, 'first_come'],
  ['金秋职工书屋读书分享会', 'culture', 100, -120, 'first_come'],
  ['中秋职工游园会', 'benefit', 400, -100, 'first_come'],
  ['劳模工匠疗休养', 'retreat', 40, -80, 'lottery'],
  ['职工心理健康讲座', 'training', 120, -60, 'first_come'],
  ['网约车司机免费体检', 'benefit', 200, -45, 'first_come'],
  ['职工羽毛球赛', 'culture', 96, -30, 'first_come'],
  ['职工亲子运动会', 'family', 150, -15, 'first_come'],
  ['职工摄影作品展', 'culture', 200, -5, 'first_come'],
  ['职工广场舞比赛', 'culture', 120, 12, 'first_come'],
  ['职工疗休养（惠州罗浮山）第二批', 'retreat', 100, 25, 'lottery'],
  ['春节送温暖·职工年货节', 'benefit', 300, 40, 'first_come'],
];

/** Creates the demo activities under 化州市总工会; returns how many. */
export async function loadDemoActivities(db: Db): Promise<number> {
  const [hz] = await db.query<{ id: number; path: string }>(`SELECT id, path::text AS path FROM org WHERE name = '化州市总工会'`);
  if (!hz) return 0;
  const towns = await db.query<{ id: number }>(`SELECT id FROM org WHERE level = 'town' AND path <@ $1::ltree ORDER BY id LIMIT 6`, [hz.path]);
  const orgIds = [hz.id, ...towns.map((t) => t.id)];
  const now = Date.now();
  const rows = DEMO_ACTIVITIES.map(([title, kind, places, days, allocation], i) => {
    const starts = new Date(now + days * DAY);
    const seed = allocation === 'lottery' ? randomBytes(32) : null;
    return {
      title, kind, places, allocation,
      orgId: i % 3 === 0 ? hz.id : orgIds[i % orgIds.length]!,
      opens: new Date(starts.getTime() - 14 * DAY).toISOString(),
      closes: new Date(starts.getTime() - 3 * DAY).toISOString(),
      starts: starts.toISOString(),
      seed,
      commitment: seed ? createHash('sha256').update(seed).digest('hex') : null,
    };
  });
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO activity (org_id, title, kind, description_html, location, places, allocation, signup_opens_at, signup_closes_at,
                             starts_at, cancel_deadline, draw_seed, seed_commitment, target_groups)
       SELECT x.org_id, x.title, x.kind, '<p>' || x.title || '，欢迎广大职工踊跃报名参加。</p>', '化州市' || x.title, x.places, x.allocation,
              x.opens, x.closes, x.starts, x.starts, x.seed, x.commitment,
              CASE x.kind WHEN 'family' THEN '{parents}'::text[] ELSE '{}'::text[] END
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::bytea[], $10::text[])
              AS x(org_id, title, kind, places, allocation, opens, closes, starts, seed, commitment)`,
      [
        rows.map((r) => r.orgId), rows.map((r) => r.title), rows.map((r) => r.kind), rows.map((r) => r.places), rows.map((r) => r.allocation),
        rows.map((r) => r.opens), rows.map((r) => r.closes), rows.map((r) => r.starts), rows.map((r) => r.seed), rows.map((r) => r.commitment),
      ],
    );
    // one batch and one counter slot each (the demo's sign-ups are written directly below)
    await tx.query(
      `INSERT INTO activity_batch (activity_id, batch_no, places, signup_opens_at, signup_closes_at, drawn_at)
       SELECT id, 1, places, signup_opens_at, signup_closes_at, CASE WHEN allocation = 'lottery' AND signup_closes_at < now() THEN signup_closes_at END FROM activity`,
    );
    await tx.query(`INSERT INTO activity_slot (activity_id, batch_no, slot, capacity) SELECT id, 1, 0, places FROM activity`);
    // past activities: most places taken, most of those checked in; open ones: some sign-ups so far;
    // those whose sign-up has not opened yet: none (and no visits)
    await tx.query(
      `INSERT INTO activity_signup (activity_id, batch_no, member_id, status, slot, created_at, decided_at, checked_in_at)
       SELECT a.id, 1, m.id, 'confirmed', 0, a.signup_opens_at + interval '2 hours', a.signup_opens_at + interval '2 hours',
              CASE WHEN a.starts_at < now() AND (m.id + a.id) % 6 <> 0 THEN a.starts_at + interval '10 minutes' END
         FROM activity a
         JOIN LATERAL (
           SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
            WHERE o.path <@ $1::ltree AND m.status = 'active' AND (m.id * 7 + a.id) % 3 = 0
            ORDER BY (m.id * 31 + a.id * 17) % 1009, m.id
            LIMIT CASE WHEN a.starts_at < now() THEN (a.places * (80 + a.id % 20)) / 100 ELSE a.places / 3 END) m ON true
        WHERE a.signup_opens_at < now() - interval '2 hours'`,
      [hz.path],
    );
    await tx.query(
      `UPDATE activity_slot sl SET taken = (SELECT count(*) FROM activity_signup s WHERE s.activity_id = sl.activity_id AND s.status = 'confirmed')`,
    );
    // visitors: everyone who signed up, and as many again who only looked
    await tx.query(
      `INSERT INTO activity_view (activity_id, member_id, viewed_at)
       SELECT a.id, m.id, a.signup_opens_at + interval '1 hour' FROM activity a
         JOIN LATERAL (
           SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
            WHERE o.path <@ $1::ltree AND m.status = 'active' AND ((m.id * 7 + a.id) % 3 = 0 OR (m.id + a.id) % 4 = 1)
            ORDER BY (m.id * 31 + a.id * 17) % 1009, m.id
            LIMIT a.places * 2) m ON true
        WHERE a.signup_opens_at < now() - interval '1 hour'
       ON CONFLICT DO NOTHING`,
      [hz.path],
    );
    await tx.query(
      `INSERT INTO activity_view (activity_id, member_id, viewed_at)
       SELECT activity_id, member_id, created_at FROM activity_signup ON CONFLICT DO NOTHING`,
    );
  });
  return rows.length;
}
