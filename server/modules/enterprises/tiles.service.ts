// The employers' tiles of the dashboard (一屏总览, area 组织): employers known in the subtree's towns,
// those with a union, and the membership rate 入会率 = members ÷ employees of the employers that
// reported a size (null without any). Live figures (enterprise_tally, 050). Port:
// server/http/dashboard-tile.ts; listed in server/dashboard-tiles.ts.
import type { DashboardTile, TileAt, TileValues } from '../../http/dashboard-tile.ts';
import * as repo from './tiles.repo.ts';

function tile(id: string, label: string, unit: 'count' | 'ratio', pick: (r: repo.EnterpriseFigures | undefined) => number | null): DashboardTile {
  return {
    id,
    area: 'unions',
    label,
    unit,
    kind: 'stock',
    compute: async (q, at: TileAt): Promise<TileValues> => {
      const rows = await repo.enterpriseFigures(q, [at.rootId, ...at.children.map((c) => c.id)]);
      const by = new Map(rows.map((r) => [Number(r.orgId), r]));
      return { root: pick(by.get(at.rootId)), byChild: new Map(at.children.map((c) => [c.id, pick(by.get(c.id))])) };
    },
  };
}

export const enterpriseTiles: readonly DashboardTile[] = [
  tile('enterprises.known', '企业（单位）数', 'count', (r) => r?.enterprises ?? 0),
  tile('enterprises.unionised', '已建会企业', 'count', (r) => r?.unionised ?? 0),
  tile('enterprises.membershipRate', '入会率', 'ratio', (r) => (r && r.employees > 0 ? r.membersSized / r.employees : null)),
];
