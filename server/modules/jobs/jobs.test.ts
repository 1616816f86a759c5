// Jobs (岗位) and fairs (招聘会), issue 17 slice C: publishing with its rules (wage range, the town in
// the union's area, one essential skill, levels on the ladder, valid-until, position), each refusal
// writing nothing; replay by Idempotency-Key; close and withdraw; fairs (https live link only) with
// their employers and jobs; members see open jobs of their unions with the contact masked; another
// subtree's staff get not_found. Both engines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { daysAhead, ensureTestSkills, jobBody, type TestSkills } from '../../../tests/helpers/jobs.ts';
import type { FairDetail, JobDetail } from '../../../contracts/jobs.ts';

let t: TestApp;
let huazhou: Session;
let shiwan: Session;
let yangjiang: Session;
let viewer: Session;
let skills: TestSkills;
const ids: Record<string, number> = {};
let shiwanMember: MemberLogin;
let yangjiangMember: MemberLogin;

beforeAll(async () => {
  t = await startTestApp();
  [huazhou, shiwan, yangjiang, viewer] = await Promise.all([t.login('huazhou'), t.login('shiwan'), t.login('yangjiang'), t.login('huazhou-view')]);
  [ids.huazhou, ids.shiwan, ids.hexi, ids.yangjiang, ids.community] = await Promise.all([
    t.demoOrg('huazhou'), t.demoOrg('shiwan'), t.demoOrg('hexi'), t.demoOrg('yangjiang'), t.demoOrg('shiwanCommunity'),
  ]);
  const [town] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE level = 'town' AND path::text LIKE (SELECT path::text FROM org WHERE id = $1) || '.%' ORDER BY id LIMIT 1`, [ids.yangjiang]);
  ids.yangjiangTown = town!.id;
  skills = await ensureTestSkills(t);
  const admin = await t.login('admin');
  shiwanMember = (await newMemberSessions(t, admin, 1, { org: ids.community }))[0]!;
  yangjiangMember = (await newMemberSessions(t, admin, 1, { org: ids.yangjiangTown }))[0]!;
});
afterAll(async () => t.close());

const publish = (body: unknown, as: Session = huazhou, key = randomUUID()) => t.request('POST', '/api/jobs', { as, body, headers: { 'idempotency-key': key } });
const jobCount = async () => (await t.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM job) + (SELECT count(*) FROM job_skill) AS n`))[0]!.n;

async function refused(body: unknown, code: string, as: Session = huazhou) {
  const before = await jobCount();
  const res = await publish(body, as);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.json().error).toBe(code);
  expect(await jobCount()).toBe(before);
}

