// Skills over HTTP (issue 17 slice A): the taxonomy picker; a member declares skills on the 新八级 ladder
// (a level outside 1–8 refused, nothing written), registers a certificate (number sealed and masked,
// shape and duplicates refused, nothing written); staff of the member's subtree verify it — with who and
// when, audited — which writes the skill once however often it is verified; the job profile and its
// separate consent, given and withdrawn; staff of another subtree see none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { loadSkillRows, maskCertificateNumber, parseSkillCsv } from './skills.service.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let viewer: Session;
let huazhouId: number;
let yangjiangId: number;
let members: MemberLogin[];
let outsider: MemberLogin;
const skillIds: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  [huazhouId, yangjiangId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('yangjiang')]);
  members = await newMemberSessions(t, admin, 3, { org: huazhouId });
  outsider = (await newMemberSessions(t, admin, 1, { org: yangjiangId }))[0]!;
  for (const r of await t.db.query<{ id: number; code: string }>(`SELECT id::int AS id, code FROM skill`)) skillIds[r.code] = r.id;
});
afterAll(async () => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const certBody = (over: Record<string, unknown> = {}) => ({
  family: 'skillLevel',
  skillId: skillIds['F-0001'],
  level: 4,
  number: `S0000${Math.floor(Math.random() * 1e9)}1234`,
  issuer: '茂名市职业技能鉴定指导中心',
  issuedOn: '2025-06-18',
  ...over,
});

describe('the taxonomy picker', () => {
  it('finds a skill by name, synonym or code, and browses the tree from the 大类 and free skills', async () => {
    const byNameRes = await t.request('GET', `/api/skills?q=${encodeURIComponent('叉车')}`, { as: members[0] });
    expect(byNameRes.statusCode, byNameRes.body).toBe(200);
    const byName = byNameRes.json<{ items: { code: string }[] }>();
    expect(byName.items[0]!.code).toBe('F-0001');
    const bySynonym = (await t.request('GET', `/api/skills?q=${encodeURIComponent('骑手')}`, { as: huazhou })).json<{ items: { code: string; name: string }[] }>();
    expect(bySynonym.items.map((s) => s.code)).toContain('4-02-07-10');
    const byCode = (await t.request('GET', '/api/skills?q=4-02-07', { as: members[0] })).json<{ items: { code: string }[] }>();
    expect(byCode.items.map((s) => s.code)).toEqual(expect.arrayContaining(['4-02-07-04', '4-02-07-10']));
    const top = (await t.request('GET', '/api/skills', { as: members[0] })).json<{ items: { code: string; rank: string; hasChildren: boolean }[] }>();
    expect(top.items.find((s) => s.code === '4')).toMatchObject({ rank: 'major', hasChildren: true });
    expect(top.items.some((s) => s.rank === 'free')).toBe(true);
    const below = (await t.request('GET', `/api/skills?parentId=${skillIds['4-02-07']}`, { as: members[0] })).json<{ items: { code: string }[] }>();
    expect(below.items.map((s) => s.code)).toEqual(['4-02-07-04', '4-02-07-10']);
    expect((await t.request('GET', '/api/skills?q=x')).statusCode).toBe(401);
  });
});

describe('a member’s skills', () => {
  it('refuses a level outside 1–8 and a 大类, writing nothing', async () => {
    const before = await count('member_skill');
    for (const level of [0, 9, -1]) {
      const res = await t.request('POST', '/api/me/skills', { as: members[0], body: { skillId: skillIds['F-0002'], level } });
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'skill_level_invalid' });
    }
    const major = await t.request('POST', '/api/me/skills', { as: members[0], body: { skillId: skillIds['4'], level: 3 } });
    expect(major.json()).toMatchObject({ statusCode: 404, error: 'skill_not_found' });
    const missing = await t.request('POST', '/api/me/skills', { as: members[0], body: { skillId: 99_999_999, level: 3 } });
    expect(missing.json()).toMatchObject({ statusCode: 404, error: 'skill_not_found' });
    expect(await count('member_skill')).toBe(before);
  });

  it('declares a skill, changes its level by declaring again, and removes it; audited', async () => {
    const m = members[0]!;
    const added = await t.request('POST', '/api/me/skills', { as: m, body: { skillId: skillIds['F-0002'], level: 3 } });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().items).toEqual([expect.objectContaining({ skill: expect.objectContaining({ code: 'F-0002', name: '电工' }), level: 3, label: '电工（四级）' })]);
    const again = await t.request('POST', '/api/me/skills', { as: m, body: { skillId: skillIds['F-0002'], level: 4 } });
    const item = again.json().items[0];
    expect(item).toMatchObject({ level: 4, label: '电工（三级）' });
    expect(item.sources).toEqual([expect.objectContaining({ source: 'self', level: 4, levelLabel: '高级工（三级）' })]);
    expect(await count(`member_skill_best WHERE member_id = $1 AND level = 4`, [m.memberId])).toBe(1);
    const removed = await t.request('DELETE', `/api/me/skills/${item.sources[0].id}`, { as: m });
    expect(removed.json().items).toEqual([]);
    expect(await count(`member_skill_best WHERE member_id = $1`, [m.memberId])).toBe(0);
    expect(await count(`audit_log WHERE action IN ('skill.declare', 'skill.remove') AND actor_id = (SELECT id FROM worker WHERE member_id = $1)`, [m.memberId])).toBe(3);
    // another member's row is not theirs to remove
    const other = await t.request('POST', '/api/me/skills', { as: members[1], body: { skillId: skillIds['F-0003'], level: 2 } });
    const otherId = other.json().items[0].sources[0].id;
    expect((await t.request('DELETE', `/api/me/skills/${otherId}`, { as: m })).statusCode).toBe(404);
  });

  it('answers 401 without a session and 403 to staff', async () => {
    expect((await t.request('GET', '/api/me/skills')).statusCode).toBe(401);
    expect((await t.request('GET', '/api/me/skills', { as: huazhou })).statusCode).toBe(403);
  });
});

