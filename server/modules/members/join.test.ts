import { describe, expect, it } from 'vitest';
import { DEMO_ORGS, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshIdNumber, freshPhone, loginWorker, readSmsCode, workerSuiteHooks } from '../../../tests/helpers/workers.ts';
import { personAt } from '../../db/seed/people.ts';
import { ALREADY_MEMBER_OTHER_PHONE } from './join.service.ts';

let t: TestApp;
let admin: Session, huazhou: Session, yangjiang: Session;
let shiwanTown: number;
workerSuiteHooks((w) => ({ t, admin, huazhou, yangjiang, shiwanTown } = w));

describe('worker log-in by SMS code', () => {
  it('sends a code through the outbox and logs the worker in once with it', async () => {
    const phone = freshPhone();
    const sent = await t.request('POST', '/api/auth/sms-code', { body: { phone } });
    expect(sent.json()).toEqual({ sent: true, expiresInSeconds: 300, resendAfterSeconds: 60 });
    const outbox = (await t.request('GET', `/api/outbox?to=${phone}`, { as: admin })).json();
    expect(outbox.items[0]).toMatchObject({ channel: 'sms', to: `${phone.slice(0, 3)}****${phone.slice(7)}`, kind: 'login_code', status: 'sent' });
    const code = await readSmsCode(t, admin, phone);
    const ok = await t.request('POST', '/api/auth/member-login', { body: { phone, code } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().me).toMatchObject({ kind: 'member', member: null, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}` });
    const me = await t.request('GET', '/api/me', { headers: { authorization: `Bearer ${ok.json().token}` } });
    expect(me.json().kind).toBe('member');
    const again = await t.request('POST', '/api/auth/member-login', { body: { phone, code } });
    expect(again.json().error).toBe('invalid_sms_code');
  });

  it('sends at most one code a minute, and locks a code after 5 wrong tries', async () => {
    const phone = freshPhone();
    await t.request('POST', '/api/auth/sms-code', { body: { phone } });
    const soon = await t.request('POST', '/api/auth/sms-code', { body: { phone } });
    expect(soon.statusCode).toBe(429);
    expect(soon.json().error).toBe('sms_too_frequent');
    const code = await readSmsCode(t, admin, phone);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await t.request('POST', '/api/auth/member-login', { body: { phone, code: wrong } })).json().error);
    expect(answers).toEqual(['invalid_sms_code', 'invalid_sms_code', 'invalid_sms_code', 'invalid_sms_code', 'sms_code_locked']);
    expect((await t.request('POST', '/api/auth/member-login', { body: { phone, code } })).json().error).toBe('sms_code_locked');
  });

  it('refuses an expired code', async () => {
    const phone = freshPhone();
    await t.request('POST', '/api/auth/sms-code', { body: { phone } });
    const code = await readSmsCode(t, admin, phone);
    await t.db.query(`UPDATE sms_code SET expires_at = now() - interval '1 second' WHERE phone_hash = $1`, [t.pii.hash(phone)]);
    expect((await t.request('POST', '/api/auth/member-login', { body: { phone, code } })).json().error).toBe('invalid_sms_code');
  });

  it('checks the phone number and the code format', async () => {
    for (const phone of ['12345678901', '1381234567', 'abc', '+8613812345678']) {
      expect((await t.request('POST', '/api/auth/sms-code', { body: { phone } })).statusCode).toBe(400);
    }
    expect((await t.request('POST', '/api/auth/member-login', { body: { phone: '13812345678', code: '12345' } })).statusCode).toBe(400);
  });

  it('keeps workers off staff routes and staff off worker routes', async () => {
    const w = await loginWorker(t, admin);
    expect((await t.request('GET', `/api/orgs/${shiwanTown}`, { as: w })).json().error).toBe('staff_only');
    expect((await t.request('GET', '/api/members', { as: w })).json().error).toBe('staff_only');
    const join = await t.request('POST', '/api/members/join', { as: huazhou, body: { name: '王五', idNumber: freshIdNumber(), consent: true } });
    expect(join.json().error).toBe('member_only');
  });
});

describe('joining, routed to the right union', () => {
  const join = (w: Session, body: Record<string, unknown>) =>
    t.request('POST', '/api/members/join', { as: w, body: { name: '陈小明', idNumber: freshIdNumber(), consent: true, ...body } });

  it('an employer with a union: that union', async () => {
    const [e] = await t.db.query<{ name: string; creditCode: string; union: string; unionId: number }>(
      `SELECT e.name, e.credit_code AS "creditCode", o.name AS union, o.id AS "unionId" FROM enterprise e JOIN org o ON o.id = e.union_org_id
        WHERE o.path <@ (SELECT path FROM org WHERE id = $1) ORDER BY e.id LIMIT 1`,
      [await t.demoOrg('huazhou')],
    );
    const w = await loginWorker(t, admin);
    const byCode = await join(w, { employerCreditCode: e!.creditCode });
    expect(byCode.statusCode).toBe(201);
    expect(byCode.json()).toMatchObject({ status: 'pending', org: { id: e!.unionId, name: e!.union } });
    expect(byCode.json().reason).toContain('已建立工会');
    const w2 = await loginWorker(t, admin);
    const byName = await join(w2, { employerName: e!.name });
    expect(byName.json().org.id).toBe(e!.unionId);
  });

  it('a known employer without a union: its town federation, and it counts towards founding', async () => {
    const [e] = await t.db.query<{ name: string; townId: number; town: string }>(
      `SELECT e.name, t.id AS "townId", t.name AS town FROM enterprise e JOIN org t ON t.id = e.town_org_id WHERE e.union_org_id IS NULL ORDER BY e.id DESC LIMIT 1`,
    );
    const w = await loginWorker(t, admin);
    const res = await join(w, { employerName: e!.name });
    expect(res.json()).toMatchObject({ status: 'pending', org: { id: e!.townId, name: e!.town } });
    expect(res.json().reason).toContain('尚未建立工会');
  });

  it('an employer nobody knew: recorded under the town where the worker works', async () => {
    const w = await loginWorker(t, admin);
    const res = await join(w, { employerName: '化州市从未登记过的测试五金厂', workOrgId: shiwanTown });
    expect(res.json()).toMatchObject({ org: { id: shiwanTown, name: DEMO_ORGS.shiwan } });
    const [e] = await t.db.query(`SELECT town_org_id AS town FROM enterprise WHERE name = '化州市从未登记过的测试五金厂'`);
    expect(e).toEqual({ town: shiwanTown });
    const w2 = await loginWorker(t, admin);
    expect((await join(w2, { employerName: '另一家从未登记的公司' })).json().error).toBe('work_place_required');
  });

  it('a delivery rider in 深圳: the riders\' federation of the city, approved at once', async () => {
    const [town] = await t.db.query<{ id: number }>(
      `SELECT id FROM org WHERE level = 'town' AND path <@ (SELECT path FROM org WHERE id = $1) ORDER BY id LIMIT 1`,
      [await t.demoOrg('nanshan')],
    );
    const w = await loginWorker(t, admin);
    const res = await join(w, { gigPlatform: '美团', workOrgId: town!.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'approved', org: { name: DEMO_ORGS.shenzhenRiders } });
    const me = (await t.request('GET', '/api/me', { as: w })).json();
    expect(me.member).toMatchObject({ status: 'active', org: { name: DEMO_ORGS.shenzhenRiders } });
    expect(me.member.memberNo).toMatch(/^GH\d{10}$/);
  });

  it('a driver without an industry federation in the city: the town\'s federation', async () => {
    const w = await loginWorker(t, admin);
    const res = await join(w, { gigPlatform: '滴滴出行', workOrgId: shiwanTown });
    expect(res.json()).toMatchObject({ status: 'pending', org: { id: shiwanTown } });
    expect(res.json().reason).toContain('网上会员之家');
  });

  it('refuses bad input with its own codes and writes nothing', async () => {
    const w = await loginWorker(t, admin);
    const before = await t.db.query(`SELECT count(*)::int AS n FROM member_application`);
    const id = freshIdNumber();
    const bad: [Record<string, unknown>, string][] = [
      [{ idNumber: id.slice(0, 17) + (id[17] === '0' ? '1' : '0'), employerName: 'x公司', workOrgId: shiwanTown }, 'invalid_id_number'],
      [{ idNumber: '44098220300101001X' }, 'invalid_id_number'],
      [{ idNumber: freshIdNumber({ birth: '20150101' }), gigPlatform: '美团', workOrgId: shiwanTown }, 'under_age'],
      [{ consent: false, gigPlatform: '美团', workOrgId: shiwanTown }, 'consent_required'],
      [{ employerCreditCode: '91440982MA5ABCDE1X' }, 'invalid_credit_code'],
      [{}, 'employer_required'],
      [{ gigPlatform: '美团' }, 'work_place_required'],
      [{ gigPlatform: '美团', workOrgId: await t.demoOrg('huazhou') }, 'invalid_work_place'],
      [{ gigPlatform: '不存在的平台', workOrgId: shiwanTown }, 'validation_failed'],
      [{ name: '张', gigPlatform: '美团', workOrgId: shiwanTown }, 'validation_failed'],
    ];
    for (const [body, code] of bad) {
      const res = await join(w, body);
      expect(res.json().error, JSON.stringify(body)).toBe(code);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM member_application`)).toEqual(before);
  });

  it('one person, one membership: an active member on another phone is pointed to the phone change', async () => {
    let active: string | undefined;
    for (let i = 0; i < 50 && !active; i++) {
      const id = personAt(i).idNumber;
      const [m] = await t.db.query<{ status: string }>(
        `SELECT m.status FROM member_identity x JOIN member m ON m.id = x.member_id WHERE x.id_number_hash = $1`,
        [t.pii.hash(id)],
      );
      if (m?.status === 'active') active = id;
    }
    const w = await loginWorker(t, admin);
    const res = await join(w, { idNumber: active!, gigPlatform: '美团', workOrgId: shiwanTown });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'already_member', message: ALREADY_MEMBER_OTHER_PHONE, statusCode: 409 });
    expect(res.json().message).toContain('转到本手机号');
  });

  it('an area not open online (a county with no town, a city without counties): its own union takes it, and says why', async () => {
    const gaozhou = await t.demoOrg('gaozhou');
    const zhongshan = await t.demoOrg('zhongshan');
    const w = await loginWorker(t, admin);
    // The place picker offers them as places to choose, not greyed out.
    const maoming = await t.demoOrg('maoming');
    const counties = (await t.request('GET', `/api/places?parentId=${maoming}&pageSize=200`, { as: w })).json();
    expect(counties.items.find((c: { id: number }) => c.id === gaozhou)).toMatchObject({ hasChildren: false, level: 'county' });
    const rider = await join(w, { gigPlatform: '美团', workOrgId: gaozhou });
    expect(rider.statusCode).toBe(201);
    expect(rider.json()).toMatchObject({ status: 'pending', org: { id: gaozhou, name: DEMO_ORGS.gaozhou } });
    expect(rider.json().reason).toContain('暂未开通');
    expect(rider.json().reason).toContain(`由${DEMO_ORGS.gaozhou}受理`);
    const [filed] = await t.db.query(`SELECT route_rule AS rule FROM member_application WHERE id = $1`, [rider.json().applicationId]);
    expect(filed).toEqual({ rule: 'uncovered_area' });
    // An employer nobody knew in 中山 (no county, no town open): 中山市总工会.
    const w2 = await loginWorker(t, admin);
    const worker = await join(w2, { employerName: '中山市从未登记的测试灯饰厂', workOrgId: zhongshan });
    expect(worker.json()).toMatchObject({ status: 'pending', org: { id: zhongshan, name: DEMO_ORGS.zhongshan } });
    expect(worker.json().reason).toContain('中山市的镇（街道）工会暂未开通线上入会');
    // Never approved at once, even where that union approves automatically: a person routes it.
    await t.db.query(`UPDATE org SET auto_approve = true WHERE id = $1`, [gaozhou]);
    const w3 = await loginWorker(t, admin);
    expect((await join(w3, { gigPlatform: '滴滴出行', workOrgId: gaozhou })).json().status).toBe('pending');
    await t.db.query(`UPDATE org SET auto_approve = false WHERE id = $1`, [gaozhou]);
    // The queue of the union that took it, and the province, show it; another city's staff do not.
    const queue = (await t.request('GET', `/api/members/applications?orgId=${gaozhou}`, { as: admin })).json();
    expect(queue.items.map((a: { id: number }) => a.id)).toContain(rider.json().applicationId);
    expect((await t.request('GET', `/api/members/applications?orgId=${gaozhou}`, { as: yangjiang })).statusCode).toBe(404);
    // A city or county with towns open still needs the town.
    expect((await join(await loginWorker(t, admin), { gigPlatform: '美团', workOrgId: maoming })).json().error).toBe('invalid_work_place');
  });

  it('two applications of one person at the same moment: one is filed, the other told why', async () => {
    const idNumber = freshIdNumber();
    const [a, b] = await Promise.all([loginWorker(t, admin), loginWorker(t, admin)]);
    const results = await Promise.all([a, b].map((w) => join(w, { idNumber, gigPlatform: '货拉拉', workOrgId: shiwanTown })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error).toBe('application_pending');
    const rows = await t.db.query(`SELECT id FROM member_application WHERE id_number_hash = $1`, [t.pii.hash(idNumber)]);
    expect(rows).toHaveLength(1);
  });
});

