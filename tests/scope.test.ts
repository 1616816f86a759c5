// The scope gate, across every route: staff of 化州 (the demo's huazhou account) cannot read, search,
// change or even learn the existence of anything in 阳江's subtree (the yangjiang account's). A route added without an entry here fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from './helpers/harness.ts';
import { freshIdNumber, loginWorker, newMemberSessions } from './helpers/workers.ts';
import { makeRosterXlsx, multipart, rosterPerson, rosterRows, waitForRoster } from './helpers/rosters.ts';
import { activityBody, inHours } from './helpers/activities.ts';
import { campaignBody } from './helpers/campaigns.ts';
import { createProgramme, enrol, enrolBody, programmeBody } from './helpers/childcare.ts';
import { makeOutOfScopePlaces, placesOutOfScope } from './helpers/scope-places.ts';
import { makeOutOfScopeRights, rightsOutOfScope } from './helpers/scope-rights.ts';
import { enterprisesOutOfScope, makeOutOfScopeEnterprises } from './helpers/scope-enterprises.ts';

import { enterpriseFileOutOfScope, makeOutOfScopeEnterpriseFile } from './helpers/scope-enterprise-file.ts';

import { seriesOutOfScope } from './helpers/scope-series.ts';

import { drivesOutOfScope, makeOutOfScopeDrives } from './helpers/scope-drives.ts';

import { makeOutOfScopeSkills, skillsOutOfScope, skillsUnscoped } from './helpers/scope-skills.ts';
import { jobsOutOfScope, jobsUnscoped, makeOutOfScopeJobs } from './helpers/scope-jobs.ts';
import { coursesOutOfScope, coursesUnscoped, makeOutOfScopeCourses } from './helpers/scope-courses.ts';

import { makeOutOfScopeStrengthening, strengtheningOutOfScope, strengtheningUnscoped } from './helpers/scope-strengthening.ts';

import { dashboardOutOfScope } from './helpers/scope-dashboard.ts';

import { recordsDigest } from './helpers/scope-snapshot.ts';
import { newKey, pointWrite } from './helpers/points.ts';
import { PAYER, makeAwardedCampaign } from './helpers/payouts.ts';
import { buildReturnFile } from '../server/modules/payouts/gateway.ts';
import { DEMO_ORGS } from '../server/db/seed/factories.ts';

let t: TestApp;
let huazhou: Session;
const ids: Record<string, number> = {};
let rosterForm: { payload: Buffer; headers: Record<string, string> };
let returnFileBase64 = '';

