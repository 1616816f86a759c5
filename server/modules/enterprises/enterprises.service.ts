// Employers for the join form (suggestions as the worker types), the places a worker can choose,
// and the founding targets of a town: employers without a union whose workers joined the town.
import type { Deps, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { bigramsOf, likePattern } from '../../http/search.ts';
import { findEnterpriseByCreditCode, suggestEnterprises } from '../members/routing.service.ts';
import { gigPlatforms } from '../../../contracts/members.ts';
import * as repo from './enterprises.repo.ts';

/** Employers whose name contains the text (or the one with that credit code), a page of them. */
export async function suggestEmployers(deps: Deps, f: { q: string; page: number; pageSize: number }) {
  // An 18-character code is looked up as a unified social credit code.
  const code = f.q.trim().toUpperCase();
  const offset = (f.page - 1) * f.pageSize;
  const { items, total } = /^[0-9A-Z]{18}$/.test(code)
    ? await findEnterpriseByCreditCode(deps.db, code).then((e) => ({ items: e && offset === 0 ? [e] : [], total: e ? 1 : 0 }))
    : await suggestEnterprises(deps.db, bigramsOf(f.q), likePattern(f.q), f.pageSize, offset);
  return {
    items: items.map((e) => ({ id: e.id, name: e.name, creditCode: e.creditCode, hasUnion: e.unionOrgId != null && e.unionStatus === 'active', townName: e.townName })),
    total,
  };
}

/**
 * The regional unions a worker picks a place of work from: the province's cities, a city's
 * counties, a county's towns (public names only), a page of them. Throws not_found for a parent
 * that is not one.
 */
export async function listPlaces(deps: Deps, f: { parentId?: number | undefined; page: number; pageSize: number }) {
  const parent = await repo.findPlaceParent(deps.db, f.parentId);
  if (!parent) throw new AppError('not_found');
  return repo.findPlaces(deps.db, parent.id, f.pageSize, (f.page - 1) * f.pageSize);
}

/**
 * Founding targets in the scope's towns: employers without a union with at least `threshold` active
 * members (kind employer), or gig clusters — a town's members of one platform, at least `threshold`,
 * where the city has no federation of that platform's industry (kind gig).
 */
export async function listFoundingTargets(ctx: StaffContext, f: { threshold: number; kind?: 'employer' | 'gig' | undefined; page: number; pageSize: number }) {
  if (f.kind === 'gig') {
    const { items, total } = await repo.findGigClusters(ctx.db, ctx.scope, {
      threshold: f.threshold,
      platforms: gigPlatforms.map((p) => p.name),
      industries: gigPlatforms.map((p) => p.industry),
      limit: f.pageSize,
      offset: (f.page - 1) * f.pageSize,
    });
    return {
      items: items.map((r) => ({ kind: 'gig' as const, enterprise: null, gig: { platform: r.platform, industry: r.industry }, town: { id: r.townId, name: r.townName }, members: r.members })),
      total,
    };
  }
  const { items, total } = await repo.findFoundingTargets(ctx.db, ctx.scope, {
    threshold: f.threshold,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return {
    items: items.map((r) => ({ kind: 'employer' as const, enterprise: { id: r.id, name: r.name, creditCode: r.creditCode }, gig: null, town: { id: r.townId, name: r.townName }, members: r.members })),
    total,
  };
}