describe('the approval queue and the lifecycle', () => {
  async function applyAtShiwan(extra: Record<string, unknown> = {}) {
    const w = await loginWorker(t, admin);
    const idNumber = freshIdNumber({ female: true });
    const res = await t.request('POST', '/api/members/join', {
      as: w,
      body: { name: '李秀英', idNumber, gigPlatform: '滴滴出行', workOrgId: shiwanTown, consent: true, ...extra },
    });
    expect(res.statusCode).toBe(201);
    return { w, idNumber, applicationId: res.json().applicationId as number };
  }

  it('a reviewer approves: member number, card, history, notice, and the worker sees it', async () => {
    const { w, applicationId } = await applyAtShiwan();
    const queue = (await t.request('GET', '/api/members/applications?pageSize=200', { as: huazhou })).json();
    const item = queue.items.find((a: { id: number }) => a.id === applicationId);
    expect(item).toMatchObject({ status: 'pending', name: '李秀英', sex: 'female', org: { id: shiwanTown } });
    expect(item.idNumberMasked).toMatch(/^440982\*{8}\d{3}[\dX]$/);
    const res = await t.request('POST', `/api/members/applications/${applicationId}/approve`, { as: huazhou });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', memberNo: expect.stringMatching(/^GH\d{10}$/) });
    const me = (await t.request('GET', '/api/me', { as: w })).json();
    expect(me.member).toMatchObject({ name: '李秀英', status: 'active', org: { id: shiwanTown } });
    const detail = (await t.request('GET', `/api/members/${me.member.id}`, { as: huazhou })).json();
    expect(detail.groups).toEqual(expect.arrayContaining(['women', 'gig']));
    expect(detail.card).toMatchObject({ status: 'active', cardNo: expect.stringMatching(/^8860\d{12}$/) });
    expect(detail.history.map((e: { kind: string }) => e.kind)).toEqual(['joined', 'card_issued']);
    const notices = (await t.request('GET', `/api/outbox?to=${w.phone}`, { as: admin })).json();
    expect(notices.items[0].body).toContain(`恭喜您加入${DEMO_ORGS.shiwan}`);
    expect((await t.request('POST', `/api/members/applications/${applicationId}/approve`, { as: huazhou })).json().error).toBe('application_decided');
  });

  it('a reviewer rejects with a reason the worker sees', async () => {
    const { w, applicationId } = await applyAtShiwan();
    const res = await t.request('POST', `/api/members/applications/${applicationId}/reject`, { as: huazhou, body: { reason: '身份信息与工作单位不符，请核实后重新申请' } });
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: '身份信息与工作单位不符，请核实后重新申请' });
    const mine = (await t.request('GET', '/api/me/applications', { as: w })).json();
    expect(mine.items[0]).toMatchObject({ status: 'rejected', rejectReason: '身份信息与工作单位不符，请核实后重新申请' });
  });

  it('bulk approval approves what it can and says why it skipped the rest', async () => {
    const a = await applyAtShiwan();
    const b = await applyAtShiwan();
    await t.request('POST', `/api/members/applications/${b.applicationId}/reject`, { as: huazhou, body: { reason: '重复提交' } });
    const res = (await t.request('POST', '/api/members/applications/approve', { as: huazhou, body: { ids: [a.applicationId, b.applicationId] } })).json();
    expect(res.approved).toEqual([a.applicationId]);
    expect(res.skipped).toEqual([{ id: b.applicationId, error: 'application_decided', message: '该入会申请已处理' }]);
  });

  it('staff of another city cannot see or decide the application; viewers cannot decide', async () => {
    const { applicationId } = await applyAtShiwan();
    expect((await t.request('POST', `/api/members/applications/${applicationId}/approve`, { as: yangjiang })).statusCode).toBe(404);
    const theirs = (await t.request('GET', '/api/members/applications?pageSize=200', { as: yangjiang })).json();
    expect(theirs.items.find((a: { id: number }) => a.id === applicationId)).toBeUndefined();
    const viewer = await t.login('huazhou-view');
    expect((await t.request('POST', `/api/members/applications/${applicationId}/approve`, { as: viewer })).statusCode).toBe(403);
  });

  it('a member who left comes back with the same number and history', async () => {
    const { idNumber, applicationId } = await applyAtShiwan();
    const approved = (await t.request('POST', `/api/members/applications/${applicationId}/approve`, { as: huazhou })).json();
    const [m] = await t.db.query<{ id: number }>(`SELECT id FROM member WHERE member_no = $1`, [approved.memberNo]);
    const left = await t.request('POST', `/api/members/${m!.id}/status`, { as: huazhou, body: { status: 'left', reason: '离职返乡' } });
    expect(left.json()).toMatchObject({ status: 'left', card: { status: 'revoked' } });
    const w = await loginWorker(t, admin);
    const again = await t.request('POST', '/api/members/join', { as: w, body: { name: '李秀英', idNumber, gigPlatform: '货拉拉', workOrgId: shiwanTown, consent: true } });
    expect(again.statusCode).toBe(201);
    const back = (await t.request('POST', `/api/members/applications/${again.json().applicationId}/approve`, { as: huazhou })).json();
    expect(back.memberNo).toBe(approved.memberNo);
    const detail = (await t.request('GET', `/api/members/${m!.id}`, { as: huazhou })).json();
    expect(detail.status).toBe('active');
    expect(detail.card.status).toBe('active');
    expect(detail.history.map((e: { kind: string }) => e.kind)).toEqual(['joined', 'card_issued', 'status', 'card_revoked', 'rejoined', 'card_issued']);
  });
});
