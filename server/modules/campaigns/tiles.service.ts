// The campaigns tile of the dashboard (一屏总览): 帮扶活动 opened in the period (cancelled ones left out).
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

export const campaignTiles: readonly DashboardTile[] = [
  {
    id: 'campaigns.count',
    area: 'aid',
    label: '帮扶活动',
    unit: 'count',
    kind: 'flow',
    compute: async (q, at) => sumByHead(at, await repo.countOpened(q, at.root, at.period.start, at.period.end)),
  },
];
