// 强基工程: indicator sets (weights, publish once, adapt, inheritance), each metric on hand-built cases,
// the self-assessment cycle and its review by the level above, rankings with area rates, and
// 模范职工之家 refused below the bar. On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import type { MadeOrg } from '../../db/seed/factories.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { makeCreditCode } from '../../../contracts/china-codes.ts';
import { activityMetrics } from '../activities/strengthening-metrics.service.ts';
import { enterpriseMetrics } from '../enterprises/strengthening-metrics.service.ts';
import { placeMetrics } from '../places/strengthening-metrics.service.ts';
import { ticketMetrics } from '../tickets/strengthening-metrics.service.ts';

const YEAR = 2030;
let t: TestApp;
let admin: Session;
let county1: MadeOrg, county2: MadeOrg, town1: MadeOrg, town2: MadeOrg, u1: MadeOrg, u2: MadeOrg, u3: MadeOrg;
let county1Admin: Session, town1Staff: Session, u1Staff: Session;
let provinceSetId: number, countySetId: number;

const day = (offset: number) => beijingDay(Date.now() + offset * 86400000);
const as = async (org: MadeOrg, roles?: ('admin' | 'reviewer' | 'clerk' | 'viewer')[]) => {
  const s = await t.make.staff({ org, ...(roles ? { roles } : {}) });
  return t.login(s.username, s.password);
};
const legal = (u: MadeOrg) => ({ registered: true, number: makeCreditCode('81', '440900', String(u.id).padStart(8, '0')) });
const count = async (sql: string, p: unknown[] = []) => (await t.db.query<{ n: number }>(sql, p))[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const city = await t.demoOrg('maoming');
  county1 = await t.make.org({ parent: city, level: 'county', name: '强基测试甲县总工会' });
  county2 = await t.make.org({ parent: city, level: 'county', name: '强基测试乙县总工会' });
  town1 = await t.make.org({ parent: county1, level: 'town', name: '强基测试甲镇总工会' });
  town2 = await t.make.org({ parent: county2, level: 'town', name: '强基测试乙镇总工会' });
  u1 = await t.make.org({ parent: town1, name: '强基测试一号公司工会' });
  u2 = await t.make.org({ parent: town1, name: '强基测试二号公司工会' });
  u3 = await t.make.org({ parent: town2, name: '强基测试三号公司工会' });
  county1Admin = await as(county1);
  town1Staff = await as(town1, ['admin', 'reviewer']);
  u1Staff = await as(u1, ['clerk']);
});
afterAll(async () => t.close());

