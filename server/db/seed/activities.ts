// Demo activities of 化州 (seed page 003: benefit activities moved online, with their visits and
// participants): about 20 over the past year and the coming weeks, with sign-ups, check-ins and
// views from the demo's own members — written in a few set-based statements, so seeding stays fast.
// Everything is relative to the day the demo is created (Beijing time): a few activities of 化州,
// 石湾 and the province are open for sign-up that day to new members and 新就业形态劳动者, and each
// takes place somewhere real in its town (化州市石湾街道文化广场), not at its own title.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../client.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type OrgRef = 'huazhou' | 'shiwan' | 'province';

interface DemoActivity {
  title: string;
  kind: string;
  places: number;
  /** days from today (Beijing) the activity starts, at 09:00 Beijing time */
  startDay: number;
  allocation: 'first_come' | 'lottery';
  /** where it happens: `{place}` is the publishing union's town or city ("化州市石湾街道", "化州市") */
  venue: string;
  /** the publishing union; without it, 化州 or one of its towns in turn */
  org?: OrgRef;
  targetGroups?: string[];
  /** days from today sign-up opens and closes (default: 14 and 3 days before the start) */
  opensDay?: number;
  closesDay?: number;
  /** hours it lasts (default 3) */
  hours?: number;
  /** what the member reads (default: the title and an invitation) */
  about?: string;
}

const A = (title: string, kind: string, places: number, startDay: number, allocation: 'first_come' | 'lottery', venue: string, more: Partial<DemoActivity> = {}): DemoActivity => ({
  title, kind, places, startDay, allocation, venue, ...more,
});

const LUOFU = '惠州市博罗县罗浮山风景名胜区';

/** The past year's activities (with their figures) and the coming weeks'. */
const DEMO_ACTIVITIES: DemoActivity[] = [
  A('化州市职工新春文艺汇演', 'culture', 300, -330, 'first_come', '{place}文化馆剧场'),
  A('“职工之家”周末观影', 'benefit', 200, -300, 'first_come', '{place}职工之家影视厅'),
  A('女职工健康知识讲座', 'training', 120, -270, 'first_come', '{place}党群服务中心二楼会议室'),
  A('化橘红文化节职工游园', 'culture', 400, -250, 'first_come', '{place}文化广场'),
  A('新就业形态劳动者安全骑行培训', 'training', 150, -220, 'first_come', '{place}新就业形态劳动者服务站'),
  A('夏送清凉·户外劳动者慰问', 'cooling', 500, -200, 'first_come', '{place}爱心驿站'),
  A('“小候鸟”暑期亲子夏令营', 'family', 80, -190, 'lottery', '{place}青少年活动中心', { targetGroups: ['parents'], hours: 72 }),
  A('职工疗休养（惠州罗浮山）第一批', 'retreat', 100, -170, 'lottery', LUOFU, { hours: 48 }),
  A('职工篮球联赛', 'culture', 160, -150, 'first_come', '{place}全民健身广场篮球场'),
  A('金秋职工书屋读书分享会', 'culture', 100, -120, 'first_come', '{place}职工书屋'),
  A('中秋职工游园会', 'benefit', 400, -100, 'first_come', '{place}文化广场'),
  A('劳模工匠疗休养', 'retreat', 40, -80, 'lottery', '韶关市仁化县丹霞山风景名胜区', { hours: 48 }),
  A('职工心理健康讲座', 'training', 120, -60, 'first_come', '{place}职工心灵驿站'),
  A('网约车司机免费体检', 'benefit', 200, -45, 'first_come', '化州市人民医院体检中心'),
  A('职工羽毛球赛', 'culture', 96, -30, 'first_come', '{place}全民健身中心羽毛球馆'),
  A('职工亲子运动会', 'family', 150, -15, 'first_come', '{place}文化广场', { targetGroups: ['parents'] }),
  A('职工摄影作品展', 'culture', 200, -5, 'first_come', '{place}综合文化站展厅'),
  A('职工广场舞比赛', 'culture', 120, 12, 'first_come', '{place}文化广场'),
  A('职工疗休养（惠州罗浮山）第二批', 'retreat', 100, 25, 'lottery', LUOFU, { hours: 48 }),
  A('春节送温暖·职工年货节', 'benefit', 300, 40, 'first_come', '{place}党群服务中心广场'),
  // Open now, whoever has just joined — a rider of 化州 included: no minimum membership, for
  // everyone or for 新就业形态劳动者 (so the first journey ends with a sign-up, not a refusal).
  A('新就业形态劳动者免费健康体检', 'benefit', 200, 12, 'first_come', '化州市人民医院体检中心', {
    org: 'huazhou', targetGroups: ['gig'], opensDay: -2, closesDay: 10,
    about: '为外卖骑手、网约车司机、快递员等新就业形态劳动者免费体检：血常规、肝肾功能、心电图、胸部 DR 等。请空腹前往，凭电子会员证签到。',
  }),
  A('石湾街道职工趣味运动会', 'culture', 150, 8, 'first_come', '{place}文化广场', {
    org: 'shiwan', opensDay: -3, closesDay: 6,
    about: '拔河、袋鼠跳、定点投篮等趣味项目，个人报名、现场组队，参与即有纪念品。请穿运动鞋，凭电子会员证签到。',
  }),
  A('广东省新就业形态劳动者疗休养（惠州罗浮山）', 'retreat', 100, 21, 'first_come', LUOFU, {
    org: 'province', targetGroups: ['gig'], opensDay: -1, closesDay: 14, hours: 48,
    about: '两天一晚：罗浮山登山、中医药养生讲座、温泉。集中乘车往返，食宿和交通费用由省总工会承担。名额有限，先到先得。',
  }),
];

