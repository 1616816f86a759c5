// The dashboard's tile port (一屏总览): what a module contributes to the subtree dashboard. Types only,
// as notice-sender.ts: each module exports its tiles from its own tiles.service.ts,
// server/dashboard-tiles.ts (the composition root beside app.ts) lists them, and the dashboard module
// computes whatever it is given — it imports no module, and a module adds one line to the list.
// Design: docs/design/enterprise-file.md §7.
import type { Queryable } from '../db/client.ts';
import type { OrgPath } from './scope.ts';

/** The sheet of the upward report and the group on the screen a tile belongs to. */
export type TileArea = 'members' | 'unions' | 'services' | 'aid' | 'rights' | 'strengthening';

export const tileAreaLabels: Record<TileArea, string> = {
  members: '会员',
  unions: '组织',
  services: '服务',
  aid: '帮扶',
  rights: '维权',
  strengthening: '强基',
};

/** count: a number of things; fen: money in fen (分); ratio: 0–1; score: 0–100. */
export type TileUnit = 'count' | 'fen' | 'ratio' | 'score';

/** stock: a level at the period's end (members now); flow: what happened within the period (joins). */
export type TileKind = 'stock' | 'flow';

/** The period: whole Beijing months, `from`/`to` as YYYY-MM, `start`/`end` the instants bounding them ([start, end)). */
export interface TilePeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** Where a tile is computed: a subtree root read through the scope gate, its direct children, a period. */
export interface TileAt {
  root: OrgPath;
  rootId: number;
  children: readonly { id: number; path: OrgPath }[];
  period: TilePeriod;
}

/** A tile's figure for the root and for each direct child (a child with nothing may be absent: 0). */
export interface TileValues {
  root: number | null;
  byChild: Map<number, number | null>;
}

export interface DashboardTile {
  /** stable id, `module.figure` (members.now, activities.visits …) */
  id: string;
  area: TileArea;
  /** the label on the screen and in the report, in Chinese */
  label: string;
  unit: TileUnit;
  kind: TileKind;
  /** one statement for the root and every child (grouped by the child's path head) */
  compute(q: Queryable, at: TileAt): Promise<TileValues>;
  /** a target for the root and each child, where the module keeps one (hardship targets, drive goals) */
  targets?(q: Queryable, at: TileAt): Promise<TileValues>;
}
