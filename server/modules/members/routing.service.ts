// Which union a worker joins, and why — told to the worker in plain Chinese.
//  1. An employer that has a union → that union.
//  2. A known employer without one → the federation of its town or street; the employer becomes
//     a founding target (建会目标) once enough of its workers have joined this way.
//  3. An employer nobody knew → recorded under the town where the worker works, as in rule 2.
//  4. No fixed employer (新就业形态) → the industry federation for that platform in that city if
//     one exists, else the town or street federation of where the worker works (网上会员之家).
//  5. A place of work whose towns are not open online yet (a county, or a city without counties,
//     with no town below it) → that county's or city's union takes the application (never approved
//     at once: a person there decides), and the worker is told so. No worker is turned away.
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { isValidCreditCode } from '../../../contracts/china-codes.ts';
import { gigPlatforms } from '../../../contracts/members.ts';
import * as repo from './routing.repo.ts';

/** How employer names compare (the enterprise file's register and fact writer use the same key). */
export const enterpriseNameKey = repo.enterpriseNameKey;

export type RouteRule = 'employer_union' | 'employer_town' | 'new_employer_town' | 'gig_industry' | 'gig_town' | 'uncovered_area';

export interface Route {
  org: { id: number; name: string; path: string };
  rule: RouteRule;
  reason: string;
  enterpriseId: number | null;
  employerName: string | null;
  gigPlatform: string | null;
  workOrgId: number | null;
}

/** A route decided by reads alone: what it would write, and whether its union approves at once. */
export interface PlannedRoute extends Route {
  autoApprove: boolean;
  /** An employer nobody knew, to be recorded under the town by whoever files (rule 3). */
  newEnterprise: { name: string; creditCode: string | null; townOrgId: number } | null;
}

export interface RouteInput {
  employerName?: string | undefined;
  employerCreditCode?: string | undefined;
  gigPlatform?: string | undefined;
  workOrgId?: number | undefined;
}

/**
 * The place a worker names: a town (镇街), or a county or city with no town open below it, whose own
 * union then takes the application (isUncovered). Throws work_place_required, invalid_work_place.
 */
function workPlace(place: repo.OrgRow | undefined, workOrgId: number | undefined): { org: repo.OrgRow; isUncovered: boolean } {
  if (workOrgId === undefined) throw new AppError('work_place_required');
  if (!place || place.status !== 'active') throw new AppError('invalid_work_place');
  if (place.level === 'town') return { org: place, isUncovered: false };
  if ((place.level === 'county' || place.level === 'city') && place.hasTowns === false) return { org: place, isUncovered: true };
  throw new AppError('invalid_work_place');
}

/** What a worker in an area not open online is told: who takes the application, and what follows. */
function uncoveredReason(org: { name: string }): string {
  const area = org.name.replace(/总工会$/, '');
  return `${area}的镇（街道）工会暂未开通线上入会，您的申请由${org.name}受理审核，无需另行提交；审核结果以短信通知您，当地镇（街道）工会开通后可转入。如有疑问请拨打 12351 职工服务热线。`;
}

function viaEnterprise(e: repo.EnterpriseRow, input: RouteInput): PlannedRoute {
  const common = { enterpriseId: e.id, employerName: e.name, gigPlatform: null, workOrgId: input.workOrgId ?? null, autoApprove: e.autoApprove, newEnterprise: null };
  if (e.unionOrgId && e.unionStatus === 'active') {
    return {
      ...common,
      org: { id: e.unionOrgId, name: e.unionName!, path: e.unionPath! },
      rule: 'employer_union',
      reason: `您的工作单位“${e.name}”已建立工会，您将加入本单位工会。`,
    };
  }
  return {
    ...common,
    org: { id: e.townOrgId, name: e.townName, path: e.townPath },
    rule: 'employer_town',
    reason: `您的工作单位“${e.name}”尚未建立工会，您将先加入单位所在地的${e.townName}；单位建会后可转入单位工会。`,
  };
}

/** The employer with this unified social credit code, with its town and union, or undefined. */
export function findEnterpriseByCreditCode(q: Queryable, code: string): Promise<repo.EnterpriseRow | undefined> {
  return repo.findEnterpriseByCreditCode(q, code);
}

