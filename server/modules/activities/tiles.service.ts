// The activities tiles of the dashboard (一屏总览): 活动数, 访问人数, 参与人数 of the activities starting in
// the period, as 活动数据 (stats.service.ts) counts them, read from the kept tally of migration 057.
// Listed in server/dashboard-tiles.ts.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { periodMonths, rootAndChildren, valuesByOrg } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

const flow = (id: string, label: string, figure: repo.ActivityFigure): DashboardTile => ({
  id,
  area: 'services',
  label,
  unit: 'count',
  kind: 'flow',
  compute: async (q, at) => {
    const { firstMonth, lastMonth } = periodMonths(at);
    return valuesByOrg(at, await repo.monthSum(q, figure, rootAndChildren(at), firstMonth, lastMonth));
  },
});

export const activityTiles: readonly DashboardTile[] = [
  flow('activities.count', '活动数', 'activities'),
  flow('activities.visits', '活动访问人数', 'visits'),
  flow('activities.participants', '活动参与人数', 'participants'),
];
