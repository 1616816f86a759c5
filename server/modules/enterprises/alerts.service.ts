// The workbench's file alerts (design: docs/design/enterprise-file.md §9 "Alert counts on the
// workbench"): for the caller's subtree, the employers whose union has a collective contract expiring
// within 60 days, whose grassroots union's last 职代会 is more than 12 months ago, whose members exceed
// their reported employees — each counted as the register's rows with that `alert` filter, so the
// list it links to shows exactly that many — and the open founding requests.
import type { EnterpriseAlert } from '../../../contracts/enterprises-register.ts';
import type { StaffContext } from '../../http/context.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import * as repo from './alerts.repo.ts';
import { countRegister } from './register.repo.ts';

export const CONTRACT_EXPIRY_DAYS = 60;
export const CONGRESS_MONTHS = 12;

/** Adds days (or months) to a YYYY-MM-DD day, as a calendar day. */
function shiftDay(day: string, by: { days?: number; months?: number }): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (by.months) d.setUTCMonth(d.getUTCMonth() + by.months);
  if (by.days) d.setUTCDate(d.getUTCDate() + by.days);
  return d.toISOString().slice(0, 10);
}

/** The rule of an alert on the Beijing day `today`: the days its condition is judged by. */
export function fileAlertRule(alert: EnterpriseAlert, today: string = beijingDay()): repo.FileAlertRule {
  switch (alert) {
    case 'contractExpiring':
      return { alert, from: today, until: shiftDay(today, { days: CONTRACT_EXPIRY_DAYS }) };
    case 'noCongress':
      return { alert, since: shiftDay(today, { months: -CONGRESS_MONTHS }) };
    case 'membersOverEmployees':
      return { alert };
  }
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

/** The four counts of the caller's subtree (the first three are employers), today being the Beijing day `today`. */
export async function countFileAlerts(ctx: StaffContext, today: string = beijingDay()): Promise<FileAlerts> {
  const [contracts, congress, over, requests] = await Promise.all([
    countRegister(ctx.db, ctx.scope, { alert: fileAlertRule('contractExpiring', today) }),
    countRegister(ctx.db, ctx.scope, { alert: fileAlertRule('noCongress', today) }),
    countRegister(ctx.db, ctx.scope, { alert: fileAlertRule('membersOverEmployees', today) }),
    repo.countOpenFoundingRequests(ctx.db, ctx.scope),
  ]);
  return {
    contractsExpiring: { count: contracts, link: `/enterprises?alert=contractExpiring` },
    unionsWithoutCongress: { count: congress, link: `/enterprises?alert=noCongress` },
    membersOverEmployees: { count: over, link: `/enterprises?alert=membersOverEmployees` },
    openFoundingRequests: { count: requests, link: `/founding-requests?open=true` },
  };
}
