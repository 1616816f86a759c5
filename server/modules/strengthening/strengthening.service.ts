// 强基工程: indicator sets (written whole, adapted from a parent's, published once per org and year),
// the set that applies to a union (its nearest ancestor's published one), score cards computed live,
// self-assessments reviewed by the level above, rankings, and 模范职工之家 designated from a card.
// Design: docs/design/enterprise-file.md §6; departures: docs/design/enterprise-strengthening.md.
import {
  EXAMPLE_INDICATOR_SET,
  exampleIndicatorSet,
  indicatorInput,
  type CardRow,
  type Indicator,
  type IndicatorInput,
  type IndicatorSetDetail,
  type IndicatorSetSummary,
  type MetricAt,
  type MetricRow,
  type ScoreCard,
  createIndicatorSetBody,
  updateIndicatorSetBody,
  adaptIndicatorSetBody,
  submitAssessmentBody,
  reviewAssessmentBody,
  designateModelHomeBody,
} from '../../../contracts/strengthening.ts';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope, isPathInScope, type OrgPath, type ScopedOrgRef } from '../../http/scope.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { AppError } from '../../errors.ts';
import { metricsUnder } from './metrics.ts';
import * as repo from './strengthening.repo.ts';

const example = exampleIndicatorSet.parse(EXAMPLE_INDICATOR_SET);
export function exampleSet() {
  return example;
}

export function thisYear(): number {
  return Number(beijingDay().slice(0, 4));
}

