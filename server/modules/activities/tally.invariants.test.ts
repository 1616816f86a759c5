// The activities' tally (migration 057) against the rows it summarises. A factory tree (a city, 2
// counties, 4 towns, 8 unions), 400 random operations — activities published in six months, views
// (and views removed), sign-ups inserted in every status, moved in and out of 'confirmed' one by one
// and in bulk, activities cancelled, moved to another month and to another union — then a town moved
// to another county: for every org of the tree and every month, the kept activities, visits and
// participants equal a direct count of its subtree's published activities, and the set-based rebuild
// equals the kept tally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { createRng } from '../../db/seed/people.ts';

let t: TestApp;
const tree = { city: 0, counties: [] as number[], towns: [] as number[], unions: [] as number[], all: [] as number[] };
const members: number[] = [];
const activities: number[] = [];


beforeAll(async () => {
  t = await startTestApp();
  const city = await t.make.org({ level: 'city', name: '活动合计测试市总工会' });
  tree.city = city.id;
  for (let c = 0; c < 2; c++) {
    const county = await t.make.org({ parent: city, level: 'county', name: `活动合计测试${c}区总工会` });
    tree.counties.push(county.id);
    for (let w = 0; w < 2; w++) {
      const town = await t.make.org({ parent: county, level: 'town', name: `活动合计测试${c}区${w}街道总工会` });
      tree.towns.push(town.id);
      for (let u = 0; u < 2; u++) {
        const union = await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: `活动合计测试${c}${w}${u}号公司工会` });
        tree.unions.push(union.id);
      }
    }
  }
  tree.all = [tree.city, ...tree.counties, ...tree.towns, ...tree.unions];
  for (let i = 0; i < 12; i++) members.push((await t.make.member({ org: tree.unions[i % 8]!, status: 'active' })).id);
}, 300_000);

afterAll(async () => t?.close());

const kept = () =>
  t.db.query<{ org: number; month: string; activities: number; visits: number; participants: number }>(
    `SELECT org_id::int AS org, to_char(month, 'YYYY-MM') AS month, sum(activities)::int AS activities, sum(visits)::int AS visits,
            sum(participants)::int AS participants
       FROM activity_month WHERE org_id = ANY($1::bigint[])
      GROUP BY 1, 2 HAVING sum(activities) <> 0 OR sum(visits) <> 0 OR sum(participants) <> 0 ORDER BY 1, 2`,
    [tree.all],
  );

