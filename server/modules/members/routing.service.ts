// Which union a worker joins, and why — told to the worker in plain Chinese.
//  1. An employer that has a union → that union.
//  2. A known employer without one → the federation of its town or street; the employer becomes
//     a founding target (建会目标) once enough of its workers have joined this way.
//  3. An employer nobody knew → recorded under the town where the worker works, as in rule 2.
//  4. No fixed employer (新就业形态) → the industry federation for that platform in that city if
//     one exists, else the town or street federation of where the worker works (网上会员之家).
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { isValidCreditCode } from '../../../contracts/china-codes.ts';
import { gigPlatforms } from '../../../contracts/members.ts';
import * as repo from './routing.repo.ts';

export type RouteRule = 'employer_union' | 'employer_town' | 'new_employer_town' | 'gig_industry' | 'gig_town';

export interface Route {
  org: { id: number; name: string; path: string };
  rule: RouteRule;
  reason: string;
  enterpriseId: number | null;
  employerName: string | null;
  gigPlatform: string | null;
  workOrgId: number | null;
}

export interface RouteInput {
  employerName?: string | undefined;
  employerCreditCode?: string | undefined;
  gigPlatform?: string | undefined;
  workOrgId?: number | undefined;
}

/** The town (镇街) org a worker names as the place of work. Throws invalid_work_place. */
async function getWorkTown(q: Queryable, workOrgId: number | undefined): Promise<repo.OrgRow> {
  if (workOrgId === undefined) throw new AppError('work_place_required');
  const town = await repo.getOrgRow(q, workOrgId);
  if (!town || town.level !== 'town' || town.status !== 'active') throw new AppError('invalid_work_place');
  return town;
}

function viaEnterprise(e: repo.EnterpriseRow, input: RouteInput): Route {
  if (e.unionOrgId && e.unionStatus === 'active') {
    return {
      org: { id: e.unionOrgId, name: e.unionName!, path: e.unionPath! },
      rule: 'employer_union',
      reason: `您的工作单位“${e.name}”已建立工会，您将加入本单位工会。`,
      enterpriseId: e.id,
      employerName: e.name,
      gigPlatform: null,
      workOrgId: input.workOrgId ?? null,
    };
  }
  return {
    org: { id: e.townOrgId, name: e.townName, path: e.townPath },
    rule: 'employer_town',
    reason: `您的工作单位“${e.name}”尚未建立工会，您将先加入单位所在地的${e.townName}；单位建会后可转入单位工会。`,
    enterpriseId: e.id,
    employerName: e.name,
    gigPlatform: null,
    workOrgId: input.workOrgId ?? null,
  };
}

/**
 * Decides the union for a worker. Writes only when it meets an employer nobody knew (it records
 * it), so call it inside the transaction that files the application.
 * Throws invalid_credit_code, employer_required, work_place_required, invalid_work_place.
 */
export async function routeWorker(q: Queryable, input: RouteInput): Promise<Route> {
  const code = input.employerCreditCode?.toUpperCase();
  if (code !== undefined && code !== '') {
    if (!isValidCreditCode(code)) throw new AppError('invalid_credit_code');
    const known = await repo.findEnterpriseByCreditCode(q, code);
    if (known) return viaEnterprise(known, input);
  }
  if (input.employerName) {
    const known = await repo.findEnterpriseByName(q, input.employerName);
    if (known) return viaEnterprise(known, input);
    const town = await getWorkTown(q, input.workOrgId);
    const enterpriseId = await repo.insertEnterprise(q, { name: input.employerName, creditCode: code || null, townOrgId: town.id });
    return {
      org: { id: town.id, name: town.name, path: town.path },
      rule: 'new_employer_town',
      reason: `平台尚未登记“${input.employerName}”的工会，您将先加入工作所在地的${town.name}；单位建会后可转入单位工会。`,
      enterpriseId,
      employerName: input.employerName,
      gigPlatform: null,
      workOrgId: town.id,
    };
  }
  if (code) throw new AppError('employer_name_required');
  if (input.gigPlatform) {
    const town = await getWorkTown(q, input.workOrgId);
    const industry = gigPlatforms.find((p) => p.name === input.gigPlatform)?.industry ?? '';
    const federation = industry ? await repo.findIndustryFederation(q, town.path, industry) : undefined;
    if (federation) {
      return {
        org: { id: federation.id, name: federation.name, path: federation.path },
        rule: 'gig_industry',
        reason: `您是${input.gigPlatform}平台的${industry}从业者，您将加入本市的${federation.name}。`,
        enterpriseId: null,
        employerName: null,
        gigPlatform: input.gigPlatform,
        workOrgId: town.id,
      };
    }
    return {
      org: { id: town.id, name: town.name, path: town.path },
      rule: 'gig_town',
      reason: `您没有固定工作单位，您将加入工作所在地的${town.name}（网上会员之家）。`,
      enterpriseId: null,
      employerName: null,
      gigPlatform: input.gigPlatform,
      workOrgId: town.id,
    };
  }
  throw new AppError('employer_required');
}