beforeAll(async () => {
  t = await startTestApp();
  huazhou = await t.login('huazhou');
  ids.yangjiang = await t.demoOrg('yangjiang');
  ids.huazhou = await t.demoOrg('huazhou');
  ids.shiwan = await t.demoOrg('shiwan');
  const [town] = await t.db.query<{ id: number }>(
    `SELECT id FROM org WHERE level = 'town' AND path <@ (SELECT path FROM org WHERE id = $1) LIMIT 1`,
    [ids.yangjiang],
  );
  ids.yangjiangTown = town!.id;
  const [staff] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'yangjiang'`);
  ids.yangjiangStaff = staff!.id;
  const yangjiangMembers = await t.db.query<{ id: number }>(
    `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active' ORDER BY m.id LIMIT 2`,
    [ids.yangjiang],
  );
  ids.yangjiangMember = yangjiangMembers[0]!.id;
  // An application to a union of 阳江, and a transfer into one, that 化州 must not reach.
  const admin = await t.login('admin');
  const worker = await loginWorker(t, admin);
  const applied = await t.request('POST', '/api/members/join', {
    as: worker,
    body: { name: '林阳江', idNumber: freshIdNumber(), gigPlatform: '滴滴出行', workOrgId: ids.yangjiangTown, consent: true },
  });
  ids.yangjiangApplication = applied.json().applicationId;
  const yangjiang = await t.login('yangjiang');
  const transfer = await t.request('POST', `/api/members/${yangjiangMembers[1]!.id}/transfers`, {
    as: yangjiang,
    body: { toOrgId: ids.yangjiangTown, reason: '调动' },
  });
  ids.yangjiangTransfer = transfer.json().id;
  // A roster imported into a union of 阳江 (one bad row, so it has an error file), and a valid
  // roster form aimed at that union.
  const [union] = await t.db.query<{ id: number }>(
    `SELECT id FROM org WHERE level = 'grassroots' AND status = 'active' AND path <@ (SELECT path FROM org WHERE id = $1) ORDER BY id LIMIT 1`,
    [ids.yangjiang],
  );
  ids.yangjiangUnion = union!.id;
  const bad = rosterPerson(9_000);
  const file = await makeRosterXlsx([['张3', bad.idNumber, bad.phone, bad.employer], ...rosterRows(9_001, 2)]);
  const form = multipart({ orgId: String(ids.yangjiangUnion) }, { name: '名册.xlsx', content: file });
  const uploaded = await t.app.inject({ method: 'POST', url: '/api/rosters', payload: form.payload, headers: { ...form.headers, authorization: `Bearer ${yangjiang.token}` } });
  ids.yangjiangRosterJob = uploaded.json().id;
  await waitForRoster(t, ids.yangjiangRosterJob!, yangjiang);
  rosterForm = multipart({ orgId: String(ids.yangjiangUnion) }, { name: '名册.xlsx', content: await makeRosterXlsx(rosterRows(9_100, 2)) });
  // A lottery activity of 阳江 (with a cover), whose sign-up has not opened yet.
  const activity = await t.request('POST', '/api/activities', {
    as: yangjiang,
    body: activityBody(ids.yangjiang, { title: '阳江职工疗休养', allocation: 'lottery', signupOpensAt: inHours(2), signupClosesAt: inHours(5) }),
  });
  ids.yangjiangActivity = activity.json().id;
  await t.request('PUT', `/api/activities/${ids.yangjiangActivity}/cover`, { as: yangjiang, body: { imageBase64: PNG_BASE64 } });
  // Points issued by 阳江 to one of its members.
  const issued = await pointWrite(t, yangjiang, '/api/points/issues', { orgId: ids.yangjiang, amount: 20, reason: '阳江积分发放', memberIds: [ids.yangjiangMember] });
  ids.yangjiangPointOperation = issued.json().id;
  // A bank campaign of 阳江 with a payout written into a payment file (the member's account sealed),
  // and the bank's return file for it.
  await t.db.query(
    `INSERT INTO member_bank_account (member_id, bank_name, account_enc, account_hash, account_masked) VALUES ($1, '中国银行阳江分行', $2, $3, '6222****0128')`,
    [ids.yangjiangMember, t.pii.encrypt('6222021234567890128'), t.pii.hash('6222021234567890128')],
  );
  const payoutCampaign = await makeAwardedCampaign(t, { orgName: DEMO_ORGS.yangjiang, channel: 'bank', members: [{ memberId: ids.yangjiangMember!, amount: 20_000 }] });
  ids.yangjiangCampaign = payoutCampaign.campaignId;
  await t.request('POST', `/api/campaigns/${ids.yangjiangCampaign}/payouts/run`, { as: yangjiang, headers: { 'idempotency-key': newKey() } });
  const payFile = await t.request('POST', `/api/campaigns/${ids.yangjiangCampaign}/payment-files`, { as: yangjiang, body: { ...PAYER, payerName: DEMO_ORGS.yangjiang } });
  ids.yangjiangPaymentFile = payFile.json().id;
  const [payout] = await t.db.query<{ id: number }>(`SELECT id FROM payout WHERE campaign_id = $1`, [ids.yangjiangCampaign]);
  ids.yangjiangPayout = payout!.id;
  returnFileBase64 = (await buildReturnFile([{ reference: `GH${String(payout!.id).padStart(8, '0')}-1`, account: '6222****0128', amount: 20_000, outcome: '成功' }])).toString('base64');
  // A hardship file of 阳江 (the demo's), still open, and a member of 阳江 without an open file.
  const [hardshipFile] = await t.db.query<{ id: number }>(
    `SELECT f.id FROM hardship_file f JOIN member m ON m.id = f.member_id JOIN org o ON o.id = m.org_id
      WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND f.status = 'filed' ORDER BY f.id LIMIT 1`,
    [ids.yangjiang],
  );
  ids.yangjiangHardshipFile = hardshipFile!.id;
});

