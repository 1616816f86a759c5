// Roster import over HTTP on a real database: the template, every kind of bad file and bad row,
// the import rule (valid rows in, invalid rows back), idempotent re-upload, rejoining, the counts,
// roles and scope.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterJob } from '../../../contracts/rosters.ts';
import { ROSTER_HEADERS, makeRosterXlsx, makeZip, multipart, rosterPerson, rosterRows, waitForRoster, workbookCells, xlsxSkeleton, type Cell } from '../../../tests/helpers/rosters.ts';
import { startTestApp, type DemoOrgKey, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { idNumberCheckChar } from '../../../contracts/china-codes.ts';
import { cardNumberFor } from '../../lib/card-number.ts';
import { outboxSender } from '../notices/notices.service.ts';
import { failJob, runImport } from './roster-import.ts';
import { insertJob } from './rosters.repo.ts';
import { inspectXlsx } from '../../lib/xlsx-guard.ts';

let t: TestApp;
let huazhou: Session;
let viewer: Session;
let admin: Session;
let unionA: number;
let unionB: number;
let yangjiangUnion: number;
let city: number;

beforeAll(async () => {
  t = await startTestApp();
  [huazhou, viewer, admin] = await Promise.all([t.login('huazhou'), t.login('huazhou-view'), t.login('admin')]);
  const grassroots = async (root: DemoOrgKey) =>
    t.db.query<{ id: number }>(
      `SELECT id FROM org WHERE level = 'grassroots' AND status = 'active'
          AND path <@ (SELECT path FROM org WHERE id = $1) ORDER BY id LIMIT 2`,
      [await t.demoOrg(root)],
    );
  [{ id: unionA }, { id: unionB }] = (await grassroots('huazhou')) as [{ id: number }, { id: number }];
  yangjiangUnion = (await grassroots('yangjiang'))[0]!.id;
  city = await t.demoOrg('maoming');
});
afterAll(async () => t.close());

function upload(as: Session | undefined, orgId: number | string, content: Buffer, fileName = '名册.xlsx') {
  const { payload, headers } = multipart({ orgId: String(orgId) }, { name: fileName, content });
  return t.app.inject({ method: 'POST', url: '/api/rosters', payload, headers: { ...headers, ...(as ? { authorization: `Bearer ${as.token}` } : {}) } });
}

const waitForJob = (id: number, as: Session = huazhou): Promise<RosterJob> => waitForRoster(t, id, as);

async function importFile(content: Buffer, orgId = unionA): Promise<RosterJob> {
  const res = await upload(huazhou, orgId, content);
  expect(res.statusCode, res.body).toBe(202);
  return waitForJob(res.json<RosterJob>().id);
}

async function errorFile(jobId: number): Promise<string[][]> {
  const res = await t.request('GET', `/api/rosters/${jobId}/errors`, { as: huazhou });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return (await workbookCells(res.rawPayload))[0]!.rows;
}

/** Everything an import writes. */
async function snapshot() {
  const [s] = await t.db.query<{ members: number; identities: number; cards: number; events: number; jobs: number; staged: number; counted: number }>(
    `SELECT (SELECT count(*)::int FROM member) AS members, (SELECT count(*)::int FROM member_identity) AS identities,
            (SELECT count(*)::int FROM card) AS cards, (SELECT count(*)::int FROM member_event) AS events,
            (SELECT count(*)::int FROM roster_job) AS jobs, (SELECT count(*)::int FROM roster_staging) AS staged,
            (SELECT sum(member_count)::int FROM org) AS counted`,
  );
  return s!;
}

/** The member counts of every union equal what the member rows say. */
async function expectCountsRight() {
  const wrong = await t.db.query(
    `SELECT o.id FROM org o LEFT JOIN (SELECT org_id, count(*)::int AS n FROM member WHERE status NOT IN ('left', 'deceased') GROUP BY org_id) c
        ON c.org_id = o.id WHERE o.member_count <> coalesce(c.n, 0)`,
  );
  expect(wrong).toEqual([]);
  // and every kept subtree total (org_rollup) equals the sum over its subtree
  const drift = await t.db.query(
    `SELECT a.id FROM org a
      WHERE (SELECT coalesce(sum(r.members), 0) FROM org_rollup r WHERE r.org_id = a.id)
         <> (SELECT coalesce(sum(d.member_count), 0) FROM org d WHERE d.path <@ a.path)`,
  );
  expect(drift).toEqual([]);
}

const born = (ymd: string, seq = 123) => {
  const first17 = `440982${ymd}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

describe('template', () => {
  it('has the Chinese headers, ID and phone columns as text, and the instructions; uploaded empty it is refused', async () => {
    const res = await t.request('GET', '/api/rosters/template', { as: viewer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const sheets = await workbookCells(res.rawPayload);
    expect(sheets.map((s) => s.sheet)).toEqual(['会员名册', '填写说明']);
    expect(sheets[0]!.rows[0]).toEqual(ROSTER_HEADERS);
    expect(sheets[1]!.rows.flat().join('')).toContain('一人一会籍');
    const job = await importFile(res.rawPayload);
    expect(job).toMatchObject({ status: 'failed', error: { error: 'roster_empty' }, imported: 0 });
    expect((await t.request('GET', '/api/rosters/template')).statusCode).toBe(401);
  });
});

describe('a valid roster', () => {
  it('makes every row a member at once: number, card, history, channel, counts; progress reaches 100', async () => {
    const before = await snapshot();
    const job = await importFile(await makeRosterXlsx(rosterRows(0, 40)));
    expect(job).toMatchObject({ status: 'done', percent: 100, totalRows: 40, readRows: 40, processedRows: 40, imported: 40, skipped: 0, errorRows: 0, hasErrorFile: false, error: null });
    const members = await t.db.query<{ id: number; memberNo: string; joinChannel: string; status: string; cardNo: string; groups: string[]; sex: string }>(
      `SELECT m.id, m.member_no AS "memberNo", m.join_channel AS "joinChannel", m.status, c.card_no AS "cardNo", m.groups, m.sex
         FROM member m JOIN card c ON c.member_id = m.id WHERE m.id_number_hash = ANY($1::bytea[])`,
      [rosterRows(0, 40).map((r) => t.pii.hash(String(r[1])))],
    );
    expect(members).toHaveLength(40);
    for (const m of members) {
      expect(m.memberNo).toBe(`GH${String(m.id).padStart(10, '0')}`);
      expect(m.cardNo).toBe(cardNumberFor(m.id));
      expect(m).toMatchObject({ joinChannel: 'roster', status: 'active' });
      expect(m.groups).toEqual(m.sex === 'female' ? ['women'] : []);
    }
    const events = await t.db.query<{ kind: string; reason: string; actorKind: string }>(
      `SELECT kind, reason, actor_kind AS "actorKind" FROM member_event WHERE member_id = $1 ORDER BY id`,
      [members[0]!.id],
    );
    expect(events).toEqual([
      { kind: 'joined', reason: '导入名册', actorKind: 'staff' },
      { kind: 'card_issued', reason: members[0]!.cardNo, actorKind: 'system' },
    ]);
    const after = await snapshot();
    expect(after).toMatchObject({ members: before.members + 40, cards: before.cards + 40, counted: before.counted + 40, staged: 0 });
    await expectCountsRight();
    const audit = await t.db.query(`SELECT action, detail FROM audit_log WHERE target_type = 'roster_job' AND target_id = $1 ORDER BY id`, [String(job.id)]);
    expect(audit.map((a) => a.action)).toEqual(['roster.upload', 'member.import']);
    // the member list shows them, masked
    const list = (await t.request('GET', `/api/members?orgId=${unionA}&pageSize=200`, { as: huazhou })).json<{ items: { idNumberMasked: string }[] }>();
    expect(list.items.some((m) => m.idNumberMasked === `${String(rosterPerson(0).idNumber).slice(0, 6)}********${String(rosterPerson(0).idNumber).slice(14)}`)).toBe(true);
  });

  it('finds the header under a title line, reads a file named .txt by its content, and accepts header variants', async () => {
    const rows = rosterRows(100, 3);
    const numbered = await makeRosterXlsx(rows.map((r, i) => [i + 1, ...r.slice(0, 4)]), {
      preamble: [['化州市名册测试有限公司工会会员名册'], []],
      headers: ['序号', '姓名', '身份证号码', '手机号码', '单位名称'],
    });
    const res = await upload(huazhou, unionA, numbered, 'roster.txt');
    expect(res.statusCode, res.body).toBe(202);
    expect(await waitForJob(res.json().id)).toMatchObject({ status: 'done', imported: 3 });
  });
});

describe('bad rows: valid rows are imported, each invalid row comes back with its reason', () => {
  it('reports every kind of mistake, duplicates within the file, and keeps the original columns', async () => {
    const p = (i: number) => rosterPerson(200 + i);
    const ok = (i: number): Cell[] => [p(i).name, p(i).idNumber, p(i).phone, p(i).employer, null, null];
    const rows: Cell[][] = [
      ok(0), // 2: valid
      [null, p(1).idNumber, p(1).phone, p(1).employer, null, null], // 3: name_missing
      ['张3', p(2).idNumber, p(2).phone, p(2).employer, null, null], // 4: invalid_name
      [p(3).name, null, p(3).phone, p(3).employer, null, null], // 5: id_missing
      [p(4).name, Number('440982199001011234'), p(4).phone, p(4).employer, null, null], // 6: id_as_number
      [p(5).name, `${p(5).idNumber.slice(0, 17)}${p(5).idNumber[17] === '0' ? '1' : '0'}`, p(5).phone, p(5).employer, null, null], // 7: invalid_id_number
      [p(6).name, born('20150101'), p(6).phone, p(6).employer, null, null], // 8: under_age
      [p(7).name, p(7).idNumber, null, p(7).employer, null, null], // 9: phone_missing
      [p(8).name, p(8).idNumber, '1234567', p(8).employer, null, null], // 10: invalid_phone
      [p(9).name, p(9).idNumber, p(9).phone, null, null, null], // 11: employer_missing
      [p(10).name, p(10).idNumber, p(10).phone, p(10).employer, '2099-01-01', null], // 12: invalid_joined_on
      [p(11).name, p(11).idNumber, p(11).phone, p(11).employer, null, '长'.repeat(201)], // 13: note_too_long
      ok(0), // 14: the same person as row 2, same name → only this row is refused
      ok(12), // 15: valid … until row 16 names someone else with this ID number
      ['王不同', p(12).idNumber, p(12).phone, p(12).employer, null, null], // 16: same ID as row 15, another name → both refused
      ok(13), // 17: valid, with a joined date
      [], // 18: blank, not counted
      ['=HYPERLINK("http://x")', null, '-1', '@x', null, null], // 19: several mistakes, formula-looking text
    ];
    rows[15]![4] = '2020-06-01';
    const before = await snapshot();
    const job = await importFile(await makeRosterXlsx(rows));
    expect(job).toMatchObject({ status: 'done', totalRows: 17, imported: 2, errorRows: 15, hasErrorFile: true });
    expect(job.errorCounts).toMatchObject({
      name_missing: 1, invalid_name: 2, id_missing: 2, id_as_number: 1, invalid_id_number: 1, under_age: 1, phone_missing: 1,
      invalid_phone: 2, employer_missing: 1, invalid_joined_on: 1, note_too_long: 1, duplicate_in_file: 3,
    });
    expect((await snapshot()).members).toBe(before.members + 2);
    const [joined] = await t.db.query<{ joinedOn: string }>(`SELECT joined_on::text AS "joinedOn" FROM member WHERE id_number_hash = $1`, [t.pii.hash(p(13).idNumber)]);
    expect(joined!.joinedOn).toBe('2020-06-01');

    const sheet = await errorFile(job.id);
    expect(sheet[0]).toEqual([...ROSTER_HEADERS, '错误原因', '原行号']);
    const byRow = new Map(sheet.slice(1).map((r) => [Number(r[7]), r]));
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 19]);
    expect(byRow.get(4)!.slice(0, 4)).toEqual(['张3', p(2).idNumber, p(2).phone, p(2).employer]);
    expect(byRow.get(4)![6]).toContain('姓名应为');
    expect(byRow.get(6)![6]).toContain('存成了数字');
    expect(byRow.get(8)![6]).toContain('未满 16 周岁');
    expect(byRow.get(14)![6]).toContain('第 2 行');
    expect(byRow.get(15)![6]).toContain('第 16 行，姓名不同');
    expect(byRow.get(16)![6]).toContain('第 15 行');
    expect(byRow.get(19)!.slice(0, 4)).toEqual([`'=HYPERLINK("http://x")`, '', "'-1", "'@x"]);
    expect(byRow.get(19)![6]!.split('；').length).toBe(3);
    const audit = await t.db.query(`SELECT actor_name AS "actorName", detail FROM audit_log WHERE action = 'roster.errors_download' AND target_id = $1`, [String(job.id)]);
    expect(audit).toHaveLength(1);
  });

  it('refuses a member of another union (one person, one membership), a pending application, a deceased member; welcomes back one who left', async () => {
    const [elsewhere, pending, deceased, returning] = [300, 301, 302, 303].map(rosterPerson) as [ReturnType<typeof rosterPerson>, ReturnType<typeof rosterPerson>, ReturnType<typeof rosterPerson>, ReturnType<typeof rosterPerson>];
    const toRow = (q: typeof elsewhere): Cell[] => [q.name, q.idNumber, q.phone, q.employer, null, null];
    expect(await importFile(await makeRosterXlsx([toRow(elsewhere), toRow(deceased), toRow(returning)]), unionB)).toMatchObject({ imported: 3 });
    const idOf = async (id: string) => (await t.db.query<{ id: number; memberNo: string }>(`SELECT id, member_no AS "memberNo" FROM member WHERE id_number_hash = $1`, [t.pii.hash(id)]))[0]!;
    const dead = await idOf(deceased.idNumber);
    const left = await idOf(returning.idNumber);
    for (const [m, status] of [[dead, 'deceased'], [left, 'left']] as const) {
      const res = await t.request('POST', `/api/members/${m.id}/status`, { as: huazhou, body: { status, reason: '名册测试' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const worker = await loginWorker(t, admin);
    const applied = await t.request('POST', '/api/members/join', { as: worker, body: { name: pending.name, idNumber: pending.idNumber, gigPlatform: '美团', workOrgId: await t.demoOrg('shiwan'), consent: true } });
    expect(applied.json().status).toBe('pending');

    const job = await importFile(await makeRosterXlsx([toRow(elsewhere), toRow(pending), toRow(deceased), toRow(returning)]), unionA);
    expect(job).toMatchObject({ status: 'done', imported: 0, rejoined: 1, skipped: 0, errorRows: 3 });
    expect(job.errorCounts).toEqual({ already_member_elsewhere: 1, application_pending: 1, member_deceased: 1 });
    const reasons = (await errorFile(job.id)).slice(1).map((r) => r[6]);
    expect(reasons).toEqual([expect.stringContaining('一人一会籍'), expect.stringContaining('正在审核'), expect.stringContaining('身故')]);
    const back = await t.request('GET', `/api/members/${left.id}`, { as: huazhou });
    expect(back.json()).toMatchObject({ memberNo: left.memberNo, status: 'active', org: { id: unionA }, card: { status: 'active' } });
    expect(back.json().history.map((e: { kind: string }) => e.kind)).toContain('rejoined');
    await expectCountsRight();
  });
});

describe('joined dates typed as Excel dates', () => {
  it('are read as the dates they show, in the 1900 and the 1904 date systems; the error workbook shows them as dates', async () => {
    for (const [i, date1904] of [[0, false], [1, true]] as const) {
      const wb = new ExcelJS.Workbook();
      if (date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
      const ws = wb.addWorksheet('会员名册');
      ws.addRow(ROSTER_HEADERS);
      const p = rosterPerson(1400 + i);
      ws.addRow([p.name, p.idNumber, p.phone, p.employer, new Date(Date.UTC(2020, 5, 1))]);
      ws.addRow(['错3', rosterPerson(1410 + i).idNumber, p.phone, p.employer, new Date(Date.UTC(2021, 2, 15))]);
      const job = await importFile(Buffer.from(await wb.xlsx.writeBuffer()));
      expect(job, `date1904: ${date1904}`).toMatchObject({ status: 'done', imported: 1, errorRows: 1 });
      const [m] = await t.db.query<{ joinedOn: string }>(`SELECT joined_on::text AS "joinedOn" FROM member WHERE id_number_hash = $1`, [t.pii.hash(p.idNumber)]);
      expect(m!.joinedOn, `date1904: ${date1904}`).toBe('2020-06-01');
      expect((await errorFile(job.id))[1]![4]).toBe('2021-03-15');
    }
  });
});

describe('re-uploading is idempotent by ID number', () => {
  it('imports nobody twice: the second upload skips those already in this union and imports only the fixed rows', async () => {
    const rows = rosterRows(400, 30);
    const broken = rows.map((r) => [...r]);
    broken[5]![2] = 'not-a-phone';
    const first = await importFile(await makeRosterXlsx(broken));
    expect(first).toMatchObject({ imported: 29, errorRows: 1 });
    const before = await snapshot();
    const again = await importFile(await makeRosterXlsx(rows));
    expect(again).toMatchObject({ status: 'done', imported: 1, skipped: 29, errorRows: 0, hasErrorFile: false });
    const third = await importFile(await makeRosterXlsx(rows));
    expect(third).toMatchObject({ imported: 0, skipped: 30 });
    expect((await snapshot()).members).toBe(before.members + 1);
    await expectCountsRight();
  });
});

/** A job of huazhou's for `rows` into unionA, to run by runImport itself (not through the queue). */
async function directImport(rows: Cell[][], fileName: string) {
  const content = await makeRosterXlsx(rows);
  const [staff] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'huazhou'`);
  const jobId = await insertJob(t.db, { orgId: unionA, staffId: staff!.id, fileName, fileSize: content.length });
  const [org] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [unionA]);
  const task = { jobId, orgId: unionA, orgPath: org!.path, staffId: staff!.id, staffName: 'huazhou', buf: content, zip: inspectXlsx(content) };
  const deps = { db: t.db, pii: t.pii, config: t.config, sender: outboxSender };
  return { content, jobId, task, deps };
}

describe('batches: each batch is one transaction', () => {
  it('an import stopped after its first batch keeps that batch, reports it, and the same file uploaded again completes it', async () => {
    const rows = rosterRows(450, 23);
    const { content, jobId, task, deps } = await directImport(rows, 'a.xlsx');
    let batches = 0;
    const stopped = await runImport(deps, task, { batchSize: 10, isClosing: () => batches++ >= 1 }).catch((err: unknown) => err);
    expect(stopped).toMatchObject({ code: 'roster_interrupted' });
    await failJob(deps, task, stopped);
    const job = (await t.request('GET', `/api/rosters/${jobId}`, { as: huazhou })).json<RosterJob>();
    expect(job).toMatchObject({ status: 'failed', imported: 10, processedRows: 10, error: { error: 'roster_interrupted' } });
    await expectCountsRight();
    const again = await importFile(content);
    expect(again).toMatchObject({ status: 'done', imported: 13, skipped: 10, errorRows: 0 });
  });
  it('batches written side by side (two writers) import every row once, with counts, history and progress right', async () => {
    const rows = rosterRows(1100, 41);
    const { jobId, task, deps } = await directImport(rows, 'b.xlsx');
    const before = await snapshot();
    const result = await runImport(deps, task, { batchSize: 20, writers: 3 });
    expect(result).toEqual({ imported: 41, rejoined: 0, skipped: 0, errorRows: 0 });
    const after = await snapshot();
    expect(after.members - before.members).toBe(41);
    expect(after.cards - before.cards).toBe(41);
    expect(after.events - before.events).toBe(82);
    expect(after.staged).toBe(0);
    const job = (await t.request('GET', `/api/rosters/${jobId}`, { as: huazhou })).json<RosterJob>();
    expect(job).toMatchObject({ status: 'done', imported: 41, processedRows: 41, percent: 100 });
    await expectCountsRight();
  });
});

describe('sealing in a worker thread while the file is read', () => {
  const taskFor = async (content: Buffer, fileName: string) => {
    const [staff] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'huazhou'`);
    const jobId = await insertJob(t.db, { orgId: unionA, staffId: staff!.id, fileName, fileSize: content.length });
    const [org] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [unionA]);
    return { jobId, orgId: unionA, orgPath: org!.path, staffId: staff!.id, staffName: 'huazhou', buf: content, zip: inspectXlsx(content) };
  };

  it('seals with the same key, and a row staged before its duplicate with another name was read is taken out again', async () => {
    const rows = rosterRows(1200, 60);
    const first = rosterPerson(1204);
    rows[50] = ['王另名', first.idNumber, first.phone, first.employer]; // row 52 names the person of row 6 otherwise
    const task = await taskFor(await makeRosterXlsx(rows), 'w.xlsx');
    const deps = { db: t.db, pii: t.pii, config: t.config, sender: outboxSender };
    const before = await snapshot();
    // chunks of 10 from the first row on: row 6 is sealed in the worker and staged long before row 52 is read
    const result = await runImport(deps, task, { stageChunk: 10, workerFromRows: 1, batchSize: 25 });
    expect(result).toEqual({ imported: 58, rejoined: 0, skipped: 0, errorRows: 2 });
    const after = await snapshot();
    expect(after.members - before.members).toBe(58);
    expect(after.staged).toBe(0);
    expect(await t.db.query(`SELECT 1 FROM member WHERE id_number_hash = $1`, [t.pii.hash(first.idNumber)])).toHaveLength(0);
    const last = rosterPerson(1259);
    const [sealed] = await t.db.query<{ id: Uint8Array; phone: Uint8Array; masked: string; pinyin: string }>(
      `SELECT id_number_enc AS id, phone_enc AS phone, id_number_masked AS masked, name_pinyin AS pinyin FROM member WHERE id_number_hash = $1`,
      [t.pii.hash(last.idNumber)],
    );
    expect(t.pii.decrypt(sealed!.id)).toBe(last.idNumber);
    expect(t.pii.decrypt(sealed!.phone)).toBe(last.phone);
    expect(sealed!.masked).toBe(`${last.idNumber.slice(0, 6)}********${last.idNumber.slice(14)}`);
    expect(sealed!.pinyin).not.toBe('');
    await expectCountsRight();
  });

  it('a sealer that cannot start fails the job as an internal error, with nothing written or left staged', async () => {
    const task = await taskFor(await makeRosterXlsx(rosterRows(1300, 30)), 'x.xlsx');
    const notACipher = { encrypt: t.pii.encrypt, decrypt: t.pii.decrypt, hash: t.pii.hash }; // no key a worker could take
    const deps = { db: t.db, pii: notACipher, config: t.config, sender: outboxSender };
    const before = await snapshot();
    const failed = await runImport(deps, task, { stageChunk: 10, workerFromRows: 1 }).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toMatchObject({ code: 'roster_unreadable' });
    await failJob(deps, task, failed);
    const job = (await t.request('GET', `/api/rosters/${task.jobId}`, { as: huazhou })).json<RosterJob>();
    expect(job).toMatchObject({ status: 'failed', imported: 0, error: { error: 'internal_error' } });
    const after = await snapshot();
    expect(after.members).toBe(before.members);
    expect(after.staged).toBe(0);
  });
});

