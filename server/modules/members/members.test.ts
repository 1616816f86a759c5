import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshIdNumber, loginWorker } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let viewer: Session;
let shiwan: Session;
let shiwanTown: number;
let hexiTown: number;

const FULL_ID = /(?<![0-9])[1-9][0-9]{16}[0-9X](?![0-9])/;
const FULL_PHONE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/;

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, viewer, shiwan] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('huazhou-view'), t.login('shiwan')]);
  shiwanTown = await t.demoOrg('shiwan');
  hexiTown = await t.demoOrg('hexi');
});
afterAll(async () => t.close());

/** A new member of 石湾 with a phone, through the real join and approval. */
async function newMember(name = '黄志明') {
  const w = await loginWorker(t, admin);
  const idNumber = freshIdNumber();
  const joined = await t.request('POST', '/api/members/join', {
    as: w,
    body: { name, idNumber, gigPlatform: '货拉拉', workOrgId: shiwanTown, consent: true },
  });
  const approved = await t.request('POST', `/api/members/applications/${joined.json().applicationId}/approve`, { as: huazhou });
  const [m] = await t.db.query<{ id: number }>(`SELECT id FROM member WHERE member_no = $1`, [approved.json().memberNo]);
  return { id: m!.id, idNumber, phone: w.phone, worker: w };
}

describe('GET /api/members', () => {
  it('lists the scope with masked personal data, never a full ID or phone', async () => {
    const res = await t.request('GET', '/api/members?pageSize=200', { as: huazhou });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThan(100);
    expect(body.items[0]).toMatchObject({ idNumberMasked: expect.stringMatching(/^\d{6}\*{8}\d{3}[\dX]$/), phoneMasked: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/) });
    expect(res.body).not.toMatch(FULL_ID);
    expect(res.body).not.toMatch(FULL_PHONE);
    const [n] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1)`,
      [await t.demoOrg('huazhou')],
    );
    expect(body.total).toBe(n!.n);
  });

  it('finds by part of a name (two characters) and by a full phone number', async () => {
    const m = await newMember('欧阳振华');
    const byName = (await t.request('GET', `/api/members?q=${encodeURIComponent('振华')}`, { as: huazhou })).json();
    expect(byName.items.map((x: { id: number }) => x.id)).toContain(m.id);
    expect(byName.items.every((x: { name: string }) => x.name.includes('振华'))).toBe(true);
    const byPhone = (await t.request('GET', `/api/members?q=${m.phone}`, { as: huazhou })).json();
    expect(byPhone.items.map((x: { id: number }) => x.id)).toEqual([m.id]);
  });

  it('finds by member number, as printed (GH0000001234) or by its digits, within the scope only', async () => {
    const m = await newMember('陈立新');
    const [{ memberNo }] = (await t.db.query<{ memberNo: string }>(`SELECT member_no AS "memberNo" FROM member WHERE id = $1`, [m.id])) as [{ memberNo: string }];
    const digits = String(Number(memberNo.slice(2)));
    for (const q of [memberNo, memberNo.toLowerCase(), digits]) {
      const found = (await t.request('GET', `/api/members?q=${q}`, { as: huazhou })).json();
      expect(found.items.map((x: { id: number }) => x.id), q).toEqual([m.id]);
    }
    // out of scope: 阳江 finds nobody by 化州's member number or phone
    const yangjiang = await t.login('yangjiang');
    for (const q of [memberNo, m.phone]) expect((await t.request('GET', `/api/members?q=${q}`, { as: yangjiang })).json()).toEqual({ items: [], total: 0 });
    // a number no member has finds nobody
    expect((await t.request('GET', '/api/members?q=GH9999999999', { as: huazhou })).json().total).toBe(0);
  });

  it('filters by status, group, union and join date', async () => {
    const gig = (await t.request('GET', '/api/members?group=gig&pageSize=200', { as: huazhou })).json();
    expect(gig.items.every((m: { groups: string[] }) => m.groups.includes('gig'))).toBe(true);
    const left = (await t.request('GET', '/api/members?status=left&pageSize=200', { as: huazhou })).json();
    expect(left.items.every((m: { status: string }) => m.status === 'left')).toBe(true);
    const under = (await t.request('GET', `/api/members?orgId=${shiwanTown}&pageSize=200`, { as: huazhou })).json();
    expect(under.total).toBeLessThan((await t.request('GET', '/api/members', { as: huazhou })).json().total);
    const recent = (await t.request('GET', '/api/members?joinedFrom=2026-01-01&pageSize=200', { as: huazhou })).json();
    expect(recent.items.every((m: { joinedOn: string }) => m.joinedOn >= '2026-01-01')).toBe(true);
    expect((await t.request('GET', '/api/members?status=alive', { as: huazhou })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/members?joinedFrom=2026-13-01', { as: huazhou })).statusCode).toBe(400);
  });
});

describe('POST /api/members/:id/reveal', () => {
  it('shows the full numbers to an admin with a reason, and records it', async () => {
    const m = await newMember();
    const res = await t.request('POST', `/api/members/${m.id}/reveal`, { as: huazhou, body: { reason: '办理困难帮扶核实身份' } });
    expect(res.json()).toEqual({ idNumber: m.idNumber, phone: m.phone });
    const audit = await t.db.query(`SELECT actor_name, detail->>'reason' AS reason FROM audit_log WHERE action = 'member.reveal' AND target_id = $1`, [String(m.id)]);
    expect(audit).toEqual([{ actor_name: 'huazhou', reason: '办理困难帮扶核实身份' }]);
  });

  it('refuses clerks and viewers, a missing reason, and members outside the scope', async () => {
    const m = await newMember();
    expect((await t.request('POST', `/api/members/${m.id}/reveal`, { as: viewer, body: { reason: '想看看而已啊' } })).statusCode).toBe(403);
    expect((await t.request('POST', `/api/members/${m.id}/reveal`, { as: huazhou, body: {} })).statusCode).toBe(400);
    const yangjiang = await t.login('yangjiang');
    expect((await t.request('POST', `/api/members/${m.id}/reveal`, { as: yangjiang, body: { reason: '越权查看测试' } })).statusCode).toBe(404);
    const reveals = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'member.reveal' AND target_id = $1`, [String(m.id)]);
    expect(reveals).toEqual([]);
  });
});