describe('certificates', () => {
  it('refuses a number of the wrong shape or a level off the ladder, writing nothing', async () => {
    const before = await count('certificate');
    for (const number of ['AB1', 'S0000 1234', 'S0000_1234', '证书12345', 'A'.repeat(31)]) {
      const res = await t.request('POST', '/api/me/certificates', { as: members[0], body: certBody({ number }) });
      expect(res.json(), number).toMatchObject({ statusCode: 400, error: 'certificate_number_invalid' });
    }
    const level = await t.request('POST', '/api/me/certificates', { as: members[0], body: certBody({ level: 9 }) });
    expect(level.json()).toMatchObject({ statusCode: 400, error: 'skill_level_invalid' });
    expect(await count('certificate')).toBe(before);
  });

  it('seals the number, shows it masked, and refuses it a second time (even from another member), writing nothing', async () => {
    const number = 'S000020254419000123';
    const res = await t.request('POST', '/api/me/certificates', { as: members[0], body: certBody({ number: ` ${number.toLowerCase()} ` }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ numberMasked: 'S0000…0123', isVerified: false, verifiedAt: null, levelLabel: '高级工（三级）' });
    expect(res.body).not.toContain(number);
    const [row] = await t.db.query<{ enc: Buffer }>(`SELECT number_enc AS enc FROM certificate WHERE id = $1`, [res.json().id]);
    expect(t.pii.decrypt(row!.enc)).toBe(number);
    const before = await count('certificate');
    const twice = await t.request('POST', '/api/me/certificates', { as: members[1], body: certBody({ number }) });
    expect(twice.json()).toMatchObject({ statusCode: 409, error: 'certificate_exists' });
    expect(await count('certificate')).toBe(before);
    // the other family is another register: the same number may stand there
    const other = await t.request('POST', '/api/me/certificates', { as: members[1], body: certBody({ number, family: 'qualification' }) });
    expect(other.statusCode).toBe(201);
    const mine = (await t.request('GET', '/api/me/certificates', { as: members[0] })).json<{ items: { numberMasked: string }[] }>();
    expect(mine.items.map((c) => c.numberMasked)).toContain('S0000…0123');
    expect(maskCertificateNumber('AB12345')).toBe('A…5');
  });

  it('verified by staff of the member’s subtree: who and when, audited, and the skill written once', async () => {
    const m = members[2]!;
    await t.request('POST', '/api/me/skills', { as: m, body: { skillId: skillIds['F-0001'], level: 2 } });
    const cert = (await t.request('POST', '/api/me/certificates', { as: m, body: certBody() })).json<{ id: number }>();
    // another subtree's staff: as if it did not exist; the read-only role: forbidden
    expect((await t.request('POST', `/api/certificates/${cert.id}/verify`, { as: yangjiang })).json()).toMatchObject({ statusCode: 404, error: 'not_found' });
    expect((await t.request('POST', `/api/certificates/${cert.id}/verify`, { as: viewer })).statusCode).toBe(403);
    expect((await t.request('POST', `/api/certificates/${cert.id}/verify`, { as: m })).statusCode).toBe(403);
    expect(await count(`member_skill WHERE certificate_id = $1`, [cert.id])).toBe(0);
    const [first, second] = await Promise.all([
      t.request('POST', `/api/certificates/${cert.id}/verify`, { as: huazhou }),
      t.request('POST', `/api/certificates/${cert.id}/verify`, { as: huazhou }),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ isVerified: true, verifiedBy: expect.any(String), member: { id: m.memberId } });
    expect(await count(`member_skill WHERE certificate_id = $1 AND source = 'certificate' AND level = 4`, [cert.id])).toBe(1);
    expect(await count(`audit_log WHERE action = 'skill.certificate_verify' AND target_id = $1`, [String(cert.id)])).toBe(1);
    const skills = (await t.request('GET', '/api/me/skills', { as: m })).json<{ items: { label: string; level: number; sources: { source: string }[] }[] }>();
    expect(skills.items[0]).toMatchObject({ label: '叉车（三级）', level: 4 });
    expect(skills.items[0]!.sources.map((s) => s.source).sort()).toEqual(['certificate', 'self']);
    const mine = (await t.request('GET', '/api/me/certificates', { as: m })).json<{ items: { id: number; isVerified: boolean }[] }>();
    expect(mine.items.find((c) => c.id === cert.id)).toMatchObject({ isVerified: true });
    // a certificate-sourced skill is not the member's to remove
    const [row] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM member_skill WHERE certificate_id = $1`, [cert.id]);
    expect((await t.request('DELETE', `/api/me/skills/${row!.id}`, { as: m })).statusCode).toBe(404);
  });
});

describe('the skills register', () => {
  it('lists the skills and certificates of members in the caller’s subtree only', async () => {
    const skills = (await t.request('GET', '/api/skill-register?pageSize=200', { as: huazhou })).json<{ items: { member: { id: number } }[]; total: number }>();
    expect(skills.items.map((r) => r.member.id)).toContain(members[2]!.memberId);
    const theirs = (await t.request('GET', '/api/skill-register?pageSize=200', { as: yangjiang })).json<{ items: { member: { id: number } }[] }>();
    expect(theirs.items.map((r) => r.member.id)).not.toContain(members[2]!.memberId);
    const pending = (await t.request('GET', '/api/certificates?status=pending', { as: huazhou })).json<{ items: { isVerified: boolean; member: { id: number } }[] }>();
    expect(pending.items.length).toBeGreaterThan(0);
    expect(pending.items.every((c) => !c.isVerified)).toBe(true);
    const verified = (await t.request('GET', '/api/certificates?status=verified', { as: huazhou })).json<{ items: { verifiedBy: string | null }[] }>();
    expect(verified.items.every((c) => c.verifiedBy !== null)).toBe(true);
    const none = (await t.request('GET', '/api/certificates', { as: yangjiang })).json<{ items: { member: { id: number } }[] }>();
    expect(none.items.map((c) => c.member.id)).not.toContain(members[0]!.memberId);
    expect((await t.request('GET', `/api/skill-register?orgId=${huazhouId}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/certificates?orgId=${huazhouId}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/skill-register', { as: outsider })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/certificates')).statusCode).toBe(401);
  });
});

