// The demo's enterprise files (一企一档, issue 16), recorded through the fact writer as the
// system (source 'seed', no audit): 广州市精明珠宝有限公司 (番禺 沙头街, seed page 000: the district's
// survey of collective bargaining and democratic management — a wage contract, 职代会, 厂务公开), the
// 三个一批 showcase federation of 化州 (seed page 004's first congress: 13 committee members, 经审 3,
// 女职委 3), sizes for 化州's employers so 入会率 shows, and one contract expiring within 60 days (an
// alert to see). 南岸街道工联会 is a town-level org in the tree, and facts are a grassroots union's
// (docs/design/enterprise-b.md), so its congress is recorded on the 化州 federation instead.
import type { Db, Queryable } from '../client.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { recordFact, type FactInput, type FactWriter } from '../../modules/enterprises/facts.service.ts';
import { DEMO_ORGS } from './demo-keys.ts';

const system: FactWriter = { staffId: null, orgId: null, actorName: null, ip: null };

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monthsAgo = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

async function fact(db: Queryable, input: Omit<FactInput, 'source' | 'audit'>) {
  return recordFact(db, system, { ...input, source: 'seed', audit: false });
}

async function one<T>(db: Queryable, sql: string, params: unknown[]): Promise<T | undefined> {
  return (await db.query<T & object>(sql, params))[0];
}

export async function loadDemoEnterpriseFiles(db: Db): Promise<void> {
  const today = beijingDay();
  await db.transaction(async (tx) => {
    // 番禺 沙头街: 广州市精明珠宝有限公司 (the small demo's tree only)
    const jewel = await one<{ id: number; orgId: number }>(tx,
      `SELECT e.id::int AS id, o.id::int AS "orgId" FROM org o JOIN enterprise e ON e.union_org_id = o.id WHERE o.name = '广州市精明珠宝有限公司工会' LIMIT 1`, []);
    if (jewel) {
      await fact(tx, { enterpriseId: jewel.id, kind: 'industry', value: { section: 'C', detail: '珠宝首饰' }, asOf: '2009-10-12' });
      await fact(tx, { enterpriseId: jewel.id, kind: 'ownership', value: { ownership: 'private' }, asOf: '2009-10-12' });
      await fact(tx, { enterpriseId: jewel.id, kind: 'size', value: { employees: 280 }, asOf: monthsAgo(today, 14) });
      await fact(tx, { enterpriseId: jewel.id, kind: 'size', value: { employees: 320, women: 190 }, asOf: monthsAgo(today, 2), note: '番禺区总工会会同沙头街工会调研时核实' });
      await fact(tx, { orgId: jewel.orgId, kind: 'workersCongress', value: { heldOn: monthsAgo(today, 3), delegates: 45, womenDelegates: 26 }, asOf: monthsAgo(today, 3) });
      await fact(tx, { orgId: jewel.orgId, kind: 'openAffairs', value: { implemented: true, form: '职代会' }, asOf: '2019-03-01' });
      const signed = monthsAgo(today, 9);
      await fact(tx, { orgId: jewel.orgId, kind: 'collectiveContract', value: { type: 'wage', signedOn: signed, startsOn: signed, expiresOn: addDays(monthsAgo(today, -3), 0), coveredWorkers: 300 }, asOf: signed, note: '工资集体协商：珠宝加工岗位计件单价' });
      await fact(tx, { orgId: jewel.orgId, kind: 'committee', value: { committee: 'women', established: true, members: 3 }, asOf: '2012-03-08' });
    }

    // 化州: the 三个一批 showcase (石湾社区工会联合会) — its first congress (seed page 004)
    const shiwan = await one<{ id: number }>(tx,
      `SELECT o.id::int AS id FROM org o JOIN org c ON o.path <@ c.path
        WHERE c.name = $1 AND o.level = 'grassroots' AND o.status = 'active'
        ORDER BY (o.name LIKE '%石湾%') DESC, (o.kind = 'federation') DESC, o.id LIMIT 1`, [DEMO_ORGS.huazhou]);
    if (shiwan) {
      const held = monthsAgo(today, 4);
      await fact(tx, { orgId: shiwan.id, kind: 'workersCongress', value: { heldOn: held, delegates: 60 }, asOf: held, note: '第一次会员代表大会：选举第一届委员 13 名' });
      await fact(tx, { orgId: shiwan.id, kind: 'committee', value: { committee: 'audit', established: true, members: 3 }, asOf: held });
      await fact(tx, { orgId: shiwan.id, kind: 'committee', value: { committee: 'women', established: true, members: 3 }, asOf: held });
    }

    // 化州's employers with a union: a size each (so 入会率 shows), one contract expiring within 60 days
    const employers = await tx.query<{ id: number; orgId: number; members: number }>(
      `SELECT e.id::int AS id, e.union_org_id::int AS "orgId",
              (SELECT count(*)::int FROM member m WHERE m.enterprise_id = e.id AND m.status NOT IN ('left', 'deceased')) AS members
         FROM enterprise e JOIN org u ON u.id = e.union_org_id JOIN org c ON u.path <@ c.path
        WHERE c.name = $1 AND e.employees IS NULL ORDER BY e.id LIMIT 8`, [DEMO_ORGS.huazhou]);
    for (const [i, e] of employers.entries()) {
      const employees = Math.max(20, Math.round((e.members || 16) * (1.1 + (i % 4) * 0.15)));
      await fact(tx, { enterpriseId: e.id, kind: 'size', value: { employees }, asOf: monthsAgo(today, 1 + (i % 6)) });
      if (i === 0) {
        const signed = monthsAgo(today, 35);
        await fact(tx, { orgId: e.orgId, kind: 'collectiveContract', value: { type: 'general', signedOn: signed, startsOn: signed, expiresOn: addDays(today, 45), coveredWorkers: employees }, asOf: signed });
        await fact(tx, { orgId: e.orgId, kind: 'workersCongress', value: { heldOn: monthsAgo(today, 15), delegates: 30 }, asOf: monthsAgo(today, 15) });
      }
    }
  });
}