describe('POST /api/members/:id/status', () => {
  it('suspends and restores, revoking and reissuing the card, kept as history with notices', async () => {
    const m = await newMember();
    const s = await t.request('POST', `/api/members/${m.id}/status`, { as: shiwan, body: { status: 'suspended', reason: '会费长期未缴' } });
    expect(s.json()).toMatchObject({ status: 'suspended', card: { status: 'revoked' } });
    const back = await t.request('POST', `/api/members/${m.id}/status`, { as: shiwan, body: { status: 'active', reason: '已补缴会费' } });
    expect(back.json()).toMatchObject({ status: 'active', card: { status: 'active' } });
    const kinds = back.json().history.map((e: { kind: string; toStatus: string | null }) => `${e.kind}:${e.toStatus ?? ''}`);
    expect(kinds).toEqual(['joined:active', 'card_issued:', 'status:suspended', 'card_revoked:', 'status:active', 'card_issued:']);
    const notices = (await t.request('GET', `/api/outbox?to=${m.phone}`, { as: admin })).json();
    expect(notices.items[0].body).toContain('恢复正常');
  });

  it('refuses moves the lifecycle does not allow, and viewers', async () => {
    const m = await newMember();
    await t.request('POST', `/api/members/${m.id}/status`, { as: huazhou, body: { status: 'deceased', reason: '因病去世' } });
    const again = await t.request('POST', `/api/members/${m.id}/status`, { as: huazhou, body: { status: 'active', reason: '误操作恢复' } });
    expect(again.json().error).toBe('member_not_active');
    expect((await t.request('POST', `/api/members/${m.id}/status`, { as: viewer, body: { status: 'left', reason: '测试测试' } })).statusCode).toBe(403);
    expect((await t.request('POST', `/api/members/${m.id}/status`, { as: huazhou, body: { status: 'transferring', reason: '测试测试' } })).statusCode).toBe(400);
  });
});