describe('the job profile and its consent', () => {
  it('keeps preferences apart from consent; consent and withdrawal are each their own audited act', async () => {
    const m = members[1]!;
    const empty = (await t.request('GET', '/api/me/job-profile', { as: m })).json();
    expect(empty).toMatchObject({ isConsenting: false, towns: [], pushOptIn: false });
    const [town] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE level = 'town' AND parent_id = $1 ORDER BY id LIMIT 1`, [huazhouId]);
    const body = { towns: [town!.id], industrySections: ['C', 'G'], wageFloorYuan: 4500, shifts: ['day'], employment: ['fulltime', 'gig'], pushOptIn: true };
    const saved = await t.request('PUT', '/api/me/job-profile', { as: m, body });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ isConsenting: false, towns: [{ id: town!.id }], wageFloorYuan: 4500, pushOptIn: true });
    // six towns, a county that is no town, a wage floor out of range: refused, nothing changed
    const six = await t.request('PUT', '/api/me/job-profile', { as: m, body: { ...body, towns: [1, 2, 3, 4, 5, 6] } });
    expect(six.json()).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    const county = await t.request('PUT', '/api/me/job-profile', { as: m, body: { ...body, towns: [huazhouId] } });
    expect(county.json()).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    expect((await t.request('PUT', '/api/me/job-profile', { as: m, body: { ...body, wageFloorYuan: 100_001 } })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/me/job-profile', { as: m })).json()).toMatchObject({ towns: [{ id: town!.id }] });

    const consented = (await t.request('POST', '/api/me/job-profile/consent', { as: m })).json();
    expect(consented).toMatchObject({ isConsenting: true, consentedAt: expect.any(String), withdrawnAt: null, wageFloorYuan: 4500 });
    expect(await count(`job_profile WHERE member_id = $1 AND employer_consent_at IS NOT NULL`, [m.memberId])).toBe(1);
    const withdrawn = (await t.request('POST', '/api/me/job-profile/withdraw', { as: m })).json();
    expect(withdrawn).toMatchObject({ isConsenting: false, consentedAt: null, withdrawnAt: expect.any(String) });
    // the matcher's partial index holds consenting members only: the withdrawn member is gone from it at once
    expect(await count(`job_profile WHERE member_id = $1 AND employer_consent_at IS NOT NULL`, [m.memberId])).toBe(0);
    expect(await count(`audit_log WHERE action IN ('skill.job_consent', 'skill.job_consent_withdraw') AND target_id = $1`, [String(m.memberId)])).toBe(2);
    // consenting before saving any preference makes the profile
    expect((await t.request('POST', '/api/me/job-profile/consent', { as: members[0] })).json()).toMatchObject({ isConsenting: true, towns: [] });
  });
});

describe('the occupation loader', () => {
  it('upserts by code, refuses a code whose parent is missing (nothing written), and re-loads as an update', async () => {
    const before = await count('skill');
    const refused = await loadSkillRows(t.db, parseSkillCsv('code,name,parent_code\n6,生产制造及有关人员,\n6-99-01,测试小类,6-99\nF-9001,测试技能,9-99-99-99\n7-01,测试中类,8\n'));
    expect(refused.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(await count('skill')).toBe(before);
    const csv = 'code,name,parent_code,synonyms\n8,测试大类,\n8-01,测试中类,8\n"8-01-01","测试小类，带逗号,也行",8-01\n8-01-01-01,测试职业,8-01-01,别名甲|别名乙\nF-9002,测试自由技能,8-01-01-01\n';
    const loaded = await loadSkillRows(t.db, parseSkillCsv(csv));
    expect(loaded).toEqual({ added: 5, updated: 0, errors: [] });
    const again = await loadSkillRows(t.db, parseSkillCsv(csv.replace('测试职业', '测试职业（改名）')));
    expect(again).toEqual({ added: 0, updated: 5, errors: [] });
    const [row] = await t.db.query<{ name: string; synonyms: string[]; parent: string }>(
      `SELECT s.name, s.synonyms, p.code AS parent FROM skill s JOIN skill p ON p.id = s.parent_id WHERE s.code = '8-01-01-01'`,
    );
    expect(row).toEqual({ name: '测试职业（改名）', synonyms: ['别名甲', '别名乙'], parent: '8-01-01' });
    expect((await t.db.query<{ name: string }>(`SELECT name FROM skill WHERE code = '8-01-01'`))[0]!.name).toBe('测试小类，带逗号,也行');
    expect(await count('skill')).toBe(before + 5);
  });
});
