// The activities tiles of the dashboard (一屏总览): 活动数, 访问人数, 参与人数 of the activities starting in
// the period, as 活动数据 (stats.service.ts) counts them. Listed in server/dashboard-tiles.ts.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { sumByHead } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';

const flow = (id: string, label: string, count: typeof repo.countActivities): DashboardTile => ({
  id,
  area: 'services',
  label,
  unit: 'count',
  kind: 'flow',
  compute: async (q, at) => sumByHead(at, await count(q, at.root, at.period.start, at.period.end)),
});

export const activityTiles: readonly DashboardTile[] = [
  flow('activities.count', '活动数', repo.countActivities),
  flow('activities.visits', '活动访问人数', repo.countVisits),
  flow('activities.participants', '活动参与人数', repo.countParticipants),
];
