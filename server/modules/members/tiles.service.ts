// The members' tiles of the dashboard (一屏总览, area 会员), computed from the tallies of migration 050:
// members at the period's end, joins, departures and transfers in the period, and the members now who
// are women, gig workers, model workers and craftsmen. Port: server/http/dashboard-tile.ts; listed in
// server/dashboard-tiles.ts.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { periodMonths, rootAndChildren, valuesByOrg } from '../../http/tile-sql.ts';
import * as repo from './tiles.repo.ts';



export const membersNowTile: DashboardTile = {
  id: 'members.now',
  area: 'members',
  label: '会员数',
  unit: 'count',
  kind: 'stock',
  compute: async (q, at) => valuesByOrg(at, await repo.membersAtEnd(q, rootAndChildren(at), periodMonths(at).lastMonth)),
};

function flowTile(id: string, label: string, flow: repo.MonthFlow): DashboardTile {
  return {
    id,
    area: 'members',
    label,
    unit: 'count',
    kind: 'flow',
    compute: async (q, at) => valuesByOrg(at, await repo.monthFlow(q, flow, rootAndChildren(at), periodMonths(at).firstMonth, periodMonths(at).lastMonth)),
  };
}

function facetTile(id: string, label: string, facet: string): DashboardTile {
  return {
    id,
    area: 'members',
    label,
    unit: 'count',
    kind: 'stock',
    // the members counted now (the facets are kept for today, not month by month)
    compute: async (q, at) => valuesByOrg(at, await repo.facetNow(q, facet, rootAndChildren(at))),
  };
}

export const memberTiles: readonly DashboardTile[] = [
  membersNowTile,
  flowTile('members.joins', '新入会', 'joins'),
  flowTile('members.departures', '退会', 'departures'),
  flowTile('members.transfersIn', '转入', 'transfersIn'),
  flowTile('members.transfersOut', '转出', 'transfersOut'),
  facetTile('members.gig', '新业态会员', 'gig'),
  facetTile('members.women', '女会员', 'women'),
  facetTile('members.modelWorkers', '劳模会员', 'modelWorker'),
  facetTile('members.craftsmen', '工匠会员', 'craftsman'),
];
