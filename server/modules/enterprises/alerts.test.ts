// The register's `alert` filter: the employers the workbench counts, listed — per alert the list's total
// is the workbench's count (a fresh town, its county and the province), the items are the employers
// built for it, the export has the same rows, scope holds, and a bad value is refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { EnterpriseAlert, EnterpriseSummary } from '../../../contracts/enterprises-register.ts';
import type { Workbench } from '../../../contracts/workbench.ts';
import type { MadeOrg } from '../../db/seed/factories.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let townAdmin: Session;
let townViewer: Session;
const built = {} as Record<EnterpriseAlert, number[]>;

const countOf: Record<EnterpriseAlert, (w: Workbench['fileAlerts']) => number> = {
  contractExpiring: (w) => w.contractsExpiring.count,
  noCongress: (w) => w.unionsWithoutCongress.count,
  membersOverEmployees: (w) => w.membersOverEmployees.count,
};
const alerts = Object.keys(countOf) as EnterpriseAlert[];

function dayFrom(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function bench(as: Session): Promise<Workbench['fileAlerts']> {
  const res = await t.request('GET', '/api/workbench', { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Workbench>().fileAlerts;
}

async function list(as: Session, query: string): Promise<{ items: EnterpriseSummary[]; total: number }> {
  const res = await t.request('GET', `/api/enterprises?${query}`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang')]);
  const today = beijingDay();
  const town = await t.make.org({ parent: await t.demoOrg('huazhou'), level: 'town', kind: 'federation', federationType: 'town' });
  const staff = await t.make.staff({ org: town, roles: ['clerk'] });
  townAdmin = await t.login(staff.username, staff.password);
  const viewer = await t.make.staff({ org: town, roles: ['viewer'] });
  townViewer = await t.login(viewer.username, viewer.password);

  const contract = (type: string, expiresOn: string) => ({ type, signedOn: '2024-01-01', startsOn: '2024-01-01', expiresOn, coveredWorkers: 50 });
  const union = () => t.make.org({ parent: town });
  // contracts: the general one in 60 days (the window's last day), the wage one today, the women's one in 61 days (not),
  // one expired yesterday (not)
  const [cGeneral, cWage, cLate, cPast] = [await union(), await union(), await union(), await union()];
  await t.make.fact({ org: cGeneral, kind: 'collectiveContract', value: contract('general', dayFrom(today, 60)) });
  await t.make.fact({ org: cWage, kind: 'collectiveContract', value: contract('wage', today) });
  await t.make.fact({ org: cLate, kind: 'collectiveContract', value: contract('women', dayFrom(today, 61)) });
  await t.make.fact({ org: cPast, kind: 'collectiveContract', value: contract('general', dayFrom(today, -1)) });
  // congresses: one 11 months ago (fine), one 13 months ago (counted); a union whose only fact is a contract has none (counted)
  const [gRecent, gOld] = [await union(), await union()];
  await t.make.fact({ org: gRecent, kind: 'workersCongress', value: { heldOn: dayFrom(today, -330), delegates: 30 } });
  await t.make.fact({ org: gOld, kind: 'workersCongress', value: { heldOn: dayFrom(today, -400), delegates: 30 } });
  // every union above has a file, so the congress rule holds for all but gRecent
  await t.make.fact({ org: cGeneral, kind: 'workersCongress', value: { heldOn: dayFrom(today, -10), delegates: 20 } });
  await t.make.fact({ org: cWage, kind: 'workersCongress', value: { heldOn: dayFrom(today, -10), delegates: 20 } });

  const e = (union: MadeOrg | null, employees: number | null = null) => t.make.enterprise({ town, union, employees });
  const general = await e(cGeneral);
  const generalJoint = await e(null);
  await t.make.fact({ enterprise: generalJoint, kind: 'union', value: { orgId: cGeneral.id, coverage: 'joint' } });
  const wage = await e(cWage);
  const late = await e(cLate);
  const past = await e(cPast);
  const recent = await e(gRecent);
  const old = await e(gOld);
  // a merged duplicate of `old` is in no list and no count
  const dup = await e(gOld, 1);
  await t.make.member({ org: town, enterpriseId: dup.id });
  await t.make.member({ org: town, enterpriseId: dup.id });
  await t.db.query(`UPDATE enterprise SET merged_into = $1 WHERE id = $2`, [old.id, dup.id]);
  // size: 1 reported and 2 members (over), 2 and 2 (not), none reported (not)
  const over = await e(null, 1);
  const even = await e(null, 2);
  const unsized = await e(null);
  for (const x of [over, even, unsized]) for (let i = 0; i < 2; i++) await t.make.member({ org: town, enterpriseId: x.id });
  // a closed union's employer is left out of the contract and congress alerts
  const closed = await union();
  await t.make.fact({ org: closed, kind: 'collectiveContract', value: contract('general', dayFrom(today, 5)) });
  const closedEmployer = await e(closed);
  await t.db.query(`UPDATE org SET status = 'closed', closed_on = $2::date WHERE id = $1`, [closed.id, today]);

  built.contractExpiring = [general.id, generalJoint.id, wage.id];
  built.noCongress = [late.id, past.id, old.id];
  built.membersOverEmployees = [over.id];
  void recent;
  void closedEmployer;
});
afterAll(async () => t.close());

describe('the register’s alert filter', () => {
  it('lists, per alert, exactly the employers built for it in the town; the total is the workbench’s count at the town, the city and the province', async () => {
    const mine = await bench(townAdmin);
    for (const alert of alerts) {
      const page = await list(townAdmin, `alert=${alert}&pageSize=100`);
      expect(page.items.map((x) => x.id).sort((a, b) => a - b), alert).toEqual([...built[alert]].sort((a, b) => a - b));
      expect(page.total, alert).toBe(countOf[alert](mine));
    }
    for (const as of [huazhou, admin, yangjiang]) {
      const counts = await bench(as);
      for (const alert of alerts) expect((await list(as, `alert=${alert}&pageSize=1`)).total, alert).toBe(countOf[alert](counts));
    }
    // 阳江 sees none of the town's employers
    for (const alert of alerts) {
      const ids = (await list(yangjiang, `alert=${alert}&pageSize=100`)).items.map((x) => x.id);
      expect(ids.filter((id) => built[alert].includes(id))).toEqual([]);
    }
  });

  it('combines with the other filters and the paging: the pages add up to the total', async () => {
    const withUnion = await list(townAdmin, 'alert=membersOverEmployees&hasUnion=1');
    expect(withUnion.total).toBe(0);
    const first = await list(townAdmin, 'alert=contractExpiring&pageSize=2&page=1');
    const second = await list(townAdmin, 'alert=contractExpiring&pageSize=2&page=2');
    expect(first.total).toBe(3);
    expect([...first.items, ...second.items].map((x) => x.id).sort((a, b) => a - b)).toEqual([...built.contractExpiring].sort((a, b) => a - b));
    // a viewer reads the list as the workbench counts it (the 去查看 button is offered to every role)
    expect((await list(townViewer, 'alert=noCongress')).total).toBe((await bench(townViewer)).unionsWithoutCongress.count);
  });

  it('exports the same rows, audited', async () => {
    for (const alert of alerts) {
      const res = await t.request('GET', `/api/enterprises/export.xlsx?alert=${alert}`, { as: townAdmin });
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const names = wb.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as unknown[])[1]);
      const page = await list(townAdmin, `alert=${alert}&pageSize=100`);
      expect(names.sort(), alert).toEqual(page.items.map((x) => x.name).sort());
    }
  });

  it('refuses an unknown alert on the list and the export with a Chinese message, writing nothing', async () => {
    const audits = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
    const before = await audits();
    for (const bad of ['expiring', 'CONTRACTEXPIRING', '', 'contractExpiring,noCongress']) {
      for (const url of ['/api/enterprises', '/api/enterprises/export.xlsx']) {
        const res = await t.request('GET', `${url}?alert=${encodeURIComponent(bad)}`, { as: townAdmin });
        expect(res.statusCode, `${url} ${bad}`).toBe(400);
        expect(res.json()).toMatchObject({ error: 'validation_failed' });
        expect(res.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const twice = await t.request('GET', '/api/enterprises?alert=noCongress&alert=contractExpiring', { as: townAdmin });
    expect(twice.statusCode).toBe(400);
    expect(await audits()).toBe(before);
  });
});
