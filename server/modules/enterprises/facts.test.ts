// The fact writer of the enterprise file: a fact supersedes the key's current one and is never
// overwritten (the database refuses UPDATE and DELETE), the trigger copies each kind's value onto the
// current columns, two editors of one key never overwrite each other unseen, and bad values are
// refused with nothing written. On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { makeCreditCode } from '../../../contracts/china-codes.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { recordFact, type FactWriter } from './facts.service.ts';

let t: TestApp;
const system: FactWriter = { staffId: null, orgId: null, actorName: null, ip: null };
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const factCount = async (where: string, id: number) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_fact WHERE ${where} = $1`, [id]))[0]!.n;

describe('employer facts', () => {
  it('a second size supersedes the first: both kept, the file shows the second', async () => {
    const e = await t.make.enterprise();
    const first = await t.make.fact({ enterprise: e, kind: 'size', value: { employees: 120 }, asOf: '2025-06-30' });
    const second = await t.make.fact({ enterprise: e, kind: 'size', value: { employees: 150 }, asOf: '2026-06-30' });
    expect(second.supersedesId).toBe(first.id);
    const [row] = await t.db.query<{ employees: number; asOf: string }>(
      `SELECT employees, to_char(employees_as_of, 'YYYY-MM-DD') AS "asOf" FROM enterprise WHERE id = $1`, [e.id]);
    expect(row).toEqual({ employees: 150, asOf: '2026-06-30' });
    const history = await t.db.query<{ id: number; employees: number }>(
      `SELECT id::int AS id, (value->>'employees')::int AS employees FROM enterprise_fact WHERE enterprise_id = $1 AND key = 'size' ORDER BY id`, [e.id]);
    expect(history.map((h) => h.employees)).toEqual([120, 150]);
  });

  it('the database refuses to update or delete a fact', async () => {
    const e = await t.make.enterprise();
    const f = await t.make.fact({ enterprise: e, kind: 'ownership', value: { ownership: 'private' } });
    await expect(t.db.query(`UPDATE enterprise_fact SET note = 'x' WHERE id = $1`, [f.id])).rejects.toThrow();
    await expect(t.db.query(`DELETE FROM enterprise_fact WHERE id = $1`, [f.id])).rejects.toThrow();
    expect(await factCount('enterprise_id', e.id)).toBe(1);
  });

  it('each employer kind lands on its current column', async () => {
    const town = await t.make.org({ level: 'town' });
    const union = await t.make.org({ level: 'grassroots', parent: town });
    const e = await t.make.enterprise({ town });
    const code = makeCreditCode('91', '440781', 'MA5TET1K');
    await t.make.fact({ enterprise: e, kind: 'identity', value: { name: '台山市测试物流有限公司', creditCode: code.toLowerCase() } });
    await t.make.fact({ enterprise: e, kind: 'industry', value: { section: 'G', detail: '道路货物运输' } });
    await t.make.fact({ enterprise: e, kind: 'address', value: { address: '台山市台城街道测试路 1 号', townId: town.id } });
    await t.make.fact({ enterprise: e, kind: 'platforms', value: { platforms: ['货拉拉'] } });
    await t.make.fact({ enterprise: e, kind: 'union', value: { orgId: union.id, coverage: 'joint' } });
    const [row] = await t.db.query(
      `SELECT name, credit_code AS "creditCode", industry_section AS section, industry, address, platforms,
              union_org_id::int AS "unionOrgId", union_coverage AS coverage FROM enterprise WHERE id = $1`, [e.id]);
    expect(row).toEqual({ name: '台山市测试物流有限公司', creditCode: code, section: 'G', industry: '道路货物运输', address: '台山市台城街道测试路 1 号',
      platforms: ['货拉拉'], unionOrgId: union.id, coverage: 'joint' });
  });

  it('refuses a union code for an employer, a bad check character, and a code another employer holds', async () => {
    const holder = await t.make.enterprise({ creditCode: makeCreditCode('91', '440781', 'MA5TET2K') });
    const e = await t.make.enterprise();
    const tryIdentity = (creditCode: string) => t.make.fact({ enterprise: e, kind: 'identity', value: { name: '测试单位甲', creditCode } });
    await expect(tryIdentity(makeCreditCode('81', '440781', 'MA5TET3K'))).rejects.toMatchObject({ code: 'credit_code_is_union' });
    await expect(tryIdentity('91440781MA5TET2K00')).rejects.toMatchObject({ code: 'invalid_credit_code' });
    await expect(tryIdentity(holder.creditCode!)).rejects.toMatchObject({ code: 'enterprise_exists' });
    expect(await factCount('enterprise_id', e.id)).toBe(0);
  });

  it('two editors of one key: the one who saw an older fact is refused with fact_changed', async () => {
    const e = await t.make.enterprise();
    const seen = await t.make.fact({ enterprise: e, kind: 'size', value: { employees: 10 } });
    await recordFact(t.db, system, { enterpriseId: e.id, kind: 'size', value: { employees: 11 }, asOf: beijingDay(), source: 'staff', basedOn: seen.id, audit: false });
    await expect(recordFact(t.db, system, { enterpriseId: e.id, kind: 'size', value: { employees: 12 }, asOf: beijingDay(), source: 'staff', basedOn: seen.id, audit: false }))
      .rejects.toMatchObject({ code: 'fact_changed' });
    // two first records racing: the database's index lets one in
    const fresh = await t.make.enterprise();
    const race = await Promise.allSettled([1, 2].map((n) => t.db.transaction((tx) =>
      recordFact(tx, system, { enterpriseId: fresh.id, kind: 'ownership', value: { ownership: n === 1 ? 'private' : 'foreign' }, asOf: beijingDay(), source: 'staff', basedOn: null, audit: false }))));
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await factCount('enterprise_id', fresh.id)).toBe(1);
  });

  it('refuses a date in the future or before 1949, and a union kind on an employer', async () => {
    const e = await t.make.enterprise();
    await expect(t.make.fact({ enterprise: e, kind: 'size', value: { employees: 5 }, asOf: '2999-01-01' })).rejects.toMatchObject({ code: 'fact_date_invalid' });
    await expect(t.make.fact({ enterprise: e, kind: 'size', value: { employees: 5 }, asOf: '1900-01-01' })).rejects.toMatchObject({ code: 'fact_date_invalid' });
    await expect(t.make.fact({ enterprise: e, kind: 'chair', value: { name: '李明' } })).rejects.toMatchObject({ code: 'fact_subject_invalid' });
    await expect(t.make.fact({ enterprise: e, kind: 'size', value: { employees: -1 } })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await factCount('enterprise_id', e.id)).toBe(0);
  });
});

describe('union facts', () => {
  it('write the union file, the chair, the founding date and the legal number', async () => {
    const u = await t.make.org({ level: 'grassroots' });
    const number = makeCreditCode('81', '440781', 'MA5UNH1K');
    await t.make.fact({ org: u, kind: 'chair', value: { name: '陈志强' } });
    await t.make.fact({ org: u, kind: 'founded', value: { foundedOn: '2026-03-18' } });
    await t.make.fact({ org: u, kind: 'legalPerson', value: { registered: true, number, registeredOn: '2026-04-02' } });
    await t.make.fact({ org: u, kind: 'committee', value: { committee: 'audit', established: true, members: 3 }, asOf: '2026-03-18' });
    await t.make.fact({ org: u, kind: 'collectiveContract', value: { type: 'wage', signedOn: '2026-01-05', startsOn: '2026-01-10', expiresOn: '2028-12-31', coveredWorkers: 120 } });
    await t.make.fact({ org: u, kind: 'workersCongress', value: { heldOn: '2026-05-01', delegates: 40 } });
    await t.make.fact({ org: u, kind: 'funds', value: { year: 2026, remittedFen: 1_200_000 } });
    const [org] = await t.db.query(`SELECT chair_name AS chair, to_char(founded_on, 'YYYY-MM-DD') AS founded, credit_code AS code FROM org WHERE id = $1`, [u.id]);
    expect(org).toEqual({ chair: '陈志强', founded: '2026-03-18', code: number });
    const [file] = await t.db.query(
      `SELECT legal_registered AS reg, to_char(audit_committee_on, 'YYYY-MM-DD') AS audit, to_char(wage_contract_expires_on, 'YYYY-MM-DD') AS wage,
              wage_contract_covered AS covered, to_char(last_congress_on, 'YYYY-MM-DD') AS congress, congress_delegates AS delegates,
              funds_year AS year, funds_remitted_fen::int AS fen
         FROM union_file WHERE org_id = $1`, [u.id]);
    expect(file).toEqual({ reg: true, audit: '2026-03-18', wage: '2028-12-31', covered: 120, congress: '2026-05-01', delegates: 40, year: 2026, fen: 1_200_000 });
  });

  it('refuses a contract ending before it starts, a legal number not 81…, and one another union holds', async () => {
    const u = await t.make.org({ level: 'grassroots' });
    const other = await t.make.org({ level: 'grassroots' });
    const taken = makeCreditCode('81', '440781', 'MA5UNH2K');
    await t.make.fact({ org: other, kind: 'legalPerson', value: { registered: true, number: taken } });
    await expect(t.make.fact({ org: u, kind: 'collectiveContract', value: { type: 'general', signedOn: '2026-01-05', startsOn: '2026-01-10', expiresOn: '2025-12-31', coveredWorkers: 1 } }))
      .rejects.toMatchObject({ code: 'collective_contract_dates_invalid' });
    await expect(t.make.fact({ org: u, kind: 'legalPerson', value: { registered: true, number: makeCreditCode('91', '440781', 'MA5UNH3K') } }))
      .rejects.toMatchObject({ code: 'union_legal_number_invalid' });
    await expect(t.make.fact({ org: u, kind: 'legalPerson', value: { registered: true, number: taken } })).rejects.toMatchObject({ code: 'credit_code_taken' });
    await expect(t.make.fact({ org: u, kind: 'size', value: { employees: 3 } })).rejects.toMatchObject({ code: 'fact_subject_invalid' });
    expect(await factCount('org_id', u.id)).toBe(0);
  });

  it('only a grassroots union keeps a file', async () => {
    const town = await t.make.org({ level: 'town' });
    await expect(t.make.fact({ org: town, kind: 'chair', value: { name: '王芳' } })).rejects.toMatchObject({ code: 'fact_subject_invalid' });
  });
});