/** `days` from today's date in Beijing, at hh:mm Beijing time. */
export function beijingDayAt(days: number, hh: number, mm = 0, now = Date.now()): Date {
  const d = new Date(now + days * DAY + 8 * HOUR);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hh - 8, mm));
}

/** A union's place, as a venue's prefix: 化州市石湾街道工会联合会 → 化州市石湾街道, 化州市总工会 → 化州市. */
export function placeOf(orgName: string): string {
  return orgName.replace(/(总工会|工会联合会)$/, '');
}

/** Creates the demo activities under 化州市总工会, 石湾 and the province; returns how many. */
export async function loadDemoActivities(db: Db): Promise<number> {
  const [hz] = await db.query<{ id: number; path: string; name: string }>(`SELECT id, path::text AS path, name FROM org WHERE name = '化州市总工会'`);
  if (!hz) return 0;
  const towns = await db.query<{ id: number; name: string }>(`SELECT id, name FROM org WHERE level = 'town' AND path <@ $1::ltree ORDER BY id LIMIT 6`, [hz.path]);
  const named = await db.query<{ id: number; name: string }>(`SELECT id, name FROM org WHERE name IN ('化州市石湾街道工会联合会', '广东省总工会')`);
  const byRef: Partial<Record<OrgRef, { id: number; name: string }>> = {
    huazhou: hz,
    shiwan: named.find((o) => o.name === '化州市石湾街道工会联合会'),
    province: named.find((o) => o.name === '广东省总工会'),
  };
  const rotation = [hz, ...towns];
  const now = Date.now();
  const rows = DEMO_ACTIVITIES.flatMap((x, i) => {
    const org = x.org ? byRef[x.org] : i % 3 === 0 ? hz : rotation[i % rotation.length]!;
    if (!org) return [];
    const starts = beijingDayAt(x.startDay, 9, 0, now);
    const seed = x.allocation === 'lottery' ? randomBytes(32) : null;
    return [{
      title: x.title, kind: x.kind, places: x.places, allocation: x.allocation,
      about: x.about ?? `${x.title}，欢迎广大职工踊跃报名参加。`,
      orgId: org.id,
      location: x.venue.replace('{place}', placeOf(org.name)),
      opens: (x.opensDay !== undefined ? beijingDayAt(x.opensDay, 9, 0, now) : new Date(starts.getTime() - 14 * DAY)).toISOString(),
      closes: (x.closesDay !== undefined ? beijingDayAt(x.closesDay, 18, 0, now) : new Date(starts.getTime() - 3 * DAY)).toISOString(),
      starts: starts.toISOString(),
      ends: new Date(starts.getTime() + (x.hours ?? 3) * HOUR).toISOString(),
      targetGroups: `{${(x.targetGroups ?? []).join(',')}}`,
      seed,
      commitment: seed ? createHash('sha256').update(seed).digest('hex') : null,
    }];
  });
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO activity (org_id, title, kind, description_html, location, places, allocation, signup_opens_at, signup_closes_at,
                             starts_at, ends_at, cancel_deadline, draw_seed, seed_commitment, target_groups)
       SELECT x.org_id, x.title, x.kind, '<p>' || x.about || '</p>', x.location, x.places, x.allocation,
              x.opens, x.closes, x.starts, x.ends, x.starts, x.seed, x.commitment, x.target_groups::text[]
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::bytea[], $10::text[],
                     $11::text[], $12::timestamptz[], $13::text[], $14::text[])
              AS x(org_id, title, kind, places, allocation, opens, closes, starts, seed, commitment, location, ends, target_groups, about)`,
      [
        rows.map((r) => r.orgId), rows.map((r) => r.title), rows.map((r) => r.kind), rows.map((r) => r.places), rows.map((r) => r.allocation),
        rows.map((r) => r.opens), rows.map((r) => r.closes), rows.map((r) => r.starts), rows.map((r) => r.seed), rows.map((r) => r.commitment),
        rows.map((r) => r.location), rows.map((r) => r.ends), rows.map((r) => r.targetGroups), rows.map((r) => r.about),
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
              AND (a.target_groups <@ '{parents}'::text[] OR m.groups && a.target_groups)
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