describe('metrics (each on hand-built cases)', () => {
  it('the enterprise file: contracts in force today, committees, legal person, congress, 厂务公开, 入会率', async () => {
    const u = await t.make.org({ parent: town2, name: '强基测试指标工会' });
    const other = await t.make.org({ parent: town2, name: '强基测试合同过期工会' });
    await t.make.fact({ org: u, kind: 'legalPerson', value: legal(u) });
    await t.make.fact({ org: u, kind: 'committee', value: { committee: 'audit', established: true } });
    await t.make.fact({ org: u, kind: 'collectiveContract', value: { type: 'general', signedOn: day(-300), startsOn: day(-300), expiresOn: day(60), coveredWorkers: 50 } });
    await t.make.fact({ org: u, kind: 'collectiveContract', value: { type: 'wage', signedOn: day(-300), startsOn: day(-300), expiresOn: day(0), coveredWorkers: 50 } });
    await t.make.fact({ org: u, kind: 'openAffairs', value: { implemented: true } });
    await t.make.fact({ org: u, kind: 'workersCongress', value: { heldOn: day(-30), delegates: 20 } });
    // a contract expired yesterday, a congress 13 months ago
    await t.make.fact({ org: other, kind: 'collectiveContract', value: { type: 'general', signedOn: day(-800), startsOn: day(-730), expiresOn: day(-1), coveredWorkers: 50 } });
    await t.make.fact({ org: other, kind: 'workersCongress', value: { heldOn: day(-400), delegates: 20 }, asOf: day(-400) });
    const e = await t.make.enterprise({ town: town2, union: u, employees: 40 });
    await t.db.query(`UPDATE enterprise SET member_count = 30 WHERE id = $1`, [e.id]);
    await t.make.enterprise({ town: town2, union: u, employees: null }); // no size: left out of the rate

    const rows = await enterpriseMetrics(t.db, { root: town2.path, year: YEAR, today: beijingDay(), start: new Date(), end: new Date() });
    const of = (id: number) => rows.find((r) => r.orgId === id)!.values;
    expect(of(u.id)).toEqual({
      membershipRate: 0.75,
      legalPerson: 1,
      auditCommittee: 1,
      womenCommittee: null, // no women members
      collectiveContract: 1,
      wageContract: 1, // expires today: still in force
      openAffairs: 1,
      workersCongress: 1,
    });
    expect(of(other.id)).toMatchObject({ membershipRate: null, legalPerson: 0, collectiveContract: 0, workersCongress: 0 });
  });

  it('女职工委员会 is n/a with 9 women members, counted from 10', async () => {
    const u = await t.make.org({ parent: town2, name: '强基测试女职委工会' });
    await t.make.fact({ org: u, kind: 'committee', value: { committee: 'women', established: true } });
    for (let i = 0; i < 9; i++) await t.make.member({ org: u, sex: 'female' });
    await t.make.member({ org: u, sex: 'female', status: 'left' });
    await t.make.member({ org: u, sex: 'male' });
    const at = { root: u.path, year: YEAR, today: beijingDay(), start: new Date(), end: new Date() };
    expect((await enterpriseMetrics(t.db, at)).find((r) => r.orgId === u.id)!.values.womenCommittee).toBeNull();
    await t.make.member({ org: u, sex: 'female' });
    expect((await enterpriseMetrics(t.db, at)).find((r) => r.orgId === u.id)!.values.womenCommittee).toBe(1);
  });

  it('participation, tickets on time (n/a without clocks) and 职工之家', async () => {
    const u = await t.make.org({ parent: town2, name: '强基测试活动工会' });
    const empty = await t.make.org({ parent: town2, name: '强基测试空工会' });
    await t.make.member({ org: u });
    await t.make.member({ org: u });
    const year = Number(beijingDay().slice(0, 4));
    const at = { root: town2.path, year, today: beijingDay(), start: beijingMidnight(`${year}-01-01`), end: beijingMidnight(`${year + 1}-01-01`) };
    const part = await activityMetrics(t.db, at);
    expect(part.find((r) => r.orgId === u.id)!.values.participation).toBe(0);
    expect(part.find((r) => r.orgId === empty.id)!.values.participation).toBeNull();
    const tickets = await ticketMetrics(t.db, at);
    expect(tickets.find((r) => r.orgId === u.id)!.values.ticketsOnTime).toBeNull();
    await t.make.place({ org: u, kind: 'workersHome', name: '强基测试职工之家' });
    const places = await placeMetrics(t.db, at);
    expect(places.find((r) => r.orgId === u.id)!.values.workersHome).toBe(1);
    expect(places.find((r) => r.orgId === empty.id)!.values.workersHome).toBe(0);
  });
});

