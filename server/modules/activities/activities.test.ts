// Publishing, editing, cancelling, covers, what members see (and why not), figures and their xlsx.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ORGS } from '../../db/seed/demo-keys.ts';
import { activityBody, inHours, memberSessions, signUp, type MemberSession } from '../../../tests/helpers/activities.ts';

let t: TestApp;
let admin: Session, huazhou: Session, yangjiang: Session, viewer: Session;
let huazhouId: number;
let yangjiangId: number;
let shiwanId: number;
let members: MemberSession[];

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  [huazhouId, yangjiangId, shiwanId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('yangjiang'), t.demoOrg('shiwan')]);
  members = await memberSessions(t, admin, huazhouId, 4);
});
afterAll(async () => t.close());

async function publish(as: Session, body: Record<string, unknown>) {
  const res = await t.request('POST', '/api/activities', { as, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('POST /api/activities', () => {
  it('publishes with every field, the description sanitised, an Amap link, batches and an audit record', async () => {
    const a = await publish(huazhou, activityBody(huazhouId, {
      title: '惠州疗休养',
      places: 400,
      description: '<p onclick="x()">四批<strong>每批 100 人</strong><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">坏链接</a><a href="https://example.org">好链接</a></p>',
      lat: 21.66,
      lng: 110.63,
      minAge: 18,
      maxAge: 60,
      minMembershipMonths: 6,
      sameKindGapMonths: 12,
      perMemberLimit: 2,
      waitlistPlaces: 20,
      targetGroups: ['women', 'modelWorker'],
      signupOpensAt: inHours(1),
      signupClosesAt: inHours(41),
      startsAt: inHours(72),
      endsAt: inHours(120),
      cancelDeadline: inHours(60),
      batches: [0, 1, 2, 3].map((i) => ({ places: 100, signupOpensAt: inHours(1 + i * 10), signupClosesAt: inHours(10 + i * 10) })),
    }));
    expect(a).toMatchObject({ title: '惠州疗休养', places: 400, allocation: 'first_come', org: { id: huazhouId, name: DEMO_ORGS.huazhou }, perMemberLimit: 2, waitlistPlaces: 20, seedCommitment: null, status: 'published' });
    expect(a.description).toBe('<p>四批<strong>每批 100 人</strong><a rel="noopener noreferrer nofollow" target="_blank">坏链接</a><a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">好链接</a></p>');
    expect(a.mapUrl).toBe(`https://uri.amap.com/marker?position=110.63,21.66&name=${encodeURIComponent('化州市橘州公园')}&coordinate=gaode&callnative=1`);
    expect(a.batches.map((b: { places: number }) => b.places)).toEqual([100, 100, 100, 100]);
    expect(a.figures).toEqual({ visits: 0, participants: 0, checkedIn: 0, waitlisted: 0, entered: 0, placesTaken: 0 });
    // the places of each batch are split over counter slots that add up to its places
    const slots = await t.db.query<{ batchNo: number; n: number; cap: number; wait: number }>(
      `SELECT batch_no AS "batchNo", count(*)::int AS n, sum(capacity)::int AS cap, sum(wait_capacity)::int AS wait FROM activity_slot WHERE activity_id = $1 GROUP BY batch_no ORDER BY batch_no`,
      [a.id],
    );
    expect(slots).toEqual([1, 2, 3, 4].map((batchNo) => ({ batchNo, n: 12, cap: 100, wait: 20 })));
    const [audit] = await t.db.query(`SELECT action, actor_name AS "actorName" FROM audit_log WHERE action = 'activity.publish' AND target_id = $1`, [String(a.id)]);
    expect(audit).toEqual({ action: 'activity.publish', actorName: 'huazhou' });
  });

  it('a lottery shows the commitment to its seed from publication on, never the seed', async () => {
    const a = await publish(huazhou, activityBody(huazhouId, { allocation: 'lottery', places: 3 }));
    expect(a.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(a)).not.toMatch(/seed"/);
    const draw = await t.request('GET', `/api/activities/${a.id}/draw`, { as: huazhou });
    expect(draw.json()).toMatchObject({ seedCommitment: a.seedCommitment, seed: null, batches: [{ batchNo: 1, entryIds: [], winners: [], drawnAt: null }] });
  });

  it('refuses inconsistent times, batches that do not add up, and writes nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM activity`);
    const bad = [
      activityBody(huazhouId, { signupOpensAt: inHours(5), signupClosesAt: inHours(2) }),
      activityBody(huazhouId, { signupClosesAt: inHours(60) }),
      activityBody(huazhouId, { places: 10, batches: [{ places: 4, signupOpensAt: inHours(-1), signupClosesAt: inHours(2) }] }),
      activityBody(huazhouId, { minAge: 50, maxAge: 20 }),
      activityBody(huazhouId, { lat: 21.6 }),
      activityBody(huazhouId, { places: 0 }),
      activityBody(huazhouId, { kind: 'party' }),
    ];
    for (const body of bad) {
      const res = await t.request('POST', '/api/activities', { as: huazhou, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM activity`)).toEqual(before);
  });

  it('only admins and clerks of the union\'s scope publish', async () => {
    expect((await t.request('POST', '/api/activities', { as: huazhou, body: activityBody(yangjiangId) })).json().error).toBe('not_found');
    expect((await t.request('POST', '/api/activities', { as: viewer, body: activityBody(huazhouId) })).json().error).toBe('forbidden');
    expect((await t.request('POST', '/api/activities', { as: members[0], body: activityBody(huazhouId) })).json().error).toBe('staff_only');
    expect((await t.request('POST', '/api/activities', { body: activityBody(huazhouId) })).json().error).toBe('not_logged_in');
  });
});

describe('PATCH, cancel and cover', () => {
  it('edits before sign-up opens; refuses once it has opened', async () => {
    const later = await publish(huazhou, activityBody(huazhouId, { signupOpensAt: inHours(2), places: 8 }));
    const res = await t.request('PATCH', `/api/activities/${later.id}`, { as: huazhou, body: { title: '职工疗休养（改期）', places: 20 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: '职工疗休养（改期）', places: 20, batches: [{ places: 20 }] });
    const open = await publish(huazhou, activityBody(huazhouId));
    const refused = await t.request('PATCH', `/api/activities/${open.id}`, { as: huazhou, body: { title: '改不了' } });
    expect(refused.json()).toMatchObject({ error: 'activity_locked', statusCode: 409 });
  });

  it('cancelling tells every member signed up, frees nothing twice, and refuses new sign-ups', async () => {
    const a = await publish(huazhou, activityBody(huazhouId, { places: 3 }));
    const m = members[0]!;
    expect((await signUp(t, m, a.id)).json().status).toBe('confirmed');
    const res = await t.request('POST', `/api/activities/${a.id}/cancel`, { as: huazhou, body: { reason: '台风天气' } });
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '台风天气', figures: { participants: 0 } });
    const outbox = (await t.request('GET', `/api/outbox?to=${m.phone}`, { as: admin })).json();
    expect(outbox.items[0].body).toContain('已取消，原因：台风天气');
    expect((await signUp(t, members[1]!, a.id)).json().error).toBe('activity_cancelled');
    expect((await t.request('POST', `/api/activities/${a.id}/cancel`, { as: huazhou, body: { reason: '再取消' } })).json().error).toBe('activity_cancelled');
  });

  it('takes a PNG judged by content and serves it; refuses anything else', async () => {
    const a = await publish(huazhou, activityBody(huazhouId));
    const ok = await t.request('PUT', `/api/activities/${a.id}/cover`, { as: huazhou, body: { imageBase64: PNG.toString('base64') } });
    expect(ok.json().hasCover).toBe(true);
    const img = await t.request('GET', `/api/activities/${a.id}/cover`, { as: members[0] });
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(PNG)).toBe(true);
    const html = await t.request('PUT', `/api/activities/${a.id}/cover`, { as: huazhou, body: { imageBase64: Buffer.from('<svg onload=alert(1)>').toString('base64') } });
    expect(html.json().error).toBe('invalid_image');
    const big = Buffer.concat([PNG, Buffer.alloc(700 * 1024)]);
    expect((await t.request('PUT', `/api/activities/${a.id}/cover`, { as: huazhou, body: { imageBase64: big.toString('base64') } })).statusCode).toBe(400);
  });
});

describe('what members see', () => {
  it('lists what is in reach with availability and why not; another city\'s activity does not exist for them', async () => {
    const open = await publish(huazhou, activityBody(huazhouId, { title: '全市职工观影' }));
    const old = await publish(huazhou, activityBody(huazhouId, { title: '老年职工书画班', minAge: 70 }));
    const gig = await publish(huazhou, activityBody(huazhouId, { title: '骑手送清凉', kind: 'cooling', targetGroups: ['gig'] }));
    const soon = await publish(huazhou, activityBody(huazhouId, { title: '下周报名', signupOpensAt: inHours(30), signupClosesAt: inHours(40) }));
    const far = await publish(yangjiang, activityBody(yangjiangId, { title: '阳江职工运动会' }));
    const m = members[1]!;
    await t.db.query(`UPDATE member SET birth_date = '1990-01-01', groups = '{}' WHERE id = $1`, [m.memberId]);
    const list = (await t.request('GET', '/api/activities?pageSize=200', { as: m })).json();
    const byId = new Map(list.items.map((x: { id: number }) => [x.id, x]));
    expect(byId.get(open.id)).toMatchObject({ figures: null, availability: { state: 'open', canSignUp: true }, mySignup: null });
    expect(byId.get(old.id)).toMatchObject({ availability: { state: 'too_young', canSignUp: false, message: '年龄低于活动要求' } });
    expect(byId.get(gig.id)).toMatchObject({ availability: { state: 'not_target_group', message: '不属于本活动面向的群体' } });
    expect(byId.get(soon.id)).toMatchObject({ availability: { state: 'not_open_yet', message: '报名尚未开始' } });
    expect(byId.has(far.id)).toBe(false);
    expect(JSON.stringify(list)).not.toContain('阳江');
    const detail = await t.request('GET', `/api/activities/${far.id}`, { as: m });
    expect(detail.json()).toEqual({ error: 'not_found', message: '未找到该记录，或不在您的管理范围内', statusCode: 404 });
    // a member of 石湾 sees 化州's activities (its ancestor), but not the other way round
    const shiwanAct = await publish(huazhou, activityBody(shiwanId, { title: '石湾街道亲子活动' }));
    const [inShiwan] = await t.db.query<{ x: boolean }>(`SELECT (SELECT path FROM org WHERE id = $1) @> o.path AS x FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $2`, [shiwanId, m.memberId]);
    expect((await t.request('GET', `/api/activities/${shiwanAct.id}`, { as: m })).statusCode).toBe(inShiwan!.x ? 200 : 404);
  });

  it('counts each member\'s visit once (访问人数), staff views not at all', async () => {
    const a = await publish(huazhou, activityBody(huazhouId));
    for (const m of [members[2]!, members[2]!, members[3]!]) expect((await t.request('GET', `/api/activities/${a.id}`, { as: m })).statusCode).toBe(200);
    await t.request('GET', `/api/activities/${a.id}`, { as: huazhou });
    expect((await t.request('GET', `/api/activities/${a.id}`, { as: huazhou })).json().figures.visits).toBe(2);
  });

  it('a worker who is not a member is told so', async () => {
    const { loginWorker } = await import('../../../tests/helpers/workers.ts');
    const w = await loginWorker(t, admin);
    expect((await t.request('GET', '/api/activities', { as: w })).json().error).toBe('not_a_member');
  });
});

describe('GET /api/activities/stats and its export', () => {
  it('rolls visits and participants up for a subtree and period, equal to the rows behind them', async () => {
    const a = await publish(huazhou, activityBody(shiwanId, { title: '石湾统计活动', places: 10 }));
    for (const m of await memberSessions(t, admin, shiwanId, 2)) {
      await t.request('GET', `/api/activities/${a.id}`, { as: m });
      expect((await signUp(t, m, a.id)).statusCode).toBe(201);
    }
    const day = new Date(a.startsAt).toISOString().slice(0, 10);
    const stats = (await t.request('GET', `/api/activities/stats?orgId=${huazhouId}`, { as: huazhou })).json();
    const [want] = await t.db.query<{ activities: number; visits: number; participants: number }>(
      `SELECT count(*)::int AS activities,
              (SELECT count(*)::int FROM activity_view v JOIN activity a ON a.id = v.activity_id JOIN org o ON o.id = a.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND a.status = 'published') AS visits,
              (SELECT count(*)::int FROM activity_signup s JOIN activity a ON a.id = s.activity_id JOIN org o ON o.id = a.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND a.status = 'published' AND s.status = 'confirmed') AS participants
         FROM activity a JOIN org o ON o.id = a.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND a.status = 'published'`,
      [huazhouId],
    );
    expect(stats.totals).toMatchObject(want!);
    expect(stats.totals.participants).toBeGreaterThanOrEqual(2);
    // the figures are of every activity; the rows behind them come a page at a time, with the total
    expect(stats.total).toBe(want!.activities);
    expect(stats.items.length).toBe(Math.min(20, want!.activities));
    const page2 = (await t.request('GET', `/api/activities/stats?orgId=${huazhouId}&page=2&pageSize=1`, { as: huazhou })).json();
    expect(page2.totals).toEqual(stats.totals);
    expect(page2).toMatchObject({ total: stats.total, items: [stats.items[1]] });
    const shiwan = (await t.request('GET', `/api/activities/stats?orgId=${shiwanId}&from=${day}&to=${day}`, { as: huazhou })).json();
    const row = shiwan.items.find((i: { id: number }) => i.id === a.id);
    expect(row).toMatchObject({ visits: 2, participants: 2, checkedIn: 0, places: 10 });
    expect(shiwan.totals.activities).toBeLessThan(stats.totals.activities);
    const none = (await t.request('GET', `/api/activities/stats?orgId=${shiwanId}&from=2001-01-01&to=2001-12-31`, { as: huazhou })).json();
    expect(none.totals).toEqual({ activities: 0, places: 0, visits: 0, participants: 0, checkedIn: 0 });
    expect((await t.request('GET', `/api/activities/stats?orgId=${yangjiangId}`, { as: huazhou })).json().error).toBe('not_found');

    const xlsx = await t.request('GET', `/api/activities/stats/export?orgId=${shiwanId}`, { as: huazhou });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('活动统计')!.getSheetValues().filter(Boolean) as unknown[][];
    const line = rows.find((r) => r[1] === '石湾统计活动')!;
    expect(line.slice(5, 9)).toEqual([10, 2, 2, 0]);
    const [audited] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'activity.stats_export'`);
    expect(audited).toEqual({ n: 1 });
  });
});
