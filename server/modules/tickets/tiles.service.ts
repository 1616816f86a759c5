// The rights tiles of the dashboard (一屏总览): 维权工单 filed in the period and 按期办结率 of the clocks
// started in it, as 维权统计 (tickets.figures.ts) counts them. Listed in server/dashboard-tiles.ts.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { ratioByHead, sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

export const ticketTiles: readonly DashboardTile[] = [
  {
    id: 'tickets.filed',
    area: 'rights',
    label: '维权工单',
    unit: 'count',
    kind: 'flow',
    compute: async (q, at) => sumByHead(at, await repo.countFiled(q, at.root, at.period.start, at.period.end)),
  },
  {
    id: 'tickets.onTimeRate',
    area: 'rights',
    label: '按期办结率',
    unit: 'ratio',
    kind: 'flow',
    compute: async (q, at) => ratioByHead(at, await repo.countOnTime(q, at.root, at.period.start, at.period.end)),
  },
];
