// The workbench's file alerts (design: docs/design/enterprise-file.md §9 "Alert counts on the
// workbench"): for the caller's subtree, collective contracts expiring within 60 days, unions whose
// last 职代会 is more than 12 months ago, employers whose members exceed their reported employees, and
// open founding requests — each with the console page that lists them.
import type { StaffContext } from '../../http/context.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import * as repo from './alerts.repo.ts';

export const CONTRACT_EXPIRY_DAYS = 60;
export const CONGRESS_MONTHS = 12;

/** Adds days (or months) to a YYYY-MM-DD day, as a calendar day. */
function shiftDay(day: string, by: { days?: number; months?: number }): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (by.months) d.setUTCMonth(d.getUTCMonth() + by.months);
  if (by.days) d.setUTCDate(d.getUTCDate() + by.days);
  return d.toISOString().slice(0, 10);
}

export interface FileAlert {
  count: number;
  /** the console page that lists them (its query as the list reads it) */
  link: string;
}

export interface FileAlerts {
  contractsExpiring: FileAlert;
  unionsWithoutCongress: FileAlert;
  membersOverEmployees: FileAlert;
  openFoundingRequests: FileAlert;
}

/** The four counts of the caller's subtree, today being the Beijing day `today`. */
export async function countFileAlerts(ctx: StaffContext, today: string = beijingDay()): Promise<FileAlerts> {
  const [contracts, congress, over, requests] = await Promise.all([
    repo.countContractsExpiring(ctx.db, ctx.scope, today, shiftDay(today, { days: CONTRACT_EXPIRY_DAYS })),
    repo.countUnionsWithoutCongress(ctx.db, ctx.scope, shiftDay(today, { months: -CONGRESS_MONTHS })),
    repo.countMembersOverEmployees(ctx.db, ctx.scope),
    repo.countOpenFoundingRequests(ctx.db, ctx.scope),
  ]);
  return {
    contractsExpiring: { count: contracts, link: `/enterprises?alert=contractExpiring` },
    unionsWithoutCongress: { count: congress, link: `/enterprises?alert=noCongress` },
    membersOverEmployees: { count: over, link: `/enterprises?alert=membersOverEmployees` },
    openFoundingRequests: { count: requests, link: `/founding-requests?open=true` },
  };
}
