// The payouts tile of the dashboard (一屏总览): 帮扶金额 — bank payouts confirmed in the period, in fen
// (points and goods are not money: they are counted by the points tile and the campaign's own figures).
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

export const payoutTiles: readonly DashboardTile[] = [
  {
    id: 'aid.paidFen',
    area: 'aid',
    label: '帮扶金额',
    unit: 'fen',
    kind: 'flow',
    compute: async (q, at) => sumByHead(at, await repo.sumPaidFen(q, at.root, at.period.start, at.period.end)),
  },
];