/** The employer of the register with this id, with its town and union, or undefined. */
export function findEnterpriseById(q: Queryable, id: number): Promise<repo.EnterpriseRow | undefined> {
  return repo.findEnterpriseById(q, id);
}

/** A page of employers whose name contains the text (name pairs and a LIKE pattern, from server/http/search.ts), shortest names first, with how many match. */
export function suggestEnterprises(q: Queryable, pairs: string[], like: string, limit: number, offset = 0): Promise<{ items: repo.EnterpriseRow[]; total: number }> {
  return repo.suggestEnterprises(q, pairs, like, limit, offset);
}

/**
 * Decides the union for a worker by reads alone — one round trip for each kind of answer — so that
 * it runs before any transaction opens. An employer nobody knew comes back as `newEnterprise`.
 * Throws invalid_credit_code, employer_name_required, employer_required, work_place_required,
 * invalid_work_place.
 */
export async function planRoute(q: Queryable, input: RouteInput): Promise<PlannedRoute> {
  const code = input.employerCreditCode?.toUpperCase();
  if (code !== undefined && code !== '') {
    if (!isValidCreditCode(code)) throw new AppError('invalid_credit_code');
    const known = await repo.findEnterpriseByCreditCode(q, code);
    if (known) return viaEnterprise(known, input);
  }
  if (input.employerName) {
    const found = await repo.findEnterpriseByNameAndPlace(q, input.employerName, input.workOrgId ?? null);
    if (found.enterprise) return viaEnterprise(found.enterprise, input);
    const { org: town, isUncovered } = workPlace(found.place, input.workOrgId);
    return {
      org: { id: town.id, name: town.name, path: town.path },
      rule: isUncovered ? 'uncovered_area' : 'new_employer_town',
      reason: isUncovered
        ? `平台尚未登记“${input.employerName}”的工会。${uncoveredReason(town)}`
        : `平台尚未登记“${input.employerName}”的工会，您将先加入工作所在地的${town.name}；单位建会后可转入单位工会。`,
      enterpriseId: null,
      employerName: input.employerName,
      gigPlatform: null,
      workOrgId: town.id,
      autoApprove: town.autoApprove && !isUncovered,
      newEnterprise: { name: input.employerName, creditCode: code || null, townOrgId: town.id },
    };
  }
  if (code) throw new AppError('employer_name_required');
  if (input.gigPlatform) {
    if (input.workOrgId === undefined) throw new AppError('work_place_required');
    const industry = gigPlatforms.find((p) => p.name === input.gigPlatform)?.industry ?? '';
    const found = await repo.findPlaceAndFederation(q, input.workOrgId, industry || null);
    const { org: town, isUncovered } = workPlace(found.place, input.workOrgId);
    const common = { enterpriseId: null, employerName: null, gigPlatform: input.gigPlatform, workOrgId: town.id, newEnterprise: null };
    if (found.federation) {
      const f = found.federation;
      return {
        ...common,
        org: { id: f.id, name: f.name, path: f.path },
        rule: 'gig_industry',
        reason: `您是${input.gigPlatform}平台的${industry}从业者，您将加入本市的${f.name}。`,
        autoApprove: f.autoApprove,
      };
    }
    if (isUncovered) {
      return { ...common, org: { id: town.id, name: town.name, path: town.path }, rule: 'uncovered_area', reason: uncoveredReason(town), autoApprove: false };
    }
    return {
      ...common,
      org: { id: town.id, name: town.name, path: town.path },
      rule: 'gig_town',
      reason: `您没有固定工作单位，您将加入工作所在地的${town.name}（网上会员之家）。`,
      autoApprove: town.autoApprove,
    };
  }
  throw new AppError('employer_required');
}

/** Records the employer a route met for the first time (in the caller's transaction); its id. */
export async function recordNewEnterprise(q: Queryable, route: PlannedRoute): Promise<number | null> {
  if (!route.newEnterprise) return route.enterpriseId;
  return repo.insertEnterprise(q, route.newEnterprise);
}

/** Decides the union and records an employer nobody knew, in the caller's transaction. */
export async function routeWorker(q: Queryable, input: RouteInput): Promise<Route> {
  const planned = await planRoute(q, input);
  const enterpriseId = await recordNewEnterprise(q, planned);
  const { autoApprove: _a, newEnterprise: _n, ...route } = planned;
  return { ...route, enterpriseId };
}
