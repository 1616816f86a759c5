// Member export over HTTP: masked personal data only (every cell scanned), formula injection
// neutralised, filters, audit, roles, scope — and no full ID or phone number of an imported roster
// in any response or log line of the whole import-and-export session.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterJob } from '../../../contracts/rosters.ts';
import { makeRosterXlsx, multipart, rosterRows, waitForRoster, workbookCells, type Cell } from '../../../tests/helpers/rosters.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loggerOptions } from '../../logger.ts';

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

const FULL_ID = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/;
const FULL_PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/;

let t: TestApp;
let huazhou: Session;
let viewer: Session;
let union: number;
let job: RosterJob;
const bodies: string[] = [];
const people = rosterRows(5_000, 60);

async function call(method: string, url: string, opts: Parameters<TestApp['request']>[2] = {}) {
  const res = await t.request(method, url, opts);
  if (String(res.headers['content-type']).startsWith('application/json')) bodies.push(res.body);
  return res;
}

beforeAll(async () => {
  t = await startTestApp({}, loggerOptions('trace', capture));
  [huazhou, viewer] = await Promise.all([t.login('huazhou'), t.login('huazhou-view')]);
  [{ id: union }] = (await t.db.query<{ id: number }>(
    `SELECT id FROM org WHERE level = 'grassroots' AND status = 'active'
        AND path <@ (SELECT path FROM org WHERE id = $1)
        AND NOT EXISTS (SELECT 1 FROM member m WHERE m.org_id = org.id AND m.status <> 'active')
      ORDER BY id DESC LIMIT 1`,
    [await t.demoOrg('huazhou')],
  )) as [{ id: number }];
  // a roster with a few bad rows (their numbers travel back only in the error workbook)
  const rows: Cell[][] = people.map((r) => [...r]);
  rows[3]![0] = '王5';
  rows[7]![4] = '2099-01-01';
  rows[9]![1] = `${String(rows[9]![1]).slice(0, 17)}${String(rows[9]![1]).endsWith('1') ? '2' : '1'}`;
  const form = multipart({ orgId: String(union) }, { name: `名册-${String(people[0]![1])}.xlsx`, content: await makeRosterXlsx(rows) });
  const res = await t.app.inject({ method: 'POST', url: '/api/rosters', payload: form.payload, headers: { ...form.headers, authorization: `Bearer ${huazhou.token}` } });
  bodies.push(res.body);
  // polled through call(), so that the job's answers are among the bodies checked below
  job = await waitForRoster({ ...t, request: call }, res.json().id, huazhou);
  expect(job).toMatchObject({ status: 'done', imported: 57, errorRows: 3 });
  // text a spreadsheet would run as a formula, as a name or employer could hold it
  const evil = ['=HYPERLINK("http://evil.example","点我")', '+86 公司', '-1+2', '@SUM(A1)', '\t制表符', '\r回车'];
  const ids = await t.db.query<{ id: number }>(`SELECT id FROM member WHERE org_id = $1 ORDER BY id LIMIT $2`, [union, evil.length]);
  for (const [i, m] of ids.entries()) await t.db.query(`UPDATE member SET employer_name = $2, name = $3 WHERE id = $1`, [m.id, evil[i], evil[(i + 1) % evil.length]]);
});
afterAll(async () => t.close());

async function exportRows(query: string, as: Session = huazhou) {
  const res = await call('GET', `/api/members/export?${query}`, { as });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''/);
  const [sheet] = await workbookCells(res.rawPayload);
  return { header: sheet!.rows[0]!, rows: sheet!.rows.slice(1), declared: Number(res.headers['x-export-rows']) };
}

