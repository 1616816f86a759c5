// The places tiles of the dashboard (一屏总览): 在用阵地 (now: a place keeps no history of its status) and
// 阵地到访 in the period, as 阵地数据 (figures.service.ts) counts them.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

export const placeTiles: readonly DashboardTile[] = [
  { id: 'places.inService', area: 'services', label: '在用阵地', unit: 'count', kind: 'stock', compute: async (q, at) => sumByHead(at, await repo.countInService(q, at.root)) },
  {
    id: 'places.visits',
    area: 'services',
    label: '阵地到访人次',
    unit: 'count',
    kind: 'flow',
    compute: async (q, at) => sumByHead(at, await repo.countVisits(q, at.root, at.period.start, at.period.end)),
  },
];
