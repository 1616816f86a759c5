// The drives' tiles of the subtree dashboard (一屏总览, port: server/http/dashboard-tile.ts): unions
// founded by founding drives, and members who joined those unions, in the period.
import type { DashboardTile, TileAt, TileValues } from '../../http/dashboard-tile.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import * as repo from './tiles.repo.ts';

function valuesOf(rows: { child: number | null; n: number }[], at: TileAt): TileValues {
  const byChild = new Map<number, number | null>(at.children.map((c) => [c.id, 0]));
  let root = 0;
  for (const r of rows) {
    root += r.n;
    if (r.child !== null) byChild.set(r.child, r.n);
  }
  return { root, byChild };
}

export const drivesFoundedTile: DashboardTile = {
  id: 'drives.founded',
  area: 'unions',
  label: '建会行动新建工会',
  unit: 'count',
  kind: 'flow',
  async compute(q, at) {
    const rows = await repo.countFoundedByChild(q, at.root, at.children.map((c) => c.id), at.children.map((c) => c.path), beijingDay(at.period.start), beijingDay(at.period.end));
    return valuesOf(rows, at);
  },
};

export const drivesMembersAddedTile: DashboardTile = {
  id: 'drives.membersAdded',
  area: 'members',
  label: '新建工会新增会员',
  unit: 'count',
  kind: 'flow',
  async compute(q, at) {
    const rows = await repo.countJoinsInFoundedByChild(q, at.root, at.children.map((c) => c.id), at.children.map((c) => c.path), at.period.start, at.period.end);
    return valuesOf(rows, at);
  },
};

export const driveTiles: readonly DashboardTile[] = [drivesFoundedTile, drivesMembersAddedTile];