describe('indicator sets', () => {
  it('the example is the template with its plain name; a province publishes it', async () => {
    const ex = await t.request('GET', '/api/indicator-sets/example', { as: admin });
    expect(ex.statusCode).toBe(200);
    expect(ex.json().name).toBe('强基工程评价指标（示例）');
    expect(ex.json().indicators.reduce((s: number, i: { weight: number }) => s + i.weight, 0)).toBe(100);
    const made = await t.request('POST', '/api/indicator-sets', { as: admin, body: { year: YEAR, name: '省强基测试指标', fromExample: true } });
    expect(made.statusCode).toBe(201);
    provinceSetId = made.json().id;
    expect(made.json()).toMatchObject({ status: 'draft', indicatorCount: 12, weightTotal: 100, own: true });
    const pub = await t.request('POST', `/api/indicator-sets/${provinceSetId}/publish`, { as: admin });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().status).toBe('published');
    const again = await t.request('PUT', `/api/indicator-sets/${provinceSetId}`, {
      as: admin,
      body: { name: '改名', modelHomeMinScore: 90, indicators: pub.json().indicators.map(inputOf) },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('indicator_set_published');
  });

  it('weights of 95 are refused with the total said, nothing written', async () => {
    const adapted = await t.request('POST', `/api/indicator-sets/${provinceSetId}/adapt`, { as: county1Admin, body: {} });
    expect(adapted.statusCode).toBe(201);
    countySetId = adapted.json().id;
    expect(adapted.json()).toMatchObject({ basedOnSetId: provinceSetId, status: 'draft', own: true, org: { id: county1.id } });
    const indicators = adapted.json().indicators.map(inputOf);
    indicators[0].weight -= 5;
    const res = await t.request('PUT', `/api/indicator-sets/${countySetId}`, { as: county1Admin, body: { name: '甲县指标', modelHomeMinScore: 80, indicators } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('indicator_weights_invalid');
    expect(res.json().message).toContain('当前为 95');
    const after = (await t.request('GET', `/api/indicator-sets/${countySetId}`, { as: county1Admin })).json();
    expect(after.weightTotal).toBe(100);
    expect(after.name).not.toBe('甲县指标');
    expect(after.modelHomeMinScore).toBe(90);
  });

  it('a county adapts: its towns use its set, another county the province’s; one published set per org and year', async () => {
    const indicators = [
      { code: 'legalPerson', name: '法人资格登记', weight: 40, measure: 'computed', metric: 'legalPerson', unit: 'bool', target: 1, areaTarget: 0.9 },
      { code: 'auditCommittee', name: '经审委员会', weight: 40, measure: 'computed', metric: 'auditCommittee', unit: 'bool', target: 1, areaTarget: 0.4 },
      { code: 'funds', name: '工会经费按时足额上缴', weight: 20, measure: 'self', unit: 'bool', target: 1, evidenceHint: '经费缴纳凭证' },
    ];
    const put = await t.request('PUT', `/api/indicator-sets/${countySetId}`, { as: county1Admin, body: { name: '甲县强基指标', modelHomeMinScore: 90, indicators } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ name: '甲县强基指标', indicatorCount: 3, weightTotal: 100 });
    // a province's draft is not the county's to edit
    const foreign = await t.request('PUT', `/api/indicator-sets/${provinceSetId}`, { as: county1Admin, body: { name: '甲县强基指标', modelHomeMinScore: 90, indicators } });
    expect(foreign.statusCode).toBe(403);
    expect((await t.request('POST', `/api/indicator-sets/${countySetId}/publish`, { as: county1Admin })).statusCode).toBe(200);

    const card1 = (await t.request('GET', `/api/strengthening/cards/${u1.id}?year=${YEAR}`, { as: admin })).json();
    expect(card1.set.id).toBe(countySetId);
    expect(card1.rows.map((r: { code: string }) => r.code)).toEqual(['legalPerson', 'auditCommittee', 'funds']);
    const card3 = (await t.request('GET', `/api/strengthening/cards/${u3.id}?year=${YEAR}`, { as: admin })).json();
    expect(card3.set.id).toBe(provinceSetId);
    expect(card3.rows).toHaveLength(12);

    const second = await t.request('POST', `/api/indicator-sets/${provinceSetId}/adapt`, { as: county1Admin, body: { name: '甲县第二套指标' } });
    const refused = await t.request('POST', `/api/indicator-sets/${second.json().id}/publish`, { as: county1Admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('indicator_set_exists');

    const list = (await t.request('GET', `/api/indicator-sets?year=${YEAR}`, { as: county1Admin })).json();
    expect(list.items.map((s: { id: number }) => s.id)).toEqual(expect.arrayContaining([countySetId, provinceSetId, second.json().id]));
  });
});

describe('self-assessment, review, score, ranking, model homes', () => {
  it('submit → pending → rejected → resubmitted → approved → met; own union cannot review', async () => {
    await t.make.fact({ org: u1, kind: 'legalPerson', value: legal(u1) });
    await t.make.fact({ org: u1, kind: 'committee', value: { committee: 'audit', established: true } });
    await t.make.fact({ org: u2, kind: 'committee', value: { committee: 'audit', established: true } });
    const funds = (await t.request('GET', `/api/strengthening/cards/${u1.id}?year=${YEAR}`, { as: u1Staff })).json().rows[2];
    expect(funds).toMatchObject({ code: 'funds', state: 'pending', assessment: null });

    // the town cannot submit for the union
    const byTown = await t.request('POST', '/api/strengthening/assessments', { as: town1Staff, body: { orgId: u1.id, indicatorId: funds.indicatorId } });
    expect(byTown.statusCode).toBe(403);
    const sub = await t.request('POST', '/api/strengthening/assessments', { as: u1Staff, body: { orgId: u1.id, indicatorId: funds.indicatorId, claimNote: '已按时足额上缴' } });
    expect(sub.statusCode).toBe(201);
    const id = sub.json().id as number;
    expect(sub.json()).toMatchObject({ state: 'pending', evidenceCount: 0 });

    const noEvidence = await t.request('POST', `/api/strengthening/assessments/${id}/review`, { as: town1Staff, body: { decision: 'approve' } });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error).toBe('evidence_required');
    await t.db.query(
      `INSERT INTO file_evidence (assessment_id, org_path, file_name, mime, size_bytes, sha256, content_enc)
       VALUES ($1, $2::ltree, '缴费凭证.png', 'image/png', 4, '\\x00'::bytea, '\\x00'::bytea)`,
      [id, u1.path],
    );
    const own = await as(u1, ['admin', 'reviewer']);
    const ownReview = await t.request('POST', `/api/strengthening/assessments/${id}/review`, { as: own, body: { decision: 'approve' } });
    expect(ownReview.statusCode).toBe(403);
    expect(ownReview.json().error).toBe('review_own_union');
    const noReason = await t.request('POST', `/api/strengthening/assessments/${id}/review`, { as: town1Staff, body: { decision: 'reject' } });
    expect(noReason.json().error).toBe('assessment_reason_required');
    expect((await t.request('GET', `/api/strengthening/assessments`, { as: town1Staff })).statusCode).toBe(200);

    const rejected = await t.request('POST', `/api/strengthening/assessments/${id}/review`, { as: town1Staff, body: { decision: 'reject', reason: '凭证看不清，请重新拍照' } });
    expect(rejected.json()).toMatchObject({ state: 'rejected', reviewReason: '凭证看不清，请重新拍照' });
    let card = (await t.request('GET', `/api/strengthening/cards/${u1.id}?year=${YEAR}`, { as: u1Staff })).json();
    expect(card.rows[2].state).toBe('not_met');
    expect(card.score).toBe(80);

    const again = await t.request('POST', '/api/strengthening/assessments', { as: u1Staff, body: { orgId: u1.id, indicatorId: funds.indicatorId } });
    expect(again.json()).toMatchObject({ id, state: 'pending', reviewReason: null });
    const approved = await t.request('POST', `/api/strengthening/assessments/${id}/review`, { as: town1Staff, body: { decision: 'approve' } });
    expect(approved.json().state).toBe('approved');
    const decided = await t.request('POST', `/api/strengthening/assessments/${id}/review`, { as: town1Staff, body: { decision: 'reject', reason: '再看看' } });
    expect(decided.json().error).toBe('assessment_decided');
    card = (await t.request('GET', `/api/strengthening/cards/${u1.id}?year=${YEAR}`, { as: u1Staff })).json();
    expect(card.rows.map((r: { state: string }) => r.state)).toEqual(['met', 'met', 'met']);
    expect(card.score).toBe(100);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'assessment.%' AND target_id = $1`, [String(id)])).toBe(4);
  });

  it('a town ranks its unions, a county its children, with the area rates', async () => {
    const town = (await t.request('GET', `/api/strengthening/rankings?orgId=${town1.id}&year=${YEAR}`, { as: county1Admin })).json();
    expect(town.ranks).toBe('unions');
    expect(town.items.map((i: { org: { id: number }; score: number; rank: number }) => [i.org.id, i.score, i.rank])).toEqual([
      [u1.id, 100, 1],
      [u2.id, 40, 2],
    ]);
    const rate = (code: string) => town.areaRates.find((r: { code: string }) => r.code === code);
    expect(rate('legalPerson')).toMatchObject({ applicable: 2, met: 1, share: 0.5, areaTarget: 0.9, reached: false });
    expect(rate('auditCommittee')).toMatchObject({ met: 2, share: 1, reached: true });

    const county = (await t.request('GET', `/api/strengthening/rankings?orgId=${county1.id}&year=${YEAR}`, { as: county1Admin })).json();
    expect(county.ranks).toBe('children');
    expect(county.items[0]).toMatchObject({ org: { id: town1.id }, score: 70, unions: 2, rank: 1 });
  });

  it('a model home below the bar is refused; at the bar designated with the card kept', async () => {
    const low = await t.request('POST', '/api/strengthening/model-homes', { as: county1Admin, body: { orgId: u2.id, year: YEAR } });
    expect(low.statusCode).toBe(409);
    expect(low.json().error).toBe('model_home_score_too_low');
    const byTown = await t.request('POST', '/api/strengthening/model-homes', { as: town1Staff, body: { orgId: u1.id, year: YEAR } });
    expect(byTown.statusCode).toBe(403);
    const ok = await t.request('POST', '/api/strengthening/model-homes', { as: county1Admin, body: { orgId: u1.id, year: YEAR } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ org: { id: u1.id }, level: 'county', score: 100, designatedBy: { id: county1.id } });
    const [stored] = await t.db.query<{ card: { score: number; rows: unknown[] } }>(`SELECT card FROM model_home WHERE org_id = $1`, [u1.id]);
    expect(stored!.card.score).toBe(100);
    expect(stored!.card.rows).toHaveLength(3);
    const list = (await t.request('GET', `/api/strengthening/model-homes?year=${YEAR}`, { as: county1Admin })).json();
    expect(list.items.map((h: { org: { id: number } }) => h.org.id)).toEqual([u1.id]);
  });
});

function inputOf(i: Record<string, unknown>) {
  const { id: _id, position: _p, ...rest } = i;
  return rest;
}
