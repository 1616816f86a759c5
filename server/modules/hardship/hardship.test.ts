// Hardship files over HTTP: the status line and its history, the member's 'hardship' group, the
// permission split (existence for every role, reasons for admins and reviewers) with an audit record
// on every detail read, scope, refusals that write nothing, the masked export, figures and targets.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ORGS } from '../../db/seed/demo-keys.ts';
import { createFile, fileBody, hardshipDigest, membersWithoutFile, staffWithRoles } from '../../../tests/helpers/hardship.ts';
import { makeAwardedCampaign, runPayouts } from '../../../tests/helpers/payouts.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let viewer: Session;
let clerk: Session;
let reviewer: Session;
let hz: number[];
let huazhouId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  huazhouId = await t.demoOrg('huazhou');
  clerk = await staffWithRoles(t, admin, huazhouId, ['clerk']);
  reviewer = await staffWithRoles(t, admin, huazhouId, ['reviewer']);
  hz = await membersWithoutFile(t, huazhouId, 13);
});
afterAll(async () => {
  await t.close();
});

const get = (as: Session, url: string) => t.request('GET', url, { as });
const post = (as: Session, url: string, body: unknown) => t.request('POST', url, { as, body });
const groupsOf = async (memberId: number) => (await t.db.query<{ groups: string[] }>(`SELECT groups FROM member WHERE id = $1`, [memberId]))[0]!.groups;
const detailReads = async (fileId: number) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hardship.details_read' AND target_id = $1`, [String(fileId)]))[0]!.n;