function isAncestorOrSelf(ancestor: string, path: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

// ── sets ────────────────────────────────────────────────────────────────────────────────────
function summaryOf(ctx: StaffContext, s: repo.SetRow): IndicatorSetSummary {
  return {
    id: s.id,
    org: { id: s.orgId, name: s.orgName },
    year: s.year,
    name: s.name,
    description: s.description,
    status: s.status,
    isExample: s.isExample,
    basedOnSetId: s.basedOnSetId,
    modelHomeMinScore: s.modelHomeMinScore,
    publishedAt: s.publishedAt,
    indicatorCount: s.indicatorCount,
    weightTotal: s.weightTotal,
    own: s.orgId === ctx.scope.orgId,
  };
}

/** A set the caller may read: its own org's, an ancestor's published one, or one inside its scope; else 404. */
function visible(ctx: StaffContext, s: repo.SetRow | undefined): repo.SetRow {
  if (!s) throw new AppError('not_found');
  if (s.orgId === ctx.scope.orgId || isPathInScope(ctx.scope, s.orgPath)) return s;
  if (s.status === 'published' && isAncestorOrSelf(s.orgPath, ctx.scope.path)) return s;
  throw new AppError('not_found');
}

async function detailOf(ctx: StaffContext, q: Queryable, s: repo.SetRow): Promise<IndicatorSetDetail> {
  const indicators = (await repo.indicatorsOf(q, [s.id])).map(({ setId: _s, ...i }) => i);
  return { ...summaryOf(ctx, s), indicators };
}

export async function listSets(ctx: StaffContext, query: { page: number; pageSize: number; year?: number | undefined }) {
  const { rows, total } = await repo.listSets(ctx.db, ctx.scope, query.year, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: rows.map((r) => summaryOf(ctx, r)), total };
}

export async function getSet(ctx: StaffContext, id: number): Promise<IndicatorSetDetail> {
  const s = visible(ctx, await repo.getSet(ctx.db, id));
  return detailOf(ctx, ctx.db, s);
}

/** The caller's own org, which writes sets: a town or above. */
async function setWriterOrg(ctx: StaffContext, q: Queryable): Promise<ScopedOrgRef> {
  const org = await getOrgInScope(q, ctx.scope, ctx.scope.orgId);
  if (org.level === 'grassroots') throw new AppError('forbidden', '指标体系由镇街及以上工会制定；基层工会使用上级发布的指标');
  return org;
}

export async function createSet(ctx: StaffContext, body: z.output<typeof createIndicatorSetBody>): Promise<IndicatorSetDetail> {
  return ctx.db.transaction(async (tx) => {
    const org = await setWriterOrg(ctx, tx);
    const id = await repo.insertSet(tx, {
      orgId: org.id,
      year: body.year,
      name: body.name,
      description: body.description || null,
      basedOnSetId: null,
      isExample: false,
      modelHomeMinScore: example.modelHomeMinScore,
      createdBy: ctx.actor.staffId,
    });
    if (body.fromExample) await repo.replaceIndicators(tx, id, example.indicators);
    await audit(tx, ctx, 'indicator_set.create', { type: 'indicator_set', id, orgPath: org.path }, { year: body.year });
    return detailOf(ctx, tx, (await repo.getSet(tx, id))!);
  });
}

/** A set the caller's org owns, as a draft; 404 when unseen, 403 when another org's, 409 when published. */
async function ownDraft(ctx: StaffContext, q: Queryable, id: number): Promise<repo.SetRow> {
  const s = visible(ctx, await repo.getSet(q, id, true));
  if (s.orgId !== ctx.scope.orgId) throw new AppError('forbidden', '只能修改本工会制定的指标体系；如需调整上级的指标，请"改编"');
  if (s.status === 'published') throw new AppError('indicator_set_published');
  return s;
}

function checkIndicators(list: readonly IndicatorInput[]) {
  const total = list.reduce((sum, i) => sum + i.weight, 0);
  if (total !== 100) throw new AppError('indicator_weights_invalid', `各项指标权重之和须为 100，当前为 ${total}`);
  const codes = new Set<string>();
  for (const i of list) {
    if (codes.has(i.code)) throw new AppError('validation_failed', `指标代码"${i.code}"重复，每项指标的代码须不同`);
    codes.add(i.code);
  }
}

export async function updateSet(ctx: StaffContext, id: number, body: z.output<typeof updateIndicatorSetBody>): Promise<IndicatorSetDetail> {
  checkIndicators(body.indicators);
  return ctx.db.transaction(async (tx) => {
    const s = await ownDraft(ctx, tx, id);
    await repo.updateSetMeta(tx, id, { name: body.name, description: body.description || null, modelHomeMinScore: body.modelHomeMinScore });
    await repo.replaceIndicators(tx, id, body.indicators);
    await audit(tx, ctx, 'indicator_set.update', { type: 'indicator_set', id, orgPath: s.orgPath }, { year: s.year });
    return detailOf(ctx, tx, (await repo.getSet(tx, id))!);
  });
}

export async function adaptSet(ctx: StaffContext, id: number, body: z.output<typeof adaptIndicatorSetBody>): Promise<IndicatorSetDetail> {
  return ctx.db.transaction(async (tx) => {
    const source = visible(ctx, await repo.getSet(tx, id));
    const org = await setWriterOrg(ctx, tx);
    const year = body.year ?? source.year;
    const name = body.name ?? `${org.name}${year}年强基工程评价指标`.slice(0, 60);
    const newId = await repo.insertSet(tx, {
      orgId: org.id,
      year,
      name,
      description: source.description,
      basedOnSetId: source.id,
      isExample: false,
      modelHomeMinScore: source.modelHomeMinScore,
      createdBy: ctx.actor.staffId,
    });
    const indicators = (await repo.indicatorsOf(tx, [source.id])).map((i) => indicatorInput.parse(inputOf(i)));
    await repo.replaceIndicators(tx, newId, indicators);
    await audit(tx, ctx, 'indicator_set.adapt', { type: 'indicator_set', id: newId, orgPath: org.path }, { year, basedOnSetId: source.id });
    return detailOf(ctx, tx, (await repo.getSet(tx, newId))!);
  });
}

function inputOf(i: Indicator): z.input<typeof indicatorInput> {
  return {
    code: i.code,
    name: i.name,
    weight: i.weight,
    measure: i.measure,
    metric: i.metric,
    unit: i.unit,
    target: i.target,
    areaTarget: i.areaTarget,
    tiers: i.tiers,
    evidenceHint: i.evidenceHint,
  };
}

export async function publishSet(ctx: StaffContext, id: number): Promise<IndicatorSetDetail> {
  return ctx.db.transaction(async (tx) => {
    const s = await ownDraft(ctx, tx, id);
    const indicators = await repo.indicatorsOf(tx, [id]);
    if (indicators.length === 0) throw new AppError('indicator_weights_invalid', '各项指标权重之和须为 100，当前没有指标');
    checkIndicators(indicators.map((i) => indicatorInput.parse(inputOf(i))));
    if (await repo.publishedSetOf(tx, s.orgId, s.year)) throw new AppError('indicator_set_exists');
    await repo.publishSet(tx, id);
    await audit(tx, ctx, 'indicator_set.publish', { type: 'indicator_set', id, orgPath: s.orgPath }, { year: s.year });
    return detailOf(ctx, tx, (await repo.getSet(tx, id))!);
  });
}

// ── cards ───────────────────────────────────────────────────────────────────────────────────
function metricAt(root: string, year: number): MetricAt {
  return { root, year, today: beijingDay(), start: beijingMidnight(`${year}-01-01`), end: beijingMidnight(`${year + 1}-01-01`) };
}

interface SetWithIndicators extends repo.SetRow {
  indicators: Indicator[];
}

export interface UnionScore {
  union: repo.UnionRow;
  set: SetWithIndicators | null;
  rows: CardRow[];
  score: number | null;
}

function creditOf(ind: Indicator, v: number): number {
  if (v >= ind.target - 1e-9) return 1;
  const tier = [...ind.tiers].sort((a, b) => b.at - a.at).find((t) => v >= t.at - 1e-9);
  return tier ? tier.share : 0;
}

function rowOf(ind: Indicator, values: MetricRow['values'] | undefined, a: repo.AssessmentRow | undefined): CardRow {
  const base = {
    indicatorId: ind.id,
    code: ind.code,
    name: ind.name,
    weight: ind.weight,
    measure: ind.measure,
    metric: ind.metric,
    unit: ind.unit,
    target: ind.target,
    evidenceHint: ind.evidenceHint,
    assessment: a
      ? { id: a.id, state: a.state, claimNote: a.claimNote, reviewReason: a.reviewReason, submittedAt: a.submittedAt, reviewedAt: a.reviewedAt, evidenceCount: a.evidenceCount }
      : null,
  };
  if (ind.measure === 'self') {
    if (a?.state === 'approved') return { ...base, value: 1, state: 'met', credit: 1 };
    if (a?.state === 'rejected') return { ...base, value: 0, state: 'not_met', credit: 0 };
    return { ...base, value: null, state: 'pending', credit: 0 };
  }
  const v = ind.metric ? values?.[ind.metric] : undefined;
  if (v === undefined || v === null) return { ...base, value: null, state: 'na', credit: 0 };
  const credit = creditOf(ind, v);
  return { ...base, value: Math.round(v * 10000) / 10000, state: credit === 1 ? 'met' : 'not_met', credit };
}

/** 100 × Σ weight × credit ÷ Σ weight of the applicable rows (not 不适用), one decimal; null when none applies. */
export function scoreOf(rows: readonly CardRow[]): number | null {
  const applicable = rows.filter((r) => r.state !== 'na');
  const total = applicable.reduce((s, r) => s + r.weight, 0);
  if (total === 0) return null;
  const got = applicable.reduce((s, r) => s + r.weight * r.credit, 0);
  return Math.round((1000 * got) / total) / 10;
}

/** Every active grassroots union under `root` with its applicable set, card rows and score (computed live). */
export async function scoresUnder(q: Queryable, root: OrgPath, year: number): Promise<UnionScore[]> {
  const unions = await repo.unionsUnder(q, root);
  const setRows = await repo.setsAround(q, root, year);
  const indicators = await repo.indicatorsOf(q, setRows.map((s) => s.id));
  const sets: SetWithIndicators[] = setRows
    .map((s) => ({ ...s, indicators: indicators.filter((i) => i.setId === s.id) }))
    .sort((a, b) => b.orgPath.split('.').length - a.orgPath.split('.').length);
  const metrics = await metricsUnder(q, metricAt(root, year));
  const assessments = await repo.assessmentsUnder(q, root, setRows.map((s) => s.id));
  const byKey = new Map(assessments.map((a) => [`${a.indicatorId}:${a.orgId}`, a]));
  return unions.map((union) => {
    // the nearest ancestor's published set (a grassroots union never has its own)
    const set = sets.find((s) => s.orgPath !== union.path && isAncestorOrSelf(s.orgPath, union.path)) ?? null;
    const rows = set ? set.indicators.map((ind) => rowOf(ind, metrics.get(union.id), byKey.get(`${ind.id}:${union.id}`))) : [];
    return { union, set, rows, score: set ? scoreOf(rows) : null };
  });
}

function cardOf(ctx: StaffContext, org: ScopedOrgRef, year: number, s: UnionScore | undefined, homes: ScoreCard['modelHomes'], callerLevel: string): ScoreCard {
  const own = ctx.scope.orgId === org.id;
  const roles = ctx.actor.roles;
  return {
    org: { id: org.id, name: org.name, level: org.level },
    year,
    set: s?.set ? { id: s.set.id, name: s.set.name, org: { id: s.set.orgId, name: s.set.orgName }, isExample: s.set.isExample, modelHomeMinScore: s.set.modelHomeMinScore } : null,
    score: s?.score ?? null,
    rows: s?.rows ?? [],
    mayAssess: own && roles.some((r) => r === 'admin' || r === 'clerk'),
    mayReview: !own && roles.some((r) => r === 'admin' || r === 'reviewer'),
    mayDesignate: !own && roles.includes('admin') && ['county', 'city', 'province'].includes(callerLevel),
    modelHomes: homes,
  };
}

async function cardIn(ctx: StaffContext, q: Queryable, orgId: number, year: number): Promise<ScoreCard> {
  const org = await getOrgInScope(q, ctx.scope, orgId);
  if (org.level !== 'grassroots') throw new AppError('validation_failed', '评分卡针对基层工会，请选择一个基层工会');
  const scores = await scoresUnder(q, org.path, year);
  const caller = await getOrgInScope(q, ctx.scope, ctx.scope.orgId);
  return cardOf(ctx, org, year, scores.find((s) => s.union.id === org.id), await repo.modelHomesOf(q, org.id, year), caller.level);
}

export async function getCard(ctx: StaffContext, orgId: number, year: number | undefined): Promise<ScoreCard> {
  return cardIn(ctx, ctx.db, orgId, year ?? thisYear());
}

// ── rankings ────────────────────────────────────────────────────────────────────────────────
export async function getRanking(ctx: StaffContext, query: { orgId: number; year?: number | undefined; page: number; pageSize: number }) {
  const year = query.year ?? thisYear();
  const org = await getOrgInScope(ctx.db, ctx.scope, query.orgId);
  const scores = await scoresUnder(ctx.db, org.path, year);
  const ranksUnions = org.level === 'town' || org.level === 'grassroots';
  let entries: { org: { id: number; name: string; level: string }; score: number | null; unions: number }[];
  if (ranksUnions) {
    entries = scores.map((s) => ({ org: { id: s.union.id, name: s.union.name, level: s.union.level }, score: s.score, unions: s.score === null ? 0 : 1 }));
  } else {
    const children = await repo.childrenOf(ctx.db, org.id);
    entries = children.map((c) => {
      const mine = scores.filter((s) => s.score !== null && isAncestorOrSelf(c.path, s.union.path));
      const mean = mine.length ? Math.round((10 * mine.reduce((sum, s) => sum + s.score!, 0)) / mine.length) / 10 : null;
      return { org: { id: c.id, name: c.name, level: c.level }, score: mean, unions: mine.length };
    });
  }
  entries.sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  const ranked = entries.map((e, i) => ({ ...e, rank: i > 0 && entries[i - 1]!.score === e.score ? 0 : i + 1 }));
  for (let i = 1; i < ranked.length; i++) if (ranked[i]!.rank === 0) ranked[i]!.rank = ranked[i - 1]!.rank;
  // the area's rates: per indicator of the set that applies here, the share of the unions meeting it (by code)
  const rootSet = (await repo.setsAround(ctx.db, org.path, year))
    .filter((s) => isAncestorOrSelf(s.orgPath, org.path))
    .sort((a, b) => b.orgPath.split('.').length - a.orgPath.split('.').length)[0];
  const rootIndicators = rootSet ? await repo.indicatorsOf(ctx.db, [rootSet.id]) : [];
  const areaRates = rootIndicators.map((ind) => {
    let applicable = 0;
    let met = 0;
    for (const s of scores) {
      const row = s.rows.find((r) => r.code === ind.code);
      if (!row || row.state === 'na') continue;
      applicable++;
      if (row.state === 'met') met++;
    }
    const share = applicable ? Math.round((met / applicable) * 10000) / 10000 : null;
    return {
      code: ind.code,
      name: ind.name,
      areaTarget: ind.areaTarget,
      applicable,
      met,
      share,
      reached: ind.areaTarget === null || share === null ? null : share >= ind.areaTarget - 1e-9,
    };
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    items: ranked.slice(start, start + query.pageSize),
    total: ranked.length,
    org: { id: org.id, name: org.name, level: org.level },
    year,
    ranks: ranksUnions ? ('unions' as const) : ('children' as const),
    set: rootSet ? { id: rootSet.id, name: rootSet.name, org: { id: rootSet.orgId, name: rootSet.orgName } } : null,
    areaRates,
  };
}

// ── self-assessments ────────────────────────────────────────────────────────────────────────
export async function submitAssessment(ctx: StaffContext, body: z.output<typeof submitAssessmentBody>) {
  return ctx.db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, body.orgId);
    if (org.id !== ctx.scope.orgId) throw new AppError('forbidden', '自评由本工会的工作人员提交');
    const ind = await repo.getIndicator(tx, body.indicatorId);
    const set = ind ? await repo.getSet(tx, ind.setId) : undefined;
    const card = set ? (await scoresUnder(tx, org.path, set.year)).find((s) => s.union.id === org.id) : undefined;
    if (!ind || !card?.set || ind.setId !== card.set.id || ind.measure !== 'self') {
      throw new AppError('validation_failed', '该指标不是本工会适用指标体系中的自评指标');
    }
    const prior = await repo.findAssessment(tx, ind.id, org.id);
    let id: number;
    if (!prior) id = await repo.insertAssessment(tx, { setId: ind.setId, indicatorId: ind.id, orgId: org.id, claimNote: body.claimNote || null, by: ctx.actor.staffId });
    else if (prior.state === 'approved') throw new AppError('assessment_decided', '该自评已审核通过');
    else {
      id = prior.id;
      await repo.resubmitAssessment(tx, id, body.claimNote || null, ctx.actor.staffId);
    }
    await audit(tx, ctx, 'assessment.submit', { type: 'assessment', id, orgPath: org.path }, { indicatorCode: ind.code });
    return (await repo.getAssessment(tx, id))!;
  }).then(strip);
}

