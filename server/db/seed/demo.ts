// The demo: created on first start of the embedded database (demo mode only), from the seed pages'
// unions and people plus generated grassroots unions and members.
import type { Db } from '../client.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { verifyPassword } from '../../lib/password.ts';
import type { StaffRole } from '../../../contracts/auth.ts';
import { attachFoundingTargets, loadEnterprises, loadMembers, loadOrgs } from './load.ts';
import { buildTree, type SeedOrg } from './tree.ts';
import { loadDemoActivities } from './activities.ts';
import { loadDemoCampaigns } from './campaigns.ts';
import { loadDemoHardship } from './hardship.ts';
import { loadDemoLegal } from './legal.ts';
import { loadDemoTickets } from './tickets.ts';
import { loadDemoSupervision } from './supervision.ts';
import { loadDemoPlaces } from './places.ts';
import { loadDemoPlaceStatus } from './place-status.ts';
import { loadDemoPlaceBookings } from './place-bookings.ts';
import { loadDemoChildcare } from './childcare.ts';
import { DEMO_ORGS, type DemoOrgKey } from './demo-keys.ts';
import { FACTORY_PASSWORD, staffFactory } from './factories.ts';

import { loadDemoEnterpriseFiles } from './enterprise-files.ts';

import { loadDemoMemberHistory } from './member-history.ts';

import { loadDemoDrives } from './drives.ts';
import { loadDemoSkills } from './skills.ts';

import { loadDemoStrengthening } from './strengthening.ts';

import { loadDemoOfficialFigures } from './official-figures.ts';

/** The demo accounts' password (factory staff share it, so tests log in with t.login(username)). */
export const DEMO_PASSWORD = FACTORY_PASSWORD;

export interface DemoAccount {
  username: string;
  displayName: string;
  /** the account's union (DEMO_ORGS) */
  org: DemoOrgKey;
  orgName: string;
  roles: StaffRole[];
}

const account = (username: string, displayName: string, org: DemoOrgKey, roles: StaffRole[]): DemoAccount => ({ username, displayName, org, orgName: DEMO_ORGS[org], roles });

/** The demo accounts of the API contract, and a few more to show roles. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  account('admin', '省总系统管理员', 'province', ['admin', 'reviewer', 'clerk']),
  account('huazhou', '化州市总工会管理员', 'huazhou', ['admin', 'reviewer', 'clerk']),
  account('yangjiang', '阳江市总工会管理员', 'yangjiang', ['admin', 'reviewer', 'clerk']),
  account('shenzhen', '深圳市总工会管理员', 'shenzhen', ['admin', 'reviewer', 'clerk']),
  account('shiwan', '石湾街道工联会经办人', 'shiwan', ['reviewer', 'clerk']),
  account('huazhou-view', '化州市总工会（只读）', 'huazhou', ['viewer']),
  account('taishan', '台山市总工会管理员', 'taishan', ['admin', 'reviewer', 'clerk']),
];
const CONTRACT_DEMO_USERNAMES = ['admin', 'huazhou', 'yangjiang', 'shenzhen'];

export interface DemoSize {
  orgs: number;
  members: number;
  staff: number;
}

/** Creates the demo data if the database has no org yet; returns what it created, or undefined. */
export async function ensureDemoData(
  db: Db,
  pii: PiiCipher,
  opts: { scale: 'small' | 'test'; log?: (msg: string) => void },
): Promise<DemoSize | undefined> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM org');
  if ((row?.n ?? 0) > 0) return undefined;
  opts.log?.(`creating demo data (${opts.scale}) …`);
  const orgs = buildTree(opts.scale);
  await loadOrgs(db, orgs);
  const enterprises = await loadEnterprises(db, orgs);
  const members = await loadMembers(db, pii, orgs, { count: opts.scale === 'small' ? 50000 : 3000, enterprises });
  await attachFoundingTargets(db);
  // Platform workers join the delivery riders' federation of 深圳 at once (seed page 004's card).
  await db.query(`UPDATE org SET auto_approve = true WHERE name = $1`, [DEMO_ORGS.shenzhenRiders]);
  const staff = await createDemoStaff(db, orgs);
  await loadDemoActivities(db);
  await loadDemoCampaigns(db);
  await loadDemoHardship(db, pii);
  await loadDemoLegal(db, pii);
  await loadDemoTickets(db, pii);
  await loadDemoSupervision(db, pii);
  await loadDemoPlaces(db, pii, { scale: opts.scale });
  await loadDemoPlaceStatus(db, pii);
  await loadDemoPlaceBookings(db, pii);
  await loadDemoChildcare(db);

  await loadDemoEnterpriseFiles(db);

  await loadDemoMemberHistory(db);

  await loadDemoDrives(db, pii, { scale: opts.scale });

  await loadDemoStrengthening(db, pii, { scale: opts.scale });

  await loadDemoOfficialFigures(db);

  await loadDemoSkills(db, pii);

  return { orgs: orgs.length, members, staff };
}

async function createDemoStaff(db: Db, orgs: SeedOrg[]): Promise<number> {
  const byName = new Map(orgs.map((o) => [o.name, o]));
  const addStaff = staffFactory(db);
  let n = 0;
  for (const a of DEMO_ACCOUNTS) {
    const org = byName.get(a.orgName);
    if (!org) continue;
    await addStaff({ orgId: org.id, username: a.username, displayName: a.displayName, roles: a.roles, password: DEMO_PASSWORD, isDemo: true });
    n++;
  }
  return n;
}

/** Production refuses to start while any demo account is present (flagged, or the contract's names with the demo password). */
export async function refuseDemoAccountsInProduction(db: Db): Promise<void> {
  const rows = await db.query<{ username: string; isDemo: boolean; passwordHash: string }>(
    `SELECT username, is_demo AS "isDemo", password_hash AS "passwordHash" FROM staff
      WHERE is_demo OR username = ANY($1::text[])`,
    [CONTRACT_DEMO_USERNAMES],
  );
  for (const r of rows) {
    if (r.isDemo || (await verifyPassword(DEMO_PASSWORD, r.passwordHash))) {
      throw new Error(`production refuses to start: demo account "${r.username}" is present (remove it or change its password)`);
    }
  }
}
