// Importing a fair's jobs from Excel: the template's example rows read back; a good file is written
// whole (skills parsed from "叉车:4:必备;电工:2", towns matched by name in the fair's union's area) once per
// Idempotency-Key; a file with any bad row is refused with the reasons per row and nothing written, and
// comes back as an error workbook with 错误 on the bad rows. Both engines.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { daysAhead, ensureTestSkills, type TestSkills } from '../../../tests/helpers/jobs.ts';
import type { FairDetail, JobDetail } from '../../../contracts/jobs.ts';

let t: TestApp;
let huazhou: Session;
let yangjiang: Session;
let skills: TestSkills;
let fairId: number;

const HEADER = ['单位', '岗位', '职业编码', '技能要求', '月薪下限', '月薪上限', '班次', '人数', '有效期', '镇街', '地址', '联系人', '电话'];

beforeAll(async () => {
  t = await startTestApp();
  [huazhou, yangjiang] = await Promise.all([t.login('huazhou'), t.login('yangjiang')]);
  skills = await ensureTestSkills(t);
  const fair = await t.request('POST', '/api/job-fairs', {
    as: huazhou,
    body: { orgId: await t.demoOrg('huazhou'), title: '化州市春送岗位招聘会（导入测试）', heldOn: daysAhead(10), startsAt: '09:00', endsAt: '12:00', address: '化州市人民广场' },
  });
  fairId = fair.json<FairDetail>().id;
});
afterAll(async () => t.close());

async function workbook(rows: (string | number)[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('岗位');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const goodRow = (title: string, over: Partial<Record<number, string | number>> = {}) => {
  const row: (string | number)[] = ['化州市示例物流有限公司', title, '8-99-99-99', '测试叉车:4:必备;测试电工:2', '5000', '7000', '白班', '5', daysAhead(90), '石湾街道', '化州市石湾街道工业园 8 号', '李经理', '13800138000'];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v!;
  return row;
};

const upload = (file: Buffer, opts: { as?: Session; query?: string; key?: string; url?: string } = {}) => {
  const form = multipart({}, { name: '岗位.xlsx', content: file });
  return t.request('POST', `${opts.url ?? `/api/job-fairs/${fairId}/import`}${opts.query ? `?${opts.query}` : ''}`, {
    as: opts.as ?? huazhou,
    body: form.payload,
    headers: { ...form.headers, 'idempotency-key': opts.key ?? randomUUID() },
  });
};
const jobsOfFair = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM job WHERE fair_id = $1`, [fairId]))[0]!.n;

describe('the import of a fair\'s jobs', () => {
  it('downloads the template, which a dry run reads', async () => {
    const res = await t.request('GET', '/api/job-fairs/import-template', { as: huazhou });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.rawPayload) as never);
    expect((wb.getWorksheet('岗位')!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
  });

  it('writes a good file whole, once per key, with the skills parsed', async () => {
    const file = await workbook([goodRow('叉车司机'), goodRow('电工', { 3: '测试电工:3:必备', 6: '两班倒', 9: '化州市河西街道工会联合会', 12: '0668-7321234' })]);
    const dry = await upload(file, { query: 'dryRun=1' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, rows: 2, created: 0 });
    expect(await jobsOfFair()).toBe(0);
    const key = randomUUID();
    const res = await upload(file, { key });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ok: true, rows: 2, created: 2, errors: [], errorCount: 0 });
    const again = await upload(file, { key });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await jobsOfFair()).toBe(2);
    const fair = (await t.request('GET', `/api/job-fairs/${fairId}`, { as: huazhou })).json<FairDetail>();
    expect(fair).toMatchObject({ employers: 1, jobs: 2, headcount: 10 });
    const forklift = fair.jobList.find((j) => j.title === '叉车司机')!;
    const detail = (await t.request('GET', `/api/jobs/${forklift.id}`, { as: huazhou })).json<JobDetail>();
    expect(detail).toMatchObject({ employer: { enterpriseId: null, name: '化州市示例物流有限公司' }, org: { name: '化州市总工会' }, shift: 'day', wageUnit: 'month', contactPhone: '138****8000', occupation: { id: skills.occupation } });
    expect(detail.skills.map((s) => [s.skill.id, s.minLevel, s.essential])).toEqual([[skills.forklift, 4, true], [skills.electrician, 2, false]]);
  });

  it('links an employer named as one of the enterprise file in scope', async () => {
    const e = await t.make.enterprise({ town: await t.demoOrg('shiwan'), name: '化州市导入测试机械有限公司' });
    const res = await upload(await workbook([goodRow('机修工', { 0: '化州市导入测试机械有限公司' })]));
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await t.db.query<{ enterpriseId: number | null }>(`SELECT enterprise_id::int AS "enterpriseId" FROM job WHERE title = '机修工' AND fair_id = $1`, [fairId]);
    expect(row!.enterpriseId).toBe(e.id);
  });

  it('refuses a file with any bad row, writing nothing, and gives it back with 错误 on the bad rows', async () => {
    const before = await jobsOfFair();
    const [jobsBefore] = await t.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM job) + (SELECT count(*) FROM job_skill) AS n`);
    const file = await workbook([
      goodRow('好的岗位'),
      goodRow('工资倒挂', { 4: '8000', 5: '6000' }),
      goodRow('没有必备', { 3: '测试叉车:4' }),
      goodRow('等级超出', { 3: '测试叉车:9:必备' }),
      goodRow('镇街不对', { 9: '江城区' }),
      goodRow('已过期', { 8: daysAhead(-3) }),
      goodRow('技能不存在', { 3: '开挖掘机:3:必备' }),
    ]);
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ ok: boolean; created: number; errors: { row: number; column: string; message: string }[] }>();
    expect(body.ok).toBe(false);
    expect(body.created).toBe(0);
    expect(body.errors.map((e) => [e.row, e.column])).toEqual([[3, '月薪上限'], [4, '技能要求'], [5, '技能要求'], [6, '镇街'], [7, '有效期'], [8, '技能要求']]);
    expect(body.errors[0]!.message).toBe('工资下限不能高于上限');
    expect(await jobsOfFair()).toBe(before);
    const [jobsAfter] = await t.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM job) + (SELECT count(*) FROM job_skill) AS n`);
    expect(jobsAfter!.n).toBe(jobsBefore!.n);

    const errors = await upload(file, { url: `/api/job-fairs/${fairId}/import/errors` });
    expect(errors.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(errors.rawPayload) as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('错误');
    const reasonCol = header.length;
    expect(String(ws.getRow(2).getCell(reasonCol).value ?? '')).toBe('');
    expect(String(ws.getRow(3).getCell(reasonCol).value)).toContain('月薪上限：工资下限不能高于上限');
    const good = await upload(await workbook([goodRow('好的岗位')]), { url: `/api/job-fairs/${fairId}/import/errors` });
    expect(good.json().error).toBe('job_import_no_errors');
  });

  it('refuses a file without the required columns, and a fair of another subtree is not_found', async () => {
    const res = await upload(await workbook([['化州市示例物流有限公司', '叉车司机', '', '']], ['单位', '岗位', '职业编码', '备注']));
    expect(res.json().error).toBe('job_import_headers');
    const theirs = await upload(await workbook([goodRow('越权导入')]), { as: yangjiang });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().error).toBe('not_found');
  });
});