beforeAll(async () => {
  // A campaign of 阳江 with a member's application, approved and in notice (公示), with an objection.
  const [yangjiang, admin] = await Promise.all([t.login('yangjiang'), t.login('admin')]);
  const campaign = await t.request('POST', '/api/campaigns', { as: yangjiang, body: campaignBody(ids.yangjiang!, null, { title: '阳江金秋助学', requiredDocuments: [] }) });
  ids.yangjiangCampaign = campaign.json().id;
  const [applicant, objector] = await newMemberSessions(t, admin, 2, { org: ids.yangjiangUnion! });
  const application = await t.request('POST', `/api/campaigns/${ids.yangjiangCampaign}/applications`, { as: applicant!, headers: { 'idempotency-key': newKey() }, body: {} });
  ids.yangjiangCampaignApplication = application.json().id;
  await t.request('POST', `/api/campaign-applications/${ids.yangjiangCampaignApplication}/review`, { as: yangjiang, body: { decision: 'approve' } });
  await t.request('POST', `/api/campaigns/${ids.yangjiangCampaign}/notice`, { as: yangjiang });
  const objection = await t.request('POST', `/api/campaign-applications/${ids.yangjiangCampaignApplication}/objections`, { as: objector!, body: { reason: '阳江公示异议（越权测试用）' } });
  ids.yangjiangCampaignObjection = objection.json().id;
  await makeOutOfScopeRights(t, ids, yangjiang);
  // A childcare programme of 阳江 with one child enrolled by a member of 阳江.
  const programme = await createProgramme(t, yangjiang, programmeBody(ids.yangjiang!, { title: '阳江寒假托管' }));
  ids.yangjiangProgramme = programme.id;
  ids.yangjiangChildcareSession = programme.sessions[0]!.id;
  const [parent] = await newMemberSessions(t, admin, 1, { org: ids.yangjiang });
  ids.yangjiangEnrolment = (await enrol(t, parent!, programme.id, enrolBody({ childName: '阳江小朋友' }))).json().id;
  await makeOutOfScopePlaces(t, ids);
  await makeOutOfScopeEnterprises(t, ids);

  await makeOutOfScopeEnterpriseFile(t, ids);

  await makeOutOfScopeDrives(t, ids, yangjiang);
  await makeOutOfScopeJobs(t, ids, yangjiang);

  await makeOutOfScopeSkills(t, ids);

  await makeOutOfScopeCourses(t, ids, yangjiang);

  await makeOutOfScopeStrengthening(t, ids, yangjiang);
});

const withKey = () => ({ 'idempotency-key': newKey() });

const PNG_BASE64 = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(16)]).toString('base64');
afterAll(async () => t.close());

/**
 * For each route that names a record: how to aim it at 阳江 with an otherwise valid request.
 * `id` is the path parameter; the body, if any, is valid so that only the scope can refuse it.
 */