describe('transfers (会员关系转接)', () => {
  it('the member changes employer: the receiving union accepts, number, history and card stay, counts follow', async () => {
    const m = await newMember();
    const [target] = await t.db.query<{ name: string; creditCode: string; unionId: number }>(
      `SELECT e.name, e.credit_code AS "creditCode", e.union_org_id AS "unionId" FROM enterprise e JOIN org o ON o.id = e.union_org_id
        WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND o.status = 'active' ORDER BY e.id DESC LIMIT 1`,
      [await t.demoOrg('huazhou')],
    );
    const count = async (id: number) => (await t.db.query<{ n: number }>(`SELECT member_count AS n FROM org WHERE id = $1`, [id]))[0]!.n;
    const before = { from: await count(shiwanTown), to: await count(target!.unionId) };
    const req = await t.request('POST', '/api/me/transfer', { as: m.worker, body: { employerCreditCode: target!.creditCode, reason: '换了新工作' } });
    expect(req.statusCode).toBe(201);
    expect(req.json()).toMatchObject({ status: 'pending', requestedBy: 'member', fromOrg: { id: shiwanTown }, toOrg: { id: target!.unionId } });
    const twice = await t.request('POST', '/api/me/transfer', { as: m.worker, body: { employerCreditCode: target!.creditCode } });
    expect(twice.json().error).toBe('transfer_pending');
    const incoming = (await t.request('GET', '/api/members/transfers?direction=in', { as: huazhou })).json();
    expect(incoming.items.map((x: { id: number }) => x.id)).toContain(req.json().id);
    const ok = await t.request('POST', `/api/members/transfers/${req.json().id}/accept`, { as: huazhou });
    expect(ok.json().status).toBe('accepted');
    const detail = (await t.request('GET', `/api/members/${m.id}`, { as: huazhou })).json();
    expect(detail).toMatchObject({ status: 'active', org: { id: target!.unionId }, employerName: target!.name, card: { status: 'active' } });
    expect(detail.history.map((e: { kind: string }) => e.kind)).toEqual(['joined', 'card_issued', 'transfer_requested', 'transferred']);
    expect({ from: await count(shiwanTown), to: await count(target!.unionId) }).toEqual({ from: before.from - 1, to: before.to + 1 });
    const me = (await t.request('GET', '/api/me', { as: m.worker })).json();
    expect(me.member.org.id).toBe(target!.unionId);
    const mine = (await t.request('GET', '/api/me/transfers', { as: m.worker })).json();
    expect(mine).toMatchObject({ items: [{ id: req.json().id, status: 'accepted', toOrg: { id: target!.unionId } }], total: 1 });
  });

  it('staff move a member within the scope; a rejection puts it back', async () => {
    const m = await newMember();
    const req = await t.request('POST', `/api/members/${m.id}/transfers`, { as: huazhou, body: { toOrgId: hexiTown, reason: '工作地点调整' } });
    expect(req.statusCode).toBe(201);
    expect((await t.request('GET', `/api/members/${m.id}`, { as: huazhou })).json()).toMatchObject({ status: 'transferring', openTransfer: { toOrg: { id: hexiTown } } });
    const no = await t.request('POST', `/api/members/transfers/${req.json().id}/reject`, { as: huazhou, body: { reason: '本人未确认' } });
    expect(no.json()).toMatchObject({ status: 'rejected', rejectReason: '本人未确认' });
    const after = (await t.request('GET', `/api/members/${m.id}`, { as: huazhou })).json();
    expect(after).toMatchObject({ status: 'active', org: { id: shiwanTown }, openTransfer: null });
    expect((await t.request('POST', `/api/members/transfers/${req.json().id}/accept`, { as: huazhou })).json().error).toBe('transfer_decided');
    expect((await t.request('POST', `/api/members/${m.id}/transfers`, { as: huazhou, body: { toOrgId: shiwanTown, reason: '原地不动' } })).json().error).toBe('same_org');
    const county = await t.demoOrg('huazhou');
    expect((await t.request('POST', `/api/members/${m.id}/transfers`, { as: huazhou, body: { toOrgId: county, reason: '转到市总' } })).json().error).toBe('invalid_transfer_target');
  });

  it('only the receiving side decides; a member who is not a member cannot ask', async () => {
    const m = await newMember();
    const req = (await t.request('POST', `/api/members/${m.id}/transfers`, { as: huazhou, body: { toOrgId: hexiTown, reason: '工作地点调整' } })).json();
    const yangjiang = await t.login('yangjiang');
    expect((await t.request('POST', `/api/members/transfers/${req.id}/accept`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('POST', `/api/members/transfers/${req.id}/accept`, { as: viewer })).statusCode).toBe(403);
    const stranger = await loginWorker(t, admin);
    expect((await t.request('POST', '/api/me/transfer', { as: stranger, body: { gigPlatform: '美团', workOrgId: hexiTown } })).json().error).toBe('not_a_member');
  });
});

describe('founding targets (建会目标)', () => {
  it('lists employers without a union whose workers joined the town, for the town\'s staff', async () => {
    const res = (await t.request('GET', '/api/enterprises/founding-targets', { as: huazhou })).json();
    expect(res.total).toBeGreaterThan(0);
    expect(res.items[0].members).toBeGreaterThanOrEqual(25);
    const [check] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member WHERE enterprise_id = $1 AND status = 'active'`,
      [res.items[0].enterprise.id],
    );
    expect(res.items[0].members).toBe(check!.n);
    const high = (await t.request('GET', '/api/enterprises/founding-targets?threshold=99999', { as: huazhou })).json();
    expect(high).toEqual({ items: [], total: 0 });
  });
});

describe('places and employer suggestions for the join form', () => {
  it('walks province → city → county → town, and suggests employers by two characters', async () => {
    const w = await loginWorker(t, admin);
    const cities = (await t.request('GET', '/api/places?pageSize=200', { as: w })).json();
    expect(cities.total).toBe(cities.items.length);
    expect(cities.items.map((c: { name: string }) => c.name)).toContain(DEMO_ORGS.maoming);
    const maoming = cities.items.find((c: { name: string }) => c.name === DEMO_ORGS.maoming);
    const counties = (await t.request('GET', `/api/places?parentId=${maoming.id}&pageSize=200`, { as: w })).json();
    const hz = counties.items.find((c: { name: string }) => c.name === DEMO_ORGS.huazhou);
    const towns = (await t.request('GET', `/api/places?parentId=${hz.id}&pageSize=200`, { as: w })).json();
    expect(towns.items.map((c: { id: number }) => c.id)).toContain(shiwanTown);
    expect((await t.request('GET', `/api/places?parentId=${shiwanTown}`, { as: w })).statusCode).toBe(404);
    const [e] = await t.db.query<{ name: string }>(`SELECT name FROM enterprise ORDER BY id LIMIT 1`);
    const part = [...e!.name].slice(2, 4).join('');
    const hits = (await t.request('GET', `/api/enterprises/suggest?q=${encodeURIComponent(part)}&pageSize=200`, { as: w })).json();
    expect(hits.items.length).toBeGreaterThan(0);
    expect(hits.total).toBe(hits.items.length);
    expect(hits.items.every((h: { name: string }) => h.name.includes(part))).toBe(true);
    const [coded] = await t.db.query<{ name: string; code: string }>(`SELECT name, credit_code AS code FROM enterprise WHERE credit_code IS NOT NULL ORDER BY id LIMIT 1`);
    const byCode = (await t.request('GET', `/api/enterprises/suggest?q=${coded!.code}`, { as: w })).json();
    expect(byCode).toEqual({ items: [expect.objectContaining({ name: coded!.name })], total: 1 });
    expect((await t.request('GET', '/api/places')).statusCode).toBe(401);
  });

  it('pages both lists: { items, total } by page and pageSize (at most 200)', async () => {
    const w = await loginWorker(t, admin);
    const all = (await t.request('GET', '/api/places?pageSize=200', { as: w })).json();
    const first = (await t.request('GET', '/api/places?page=1&pageSize=5', { as: w })).json();
    const second = (await t.request('GET', '/api/places?page=2&pageSize=5', { as: w })).json();
    expect(first.total).toBe(all.total);
    expect(second.total).toBe(all.total);
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 10));
    const beyond = (await t.request('GET', `/api/places?page=${all.total + 1}&pageSize=1`, { as: w })).json();
    expect(beyond).toEqual({ items: [], total: all.total });
    const [e] = await t.db.query<{ name: string }>(`SELECT name FROM enterprise ORDER BY id LIMIT 1`);
    const part = [...e!.name].slice(0, 2).join('');
    const hits = (await t.request('GET', `/api/enterprises/suggest?q=${encodeURIComponent(part)}&pageSize=200`, { as: w })).json();
    const page2 = (await t.request('GET', `/api/enterprises/suggest?q=${encodeURIComponent(part)}&page=2&pageSize=1`, { as: w })).json();
    expect(page2.total).toBe(hits.total);
    expect(page2.items).toEqual(hits.items.slice(1, 2));
    for (const bad of ['pageSize=201', 'pageSize=0', 'page=0']) {
      const res = await t.request('GET', `/api/places?${bad}`, { as: w });
      expect(res.statusCode).toBe(400);
      expect((await t.request('GET', `/api/enterprises/suggest?q=${encodeURIComponent(part)}&${bad}`, { as: w })).statusCode).toBe(400);
    }
  });
});
