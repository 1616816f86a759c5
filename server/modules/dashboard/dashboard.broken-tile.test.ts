// A dashboard tile that throws (a module's SQL fails, a bug) fails the whole answer with the catalogue's
// error — 500 internal_error, its Chinese message, no stack nor the tile's words — and never a partial
// dashboard with that figure shown as 0 or left out: dashboard.service computeAll rethrows a failing
// tile with its id for the log. The tiles are handed to buildApp (its `tiles` option), as the registry
// (server/dashboard-tiles.ts) is in production. On both engines.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../contracts/dashboard.ts';
import type { DashboardTile, TileValues } from '../../http/dashboard-tile.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';

let t: TestApp;
let failing: 'none' | 'throw' | 'sql' | 'children' = 'none';
const logs: string[] = [];

const valuesOf = (root: number, children: readonly { id: number }[]): TileValues => ({ root, byChild: new Map(children.map((c) => [c.id, 1])) });

/** A figure that always works: how many direct children the root has. */
const childrenTile: DashboardTile = {
  id: 'test.children',
  area: 'unions',
  label: '直属下级（测试）',
  unit: 'count',
  kind: 'stock',
  async compute(_q, at) {
    return valuesOf(at.children.length, at.children);
  },
};

/** A figure that breaks on demand: a thrown error, a failing statement, or only for the children's cells. */
const brokenTile: DashboardTile = {
  id: 'test.broken',
  area: 'members',
  label: '会员（测试，会出错）',
  unit: 'count',
  kind: 'flow',
  async compute(q, at) {
    if (failing === 'throw') throw new Error('secret detail of the failure');
    if (failing === 'sql') await q.query(`SELECT 1 / (SELECT count(*) FROM org WHERE id < 0) AS n`);
    if (failing === 'children' && at.children.length > 0) throw new TypeError("Cannot read properties of undefined (reading 'n')");
    return valuesOf(5, at.children);
  },
};

beforeAll(async () => {
  const stream = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } });
  t = await startTestApp({}, { level: 'error', stream }, { tiles: [childrenTile, brokenTile] });
});
afterAll(async () => t.close());

const INTERNAL = { error: 'internal_error', message: '服务器内部错误，请稍后重试', statusCode: 500 };

describe('a dashboard tile that throws', () => {
  it('while it works, the dashboard shows the tiles it was given, with their figures', async () => {
    failing = 'none';
    const res = await t.request('GET', '/api/dashboard', { as: await t.login('huazhou') });
    expect(res.statusCode, res.body).toBe(200);
    const tiles = res.json<Dashboard>().tiles;
    expect(tiles.map((x) => [x.id, x.value])).toEqual([['test.children', expect.any(Number)], ['test.broken', 5]]);
  });

  for (const how of ['throw', 'sql', 'children'] as const) {
    it(`fails the dashboard, its children and its report with internal_error, no partial figures, no detail (${how})`, async () => {
      failing = how;
      const huazhou = await t.login('huazhou');
      const [auditsBefore] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dashboard.export'`);
      logs.length = 0;
      const answers = await Promise.all(['/api/dashboard', '/api/dashboard/children', '/api/dashboard/report.xlsx'].map((url) => t.request('GET', url, { as: huazhou })));
      for (const res of answers) {
        expect(res.statusCode, res.body).toBe(500);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.json()).toEqual(INTERNAL);
        expect(res.body).not.toMatch(/test\.broken|secret|stack|division|reading|at .*\.ts/);
      }
      // the report of a failed dashboard is not recorded as exported
      const [auditsAfter] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dashboard.export'`);
      expect(auditsAfter!.n).toBe(auditsBefore!.n);
      // the log names the broken tile, for whoever runs the server
      expect(logs.join('\n')).toContain('dashboard tile test.broken failed');
      failing = 'none';
    });
  }
});