const direct = () =>
  t.db.query<{ org: number; month: string; activities: number; visits: number; participants: number }>(
    `SELECT x.id::int AS org, to_char(a.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS activities,
            sum((SELECT count(*) FROM activity_view v WHERE v.activity_id = a.id))::int AS visits,
            sum((SELECT count(*) FROM activity_signup s WHERE s.activity_id = a.id AND s.status = 'confirmed'))::int AS participants
       FROM org x JOIN org o ON o.path <@ x.path JOIN activity a ON a.org_id = o.id AND a.status = 'published'
      WHERE x.id = ANY($1::bigint[])
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [tree.all],
  );

describe('activity tally (057)', () => {
  it('400 random operations: every org and month of the tree = a direct count of its subtree', async () => {
    const r = createRng(16057);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    // starts in one of six Beijing months around now, at 10:00 Beijing time on the 15th
    const startsAt = () => {
      const d = new Date();
      d.setUTCDate(15);
      d.setUTCMonth(d.getUTCMonth() - 3 + Math.floor(r() * 6));
      d.setUTCHours(2, 0, 0, 0);
      return d;
    };
    for (let i = 0; i < 400; i++) {
      const op = activities.length < 5 ? 0 : r();
      if (op < 0.15) {
        const at = startsAt();
        const [a] = await t.db.query<{ id: number }>(
          `INSERT INTO activity (org_id, title, kind, places, allocation, signup_opens_at, signup_closes_at, starts_at, cancel_deadline)
           VALUES ($1, '合计测试活动', 'culture', 50, 'first_come', $2::timestamptz - interval '10 days', $2::timestamptz - interval '1 day', $2, $2::timestamptz - interval '1 day')
           RETURNING id::int AS id`,
          [pick([...tree.unions, ...tree.towns]), at],
        );
        activities.push(a!.id);
      } else if (op < 0.4) {
        await t.db.query(`INSERT INTO activity_view (activity_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [pick(activities), pick(members)]);
      } else if (op < 0.62) {
        await t.db.query(
          `INSERT INTO activity_signup (activity_id, batch_no, member_id, status, decided_at) VALUES ($1, 1, $2, $3, now()) ON CONFLICT DO NOTHING`,
          [pick(activities), pick(members), pick(['confirmed', 'confirmed', 'waitlisted', 'entered'])],
        );
      } else if (op < 0.75) {
        const [s] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM activity_signup WHERE activity_id = ANY($1::bigint[]) AND status <> 'cancelled' ORDER BY md5(id || $2) LIMIT 1`, [activities, String(i)]);
        if (!s) continue;
        const to = pick(['confirmed', 'waitlisted', 'cancelled']);
        await t.db.query(
          `UPDATE activity_signup SET status = $2, cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() END, cancelled_by = CASE WHEN $2 = 'cancelled' THEN 'member' END,
                  checked_in_at = NULL WHERE id = $1`,
          [s.id, to],
        );
      } else if (op < 0.8) {
        // a waitlist promoted in one statement, then a check-in (no change to the tally)
        const a = pick(activities);
        await t.db.query(`UPDATE activity_signup SET status = 'confirmed' WHERE activity_id = $1 AND status IN ('waitlisted', 'entered')`, [a]);
        await t.db.query(`UPDATE activity_signup SET checked_in_at = now() WHERE activity_id = $1 AND status = 'confirmed'`, [a]);
      } else if (op < 0.85) {
        await t.db.query(`DELETE FROM activity_view WHERE activity_id = $1 AND member_id = $2`, [pick(activities), pick(members)]);
      } else if (op < 0.9) {
        // cancelled as activities.service does it: the activity, then its live sign-ups
        const a = pick(activities);
        await t.db.query(`UPDATE activity SET status = 'cancelled', cancel_reason = '测试', cancelled_at = now() WHERE id = $1 AND status = 'published'`, [a]);
        await t.db.query(`UPDATE activity_signup SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'activity', checked_in_at = NULL WHERE activity_id = $1 AND status <> 'cancelled'`, [a]);
      } else if (op < 0.95) {
        const shift = Math.floor(r() * 3) - 1;
        await t.db.query(
          `UPDATE activity SET starts_at = starts_at + make_interval(months => $2), signup_opens_at = signup_opens_at + make_interval(months => $2),
                  signup_closes_at = signup_closes_at + make_interval(months => $2), cancel_deadline = cancel_deadline + make_interval(months => $2)
            WHERE id = $1`,
          [pick(activities), shift],
        );
      } else {
        await t.db.query(`UPDATE activity SET org_id = $2 WHERE id = $1`, [pick(activities), pick([...tree.unions, ...tree.towns])]);
      }
    }
    expect((await direct()).length).toBeGreaterThan(10);
    expect(await kept()).toEqual(await direct());
  });

  it('a town moved to another county takes its activities with it; the rebuild equals the kept tally', async () => {
    const town = tree.towns[0]!;
    const [{ oldPath }] = (await t.db.query<{ oldPath: string }>(`SELECT path::text AS "oldPath" FROM org WHERE id = $1`, [town])) as [{ oldPath: string }];
    const [{ newParent }] = (await t.db.query<{ newParent: string }>(`SELECT path::text AS "newParent" FROM org WHERE id = $1`, [tree.counties[1]])) as [{ newParent: string }];
    // as orgs.repo.ts moveSubtree rewrites the paths of the subtree
    await t.db.query(`UPDATE org SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1) WHERE path <@ $1::ltree`, [oldPath, newParent]);
    await t.db.query(`UPDATE org SET parent_id = $2 WHERE id = $1`, [town, tree.counties[1]]);
    const before = await kept();
    expect(before).toEqual(await direct());
    expect(before.some((x) => x.org === tree.counties[1])).toBe(true);

    await t.db.query('SELECT gh_activity_figures_rebuild()');
    expect(await kept()).toEqual(before);
  });
});
