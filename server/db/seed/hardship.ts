// Demo hardship files (困难职工档案) of 阳江 (seed page 000: relief-and-exit work, 解困脱困) and 化州:
// a dozen households at every step of the status line, with visits, aid and this year's exit
// targets. Household names are generated like the demo's members and sealed like them.
import type { PiiCipher } from '../../lib/pii.ts';
import { maskName } from '../../lib/pii.ts';
import type { Db } from '../client.ts';
import { createRng, makeName, pick } from './people.ts';

const DAY = 86_400_000;
const dayOf = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

interface DemoFile {
  causes: string[];
  note: string;
  size: number;
  income: string;
  plan: string;
  measures: string[];
  /** days ago: filed, relief started, exited, followed up (null: not reached) */
  days: [number, number | null, number | null, number | null];
  exitReason?: string;
}

const FILES: DemoFile[] = [
  { causes: ['illness'], note: '配偶患尿毒症，每周透析三次，医疗费用负担重。', size: 4, income: '1000_2000', plan: '申请大病医疗救助，联系医保二次报销；子女申请金秋助学。', measures: ['医疗救助', '金秋助学'], days: [300, 290, 60, 20], exitReason: '医保二次报销后自付费用下降，家庭月收入超过当地低收入标准' },
  { causes: ['unemployment', 'single_parent'], note: '企业关停后失业，独自抚养一名初中生。', size: 2, income: 'below_1000', plan: '推荐参加春送岗位招聘会，提供技能培训。', measures: ['就业援助', '技能培训'], days: [240, 230, 40, null], exitReason: '经招聘会推荐在本地物流企业稳定就业' },
  { causes: ['disability'], note: '本人因工致残四级，仅能从事轻体力工作。', size: 3, income: '1000_2000', plan: '协调企业安排辅助岗位，送温暖慰问。', measures: ['送温暖', '岗位协调'], days: [200, 190, null, null] },
  { causes: ['disaster'], note: '台风“摩羯”导致住房受损。', size: 5, income: '2000_3000', plan: '申请临时救助，协调住房修缮。', measures: ['临时救助'], days: [150, 145, 30, null], exitReason: '房屋修缮完成，生活恢复正常' },
  { causes: ['schooling', 'illness'], note: '两名子女在读大学，父亲慢性病长期服药。', size: 4, income: '2000_3000', plan: '金秋助学，慢性病门诊补助。', measures: ['金秋助学', '医疗救助'], days: [120, 110, null, null] },
  { causes: ['other'], note: '家庭主要劳动力入狱，老人与孙辈生活。', size: 3, income: 'none', plan: '送温暖，联系民政低保。', measures: ['送温暖', '低保衔接'], days: [60, null, null, null] },
  { causes: ['illness'], note: '本人确诊恶性肿瘤，正在化疗。', size: 3, income: '1000_2000', plan: '职工互助保障理赔，医疗救助。', measures: ['互助保障', '医疗救助'], days: [45, 40, null, null] },
  { causes: ['unemployment'], note: '平台停运后收入中断。', size: 2, income: 'below_1000', plan: '推荐再就业，发放生活补助。', measures: ['就业援助', '生活补助'], days: [20, null, null, null] },
];

const RELATIONS = ['配偶', '子女', '父母', '子女'];
const SOURCES = ['送温暖', '金秋助学', '医疗救助', '生活补助'];