const outOfScope: Record<string, { id?: () => number; letterId?: () => number; day?: () => string; photoId?: () => number; query?: () => string; body?: () => unknown; headers?: () => Record<string, string> }> = {
  'GET /api/orgs/{id}': { id: () => ids.yangjiangTown! },
  'GET /api/orgs/{id}/children': { id: () => ids.yangjiang! },
  'PATCH /api/orgs/{id}': { id: () => ids.yangjiangTown!, body: () => ({ chairName: '张三' }) },
  'POST /api/orgs/{id}/move': { id: () => ids.yangjiangTown!, body: () => ({ newParentId: ids.huazhou }) },
  'POST /api/orgs/{id}/close': { id: () => ids.yangjiangTown!, body: () => ({ reason: '越权测试' }) },
  'POST /api/orgs': { body: () => ({ parentId: ids.yangjiangTown, name: '越权建会测试工会', level: 'grassroots', kind: 'enterprise' }) },
  'GET /api/orgs': { query: () => `rootId=${ids.yangjiang}` },
  'GET /api/staff': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/staff/{id}': { id: () => ids.yangjiangStaff! },
  'PATCH /api/staff/{id}': { id: () => ids.yangjiangStaff!, body: () => ({ displayName: '越权' }) },
  'POST /api/staff/{id}/password': { id: () => ids.yangjiangStaff!, body: () => ({ password: 'Another-pass-2026' }) },
  'POST /api/staff': { body: () => ({ orgId: ids.yangjiangTown, username: 'intruder', displayName: '越权', roles: ['clerk'], password: 'Intruder-pass-2026' }) },
  'GET /api/members': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/members/{id}': { id: () => ids.yangjiangMember! },
  'POST /api/members/{id}/reveal': { id: () => ids.yangjiangMember!, body: () => ({ reason: '越权查看测试' }) },
  'POST /api/members/{id}/phone': { id: () => ids.yangjiangMember!, body: () => ({ phone: '19900000001', reason: '越权更换手机号', documentsChecked: true }) },
  'POST /api/members/{id}/status': { id: () => ids.yangjiangMember!, body: () => ({ status: 'suspended', reason: '越权测试' }) },
  'POST /api/members/{id}/transfers': { id: () => ids.yangjiangMember!, body: () => ({ toOrgId: ids.shiwan, reason: '越权测试' }) },
  'GET /api/members/applications': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/members/applications/{id}/approve': { id: () => ids.yangjiangApplication! },
  'POST /api/members/applications/{id}/reject': { id: () => ids.yangjiangApplication!, body: () => ({ reason: '越权测试' }) },
  'POST /api/members/transfers/{id}/accept': { id: () => ids.yangjiangTransfer! },
  'POST /api/members/transfers/{id}/reject': { id: () => ids.yangjiangTransfer!, body: () => ({ reason: '越权测试' }) },
  'POST /api/rosters': { body: () => rosterForm.payload, headers: () => rosterForm.headers },
  'GET /api/rosters': { query: () => `orgId=${ids.yangjiangUnion}` },
  'GET /api/rosters/{jobId}': { id: () => ids.yangjiangRosterJob! },
  'GET /api/rosters/{jobId}/errors': { id: () => ids.yangjiangRosterJob! },
  'GET /api/members/export': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/members/{id}/bank-card': { id: () => ids.yangjiangMember!, body: () => ({ bankName: '中国工商银行', cardNumber: '6222021234567890128' }) },
  'POST /api/activities': { body: () => activityBody(ids.yangjiang!) },
  'GET /api/activities': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/activities/stats': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/activities/stats/export': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/activities/{id}': { id: () => ids.yangjiangActivity! },
  'PATCH /api/activities/{id}': { id: () => ids.yangjiangActivity!, body: () => ({ title: '越权修改' }) },
  'POST /api/activities/{id}/cancel': { id: () => ids.yangjiangActivity!, body: () => ({ reason: '越权取消' }) },
  'PUT /api/activities/{id}/cover': { id: () => ids.yangjiangActivity!, body: () => ({ imageBase64: PNG_BASE64 }) },
  'GET /api/activities/{id}/cover': { id: () => ids.yangjiangActivity! },
  'GET /api/activities/{id}/signups': { id: () => ids.yangjiangActivity! },
  'POST /api/activities/{id}/draw': { id: () => ids.yangjiangActivity! },
  'GET /api/activities/{id}/draw': { id: () => ids.yangjiangActivity! },
  'GET /api/activities/{id}/results': { id: () => ids.yangjiangActivity! },
  'POST /api/activities/{id}/checkins': { id: () => ids.yangjiangActivity!, body: () => ({ token: 'eyJ2IjoxfQ.c2ln' }) },
  'POST /api/points/issues': { body: () => ({ orgId: ids.yangjiang, amount: 10, reason: '越权发放' }), headers: () => ({ 'idempotency-key': newKey() }) },
  'POST /api/points/expiries': { body: () => ({ orgId: ids.yangjiang, issuedBefore: '2030-01-01', reason: '越权过期' }), headers: () => ({ 'idempotency-key': newKey() }) },
  'POST /api/points/operations/{id}/reverse': { id: () => ids.yangjiangPointOperation!, body: () => ({ reason: '越权撤销' }), headers: () => ({ 'idempotency-key': newKey() }) },
  'GET /api/points/operations/{id}': { id: () => ids.yangjiangPointOperation! },
  'GET /api/points/operations': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/points/operations/export': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/points/operations/{id}/entries': { id: () => ids.yangjiangPointOperation! },
  'GET /api/points/totals': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/campaigns/{id}/payouts/run': { id: () => ids.yangjiangCampaign!, headers: () => ({ 'idempotency-key': newKey() }) },
  'GET /api/campaigns/{id}/payouts': { id: () => ids.yangjiangCampaign! },
  'POST /api/campaigns/{id}/payouts/approve': { id: () => ids.yangjiangCampaign!, body: () => ({ payoutIds: [ids.yangjiangPayout] }) },
  'POST /api/campaigns/{id}/payment-files': { id: () => ids.yangjiangCampaign!, body: () => PAYER },
  'GET /api/campaigns/{id}/payment-files': { id: () => ids.yangjiangCampaign! },
  'GET /api/payment-files/{id}/download': { id: () => ids.yangjiangPaymentFile! },
  'POST /api/payment-files/{id}/returns': { id: () => ids.yangjiangPaymentFile!, body: () => ({ fileName: '回单.xlsx', fileBase64: returnFileBase64 }) },
  'GET /api/payouts/{id}': { id: () => ids.yangjiangPayout! },
  'POST /api/payouts/{id}/result': { id: () => ids.yangjiangPayout!, body: () => ({ outcome: 'confirmed' }) },
  'POST /api/payouts/{id}/retry': { id: () => ids.yangjiangPayout! },
  'GET /api/members/{id}/bank-account': { id: () => ids.yangjiangMember! },
  'POST /api/members/{id}/bank-account/reveal': { id: () => ids.yangjiangMember!, body: () => ({ reason: '越权查看测试' }) },
  'GET /api/hardship/files': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/hardship/files/export': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/hardship/files': { body: () => ({ memberId: ids.yangjiangMember, filedOn: '2026-01-05', causes: ['illness'], householdSize: 3, incomeBand: 'below_1000' }) },
  'GET /api/hardship/files/{id}': { id: () => ids.yangjiangHardshipFile! },
  'GET /api/hardship/files/{id}/details': { id: () => ids.yangjiangHardshipFile! },
  'PATCH /api/hardship/files/{id}': { id: () => ids.yangjiangHardshipFile!, body: () => ({ planText: '越权修改' }) },
  'POST /api/hardship/files/{id}/status': { id: () => ids.yangjiangHardshipFile!, body: () => ({ status: 'in_relief', on: '2026-11-01' }) },
  'POST /api/hardship/files/{id}/visits': { id: () => ids.yangjiangHardshipFile!, body: () => ({ visitedOn: '2026-11-01', visitors: '越权', notes: '越权走访' }) },
  'POST /api/hardship/files/{id}/aid': { id: () => ids.yangjiangHardshipFile!, body: () => ({ amountFen: 100, givenOn: '2026-11-01', source: '越权' }) },
  'GET /api/hardship/figures': { query: () => `orgId=${ids.yangjiang}` },
  'PUT /api/hardship/targets': { body: () => ({ orgId: ids.yangjiang, year: 2026, exits: 1 }) },
  'POST /api/campaigns': { body: () => campaignBody(ids.yangjiang!, null) },
  'GET /api/campaigns': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/campaigns/{id}': { id: () => ids.yangjiangCampaign! },
  'PATCH /api/campaigns/{id}': { id: () => ids.yangjiangCampaign!, body: () => ({ title: '越权修改' }) },
  'POST /api/campaigns/{id}/cancel': { id: () => ids.yangjiangCampaign!, body: () => ({ reason: '越权取消' }) },
  'GET /api/campaigns/{id}/applications': { id: () => ids.yangjiangCampaign! },
  'GET /api/campaigns/{id}/applications/export': { id: () => ids.yangjiangCampaign! },
  'GET /api/campaign-applications/{id}': { id: () => ids.yangjiangCampaignApplication! },
  'GET /api/campaign-applications/{id}/documents': { id: () => ids.yangjiangCampaignApplication!, query: () => 'key=admission_letter' },
  'POST /api/campaign-applications/{id}/review': { id: () => ids.yangjiangCampaignApplication!, body: () => ({ decision: 'approve' }) },
  'POST /api/campaigns/{id}/draw': { id: () => ids.yangjiangCampaign! },
  'GET /api/campaigns/{id}/draw': { id: () => ids.yangjiangCampaign! },
  'POST /api/campaigns/{id}/notice': { id: () => ids.yangjiangCampaign! },
  'GET /api/campaigns/{id}/notice': { id: () => ids.yangjiangCampaign! },
  'GET /api/campaigns/{id}/objections': { id: () => ids.yangjiangCampaign! },
  'POST /api/campaign-objections/{id}/resolve': { id: () => ids.yangjiangCampaignObjection!, body: () => ({ outcome: 'upheld', reason: '越权处理' }) },
  ...rightsOutOfScope(ids),
  'GET /api/childcare/programmes': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/childcare/programmes': { body: () => programmeBody(ids.yangjiang!), headers: withKey },
  'GET /api/childcare/programmes/{id}': { id: () => ids.yangjiangProgramme! },
  'PATCH /api/childcare/programmes/{id}': { id: () => ids.yangjiangProgramme!, body: () => ({ title: '越权修改托管' }) },
  'POST /api/childcare/programmes/{id}/publish': { id: () => ids.yangjiangProgramme! },
  'POST /api/childcare/programmes/{id}/close': { id: () => ids.yangjiangProgramme! },
  'POST /api/childcare/programmes/{id}/allocate': { id: () => ids.yangjiangProgramme! },
  'GET /api/childcare/programmes/{id}/enrolments': { id: () => ids.yangjiangProgramme! },
  'POST /api/childcare/enrolments/{id}/reveal': { id: () => ids.yangjiangEnrolment!, body: () => ({ reason: '越权查看儿童信息' }) },
  'GET /api/childcare/sessions/{id}': { id: () => ids.yangjiangChildcareSession! },
  'PUT /api/childcare/sessions/{id}/attendance': { id: () => ids.yangjiangChildcareSession!, body: () => ({ marks: [{ enrolmentId: ids.yangjiangEnrolment, present: true }] }) },
  'POST /api/childcare/sessions/{id}/pickups': { id: () => ids.yangjiangChildcareSession!, body: () => ({ enrolmentId: ids.yangjiangEnrolment, adultIndex: 0 }) },
  'GET /api/childcare/sessions/{id}/roster.xlsx': { id: () => ids.yangjiangChildcareSession! },
  'POST /api/childcare/programmes/{id}/purge': { id: () => ids.yangjiangProgramme!, body: () => ({ reason: '越权删除儿童信息' }) },
  ...placesOutOfScope(ids),
  ...enterprisesOutOfScope(ids),

  ...enterpriseFileOutOfScope(ids),

  ...seriesOutOfScope(ids),

  ...drivesOutOfScope(ids),

  ...skillsOutOfScope(ids),
  ...jobsOutOfScope(ids),
  ...coursesOutOfScope(ids),

  ...strengtheningOutOfScope(ids),

  ...dashboardOutOfScope(ids),

  'POST /api/campaigns/{id}/applications-on-behalf': { id: () => ids.yangjiangCampaign!, body: () => ({ memberId: ids.yangjiangMember }), headers: () => ({ 'idempotency-key': newKey() }) },
};