describe('the status line', () => {
  it('files a household, flags the member, and keeps every change of status as history', async () => {
    const memberId = hz[0]!;
    const created = await post(huazhou, '/api/hardship/files', fileBody(memberId));
    expect(created.statusCode, created.body).toBe(201);
    const file = created.json();
    expect(file).toMatchObject({ memberId, status: 'filed', filedOn: '2026-01-05', aidTotalFen: 0, canReadDetails: true });
    expect(file.memberName).toContain('*');
    expect(await groupsOf(memberId)).toContain('hardship');

    expect((await post(huazhou, `/api/hardship/files/${file.id}/status`, { status: 'in_relief', on: '2026-01-10' })).statusCode).toBe(200);
    const visit = await post(huazhou, `/api/hardship/files/${file.id}/visits`, { visitedOn: '2026-02-01', visitors: '王主席、李干事', notes: '入户走访，核实医疗费用票据' });
    expect(visit.statusCode, visit.body).toBe(201);
    const aid = await post(huazhou, `/api/hardship/files/${file.id}/aid`, { amountFen: 200000, givenOn: '2026-02-01', source: '送温暖', note: '春节慰问金' });
    expect(aid.statusCode, aid.body).toBe(201);
    expect(aid.json()).toMatchObject({ aidTotalFen: 200000, aidCount: 1, visitCount: 1, aid: [{ amountFen: 200000, source: '送温暖', payoutId: null }] });

    // exit needs a reason (and a date no earlier than the relief began)
    const noReason = await post(huazhou, `/api/hardship/files/${file.id}/status`, { status: 'exited', on: '2026-06-30' });
    expect(noReason.json()).toMatchObject({ statusCode: 400, error: 'hardship_reason_required' });
    const early = await post(huazhou, `/api/hardship/files/${file.id}/status`, { status: 'exited', on: '2026-01-09', reason: '就业' });
    expect(early.json()).toMatchObject({ statusCode: 400, error: 'hardship_date_invalid' });
    const exited = await post(huazhou, `/api/hardship/files/${file.id}/status`, { status: 'exited', on: '2026-06-30', reason: '配偶病情稳定，本人稳定就业' });
    expect(exited.statusCode, exited.body).toBe(200);
    expect(exited.json()).toMatchObject({ status: 'exited', exitedOn: '2026-06-30' });
    expect(await groupsOf(memberId)).not.toContain('hardship');

    const followed = await post(huazhou, `/api/hardship/files/${file.id}/status`, { status: 'followed_up', on: '2026-09-01', reason: '回访：生活稳定', visitors: '李干事' });
    expect(followed.statusCode, followed.body).toBe(200);
    const view = followed.json();
    expect(view.history.map((h: { fromStatus: string | null; toStatus: string; on: string }) => [h.fromStatus, h.toStatus, h.on])).toEqual([
      [null, 'filed', '2026-01-05'],
      ['filed', 'in_relief', '2026-01-10'],
      ['in_relief', 'exited', '2026-06-30'],
      ['exited', 'followed_up', '2026-09-01'],
    ]);
    expect(view).toMatchObject({ status: 'followed_up', followedUpOn: '2026-09-01', visitCount: 2 });
    // the view of the status line carries no reasons
    expect(JSON.stringify(view)).not.toContain('就业');

    const details = (await get(huazhou, `/api/hardship/files/${file.id}/details`)).json();
    expect(details).toMatchObject({ exitReason: '配偶病情稳定，本人稳定就业', causes: ['illness', 'schooling'], householdSize: 4, incomeBand: '1000_2000' });
    expect(details.history.map((h: { reason: string }) => h.reason)).toEqual(['建档', '', '配偶病情稳定，本人稳定就业', '回访：生活稳定']);
    expect(details.visits.map((v: { kind: string }) => v.kind)).toEqual(['follow_up', 'visit']);
    expect(details.household.map((h: { name: string }) => h.name)).toEqual(['林秀英', '陈小明']);
    expect(details.aidNotes).toEqual([{ id: aid.json().aid[0].id, note: '春节慰问金' }]);
  });

  it('moves only one step at a time, and nothing changes on a refusal', async () => {
    const id = await createFile(t, huazhou, hz[1]!);
    const before = await hardshipDigest(t);
    for (const status of ['exited', 'followed_up']) {
      const res = await post(huazhou, `/api/hardship/files/${id}/status`, { status, on: '2026-03-01', reason: '跳步', visitors: '某人' });
      expect(res.json()).toMatchObject({ statusCode: 409, error: 'hardship_status_invalid' });
    }
    expect(await hardshipDigest(t)).toEqual(before);
  });

  it('keeps one open file per member; after exit a new file may be opened', async () => {
    const memberId = hz[2]!;
    const id = await createFile(t, huazhou, memberId);
    const before = await hardshipDigest(t);
    const again = await post(huazhou, '/api/hardship/files', fileBody(memberId));
    expect(again.json()).toMatchObject({ statusCode: 409, error: 'hardship_file_open', message: '该会员已有一份未脱困的困难职工档案' });
    expect(await hardshipDigest(t)).toEqual(before);
    await post(huazhou, `/api/hardship/files/${id}/status`, { status: 'in_relief', on: '2026-01-06' });
    await post(huazhou, `/api/hardship/files/${id}/status`, { status: 'exited', on: '2026-02-06', reason: '收入提高' });
    expect(await groupsOf(memberId)).not.toContain('hardship');
    const second = await post(huazhou, '/api/hardship/files', fileBody(memberId, { filedOn: '2026-05-01', causes: ['disaster'] }));
    expect(second.statusCode, second.body).toBe(201);
    expect(await groupsOf(memberId)).toContain('hardship');
  });

  it('two concurrent exits of one file: one wins, the other is refused, one exit in the history', async () => {
    const id = await createFile(t, huazhou, hz[7]!);
    await post(huazhou, `/api/hardship/files/${id}/status`, { status: 'in_relief', on: '2026-01-06' });
    const [a, b] = await Promise.all([
      post(huazhou, `/api/hardship/files/${id}/status`, { status: 'exited', on: '2026-03-01', reason: '甲' }),
      post(reviewer, `/api/hardship/files/${id}/status`, { status: 'exited', on: '2026-03-02', reason: '乙' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error).toBe('hardship_status_invalid');
    const events = await t.db.query(`SELECT to_status FROM hardship_status_event WHERE file_id = $1 AND to_status = 'exited'`, [id]);
    expect(events.length).toBe(1);
  });

  it('aid may name a payout of the member (shown with its campaign and state); a payout of another member is refused', async () => {
    const id = await createFile(t, huazhou, hz[9]!, { filedOn: '2026-01-02' });
    const { campaignId } = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'goods', members: [{ memberId: hz[9]!, amount: 1 }] });
    const run = await runPayouts(t, huazhou, campaignId);
    expect(run.statusCode, run.body).toBeLessThan(300);
    const [payout] = await t.db.query<{ id: number; state: string }>(`SELECT id, state FROM payout WHERE member_id = $1 AND campaign_id = $2`, [hz[9]!, campaignId]);
    const res = await post(huazhou, `/api/hardship/files/${id}/aid`, { amountFen: 30000, givenOn: '2026-02-01', source: '金秋助学', payoutId: payout!.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().aid[0]).toEqual(expect.objectContaining({ payoutId: payout!.id, payoutCampaignId: campaignId, payoutState: payout!.state, amountFen: 30000 }));
    const otherFile = await createFile(t, huazhou, hz[12]!);
    const before = await hardshipDigest(t);
    const wrong = await post(huazhou, `/api/hardship/files/${otherFile}/aid`, { amountFen: 100, givenOn: '2026-02-01', source: '金秋助学', payoutId: payout!.id });
    expect(wrong.json()).toMatchObject({ statusCode: 409, error: 'hardship_payout_mismatch' });
    expect(await hardshipDigest(t)).toEqual(before);
  });

  it('edits causes, household and plan; the household names are sealed at rest', async () => {
    const id = await createFile(t, huazhou, hz[3]!);
    const res = await t.request('PATCH', `/api/hardship/files/${id}`, {
      as: huazhou,
      body: { causes: ['unemployment'], household: [{ relation: '父亲', name: '黄大伟', age: 70 }], planText: '推荐再就业' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = (await get(huazhou, `/api/hardship/files/${id}/details`)).json();
    expect(d).toMatchObject({ causes: ['unemployment'], planText: '推荐再就业', household: [{ relation: '父亲', name: '黄大伟', age: 70 }] });
    const raw = await t.db.query<{ name_masked: string; name_enc: Uint8Array }>(`SELECT name_masked, name_enc FROM hardship_household_member WHERE file_id = $1`, [id]);
    expect(raw.map((r) => r.name_masked)).toEqual(['黄*伟']);
    expect(Buffer.from(raw[0]!.name_enc).toString('utf8')).not.toContain('黄大伟');
  });
});

describe('who may read why', () => {
  let id: number;
  beforeAll(async () => {
    id = await createFile(t, huazhou, hz[4]!);
  });

  it('every staff role of the scope sees that the file exists, masked', async () => {
    for (const as of [viewer, clerk, reviewer, huazhou]) {
      const list = await get(as, '/api/hardship/files?pageSize=200');
      expect(list.statusCode, list.body).toBe(200);
      const row = list.json().items.find((f: { id: number }) => f.id === id);
      expect(row).toMatchObject({ id, status: 'filed', filedOn: '2026-01-05' });
      expect(row.memberName).toMatch(/\*/);
      expect(JSON.stringify(row)).not.toMatch(/illness|林秀英|医疗/);
      const one = await get(as, `/api/hardship/files/${id}`);
      expect(one.statusCode).toBe(200);
    }
    expect((await get(viewer, `/api/hardship/files/${id}`)).json().canReadDetails).toBe(false);
  });

  it('a viewer or clerk asking for the details gets 403 in Chinese, and no details are read', async () => {
    const reads = await detailReads(id);
    for (const as of [viewer, clerk]) {
      const res = await get(as, `/api/hardship/files/${id}/details`);
      expect(res.json()).toEqual({ statusCode: 403, error: 'hardship_details_forbidden', message: '无权查看困难职工的致困原因、家庭成员等详情：仅单位管理员和审核员可查看' });
      const byCause = await get(as, '/api/hardship/files?cause=illness');
      expect(byCause.json()).toMatchObject({ statusCode: 403, error: 'hardship_details_forbidden' });
    }
    expect(await detailReads(id)).toBe(reads);
  });

  it('every read of the details by an admin or reviewer writes an audit record', async () => {
    const reads = await detailReads(id);
    for (const as of [reviewer, huazhou, reviewer]) {
      const res = await get(as, `/api/hardship/files/${id}/details`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect(await detailReads(id)).toBe(reads + 3);
    const rows = await t.db.query<{ actor_name: string; org_path: string }>(
      `SELECT actor_name, org_path::text FROM audit_log WHERE action = 'hardship.details_read' AND target_id = $1 ORDER BY id DESC LIMIT 3`,
      [String(id)],
    );
    expect(new Set(rows.map((r) => r.actor_name))).toEqual(new Set(['huazhou', rows.find((r) => r.actor_name !== 'huazhou')!.actor_name]));
    // the record is in the 化州 admin's own audit log
    const log = (await get(huazhou, '/api/audit?action=hardship.details_read&pageSize=200')).json();
    expect(log.items.filter((e: { targetId: string }) => e.targetId === String(id)).length).toBe(reads + 3);
  });

  it('writes the reasons only as admin or reviewer; a clerk records aid; a viewer writes nothing', async () => {
    const before = await hardshipDigest(t);
    expect((await post(clerk, '/api/hardship/files', fileBody(hz[5]!))).json()).toMatchObject({ statusCode: 403, error: 'hardship_details_forbidden' });
    expect((await post(clerk, `/api/hardship/files/${id}/visits`, { visitedOn: '2026-02-01', visitors: '某', notes: '某' })).statusCode).toBe(403);
    expect((await post(clerk, `/api/hardship/files/${id}/status`, { status: 'in_relief', on: '2026-02-01' })).statusCode).toBe(403);
    expect((await post(viewer, `/api/hardship/files/${id}/aid`, { amountFen: 100, givenOn: '2026-02-01', source: '送温暖' })).statusCode).toBe(403);
    expect((await t.request('PUT', '/api/hardship/targets', { as: reviewer, body: { orgId: huazhouId, year: 2026, exits: 3 } })).statusCode).toBe(403);
    expect(await hardshipDigest(t)).toEqual(before);
    const aid = await post(clerk, `/api/hardship/files/${id}/aid`, { amountFen: 50000, givenOn: '2026-02-02', source: '金秋助学' });
    expect(aid.statusCode, aid.body).toBe(201);
    const created = await post(reviewer, '/api/hardship/files', fileBody(hz[5]!));
    expect(created.statusCode, created.body).toBe(201);
  });
});

describe('scope', () => {
  it('another city neither lists nor reads nor changes a 化州 file', async () => {
    const id = await createFile(t, huazhou, hz[6]!);
    const list = (await get(yangjiang, '/api/hardship/files?pageSize=200')).json();
    expect(list.items.some((f: { id: number }) => f.id === id)).toBe(false);
    const before = await hardshipDigest(t);
    const reads = await detailReads(id);
    for (const [method, url, body] of [
      ['GET', `/api/hardship/files/${id}`, undefined],
      ['GET', `/api/hardship/files/${id}/details`, undefined],
      ['PATCH', `/api/hardship/files/${id}`, { planText: '改' }],
      ['POST', `/api/hardship/files/${id}/status`, { status: 'in_relief', on: '2026-02-01' }],
      ['POST', `/api/hardship/files/${id}/visits`, { visitedOn: '2026-02-01', visitors: '某', notes: '某' }],
      ['POST', `/api/hardship/files/${id}/aid`, { amountFen: 100, givenOn: '2026-02-01', source: '送温暖' }],
      ['GET', `/api/hardship/files?orgId=${huazhouId}`, undefined],
      ['GET', `/api/hardship/figures?orgId=${huazhouId}`, undefined],
      ['POST', '/api/hardship/files', fileBody(hz[7]!)],
      ['PUT', '/api/hardship/targets', { orgId: huazhouId, year: 2026, exits: 1 }],
    ] as const) {
      const res = await t.request(method, url, { as: yangjiang, ...(body ? { body } : {}) });
      expect(res.json(), `${method} ${url}`).toMatchObject({ statusCode: 404, error: 'not_found' });
    }
    expect(await hardshipDigest(t)).toEqual(before);
    expect(await detailReads(id)).toBe(reads);
    // the province sees it
    expect((await get(admin, `/api/hardship/files/${id}`)).statusCode).toBe(200);
  });
});

describe('bad input', () => {
  it('refuses with a code and writes nothing', async () => {
    const id = await createFile(t, huazhou, hz[8]!);
    const before = await hardshipDigest(t);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/hardship/files', fileBody(hz[9]!, { causes: [] }), 'validation_failed'],
      ['POST', '/api/hardship/files', fileBody(hz[9]!, { causes: ['lazy'] }), 'validation_failed'],
      ['POST', '/api/hardship/files', fileBody(hz[9]!, { incomeBand: 'rich' }), 'validation_failed'],
      ['POST', '/api/hardship/files', fileBody(hz[9]!, { householdSize: 0 }), 'validation_failed'],
      ['POST', '/api/hardship/files', fileBody(hz[9]!, { filedOn: '2099-01-01' }), 'hardship_date_invalid'],
      ['POST', '/api/hardship/files', fileBody(hz[9]!, { filedOn: '2026-02-30' }), 'validation_failed'],
      ['POST', '/api/hardship/files', fileBody(hz[9]!, { extra: 1 }), 'validation_failed'],
      ['POST', '/api/hardship/files', fileBody(999999999), 'not_found'],
      ['PATCH', `/api/hardship/files/${id}`, {}, 'validation_failed'],
      ['POST', `/api/hardship/files/${id}/status`, { status: 'filed', on: '2026-02-01' }, 'validation_failed'],
      ['POST', `/api/hardship/files/${id}/status`, { status: 'in_relief', on: '2026-01-01' }, 'hardship_date_invalid'],
      ['POST', `/api/hardship/files/${id}/visits`, { visitedOn: '2026-02-01', visitors: '', notes: '某' }, 'validation_failed'],
      ['POST', `/api/hardship/files/${id}/visits`, { visitedOn: '2025-12-01', visitors: '某', notes: '某' }, 'hardship_date_invalid'],
      ['POST', `/api/hardship/files/${id}/aid`, { amountFen: 0, givenOn: '2026-02-01', source: '送温暖' }, 'validation_failed'],
      ['POST', `/api/hardship/files/${id}/aid`, { amountFen: 1.5, givenOn: '2026-02-01', source: '送温暖' }, 'validation_failed'],
      ['POST', `/api/hardship/files/${id}/aid`, { amountFen: 100, givenOn: '2099-02-01', source: '送温暖' }, 'hardship_date_invalid'],
      ['PUT', '/api/hardship/targets', { orgId: huazhouId, year: 2026, exits: -1 }, 'validation_failed'],
    ];
    for (const [method, url, body, code] of cases) {
      const res = await t.request(method, url, { as: huazhou, body });
      expect(res.json().error, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBe(code);
    }
    expect(await hardshipDigest(t)).toEqual(before);
  });

  it('a member who left cannot be filed', async () => {
    const [m] = await t.db.query<{ id: number }>(
      `UPDATE member SET status = 'left' WHERE id = $1 RETURNING id`,
      [hz[10]!],
    );
    const res = await post(huazhou, '/api/hardship/files', fileBody(m!.id));
    expect(res.json()).toMatchObject({ statusCode: 409, error: 'member_not_active' });
  });
});

describe('export', () => {
  it('is the list, masked, without reasons or household; audited', async () => {
    const id = await createFile(t, huazhou, hz[11]!);
    const res = await t.request('GET', '/api/hardship/files/export', { as: clerk });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['档案编号', '姓名', '会员号', '所在工会', '状态', '建档日期', '开始帮扶', '脱困日期', '回访日期', '帮扶次数', '帮扶金额（元）', '走访次数']);
    const list = (await get(clerk, '/api/hardship/files?pageSize=200')).json();
    expect(rows.length - 1).toBe(list.total);
    const mine = rows.find((r) => r[0] === String(id))!;
    const [member] = await t.db.query<{ name: string }>(`SELECT name FROM member WHERE id = $1`, [hz[11]!]);
    expect(mine[1]).not.toBe(member!.name);
    expect(mine[1]).toContain('*');
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/林秀英|陈小明|医疗救助|配偶患病/);
    const [audit] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'hardship.export'`);
    expect(audit!.n).toBe(1);
    // a viewer does not export
    expect((await get(viewer, '/api/hardship/files/export')).statusCode).toBe(403);
  });
});

describe('figures and targets', () => {
  it('are computed from the files: status counts, entered and exited in the year, exit rate, aid, targets and progress', async () => {
    const town = await t.db.query<{ name: string; id: number }>(
      `SELECT o.name, o.id FROM org o WHERE o.parent_id = $1
          AND (SELECT count(*) FROM member m JOIN org x ON x.id = m.org_id WHERE x.path <@ o.path AND m.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM hardship_file f WHERE f.member_id = m.id)) >= 3
        ORDER BY o.id LIMIT 1`,
      [huazhouId],
    );
    const townId = town[0]!.id;
    const members = await membersWithoutFile(t, townId, 3);
    const fig = async (orgId: number) => {
      const res = await get(huazhou, `/api/hardship/figures?orgId=${orgId}&year=2025`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const before = await fig(townId);
    const cityBefore = await fig(huazhouId);

    const a = await createFile(t, huazhou, members[0]!, { filedOn: '2025-03-01' });
    const b = await createFile(t, huazhou, members[1]!, { filedOn: '2025-04-15' });
    await createFile(t, huazhou, members[2]!, { filedOn: '2024-11-20' });
    await post(huazhou, `/api/hardship/files/${a}/status`, { status: 'in_relief', on: '2025-03-10' });
    await post(huazhou, `/api/hardship/files/${a}/aid`, { amountFen: 150000, givenOn: '2025-05-01', source: '医疗救助' });
    await post(huazhou, `/api/hardship/files/${a}/aid`, { amountFen: 30000, givenOn: '2024-12-31', source: '送温暖' });
    await post(huazhou, `/api/hardship/files/${a}/status`, { status: 'exited', on: '2025-09-20', reason: '就业' });
    await post(huazhou, `/api/hardship/files/${b}/status`, { status: 'in_relief', on: '2025-04-20' });

    const after = await fig(townId);
    expect(after.entered - before.entered).toBe(2);
    expect(after.exited - before.exited).toBe(1);
    expect(after.base - before.base).toBe(3);
    expect(after.aidTotalFen - before.aidTotalFen).toBe(150000);
    expect(after.byStatus.exited - before.byStatus.exited).toBe(1);
    expect(after.byStatus.in_relief - before.byStatus.in_relief).toBe(1);
    expect(after.byStatus.filed - before.byStatus.filed).toBe(1);
    expect(after.exitRate).toBe(Math.round((after.exited / after.base) * 10000) / 10000);
    const month = (f: { byMonth: { month: string; entered: number; exited: number; aidFen: number }[] }, m: string) =>
      f.byMonth.find((x) => x.month === m) ?? { entered: 0, exited: 0, aidFen: 0 };
    expect(month(after, '2025-03').entered - month(before, '2025-03').entered).toBe(1);
    expect(month(after, '2025-09').exited - month(before, '2025-09').exited).toBe(1);
    expect(month(after, '2025-05').aidFen - month(before, '2025-05').aidFen).toBe(150000);

    // targets: the town's own and the city's, with progress; the town appears among the city's children
    expect((await t.request('PUT', '/api/hardship/targets', { as: huazhou, body: { orgId: townId, year: 2025, exits: after.exited * 2 } })).statusCode).toBe(200);
    const withTarget = await fig(townId);
    expect(withTarget.target).toMatchObject({ target: after.exited * 2, exited: after.exited, progress: 0.5 });
    const city = await fig(huazhouId);
    expect(city.exited - cityBefore.exited).toBe(1);
    expect(city.children.find((c: { org: { id: number } }) => c.org.id === townId)).toMatchObject({ target: after.exited * 2, exited: after.exited, progress: 0.5 });
    const audit = await t.db.query(`SELECT detail FROM audit_log WHERE action = 'hardship.target' AND target_id = $1`, [String(townId)]);
    expect(audit).toEqual([{ detail: { year: 2025, exits: after.exited * 2 } }]);
  });

  it('the demo 阳江 files count towards 阳江, not 化州', async () => {
    const yj = (await get(yangjiang, '/api/hardship/figures')).json();
    const total = Object.values(yj.byStatus as Record<string, number>).reduce((s, n) => s + n, 0);
    const [n] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM hardship_file f JOIN member m ON m.id = f.member_id JOIN org o ON o.id = m.org_id
        WHERE o.path <@ (SELECT path FROM org WHERE id = $1)`,
      [await t.demoOrg('yangjiang')],
    );
    expect(total).toBe(n!.n);
    expect(total).toBeGreaterThan(0);
    expect(yj.org.name).toBe(DEMO_ORGS.yangjiang);
  });
});