describe('publishing a job', () => {
  it('publishes with skills and levels, seals and masks the contact, and replays by key', async () => {
    const key = randomUUID();
    const res = await publish(jobBody(ids.huazhou!, ids.shiwan!, skills), huazhou, key);
    expect(res.statusCode, res.body).toBe(201);
    const job = res.json<JobDetail>();
    expect(job).toMatchObject({ status: 'open', title: '叉车司机', town: { id: ids.shiwan }, contactName: '李*红', contactPhone: '138****5678', isExpired: false });
    expect(job.skills.map((s) => [s.skill.id, s.minLevel, s.levelLabel, s.essential])).toEqual([
      [skills.forklift, 4, '高级工（三级）', true],
      [skills.electrician, 2, '初级工（五级）', false],
    ]);
    expect(res.body).not.toContain('13812345678');
    const [row] = await t.db.query<{ phone: Buffer }>(`SELECT contact_phone_enc AS phone FROM job WHERE id = $1`, [job.id]);
    expect(t.pii.decrypt(row!.phone)).toBe('13812345678');
    const again = await publish(jobBody(ids.huazhou!, ids.shiwan!, skills), huazhou, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(res.body);
    const reused = await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { title: '电工' }), huazhou, key);
    expect(reused.json().error).toBe('idempotency_key_reused');
    const [audit] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'job.publish' AND target_id = $1`, [job.id]);
    expect(audit!.n).toBe(1);
    const list = await t.request('GET', `/api/jobs?status=open&townId=${ids.shiwan}&q=${encodeURIComponent('叉车')}`, { as: huazhou });
    expect(list.json<{ items: { id: number }[] }>().items.map((j) => j.id)).toContain(job.id);
  });

  it('refuses an upside-down wage range with job_wage_range_invalid', () => refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { wageMin: 8000, wageMax: 6000 }), 'job_wage_range_invalid'));

  it('refuses a town outside the publishing union\'s area with job_place_outside', async () => {
    await refused(jobBody(ids.huazhou!, ids.yangjiangTown!, skills), 'job_place_outside');
    // a town-level union publishes in its own town only
    await refused(jobBody(ids.shiwan!, ids.hexi!, skills), 'job_place_outside', shiwan);
    expect((await publish(jobBody(ids.shiwan!, ids.shiwan!, skills), shiwan)).statusCode).toBe(201);
    // an employer's union (below the town) publishes in its own town
    expect((await publish(jobBody(ids.community!, ids.shiwan!, skills), shiwan)).statusCode).toBe(201);
    // a county is no town
    await refused(jobBody(ids.huazhou!, ids.huazhou!, skills), 'job_place_outside');
  });

  it('needs one essential skill, levels 1–8 and skills of the taxonomy', async () => {
    await refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { skills: [{ skillId: skills.forklift, minLevel: 3, essential: false }] }), 'job_skills_required');
    await refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { skills: [] }), 'job_skills_required');
    await refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { skills: [{ skillId: skills.forklift, minLevel: 9, essential: true }] }), 'skill_level_invalid');
    await refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { skills: [{ skillId: skills.forklift, minLevel: 0, essential: true }] }), 'skill_level_invalid');
    const missing = await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { skills: [{ skillId: 99_999_999, minLevel: 2, essential: true }] }));
    expect(missing.json().error).toBe('skill_not_found');
    const notOccupation = await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { occupationId: skills.forklift }));
    expect(notOccupation.json().error).toBe('skill_not_found');
  });

  it('refuses a valid-until in the past or more than 180 days ahead, and a swapped position', async () => {
    await refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { validUntil: daysAhead(-1) }), 'job_valid_until_invalid');
    await refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { validUntil: daysAhead(181) }), 'job_valid_until_invalid');
    expect((await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { validUntil: daysAhead(180) }))).statusCode).toBe(201);
    await refused(jobBody(ids.huazhou!, ids.shiwan!, skills, { lat: 110.638, lng: 21.663 }), 'position_swapped');
  });

  it('names an employer of the enterprise file in scope, else not_found', async () => {
    const e = await t.make.enterprise({ town: ids.shiwan, name: '化州市测试叉车租赁有限公司' });
    const { employerName: _drop, ...body } = jobBody(ids.huazhou!, ids.shiwan!, skills, { enterpriseId: e.id });
    const res = await publish(body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<JobDetail>().employer).toEqual({ enterpriseId: e.id, name: '化州市测试叉车租赁有限公司' });
    const theirs = await t.make.enterprise({ town: ids.yangjiangTown, name: '阳江市测试五金有限公司' });
    const { employerName: _x, ...other } = jobBody(ids.huazhou!, ids.shiwan!, skills, { enterpriseId: theirs.id });
    expect((await publish(other)).json().error).toBe('not_found');
    expect((await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { enterpriseId: e.id }))).json().error).toBe('validation_failed');
  });

  it('edits, closes and withdraws with a reason; an ended job takes no more changes', async () => {
    const job = (await publish(jobBody(ids.huazhou!, ids.shiwan!, skills))).json<JobDetail>();
    const edited = await t.request('PATCH', `/api/jobs/${job.id}`, { as: huazhou, body: { headcount: 8, skills: [{ skillId: skills.packing, minLevel: 1, essential: true }] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<JobDetail>().skills.map((s) => s.skill.id)).toEqual([skills.packing]);
    const upside = await t.request('PATCH', `/api/jobs/${job.id}`, { as: huazhou, body: { wageMin: 9000 } });
    expect(upside.json().error).toBe('job_wage_range_invalid');
    const key = randomUUID();
    const withdrawn = await t.request('POST', `/api/jobs/${job.id}/withdraw`, { as: huazhou, body: { reason: '单位信息填写有误' }, headers: { 'idempotency-key': key } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json<JobDetail>()).toMatchObject({ status: 'withdrawn', statusReason: '单位信息填写有误' });
    const replay = await t.request('POST', `/api/jobs/${job.id}/withdraw`, { as: huazhou, body: { reason: '单位信息填写有误' }, headers: { 'idempotency-key': key } });
    expect(replay.body).toBe(withdrawn.body);
    const close = await t.request('POST', `/api/jobs/${job.id}/close`, { as: huazhou, body: { reason: '已招满' }, headers: { 'idempotency-key': randomUUID() } });
    expect(close.json().error).toBe('job_expired');
    expect((await t.request('PATCH', `/api/jobs/${job.id}`, { as: huazhou, body: { headcount: 9 } })).json().error).toBe('job_expired');
    expect((await t.request('POST', `/api/jobs/${job.id}/close`, { as: viewer, body: { reason: '只读账号' }, headers: { 'idempotency-key': randomUUID() } })).statusCode).toBe(403);
  });

  it('reveals the contact to staff of the subtree with a reason, audited', async () => {
    const job = (await publish(jobBody(ids.huazhou!, ids.shiwan!, skills))).json<JobDetail>();
    const res = await t.request('POST', `/api/jobs/${job.id}/contact/reveal`, { as: huazhou, body: { reason: '联系单位核实岗位' } });
    expect(res.json()).toEqual({ contactName: '李晓红', contactPhone: '13812345678' });
    expect((await t.request('POST', `/api/jobs/${job.id}/contact/reveal`, { as: yangjiang, body: { reason: '越权查看' } })).statusCode).toBe(404);
  });
});

describe('fairs', () => {
  const fairBody = (over: Record<string, unknown> = {}) => ({ orgId: ids.huazhou, title: '2027年化州市春风行动招聘会', heldOn: daysAhead(20), startsAt: '09:00', endsAt: '12:00', address: '化州市人民广场', ...over });

  it('accepts an https live link only', async () => {
    for (const liveUrl of ['http://live.example.cn/1', 'javascript:alert(1)', 'ftp://x.cn/a', '直播间']) {
      const res = await t.request('POST', '/api/job-fairs', { as: huazhou, body: fairBody({ liveUrl }) });
      expect(res.statusCode, liveUrl).toBe(400);
      expect(res.json().error, liveUrl).toBe('fair_live_url_invalid');
    }
    const none = await t.request('POST', '/api/job-fairs', { as: huazhou, body: fairBody({ address: undefined }) });
    expect(none.json().error).toBe('fair_place_required');
    const online = await t.request('POST', '/api/job-fairs', { as: huazhou, body: fairBody({ address: undefined, liveUrl: 'https://live.example.cn/huazhou' }) });
    expect(online.statusCode, online.body).toBe(201);
  });

  it('is held at a place of its union\'s subtree; another subtree\'s place is not_found', async () => {
    const mine = await t.make.place({ org: ids.shiwan!, name: '石湾街道职工服务中心（招聘会测试）', lat: 21.66, lng: 110.64 });
    const theirs = await t.make.place({ org: ids.yangjiang!, name: '阳江职工服务中心（招聘会测试）', lat: 21.86, lng: 111.98 });
    const res = await t.request('POST', '/api/job-fairs', { as: huazhou, body: fairBody({ address: undefined, placeId: mine.id }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<FairDetail>().place).toEqual({ id: mine.id, name: '石湾街道职工服务中心（招聘会测试）' });
    const other = await t.request('POST', '/api/job-fairs', { as: huazhou, body: fairBody({ address: undefined, placeId: theirs.id }) });
    expect(other.json().error).toBe('not_found');
    const late = await t.request('POST', '/api/job-fairs', { as: huazhou, body: fairBody({ startsAt: '14:00', endsAt: '09:00' }) });
    expect(late.json().error).toBe('validation_failed');
  });

  it('lists its employers and jobs; another subtree gets not_found', async () => {
    const fair = (await t.request('POST', '/api/job-fairs', { as: huazhou, body: fairBody() })).json<FairDetail>();
    await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { fairId: fair.id, employerName: '化州市甲物流有限公司', headcount: 3 }));
    await publish(jobBody(ids.huazhou!, ids.hexi!, skills, { fairId: fair.id, employerName: '化州市甲物流有限公司', title: '仓管员', headcount: 2 }));
    await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { fairId: fair.id, employerName: '化州市乙食品厂', title: '包装工', headcount: 10 }));
    const detail = (await t.request('GET', `/api/job-fairs/${fair.id}`, { as: huazhou })).json<FairDetail>();
    expect(detail).toMatchObject({ employers: 2, jobs: 3, headcount: 15 });
    expect(detail.employerList).toEqual([
      { enterpriseId: null, name: '化州市乙食品厂', jobs: 1, headcount: 10 },
      { enterpriseId: null, name: '化州市甲物流有限公司', jobs: 2, headcount: 5 },
    ].sort((a, b) => (a.name < b.name ? -1 : 1)));
    expect(detail.jobList).toHaveLength(3);
    expect((await t.request('GET', `/api/job-fairs/${fair.id}`, { as: yangjiang })).json().error).toBe('not_found');
    expect((await t.request('PATCH', `/api/job-fairs/${fair.id}`, { as: yangjiang, body: { title: '越权修改' } })).json().error).toBe('not_found');
    const list = await t.request('GET', '/api/job-fairs', { as: yangjiang });
    expect(list.json<{ items: { id: number }[] }>().items.map((f) => f.id)).not.toContain(fair.id);
    const cancelled = await t.request('POST', `/api/job-fairs/${fair.id}/cancel`, { as: huazhou, body: { reason: '天气原因' } });
    expect(cancelled.json<FairDetail>().status).toBe('cancelled');
    expect((await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { fairId: fair.id }))).json().error).toBe('fair_cancelled');
  });
});

describe('scope and members', () => {
  it('another union\'s staff get not_found on every job route; lists show nothing of it', async () => {
    const job = (await publish(jobBody(ids.huazhou!, ids.shiwan!, skills))).json<JobDetail>();
    for (const [method, url, body, headers] of [
      ['GET', `/api/jobs/${job.id}`, undefined, {}],
      ['PATCH', `/api/jobs/${job.id}`, { headcount: 2 }, {}],
      ['POST', `/api/jobs/${job.id}/close`, { reason: '越权结束' }, { 'idempotency-key': randomUUID() }],
      ['POST', `/api/jobs/${job.id}/withdraw`, { reason: '越权撤回' }, { 'idempotency-key': randomUUID() }],
      ['POST', '/api/jobs', jobBody(ids.huazhou!, ids.shiwan!, skills), { 'idempotency-key': randomUUID() }],
      ['GET', `/api/jobs?orgId=${ids.huazhou}`, undefined, {}],
    ] as const) {
      const res = await t.request(method, url, { as: yangjiang, body, headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error).toBe('not_found');
    }
    const list = await t.request('GET', '/api/jobs?pageSize=200', { as: yangjiang });
    expect(list.json<{ items: { id: number }[] }>().items.map((j) => j.id)).not.toContain(job.id);
    expect((await t.request('GET', `/api/jobs/${job.id}`, { as: huazhou })).statusCode).toBe(200);
  });

  it('members see open jobs of their unions and above, contact masked; others and ended jobs are not_found', async () => {
    const job = (await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { title: '会员可见的叉车岗' }))).json<JobDetail>();
    const mine = await t.request('GET', '/api/me/jobs?pageSize=200', { as: shiwanMember });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<{ items: { id: number }[] }>().items.map((j) => j.id)).toContain(job.id);
    const detail = await t.request('GET', `/api/me/jobs/${job.id}`, { as: shiwanMember });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ contactName: '李*红', contactPhone: '138****5678' });
    expect(detail.json()).not.toHaveProperty('statusReason');
    expect(detail.body).not.toContain('13812345678');
    expect(detail.body).not.toContain('李晓红');
    const theirs = await t.request('GET', '/api/me/jobs?pageSize=200', { as: yangjiangMember });
    expect(theirs.json<{ items: { id: number }[] }>().items.map((j) => j.id)).not.toContain(job.id);
    expect((await t.request('GET', `/api/me/jobs/${job.id}`, { as: yangjiangMember })).json().error).toBe('not_found');
    await t.request('POST', `/api/jobs/${job.id}/close`, { as: huazhou, body: { reason: '已招满' }, headers: { 'idempotency-key': randomUUID() } });
    expect((await t.request('GET', `/api/me/jobs/${job.id}`, { as: shiwanMember })).json().error).toBe('not_found');
    // an expired job (valid-until passed) leaves the member's list too
    const old = (await publish(jobBody(ids.huazhou!, ids.shiwan!, skills, { title: '已过期的岗位' }))).json<JobDetail>();
    await t.db.query(`UPDATE job SET valid_until = current_date - 2 WHERE id = $1`, [old.id]);
    expect((await t.request('GET', `/api/me/jobs/${old.id}`, { as: shiwanMember })).json().error).toBe('not_found');
    expect((await t.request('GET', `/api/jobs/${old.id}`, { as: huazhou })).json().isExpired).toBe(true);
  });

  it('the skill picker finds occupations and skills', async () => {
    const res = await t.request('GET', `/api/skills?q=${encodeURIComponent('测试叉车')}`, { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ items: { id: number }[] }>().items.map((s) => s.id)).toEqual(expect.arrayContaining([skills.forklift, skills.occupation]));
    const occupations = await t.request('GET', `/api/skills?q=${encodeURIComponent('测试')}&rank=occupation`, { as: huazhou });
    expect(occupations.json<{ items: { rank: string }[] }>().items.every((s) => s.rank === 'occupation')).toBe(true);
  });
});
