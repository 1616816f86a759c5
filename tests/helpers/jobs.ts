// Jobs and fairs in tests (issue 17 slice C): the few `skill` rows a test needs, inserted directly
// (codes the demo taxonomy never ships: 8-99… and F-99xx), and a job's body with sensible defaults.
import type { TestApp } from './harness.ts';
import { beijingDay } from '../../server/lib/beijing-time.ts';

export interface TestSkills {
  occupation: number;
  forklift: number;
  electrician: number;
  packing: number;
}

const SKILLS: [code: string, name: string, rank: string, parent: string | null][] = [
  ['8', '测试大类', 'major', null],
  ['8-99', '测试中类', 'middle', '8'],
  ['8-99-99', '测试小类', 'minor', '8-99'],
  ['8-99-99-99', '测试叉车司机', 'occupation', '8-99-99'],
  ['F-9901', '测试叉车', 'free', null],
  ['F-9902', '测试电工', 'free', null],
  ['F-9903', '测试包装', 'free', null],
];

/** The test skills (kept when present), by role. */
export async function ensureTestSkills(t: TestApp): Promise<TestSkills> {
  for (const [code, name, rank, parent] of SKILLS) {
    await t.db.query(
      `INSERT INTO skill (code, name, rank, parent_id) VALUES ($1, $2, $3, (SELECT id FROM skill WHERE code = $4)) ON CONFLICT (code) DO NOTHING`,
      [code, name, rank, parent],
    );
  }
  const rows = await t.db.query<{ id: number; code: string }>(`SELECT id::int AS id, code FROM skill WHERE code LIKE '8-99-99-99' OR code LIKE 'F-99%'`);
  const id = (code: string) => rows.find((r) => r.code === code)!.id;
  return { occupation: id('8-99-99-99'), forklift: id('F-9901'), electrician: id('F-9902'), packing: id('F-9903') };
}

/** A day `n` days from today (Beijing). */
export const daysAhead = (n: number) => beijingDay(new Date(Date.now() + n * 86400_000));

/** A job's body: a union, its town, one essential skill; `over` replaces any field. */
export function jobBody(orgId: number, townId: number, skills: TestSkills, over: Record<string, unknown> = {}) {
  return {
    orgId,
    employerName: '化州市测试物流有限公司',
    title: '叉车司机',
    occupationId: skills.occupation,
    townId,
    lat: 21.663,
    lng: 110.638,
    address: '化州市石湾街道工业园 8 号',
    wageMin: 5000,
    wageMax: 7000,
    wageUnit: 'month',
    shift: 'day',
    employment: 'fulltime',
    headcount: 5,
    validUntil: daysAhead(60),
    contactName: '李晓红',
    contactPhone: '13812345678',
    skills: [
      { skillId: skills.forklift, minLevel: 4, essential: true },
      { skillId: skills.electrician, minLevel: 2, essential: false },
    ],
    ...over,
  };
}