/** Routes that name no record of another subtree (who am I, log in/out, lists filtered by the gate). */
const unscoped = new Set([
  'GET /healthz',
  // the demo's front door: public, answering only `demo: false` in production
  'GET /api/demo',
  'GET /api/demo/login-code',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'POST /api/auth/password',
  'GET /api/audit',
  'GET /api/outbox',
  // lists filtered by the gate (checked below), and the bulk approval (each id decided alone)
  'GET /api/members/transfers',
  'GET /api/enterprises/founding-targets',
  // the import names no record: towns are matched by name within the caller's own scope (a town of
  // another subtree is a row error, server/modules/enterprises/register.test.ts); the template is the same for everyone
  'POST /api/enterprises/import',
  'POST /api/enterprises/import/errors',
  'GET /api/enterprises/import-template',

  // the drives of the staff member's subtree only (a list filtered by the gate: server/modules/drives/drives.test.ts)
  'GET /api/drives',

  // jobs and fairs (issue 17): the import template, the skill picker, the member's own reach
  ...jobsUnscoped,

  // 强基: lists filtered by the gate, the example template, a draft set for the caller's own org
  ...strengtheningUnscoped,

  // skills: the taxonomy is the same for everyone; the member's own skills, certificates and job profile
  // (another member's self-declared skill answers 404: server/modules/skills/skills.test.ts)
  ...skillsUnscoped,
  // courses: the results template; the member's own list of courses in reach (server/modules/courses/courses.test.ts)
  ...coursesUnscoped,

  // two path parameters ({orgId}/{year}) the aim builder above cannot fill: 阳江's union answers 404
  // there exactly like a missing one, and nothing is written (server/modules/dashboard/dashboard.test.ts)
  'PUT /api/official-figures/{orgId}/{year}',

  // 我要建会: the member's own employer and request (no record of another subtree named); the
  // town's leads are a list filtered by the gate (阳江 seeing none of 化州's: server/modules/enterprises/requests.test.ts)
  'GET /api/me/employer',
  'POST /api/me/founding-requests',
  'GET /api/enterprises/founding-requests',

  'GET /api/workbench',
  'GET /api/tickets/counts',
  'GET /api/place-bookings/places',
  'POST /api/members/applications/approve',
  // the worker's own routes and the public directory a join form needs
  'POST /api/auth/sms-code',
  'POST /api/auth/member-login',
  'POST /api/members/join',
  'GET /api/me/applications',
  'GET /api/me/transfers',
  'POST /api/me/transfer',
  'POST /api/me/phone-change',
  'GET /api/enterprises/suggest',
  'GET /api/places',
  // the roster template (the same file for everyone)
  'GET /api/rosters/template',
  // the member card: the member's own card; verification is federation-wide by design (a card
  // proves membership anywhere, and answers only what the card itself shows — docs/design/member-card.md);
  // public keys; the revocation feed (member and card numbers only, for every staff device);
  // key rotation (the province admin only)
  'GET /api/me/card',
  'POST /api/cards/verify',
  'GET /api/cards/keys',
  'GET /api/cards/revocations',
  'POST /api/cards/keys/rotate',
  // the member's own sign-ups; a member's reach (the publishing union's subtree) is tested in
  // server/modules/activities: an activity outside it is 404 there too
  'POST /api/activities/{id}/signups',
  'GET /api/me/signups',
  'POST /api/me/signups/{id}/cancel',
  // the member's own points and redemptions
  'GET /api/me/points',
  'POST /api/me/points/redemptions',
  // the member's own campaign routes; a member's reach (the publishing union's subtree) is tested in
  // server/modules/campaigns: a campaign outside it is 404 there too
  'GET /api/me/campaigns',
  'POST /api/campaigns/{id}/applications',
  'GET /api/me/campaign-applications',
  'POST /api/me/campaign-applications/{id}/resubmit',
  'POST /api/me/campaign-applications/{id}/withdraw',
  'POST /api/campaign-applications/{id}/objections',
  // the member's own payouts and bank account
  'GET /api/me/payouts',
  'POST /api/me/payouts/{id}/confirm',
  'GET /api/me/bank-account',
  'PUT /api/me/bank-account',
  // the working-day calendar is the whole federation's (one for everyone); changed by the province admin only
  // a worker's own rights tickets (another worker's answer 404: server/modules/tickets)
  'GET /api/me/tickets',
  'POST /api/me/tickets',
  'GET /api/me/tickets/{id}',
  'POST /api/me/tickets/{id}/attachments',
  'GET /api/me/ticket-attachments/{id}',
  'POST /api/me/tickets/{id}/rating',
  // an integration account's own calls (its union's subtree: tested in server/modules/tickets)
  'POST /api/integration/tickets',
  // a legal-aid lawyer's own cases on the member site (only tickets assigned to them; another's is
  // 404, a worker who is not a lawyer 403: server/modules/tickets/tickets.lawyers.test.ts)
  'GET /api/lawyer/me',
  'GET /api/lawyer/tickets',
  'GET /api/lawyer/tickets/{id}',
  'POST /api/lawyer/tickets/{id}/entries',
  'POST /api/lawyer/tickets/{id}/outcome',
  // a place's photo is shown to every worker and staff member while the place is in service (a closed
  // place's to its own subtree only: server/modules/places); the import template is the same for everyone
  'GET /api/place-photos/{id}',
  'GET /api/places/import-template',
  // a worker reports on, and checks in at, any place of the register (their own reports only: server/modules/places)
  'GET /api/me/place-problems',
  'POST /api/me/place-visits',
  'GET /api/me/places/{id}/report',
  'POST /api/me/places/{id}/problems',
  // a member's own bookings, and booking a slot of any bookable place (a place is open to every
  // member, as the nearest-places list is): another member's booking is 404 (server/modules/places/bookings.test.ts)
  'GET /api/me/place-bookings',
  'POST /api/me/place-bookings/{id}/cancel',
  'POST /api/place-slots/{id}/bookings',
  'GET /api/me/places/{id}/booking-board',
  // the register of places as every worker sees it (places in service anywhere: a rider finds water
  // in any town; no staff scope applies — server/modules/places/nearby.test.ts)
  'GET /api/me/places/nearby',
  'GET /api/me/places/towns',
  'GET /api/me/places/{id}',
  // a guardian's own childcare enrolments; a programme out of the member's reach answers 404
  // (server/modules/childcare/childcare.test.ts)
  'GET /api/me/childcare/programmes',
  'GET /api/me/childcare/programmes/{id}',
  'POST /api/me/childcare/programmes/{id}/enrolments',
  'GET /api/me/childcare/enrolments',
  'POST /api/me/childcare/enrolments/{id}/cancel',
  'GET /api/calendar/days',
  'PUT /api/calendar/days/{day}',
  'POST /api/calendar/days/{day}/remove',
]);