function strip(a: repo.AssessmentRow) {
  const { orgPath: _p, indicatorId: _i, orgId: _o, ...rest } = a;
  return rest;
}

export async function reviewAssessment(ctx: StaffContext, id: number, body: z.output<typeof reviewAssessmentBody>) {
  return ctx.db.transaction(async (tx) => {
    const a = await repo.getAssessment(tx, id, true);
    if (!a || !isPathInScope(ctx.scope, a.orgPath)) throw new AppError('not_found');
    if (a.orgId === ctx.scope.orgId) throw new AppError('review_own_union');
    if (a.state !== 'pending') throw new AppError('assessment_decided');
    if (body.decision === 'reject' && !body.reason) throw new AppError('assessment_reason_required');
    if (body.decision === 'approve' && (await repo.evidenceCount(tx, id)) === 0) throw new AppError('evidence_required', '该自评还没有证明材料，不能通过；可退回并说明需补充的材料');
    await repo.decideAssessment(tx, id, body.decision === 'approve' ? 'approved' : 'rejected', body.decision === 'reject' ? body.reason : null, ctx.actor.staffId);
    await audit(tx, ctx, 'assessment.review', { type: 'assessment', id, orgPath: a.orgPath }, { decision: body.decision, reason: body.decision === 'reject' ? body.reason : undefined });
    return strip((await repo.getAssessment(tx, id))!);
  });
}

