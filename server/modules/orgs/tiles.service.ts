// The organisation tiles of the dashboard (一屏总览): 基层工会 (standing at the period's end) and 新建工会
// (founded in the period). Listed in server/dashboard-tiles.ts; port: server/http/dashboard-tile.ts.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { periodDays, sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

export const orgTiles: readonly DashboardTile[] = [
  {
    id: 'unions.grassroots',
    area: 'unions',
    label: '基层工会',
    unit: 'count',
    kind: 'stock',
    compute: async (q, at) => sumByHead(at, await repo.countGrassroots(q, at.root, periodDays(at).endDay)),
  },
  {
    id: 'unions.founded',
    area: 'unions',
    label: '新建工会',
    unit: 'count',
    kind: 'flow',
    compute: async (q, at) => {
      const d = periodDays(at);
      return sumByHead(at, await repo.countFounded(q, at.root, d.startDay, d.endDay));
    },
  },
];
