// Employers for the join form (suggestions as the worker types), the places a worker can choose,
// and the founding targets of a town: employers without a union whose workers joined the town.
import type { Deps, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { bigramsOf, likePattern } from '../orgs/orgs.repo.ts';
import { findEnterpriseByCreditCode, suggestEnterprises } from '../members/routing.repo.ts';
import * as repo from './enterprises.repo.ts';

/** Up to 10 employers whose name contains the text. */
export async function suggestEmployers(deps: Deps, q: string) {
  // An 18-character code is looked up as a unified social credit code.
  const code = q.trim().toUpperCase();
  const rows = /^[0-9A-Z]{18}$/.test(code)
    ? [await findEnterpriseByCreditCode(deps.db, code)].filter((e) => e !== undefined)
    : await suggestEnterprises(deps.db, bigramsOf(q), likePattern(q), 10);
  return rows.map((e) => ({ id: e.id, name: e.name, creditCode: e.creditCode, hasUnion: e.unionOrgId != null && e.unionStatus === 'active', townName: e.townName }));
}

/**
 * The regional unions a worker picks a place of work from: the province's cities, a city's
 * counties, a county's towns (public names only). Throws not_found for a parent that is not one.
 */
export async function listPlaces(deps: Deps, parentId: number | undefined) {
  const parent = await repo.findPlaceParent(deps.db, parentId);
  if (!parent) throw new AppError('not_found');
  return repo.findPlaces(deps.db, parent.id);
}

/** Employers without a union with at least `threshold` active members in the scope's towns. */
export async function listFoundingTargets(ctx: StaffContext, f: { threshold: number; page: number; pageSize: number }) {
  const { items, total } = await repo.findFoundingTargets(ctx.db, ctx.scope, {
    threshold: f.threshold,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return {
    items: items.map((r) => ({ enterprise: { id: r.id, name: r.name, creditCode: r.creditCode }, town: { id: r.townId, name: r.townName }, members: r.members })),
    total,
  };
}