describe('member export', () => {
  it('holds masked ID and phone numbers only — no cell has a full one', async () => {
    const { header, rows, declared } = await exportRows(`orgId=${union}&status=all`);
    expect(header).toEqual(['会员号', '姓名', '性别', '身份证号（脱敏）', '手机号（脱敏）', '所属工会', '工作单位', '新就业形态平台', '群体', '状态', '入会日期']);
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE org_id = $1`, [union])) as [{ n: number }];
    expect(rows).toHaveLength(n);
    expect(declared).toBe(n);
    for (const cell of rows.flat()) {
      expect(cell).not.toMatch(FULL_ID);
      expect(cell).not.toMatch(FULL_PHONE);
    }
    for (const r of rows) {
      expect(r[3]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
      if (r[4]) expect(r[4]).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
    for (const p of people) for (const cell of rows.flat()) expect(cell.includes(String(p[1])) || cell.includes(String(p[2]))).toBe(false);
  });

  it('neutralises formula injection: a cell starting with = + - @, tab or CR gets a single quote', async () => {
    const { rows } = await exportRows(`orgId=${union}`);
    const cells = rows.flatMap((r) => [r[1]!, r[6]!]);
    // (a carriage return comes back as a line feed: XML readers normalise line ends)
    for (const start of ['=', '+', '-', '@', '\t', '\n']) {
      expect(cells.some((c) => c.startsWith(`'${start}`)), JSON.stringify(start)).toBe(true);
      expect(cells.some((c) => c.startsWith(start)), JSON.stringify(start)).toBe(false);
    }
  });

  it('filters by status and group, and writes who exported what and how many rows to the audit log', async () => {
    const women = await exportRows(`orgId=${union}&group=women`);
    expect(women.rows.length).toBeGreaterThan(0);
    expect(women.rows.every((r) => r[2] === '女' && r[8]!.includes('女职工') && r[9] === '正常')).toBe(true);
    const left = await exportRows(`orgId=${union}&status=left`);
    expect(left.rows).toEqual([]);
    const audit = await t.db.query<{ actorName: string; detail: { rows: number; group: string | null; status: string } }>(
      `SELECT actor_name AS "actorName", detail FROM audit_log WHERE action = 'member.export' ORDER BY id DESC LIMIT 2`,
    );
    expect(audit[0]).toMatchObject({ actorName: 'huazhou', detail: { rows: 0, status: 'left' } });
    expect(audit[1]).toMatchObject({ detail: { rows: women.rows.length, group: 'women' } });
  });

  it('exports the whole scope by default, refuses the read-only role, other subtrees and strangers', async () => {
    const all = await exportRows('');
    expect(all.rows.length).toBeGreaterThan(50);
    expect(all.rows.every((r) => !r[5]!.includes('阳江'))).toBe(true);
    expect((await call('GET', '/api/members/export', { as: viewer })).json().error).toBe('forbidden');
    expect((await call('GET', '/api/members/export')).statusCode).toBe(401);
    const yangjiang = await t.demoOrg('yangjiang');
    const outside = await call('GET', `/api/members/export?orgId=${yangjiang}`, { as: huazhou });
    const missing = await call('GET', '/api/members/export?orgId=2000000000', { as: huazhou });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toBe(missing.body);
  });
});

describe('personal data of an imported roster', () => {
  it('appears in no response but the error workbook (the uploader’s own rows), in no log line, and only sealed at rest', async () => {
    await call('GET', '/api/rosters', { as: huazhou });
    await call('GET', `/api/members?orgId=${union}&pageSize=200`, { as: huazhou });
    const errors = await t.request('GET', `/api/rosters/${job.id}/errors`, { as: huazhou });
    const errorCells = (await workbookCells(errors.rawPayload))[0]!.rows.flat();
    expect(errorCells).toContain(String(people[3]![1])); // given back to fix, by design
    expect(lines.length).toBeGreaterThan(20);
    const everything = [...bodies, ...lines];
    for (const text of everything) {
      expect(text).not.toMatch(FULL_ID);
      for (const p of people) {
        expect(text).not.toContain(String(p[1]));
        expect(text).not.toContain(String(p[2]));
      }
    }
    // the file name held an ID number: it is kept masked
    expect(job.fileName).toMatch(/^名册-\d{6}\*{8}/);
    const stored = await t.db.query<{ row: string }>(`SELECT j::text AS row FROM roster_job j WHERE id = $1`, [job.id]);
    const members = await t.db.query<{ row: string }>(`SELECT m::text AS row FROM member m WHERE org_id = $1`, [union]);
    for (const { row } of [...stored, ...members]) {
      for (const p of people) {
        expect(row).not.toContain(String(p[1]));
        expect(row).not.toContain(String(p[2]));
      }
    }
    expect(await t.db.query(`SELECT 1 FROM roster_staging`)).toEqual([]);
  });
});