describe('a file refused as a whole writes nothing', () => {
  it('missing headers', async () => {
    const before = await snapshot();
    const job = await importFile(await makeRosterXlsx(rosterRows(500, 3).map((r) => r.slice(0, 2)), { headers: ['姓名', '身份证号'] }));
    expect(job).toMatchObject({ status: 'failed', imported: 0, error: { error: 'roster_missing_headers', message: expect.stringContaining('手机号、工作单位') } });
    expect({ ...(await snapshot()), jobs: 0 }).toEqual({ ...before, jobs: 0 });
  });

  it('more than 100,000 rows', async () => {
    const rows: Cell[][] = [];
    const p = rosterPerson(600);
    for (let i = 0; i <= 100_000; i++) rows.push([p.name, p.idNumber, p.phone, p.employer]);
    const before = await snapshot();
    const job = await importFile(await makeRosterXlsx(rows));
    expect(job).toMatchObject({ status: 'failed', imported: 0, error: { error: 'roster_too_many_rows' } });
    expect({ ...(await snapshot()), jobs: 0 }).toEqual({ ...before, jobs: 0 });
  }, 120_000);
});

describe('files refused before parsing, with a code and a Chinese message, and no job', () => {
  const cases: [string, () => Promise<Buffer> | Buffer, string, number, string?][] = [
    ['a CSV renamed .xlsx', () => Buffer.from('姓名,身份证号\n张三,1\n'), 'roster_not_xlsx', 415],
    ['a .txt renamed .xlsx', () => Buffer.from('hello, this is a text file\n'), 'roster_not_xlsx', 415],
    ['a legacy .xls', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'roster_legacy_xls', 415, 'roster.xls'],
    ['a zip that is no workbook', () => makeZip([{ name: 'a.txt', data: Buffer.from('x') }]), 'roster_not_xlsx', 415],
    ['a zip bomb (ratio)', () => makeZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(48 * 1024 * 1024) }]), 'roster_zip_bomb', 413],
    ['a zip bomb (sizes that lie)', () => makeZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(4 * 1024 * 1024), declaredSize: 100_000 }]), 'roster_zip_bomb', 413],
    ['too much inside', () => makeZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<a/>'), declaredSize: 400 * 1024 * 1024 }]), 'roster_too_big_unpacked', 413],
    ['too many entries', () => makeZip([...xlsxSkeleton(), ...Array.from({ length: 1200 }, (_, i) => ({ name: `x/${i}`, data: Buffer.from('1') }))]), 'roster_too_many_entries', 413],
    ['a damaged workbook', async () => (await makeRosterXlsx(rosterRows(700, 2))).subarray(0, 3000), 'roster_corrupt', 400],
    ['over 20 MB', () => Buffer.alloc(20 * 1024 * 1024 + 1, 1), 'roster_too_large', 413],
  ];
  it.each(cases)('%s', async (_label, make, code, status, fileName) => {
    const before = await snapshot();
    const res = await upload(huazhou, unionA, await make(), fileName);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toEqual({ error: code, message: expect.stringMatching(/\p{Script=Han}/u), statusCode: status });
    expect(await snapshot()).toEqual(before);
  });

  it('a request that is not a form, or has no file, or names no union of the scope', async () => {
    const file = await makeRosterXlsx(rosterRows(800, 1));
    const before = await snapshot();
    const json = await t.request('POST', '/api/rosters', { as: huazhou, body: { orgId: unionA } });
    expect(json.json()).toMatchObject({ error: 'roster_not_multipart', statusCode: 415 });
    const noFile = multipart({ orgId: String(unionA) });
    const res = await t.app.inject({ method: 'POST', url: '/api/rosters', payload: noFile.payload, headers: { ...noFile.headers, authorization: `Bearer ${huazhou.token}` } });
    expect(res.json().error).toBe('roster_file_required');
    for (const [orgId, code] of [['abc', 'validation_failed'], ['', 'validation_failed'], [String(city), 'not_found'], [String(await t.demoOrg('huazhou')), 'roster_org_not_member_union']] as const) {
      expect((await upload(huazhou, orgId, file)).json().error, orgId).toBe(code);
    }
    const unknownField = multipart({ orgId: String(unionA), extra: '1' }, { name: 'a.xlsx', content: file });
    expect((await t.app.inject({ method: 'POST', url: '/api/rosters', payload: unknownField.payload, headers: { ...unknownField.headers, authorization: `Bearer ${huazhou.token}` } })).json().error).toBe('validation_failed');
    expect(await snapshot()).toEqual(before);
  });
});

