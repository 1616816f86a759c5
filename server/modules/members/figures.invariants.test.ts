// The members' tallies (migration 050) against the rows they summarise. A factory tree (a city, 3
// counties, 6 towns, 40 unions), 500 random operations in date order over 24 months (joins dated in the
// past, transfers across and inside subtrees, departures, deaths, suspensions, rejoins, roster-style
// bulk inserts in one statement, employers sized, linked and merged), then a town moved to another
// county: every org's 24-month series equals a replay of member_event computed here; Σ of every
// month's net flow = org_rollup = a direct count; member_facet, enterprise_tally and
// enterprise.member_count = direct counts; the set-based rebuild = the kept tallies. The demo data of
// the fixture (loaded in bulk, then rebuilt) holds the same invariant at every org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { createRng } from '../../db/seed/people.ts';
import { memberSeries } from './series.repo.ts';
import { addMonths } from './series.service.ts';

let t: TestApp;


const bjMonth = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
const counted = (s: string | null) => !['left', 'deceased'].includes(s ?? 'active');

interface Tree {
  city: number;
  counties: number[];
  towns: number[];
  unions: number[];
  all: number[];
}

let tree: Tree;
const memberIds: number[] = [];
const enterprises: number[] = [];

async function paths(): Promise<Map<number, number[]>> {
  const rows = await t.db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE id = ANY($1::bigint[])`, [tree.all]);
  return new Map(rows.map((r) => [r.id, r.path.split('.').map(Number)]));
}

interface Ev {
  id: number;
  memberId: number;
  at: Date;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  fromOrgId: number | null;
  toOrgId: number | null;
}

async function events(): Promise<Ev[]> {
  return t.db.query<Ev>(
    `SELECT id::int AS id, member_id::int AS "memberId", at, kind, from_status AS "fromStatus", to_status AS "toStatus",
            from_org_id::int AS "fromOrgId", to_org_id::int AS "toOrgId"
       FROM member_event WHERE member_id = ANY($1::bigint[]) AND kind IN ('joined', 'rejoined', 'status', 'transferred')
      ORDER BY at, id`,
    [memberIds],
  );
}

const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const months = () => Array.from({ length: 24 }, (_, i) => addMonths(thisMonth(), i - 23).slice(0, 7));

/**
 * The series of every org of the tree computed from the events alone: members at each month's end
 * under the tree of that moment (`before` until the move, `after` for the month it happened in),
 * joins, departures and transfers across the org's border.
 */
function replay(evs: Ev[], before: Map<number, number[]>, after: Map<number, number[]>, movedThisMonth: boolean) {
  const out = new Map<number, Map<string, { members: number; joins: number; departures: number; transfersIn: number; transfersOut: number }>>();
  const under = (p: Map<number, number[]>, orgId: number | null, o: number) => orgId != null && (p.get(orgId) ?? []).includes(o);
  const ms = months();
  for (const o of tree.all) {
    const row = new Map<string, { members: number; joins: number; departures: number; transfersIn: number; transfersOut: number }>();
    for (const m of ms) {
      const p = movedThisMonth && m === thisMonth() ? after : before;
      const state = new Map<number, { org: number; counted: boolean }>();
      let joins = 0, departures = 0, transfersIn = 0, transfersOut = 0;
      for (const e of evs) {
        const em = bjMonth(e.at);
        if (em > m) break;
        const cur = state.get(e.memberId);
        if (e.kind === 'joined' || e.kind === 'rejoined') {
          state.set(e.memberId, { org: e.toOrgId!, counted: true });
          if (em === m && under(before, e.toOrgId, o)) joins++;
        } else if (e.kind === 'transferred') {
          state.set(e.memberId, { org: e.toOrgId!, counted: true });
          if (em === m) {
            const f = under(before, e.fromOrgId, o), to = under(before, e.toOrgId, o);
            if (f && !to) transfersOut++;
            if (to && !f) transfersIn++;
          }
        } else if (e.kind === 'status' && cur) {
          if (em === m && counted(e.fromStatus) && !counted(e.toStatus) && under(before, cur.org, o)) departures++;
          state.set(e.memberId, { org: cur.org, counted: counted(e.toStatus) });
        }
      }
      let members = 0;
      for (const s of state.values()) if (s.counted && under(p, s.org, o)) members++;
      row.set(m, { members, joins, departures, transfersIn, transfersOut });
    }
    out.set(o, row);
  }
  return out;
}

async function expectSeriesEqualReplay(before: Map<number, number[]>, after: Map<number, number[]>, moved: boolean) {
  const expected = replay(await events(), before, after, moved);
  const ms = months();
  for (const o of tree.all) {
    const got = await memberSeries(t.db, o, `${ms[0]}-01`, `${ms[23]}-01`);
    const want = ms.map((m) => ({ month: m, ...expected.get(o)!.get(m)! }));
    expect(got, `org ${o}`).toEqual(want);
  }
}

/** Orgs (anywhere) whose Σ of net flows differs from org_rollup, or org_rollup from a direct count. */
async function netDrift(onlyTree: boolean) {
  return t.db.query(
    `WITH net AS (SELECT org_id, sum(joined + rejoined - left_ + moved_in - moved_out + reorg_in - reorg_out)::int AS n FROM member_month GROUP BY 1),
          roll AS (SELECT org_id, sum(members)::int AS n FROM org_rollup GROUP BY 1)
     SELECT o.id, coalesce(net.n, 0) AS net, coalesce(roll.n, 0) AS rollup
       FROM org o LEFT JOIN net ON net.org_id = o.id LEFT JOIN roll ON roll.org_id = o.id
      WHERE coalesce(net.n, 0) <> coalesce(roll.n, 0) ${onlyTree ? 'AND o.id = ANY($1::bigint[])' : ''}`,
    onlyTree ? [tree.all] : [],
  );
}

async function directDrift() {
  const facets = await t.db.query(
    `WITH direct AS (
       SELECT a.id AS org_id, f.facet, count(*)::int AS n
         FROM member m JOIN org o ON o.id = m.org_id
        CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
        CROSS JOIN LATERAL (SELECT 'women' AS facet WHERE m.sex = 'female' UNION ALL SELECT 'gig' WHERE m.gig_platform IS NOT NULL
                            UNION ALL SELECT 'modelWorker' WHERE 'modelWorker' = ANY (m.groups) UNION ALL SELECT 'craftsman' WHERE 'craftsman' = ANY (m.groups)) f
        WHERE m.status NOT IN ('left', 'deceased') GROUP BY 1, 2),
          kept AS (SELECT org_id, facet, sum(n)::int AS n FROM member_facet GROUP BY 1, 2)
     SELECT coalesce(d.org_id, k.org_id) AS org_id, coalesce(d.facet, k.facet) AS facet, d.n AS direct, k.n AS kept
       FROM direct d FULL JOIN kept k ON k.org_id = d.org_id AND k.facet = d.facet
      WHERE coalesce(d.n, 0) <> coalesce(k.n, 0)`,
  );
  const counts = await t.db.query(
    `SELECT e.id, e.member_count, (SELECT count(*)::int FROM member m WHERE m.enterprise_id = e.id AND m.status NOT IN ('left', 'deceased')) AS direct
       FROM enterprise e
      WHERE e.member_count <> (SELECT count(*)::int FROM member m WHERE m.enterprise_id = e.id AND m.status NOT IN ('left', 'deceased'))`,
  );
  const tally = await t.db.query(
    `WITH direct AS (
       SELECT a.id AS org_id, count(*)::int AS enterprises, count(*) FILTER (WHERE e.union_org_id IS NOT NULL)::int AS unionised,
              count(*) FILTER (WHERE e.employees > 0)::int AS sized, coalesce(sum(e.employees) FILTER (WHERE e.employees > 0), 0)::int AS employees,
              coalesce(sum(e.member_count) FILTER (WHERE e.employees > 0), 0)::int AS members_sized
         FROM enterprise e JOIN org o ON o.id = e.town_org_id
        CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
        WHERE e.merged_into IS NULL GROUP BY 1),
          kept AS (SELECT org_id, sum(enterprises)::int AS enterprises, sum(unionised)::int AS unionised, sum(sized)::int AS sized,
                          sum(employees)::int AS employees, sum(members_sized)::int AS members_sized FROM enterprise_tally GROUP BY 1)
     SELECT coalesce(d.org_id, k.org_id) AS org_id, d.*, k.*
       FROM direct d FULL JOIN kept k ON k.org_id = d.org_id
      WHERE (coalesce(d.enterprises, 0), coalesce(d.unionised, 0), coalesce(d.sized, 0), coalesce(d.employees, 0), coalesce(d.members_sized, 0))
            <> (coalesce(k.enterprises, 0), coalesce(k.unionised, 0), coalesce(k.sized, 0), coalesce(k.employees, 0), coalesce(k.members_sized, 0))`,
  );
  const rollup = await t.db.query(
    `SELECT o.id FROM org o
      WHERE o.id = ANY($1::bigint[])
        AND (SELECT coalesce(sum(members), 0) FROM org_rollup r WHERE r.org_id = o.id)
            <> (SELECT count(*) FROM member m JOIN org d ON d.id = m.org_id WHERE d.path <@ o.path AND m.status NOT IN ('left', 'deceased'))`,
    [tree.all],
  );
  return { facets, counts, tally, rollup };
}

const noDrift = { facets: [], counts: [], tally: [], rollup: [] };

async function snapshot() {
  const month = await t.db.query(
    `SELECT org_id::int, month::text, sum(joined)::int AS j, sum(rejoined)::int AS r, sum(left_)::int AS l, sum(moved_in)::int AS mi,
            sum(moved_out)::int AS mo, sum(reorg_in - reorg_out)::int AS reorg
       FROM member_month GROUP BY 1, 2
     HAVING sum(joined) <> 0 OR sum(rejoined) <> 0 OR sum(left_) <> 0 OR sum(moved_in) <> 0 OR sum(moved_out) <> 0 OR sum(reorg_in - reorg_out) <> 0
      ORDER BY 1, 2`,
  );
  const facet = await t.db.query(`SELECT org_id::int, facet, sum(n)::int AS n FROM member_facet GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 2`);
  const tally = await t.db.query(
    `SELECT org_id::int, sum(enterprises)::int AS e, sum(unionised)::int AS u, sum(sized)::int AS s, sum(employees)::int AS emp, sum(members_sized)::int AS ms
       FROM enterprise_tally GROUP BY 1 HAVING sum(enterprises) <> 0 ORDER BY 1`,
  );
  const counts = await t.db.query(`SELECT id::int, member_count FROM enterprise ORDER BY id`);
  return { month, facet, tally, counts };
}

beforeAll(async () => {
  t = await startTestApp();
  const city = await t.make.org({ level: 'city', name: '会员合计测试市总工会' });
  tree = { city: city.id, counties: [], towns: [], unions: [], all: [city.id] };
  for (let c = 0; c < 3; c++) {
    const county = await t.make.org({ parent: city, level: 'county', name: `会员合计测试${c}区总工会` });
    tree.counties.push(county.id);
    for (let w = 0; w < 2; w++) {
      const town = await t.make.org({ parent: county, level: 'town', name: `会员合计测试${c}区${w}街道总工会` });
      tree.towns.push(town.id);
    }
  }
  for (let u = 0; u < 40; u++) {
    const union = await t.make.org({ parent: tree.towns[u % 6]!, level: 'grassroots', kind: 'enterprise', name: `会员合计测试${u}号公司工会` });
    tree.unions.push(union.id);
  }
  tree.all.push(...tree.counties, ...tree.towns, ...tree.unions);
  for (let e = 0; e < 10; e++) {
    const made = await t.make.enterprise({ town: tree.towns[e % 6]!, union: e % 3 === 0 ? tree.unions[e]! : null, employees: e % 2 === 0 ? 20 + e : null });
    enterprises.push(made.id);
  }
}, 300_000);

afterAll(async () => t?.close());

describe('member tallies (050)', () => {
  let before: Map<number, number[]>;

  it('500 random operations over 24 months: series = replay of the events; Σ net = org_rollup; facets, employers = direct counts', async () => {
    const r = createRng(16050);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const first = Date.parse(`${addMonths(thisMonth(), -23)}T00:00:00Z`);
    const span = Date.now() - 2 * 86_400_000 - first;
    const days = Array.from({ length: 500 }, () => new Date(first + r() * span).toISOString().slice(0, 10)).sort();
    const status = async (id: number) => (await t.db.query<{ status: string; orgId: number }>(`SELECT status, org_id::int AS "orgId" FROM member WHERE id = $1`, [id]))[0]!;
    for (const [i, day] of days.entries()) {
      const op = memberIds.length < 20 ? 0 : r();
      if (op < 0.4) {
        const sex = r() < 0.5 ? 'female' : 'male';
        const groups = [...(sex === 'female' ? ['women'] : []), ...(r() < 0.1 ? ['modelWorker'] : []), ...(r() < 0.1 ? ['craftsman'] : [])];
        const m = await t.make.member({
          org: pick(tree.unions), sex, groups, joinedOn: day, gigPlatform: r() < 0.2 ? '美团' : null,
          enterpriseId: r() < 0.5 ? pick(enterprises) : null, status: 'active',
        });
        memberIds.push(m.id);
      } else if (op < 0.55) {
        const id = pick(memberIds);
        const m = await status(id);
        if (!['active', 'suspended'].includes(m.status)) continue;
        // across or inside a subtree, whichever the dice say
        const to = pick([...tree.unions, ...tree.towns]);
        if (to === m.orgId) continue;
        await t.db.query(`UPDATE member SET org_id = $2, status = 'active', enterprise_id = $3 WHERE id = $1`, [id, to, r() < 0.3 ? pick(enterprises) : null]);
        await t.db.query(
          `INSERT INTO member_event (member_id, at, kind, from_status, to_status, from_org_id, to_org_id, actor_kind) VALUES ($1, $2, 'transferred', 'transferring', 'active', $3, $4, 'system')`,
          [id, day, m.orgId, to],
        );
      } else if (op < 0.7) {
        const id = pick(memberIds);
        const m = await status(id);
        if (!['active', 'suspended'].includes(m.status)) continue;
        const to = r() < 0.85 ? 'left' : r() < 0.5 ? 'deceased' : m.status === 'active' ? 'suspended' : 'active';
        await t.db.query(`UPDATE member SET status = $2 WHERE id = $1`, [id, to]);
        await t.db.query(`INSERT INTO member_event (member_id, at, kind, from_status, to_status, actor_kind) VALUES ($1, $2, 'status', $3, $4, 'staff')`, [id, day, m.status, to]);
      } else if (op < 0.82) {
        const id = pick(memberIds);
        const m = await status(id);
        if (m.status !== 'left') continue;
        const to = pick(tree.unions);
        // as a roster rejoin: the event first, then the member
        await t.db.query(
          `INSERT INTO member_event (member_id, at, kind, from_status, to_status, from_org_id, to_org_id, actor_kind) VALUES ($1, $2, 'rejoined', 'left', 'active', $3, $4, 'staff')`,
          [id, day, m.orgId, to],
        );
        await t.db.query(`UPDATE member SET org_id = $2, status = 'active' WHERE id = $1`, [id, to]);
      } else if (op < 0.9) {
        // a roster batch: members and their events in one statement each, as rosters.repo.ts writes them
        const org = pick(tree.unions);
        const n = 2 + Math.floor(r() * 8);
        const ent = r() < 0.5 ? pick(enterprises) : null;
        const rows = await t.db.query<{ id: number }>(
          `WITH m AS (
             INSERT INTO member (org_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_masked, groups, enterprise_id, gig_platform, joined_on)
             SELECT $1, '名册会员', CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END, '1990-01-01', '\\x00'::bytea,
                    decode(md5($3 || ':' || g), 'hex'), '4401**********0000',
                    CASE WHEN g % 2 = 0 THEN ARRAY['women'] ELSE ARRAY['craftsman'] END, $4::bigint, CASE WHEN g % 3 = 0 THEN '饿了么' END, $2::date
               FROM generate_series(1, $5::int) AS g
             RETURNING id),
           e AS (INSERT INTO member_event (member_id, at, kind, to_status, to_org_id, actor_kind) SELECT id, $2::date, 'joined', 'active', $1, 'staff' FROM m)
           SELECT id::int AS id FROM m`,
          [org, day, `roster-${i}`, ent, n],
        );
        memberIds.push(...rows.map((x) => x.id));
      } else if (op < 0.95) {
        const e = pick(enterprises);
        await t.db.query(`UPDATE enterprise SET employees = $2, union_org_id = coalesce(union_org_id, $3) WHERE id = $1`, [e, r() < 0.2 ? null : 5 + Math.floor(r() * 200), r() < 0.3 ? pick(tree.unions) : null]);
      } else {
        // employers' members change employer in bulk; a second employer moves town
        const [a, b] = [pick(enterprises), pick(enterprises)];
        if (a !== b) await t.db.query(`UPDATE member SET enterprise_id = $2 WHERE enterprise_id = $1`, [a, b]);
        await t.db.query(`UPDATE enterprise SET town_org_id = $2 WHERE id = $1`, [pick(enterprises), pick(tree.towns)]);
      }
    }
    // one employer merged into another: its members moved first, then it is kept as merged
    await t.db.query(`UPDATE member SET enterprise_id = $2 WHERE enterprise_id = $1`, [enterprises[1], enterprises[2]]);
    await t.db.query(`UPDATE enterprise SET merged_into = $2 WHERE id = $1`, [enterprises[1], enterprises[2]]);
    expect(memberIds.length).toBeGreaterThan(150);
    const kinds = Object.fromEntries((await events()).reduce((m, e) => m.set(e.kind, (m.get(e.kind) ?? 0) + 1), new Map<string, number>()));
    expect(kinds.transferred).toBeGreaterThan(20);
    expect(kinds.status).toBeGreaterThan(20);
    expect(kinds.rejoined).toBeGreaterThan(0);

    before = await paths();
    await expectSeriesEqualReplay(before, before, false);
    expect(await netDrift(true)).toEqual([]);
    expect(await directDrift()).toEqual(noDrift);
  }, 600_000);

  it('the set-based rebuild equals the kept tallies (the fixture demo included)', async () => {
    const kept = await snapshot();
    await t.db.query('SELECT gh_member_figures_rebuild()');
    const rebuilt = await snapshot();
    expect(rebuilt.month).toEqual(kept.month);
    expect(rebuilt.facet).toEqual(kept.facet);
    expect(rebuilt.tally).toEqual(kept.tally);
    expect(rebuilt.counts).toEqual(kept.counts);
    // and the demo of the fixture ends consistent at every org
    expect(await netDrift(false)).toEqual([]);
  }, 300_000);

  it('a town moved to another county: reorg out and in this month; the series still equals the replay', async () => {
    const admin = await t.login((await t.make.staff({ org: tree.city, username: 'mf_city_admin', roles: ['admin'] })).username);
    const town = tree.towns[0]!;
    const moved = await t.request('POST', `/api/orgs/${town}/move`, { as: admin, body: { newParentId: tree.counties[2] } });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = await paths();
    await expectSeriesEqualReplay(before, after, true);
    expect(await netDrift(true)).toEqual([]);
    expect(await directDrift()).toEqual(noDrift);
    const [reorg] = await t.db.query<{ out: number; in_: number }>(
      `SELECT sum(reorg_out)::int AS out, sum(reorg_in)::int AS in_ FROM member_month WHERE org_id = ANY($1::bigint[]) AND month = $2::date`,
      [[tree.counties[0], tree.counties[2]], `${thisMonth()}-01`],
    );
    const [held] = await t.db.query<{ n: number }>(`SELECT coalesce(sum(members), 0)::int AS n FROM org_rollup WHERE org_id = $1`, [town]);
    expect(reorg).toEqual({ out: held!.n, in_: held!.n });
    // after a rebuild the history follows the town (no reorg), and every figure still adds up
    await t.db.query('SELECT gh_member_figures_rebuild()');
    expect(await netDrift(false)).toEqual([]);
    expect(await directDrift()).toEqual(noDrift);
  }, 600_000);
});
