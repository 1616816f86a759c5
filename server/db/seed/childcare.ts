// The demo's childcare programmes (seed pages 004 and 000): 佛山 三水区 大塘镇's free Saturday tutoring
// for 55 children aged 7–10 of migrant workers in the industrial park, every Saturday from September
// to January (作业辅导、劳动教育、健康养生教育、绘画), open for the term's late intake until the end of
// December; and 广州 南沙区总工会's 职工亲子之家 winter-holiday childcare for 小候鸟, open for sign-up now.
// The running union is the town's when the tree has it (the small demo), else the county's (the test
// tree builds no towns of 三水). A place is linked by name when the places seed has made one.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../client.ts';
import { sessionsOfSchedule } from '../../modules/childcare/childcare.service.ts';
import type { Schedule } from '../../../contracts/childcare.ts';

interface DemoProgramme {
  unions: string[];
  placeLike: string;
  title: string;
  kind: 'holiday' | 'weekend' | 'family';
  description: string;
  ageMin: number;
  ageMax: number;
  capacity: number;
  opensAt: string;
  closesAt: string;
  schedule: Schedule;
}

const PROGRAMMES: DemoProgramme[] = [
  {
    unions: ['三水区大塘镇总工会', '三水区总工会'],
    placeLike: '%大塘%',
    title: '大塘镇工业园“160工程”周六免费辅导',
    kind: 'weekend',
    description:
      '大塘镇总工会、大塘镇工业园区工联会等共同主办，为工业园 7–10 岁的异地务工人员子女免费开设。每周六上午在大塘镇产业社区党群服务中心上课：' +
      '作业辅导、劳动教育、健康养生教育、绘画教育，由专业老师授课。周六父母要上班，孩子交给工会放心。',
    ageMin: 7,
    ageMax: 10,
    capacity: 55,
    opensAt: '2026-08-15T09:00:00+08:00',
    closesAt: '2026-12-31T18:00:00+08:00',
    schedule: { firstDay: '2026-09-05', lastDay: '2027-01-23', weekdays: [6], from: '09:00', to: '11:30', skipDays: ['2026-10-03'] },
  },
  {
    unions: ['南沙区总工会'],
    placeLike: '%南沙%',
    title: '南沙区职工亲子之家 寒假“小候鸟”托管',
    kind: 'holiday',
    description:
      '南沙区总工会推动“职工亲子之家”落地基层工会，把建“家”与寒暑假孩子托管结合起来：寒假期间工作日全天托管来南沙与父母团聚的“小候鸟”，' +
      '有作业辅导、阅读、手工和户外活动，帮助孩子们融入城市生活。春节假期停课。',
    ageMin: 6,
    ageMax: 12,
    capacity: 40,
    opensAt: '2026-12-01T09:00:00+08:00',
    closesAt: '2027-01-15T18:00:00+08:00',
    schedule: {
      firstDay: '2027-01-25',
      lastDay: '2027-02-26',
      weekdays: [1, 2, 3, 4, 5],
      from: '08:30',
      to: '17:30',
      skipDays: ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
    },
  },
];

/** Creates the demo's childcare programmes (published); returns how many. */
export async function loadDemoChildcare(db: Db): Promise<number> {
  const [admin] = await db.query<{ id: number }>(`SELECT s.id FROM staff s JOIN org o ON o.id = s.org_id WHERE o.parent_id IS NULL ORDER BY s.id LIMIT 1`);
  if (!admin) return 0;
  let n = 0;
  for (const [i, p] of PROGRAMMES.entries()) {
    const [org] = await db.query<{ id: number; path: string }>(
      `SELECT id, path::text AS path FROM org WHERE name = ANY($1::text[]) ORDER BY array_position($1::text[], name) LIMIT 1`,
      [p.unions],
    );
    if (!org) continue;
    const [place] = await db.query<{ id: number }>(`SELECT id FROM place WHERE name LIKE $1 AND org_path <@ $2::ltree ORDER BY id LIMIT 1`, [p.placeLike, org.path]);
    const seed = randomBytes(32);
    await db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO childcare_programme (org_id, place_id, title, kind, description, age_min, age_max, capacity, signup_opens_at, signup_closes_at,
                                          status, draw_seed, seed_commitment, created_by, idem_key, request_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'published', $11, $12, $13, $14, $15) RETURNING id`,
        [org.id, place?.id ?? null, p.title, p.kind, p.description, p.ageMin, p.ageMax, p.capacity, p.opensAt, p.closesAt,
          seed, createHash('sha256').update(seed).digest('hex'), admin.id, `demo-childcare-${i}`, createHash('sha256').update(`demo childcare ${i}`).digest()],
      );
      const sessions = sessionsOfSchedule(p.schedule);
      await tx.query(
        `INSERT INTO childcare_session (programme_id, starts_at, ends_at) SELECT $1, s, e FROM unnest($2::timestamptz[], $3::timestamptz[]) AS t (s, e)`,
        [row!.id, sessions.map((s) => s.startsAt.toISOString()), sessions.map((s) => s.endsAt.toISOString())],
      );
    });
    n++;
  }
  return n;
}