function routesOf(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

describe('scope gate', () => {
  it('every route is either aimed at another subtree below or names no record', async () => {
    const routes = routesOf((await t.request('GET', '/api/openapi.json')).json());
    expect(routes.length).toBeGreaterThan(10);
    const unaccounted = routes.filter((r) => !(r in outOfScope) && !unscoped.has(r));
    expect(unaccounted).toEqual([]);
  });

  it('answers 404 not_found on every route aimed at 阳江, the same as for a record that does not exist, and changes nothing', async () => {
    const snapshot = () => recordsDigest(t.db);
    const before = await snapshot();
    for (const [route, aim] of Object.entries(outOfScope)) {
      const [method, path] = route.split(' ') as [string, string];
      const url = (id: number | undefined) => `${path.replace('{letterId}', String(aim.letterId?.())).replace('{day}', aim.day?.() ?? '').replace('{photoId}', String(aim.photoId?.())).replace(/\{\w+\}/, String(id))}${aim.query ? `?${aim.query()}` : ''}`;
      const res = await t.request(method, url(aim.id?.()), { as: huazhou, body: aim.body?.(), headers: aim.headers?.() ?? {} });
      expect(res.statusCode, route).toBe(404);
      expect(res.json(), route).toEqual({ error: 'not_found', message: '未找到该记录，或不在您的管理范围内', statusCode: 404 });
      if (aim.id) {
        const missing = await t.request(method, url(2_000_000_000), { as: huazhou, body: aim.body?.(), headers: aim.headers?.() ?? {} });
        expect(missing.body, `${route} must not tell 阳江 from nothing`).toBe(res.body);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lists and searches show nothing of 阳江', async () => {
    const bodies = await Promise.all(
      [
        `/api/orgs?q=${encodeURIComponent('阳江')}`,
        `/api/orgs?q=${encodeURIComponent('江城')}`,
        `/api/orgs?pageSize=200&level=town`,
        `/api/orgs/${ids.huazhou}/children?pageSize=200`,
        `/api/staff?pageSize=200`,
        `/api/staff?q=yangjiang`,
        `/api/audit?pageSize=200`,
        `/api/outbox?pageSize=200`,
        `/api/members?pageSize=200`,
        `/api/members?q=${encodeURIComponent('林阳江')}`,
        `/api/members/applications?status=all&pageSize=200`,
        `/api/members/transfers?direction=in&status=all&pageSize=200`,
        `/api/members/transfers?direction=out&status=all&pageSize=200`,
        `/api/enterprises/founding-targets?threshold=1&pageSize=200`,
        `/api/rosters`,
        `/api/activities?pageSize=200`,
        `/api/activities/stats`,
        `/api/points/totals`,
        `/api/points/operations?pageSize=200`,
        `/api/campaigns?pageSize=200`,
        `/api/hardship/files?pageSize=200`,
        `/api/hardship/figures`,
        `/api/supervision/cases?pageSize=200`,
        `/api/tickets?view=subtree&pageSize=200`,
        `/api/tickets?view=overdue&pageSize=200`,
        `/api/tickets?view=quality&pageSize=200`,
        `/api/tickets?view=callback&pageSize=200`,
        `/api/tickets/counts`,
        `/api/workbench`,
        `/api/places/register?pageSize=200&q=${encodeURIComponent('驿站')}`,
        `/api/places/duplicates?pageSize=200`,
        `/api/skill-register?pageSize=200`,
        `/api/certificates?pageSize=200`,
      ].map(async (url) => (await t.request('GET', url, { as: huazhou })).body),
    );
    for (const b of bodies) {
      expect(b).not.toContain('阳江');
      expect(b).not.toContain('yangjiang');
      expect(b).not.toContain('江城');
    }
    const bulk = await t.request('POST', '/api/members/applications/approve', { as: huazhou, body: { ids: [ids.yangjiangApplication] } });
    expect(bulk.json()).toEqual({ approved: [], skipped: [{ id: ids.yangjiangApplication, error: 'not_found', message: '未找到该记录，或不在您的管理范围内' }] });
    expect(JSON.parse(bodies[0]!)).toEqual({ items: [], total: 0 });
  });

  it('the counts a county sees are its own subtree\'s, not the province\'s', async () => {
    const admin = await t.login('admin');
    const [province] = await t.db.query<{ id: number }>(`SELECT id FROM org WHERE level = 'province'`);
    const all = (await t.request('GET', `/api/orgs/${province!.id}`, { as: admin })).json().memberCount;
    const mine = (await t.request('GET', `/api/orgs/${ids.huazhou}`, { as: huazhou })).json().memberCount;
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(all);
    expect((await t.request('GET', `/api/orgs/${province!.id}`, { as: huazhou })).statusCode).toBe(404);
  });
});