export async function listAssessments(ctx: StaffContext, query: { page: number; pageSize: number; state: string }) {
  const { rows, total } = await repo.listAssessments(ctx.db, ctx.scope, query.state, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: rows, total };
}

// ── 模范职工之家 ─────────────────────────────────────────────────────────────────────────────
export async function listModelHomes(ctx: StaffContext, query: { page: number; pageSize: number; year?: number | undefined }) {
  const { rows, total } = await repo.listModelHomes(ctx.db, ctx.scope, query.year, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: rows, total };
}

export async function designateModelHome(ctx: StaffContext, body: z.output<typeof designateModelHomeBody>) {
  return ctx.db.transaction(async (tx) => {
    const caller = await getOrgInScope(tx, ctx.scope, ctx.scope.orgId);
    if (!['county', 'city', 'province'].includes(caller.level)) throw new AppError('forbidden', '模范职工之家由县级及以上工会评定');
    const org = await getOrgInScope(tx, ctx.scope, body.orgId);
    if (org.id === caller.id) throw new AppError('forbidden', '模范职工之家由上级工会评定');
    const card = await cardIn(ctx, tx, org.id, body.year);
    if (!card.set || card.score === null || card.score < card.set.modelHomeMinScore) {
      throw new AppError('model_home_score_too_low', `得分${card.score === null ? '暂无' : ` ${card.score} 分`}，未达到模范职工之家的评定分数线${card.set ? ` ${card.set.modelHomeMinScore} 分` : ''}`);
    }
    const stored = await repo.insertModelHome(tx, {
      orgId: org.id,
      year: body.year,
      level: caller.level,
      byOrg: caller.id,
      by: ctx.actor.staffId,
      on: beijingDay(),
      score: card.score,
      card: { set: card.set, score: card.score, rows: card.rows },
    });
    if (!stored) throw new AppError('conflict', '该工会本年度已被评定为同级模范职工之家');
    await audit(tx, ctx, 'model_home.designate', { type: 'org', id: org.id, orgPath: org.path }, { year: body.year, level: caller.level, score: card.score });
    return (await repo.getModelHome(tx, org.id, body.year, caller.level))!;
  });
}
