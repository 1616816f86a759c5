// The members' 24-month line of a subtree (一屏总览): members at each month's end, joins (joined +
// rejoined), departures (left or deceased), transfers in and out across the subtree's border. A union
// moved in the tree (reorg) changes the members line but is not counted as a transfer.
// Design: docs/design/enterprise-file.md §7; docs/design/enterprise-tallies.md.
import type { MemberSeries } from '../../../contracts/member-figures.ts';
import { AppError } from '../../errors.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import * as repo from './series.repo.ts';

export const SERIES_MONTHS = 24;

/** The first day (YYYY-MM-01) of the month `n` months after `month` (YYYY-MM); n may be negative. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The 24 months ending `to` (default this Beijing month) of the subtree of `orgId` (default the
 * scope's union). Throws not_found (outside the scope), dashboard_period_invalid (`to` after this month).
 */
export async function getMemberSeries(ctx: StaffContext, f: { orgId?: number; to?: string }): Promise<MemberSeries> {
  const thisMonth = beijingDay().slice(0, 7);
  const to = f.to ?? thisMonth;
  if (to > thisMonth) throw new AppError('dashboard_period_invalid');
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const months = await repo.memberSeries(ctx.db, org.id, addMonths(to, 1 - SERIES_MONTHS), `${to}-01`);
  return { orgId: org.id, orgName: org.name, months };
}