describe('who may import', () => {
  it('not logged in → 401; read-only staff → 403; another subtree → 404 like a union that does not exist; nothing written', async () => {
    const file = await makeRosterXlsx(rosterRows(900, 2));
    const before = await snapshot();
    expect((await upload(undefined, unionA, file)).statusCode).toBe(401);
    expect((await upload(viewer, unionA, file)).json().error).toBe('forbidden');
    const outside = await upload(huazhou, yangjiangUnion, file);
    const missing = await upload(huazhou, 2_000_000_000, file);
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toBe(missing.body);
    expect(await snapshot()).toEqual(before);
  });

  it('a job of another subtree is not found, nor its error file; lists show only the scope', async () => {
    const yangjiang = await t.login('yangjiang');
    const p = rosterPerson(951);
    const res = await upload(yangjiang, yangjiangUnion, await makeRosterXlsx([['张3', p.idNumber, p.phone, p.employer], ...rosterRows(950, 1)]));
    const job = await waitForJob(res.json().id, yangjiang);
    expect(job).toMatchObject({ status: 'done', hasErrorFile: true });
    for (const url of [`/api/rosters/${job.id}`, `/api/rosters/${job.id}/errors`, `/api/rosters?orgId=${yangjiangUnion}`]) {
      expect((await t.request('GET', url, { as: huazhou })).json().error, url).toBe('not_found');
    }
    const mine = (await t.request('GET', '/api/rosters?pageSize=200', { as: huazhou })).json<{ items: RosterJob[]; total: number }>();
    expect(mine.items.length).toBeGreaterThan(1);
    expect(mine.total).toBe(mine.items.length);
    expect(mine.items.every((j) => j.org.id !== yangjiangUnion)).toBe(true);
    // paged by the contract: newest first, page 2 of size 1 is the second newest, the total the same
    const second = (await t.request('GET', '/api/rosters?page=2&pageSize=1', { as: huazhou })).json<{ items: RosterJob[]; total: number }>();
    expect(second).toEqual({ items: [mine.items[1]], total: mine.total });
    expect((await t.request('GET', '/api/rosters?pageSize=201', { as: huazhou })).json().error).toBe('validation_failed');
    expect((await t.request('GET', `/api/rosters/${job.id}`, { as: admin })).statusCode).toBe(200);
  });
});