/** Creates the demo's hardship files and targets; returns how many files. */
export async function loadDemoHardship(db: Db, pii: PiiCipher): Promise<number> {
  const rng = createRng(5005);
  const cities = await db.query<{ id: number; name: string; path: string }>(
    `SELECT id, name, path::text AS path FROM org WHERE name IN ('阳江市总工会', '化州市总工会') ORDER BY name DESC`,
  );
  let n = 0;
  for (const city of cities) {
    // the city's own staff record its files (the demo's city accounts)
    const [staff] = await db.query<{ id: number }>(`SELECT id FROM staff WHERE org_id = $1 ORDER BY id LIMIT 1`, [city.id]);
    const members = await db.query<{ id: number }>(
      `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
        WHERE o.path <@ $1::ltree AND m.status = 'active' ORDER BY m.id LIMIT $2`,
      [city.path, FILES.length],
    );
    await db.transaction(async (tx) => {
      for (const [i, m] of members.entries()) {
        const f = FILES[i]!;
        const [filed, relief, exited, followed] = f.days;
        const status = followed !== null ? 'followed_up' : exited !== null ? 'exited' : relief !== null ? 'in_relief' : 'filed';
        const [row] = await tx.query<{ id: number }>(
          `INSERT INTO hardship_file (member_id, status, causes, cause_note, household_size, income_band, plan_text, plan_measures,
                                      filed_on, relief_started_on, exited_on, exit_reason, followed_up_on, created_by)
           VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8::text[], $9::date, $10::date, $11::date, $12, $13::date, $14) RETURNING id`,
          [m.id, status, f.causes, f.note, f.size, f.income, f.plan, f.measures, dayOf(filed), relief === null ? null : dayOf(relief),
            exited === null ? null : dayOf(exited), f.exitReason ?? null, followed === null ? null : dayOf(followed), staff?.id ?? null],
        );
        const fileId = row!.id;
        const events: [string | null, string, number, string][] = [[null, 'filed', filed, '建档']];
        if (relief !== null) events.push(['filed', 'in_relief', relief, '制定解困计划']);
        if (exited !== null) events.push(['in_relief', 'exited', exited, f.exitReason ?? '']);
        if (followed !== null) events.push(['exited', 'followed_up', followed, '回访：生活稳定，未返困']);
        for (const [from, to, d, reason] of events) {
          await tx.query(
            `INSERT INTO hardship_status_event (file_id, from_status, to_status, on_date, reason, staff_id) VALUES ($1, $2, $3, $4::date, $5, $6)`,
            [fileId, from, to, dayOf(d), reason, staff?.id ?? null],
          );
        }
        for (let k = 0; k < Math.min(f.size - 1, 3); k++) {
          const name = makeName(rng, rng() < 0.5 ? 'male' : 'female');
          await tx.query(
            `INSERT INTO hardship_household_member (file_id, relation, name_enc, name_masked, age, health_note, occupation_note)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [fileId, RELATIONS[k]!, pii.encrypt(name), maskName(name), 8 + Math.floor(rng() * 60), k === 0 && f.causes.includes('illness') ? '患病，长期治疗' : '健康', k === 0 ? '务农' : '在读'],
          );
        }
        await tx.query(
          `INSERT INTO hardship_visit (file_id, kind, visited_on, visitors, notes, staff_id) VALUES ($1, 'visit', $2::date, $3, $4, $5)`,
          [fileId, dayOf(filed - 3), `${city.name.slice(0, 2)}工会帮扶小组`, '入户核实家庭情况，了解实际困难。', staff?.id ?? null],
        );
        if (followed !== null) {
          await tx.query(
            `INSERT INTO hardship_visit (file_id, kind, visited_on, visitors, notes, staff_id) VALUES ($1, 'follow_up', $2::date, $3, $4, $5)`,
            [fileId, dayOf(followed), `${city.name.slice(0, 2)}工会帮扶小组`, '回访：生活稳定，未返困。', staff?.id ?? null],
          );
        }
        if (relief !== null) {
          for (let k = 0; k < 2; k++) {
            await tx.query(
              `INSERT INTO hardship_aid (file_id, amount_fen, given_on, source, note, staff_id) VALUES ($1, $2, $3::date, $4, '', $5)`,
              [fileId, (5 + Math.floor(rng() * 20)) * 10000, dayOf(Math.max(relief - 10 - k * 30, exited ?? 0)), pick(rng, SOURCES), staff?.id ?? null],
            );
          }
        }
        if (status === 'filed' || status === 'in_relief') {
          await tx.query(`UPDATE member SET groups = array_append(groups, 'hardship') WHERE id = $1 AND NOT ('hardship' = ANY(groups))`, [m.id]);
        }
        n++;
      }
      const year = Number(dayOf(0).slice(0, 4));
      await tx.query(`INSERT INTO hardship_target (org_id, year, exits) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [city.id, year, 6]);
    });
  }
  return n;
}
