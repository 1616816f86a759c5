// The dashboard's tiles (一屏总览): the composition root of the tile registry, beside app.ts. Each
// module exports its tiles from its own tiles.service.ts; this list is the only place that names
// them, and buildApp hands it to the dashboard's routes — the dashboard module imports no module.
// A tile of a capability not built yet is simply not listed. Port: server/http/dashboard-tile.ts.
import type { DashboardTile } from './http/dashboard-tile.ts';

import { memberTiles } from './modules/members/tiles.service.ts';
import { enterpriseTiles } from './modules/enterprises/tiles.service.ts';

import { driveTiles } from './modules/drives/tiles.service.ts';

import { strengtheningTiles } from './modules/strengthening/tiles.service.ts';

import { activityTiles } from './modules/activities/tiles.service.ts';
import { campaignTiles } from './modules/campaigns/tiles.service.ts';
import { hardshipTiles } from './modules/hardship/tiles.service.ts';
import { orgTiles } from './modules/orgs/tiles.service.ts';
import { payoutTiles } from './modules/payouts/tiles.service.ts';
import { placeTiles } from './modules/places/tiles.service.ts';
import { pointTiles } from './modules/points/tiles.service.ts';
import { ticketTiles } from './modules/tickets/tiles.service.ts';

export const dashboardTiles: readonly DashboardTile[] = [
  ...memberTiles,
  ...enterpriseTiles,

  ...driveTiles,

  ...strengtheningTiles,

  ...orgTiles,
  ...activityTiles,
  ...pointTiles,
  ...placeTiles,
  ...campaignTiles,
  ...payoutTiles,
  ...hardshipTiles,
  ...ticketTiles,
];
