// The subtree dashboard (一屏总览): every tile it is given (server/dashboard-tiles.ts, handed over by
// buildApp — this module imports no other) for a subtree of the scope and a period of whole Beijing
// months, with the period just before; the children side by side with their targets; and the official
// figures (官方统计数) beside the platform's. Design: docs/design/enterprise-file.md §7.
import {
  DASHBOARD_MAX_MONTHS,
  OFFICIAL_CAPTION,
  officialFigureKeys,
  type Dashboard,
  type DashboardChild,
  type DashboardChildren,
  type DashboardChildrenQuery,
  type DashboardQuery,
  type OfficialFigureBody,
  type OfficialFigures,
  type OfficialYear,
} from '../../../contracts/dashboard.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import type { DashboardTile, TileAt, TilePeriod, TileValues } from '../../http/dashboard-tile.ts';
import { getOrgInScope, type ScopedOrgRef } from '../../http/scope.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import * as repo from './dashboard.repo.ts';

const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const periodOfMonths = (a: number, b: number): TilePeriod => ({
  from: monthOf(a),
  to: monthOf(b),
  start: beijingMidnight(`${monthOf(a)}-01`),
  end: beijingMidnight(`${monthOf(b + 1)}-01`),
});

/** The period asked for and the one just before (as many months). Throws dashboard_period_invalid. */
export function periodsOf(f: Pick<DashboardQuery, 'from' | 'to'>): { current: TilePeriod; previous: TilePeriod; months: number } {
  const thisMonth = beijingDay().slice(0, 7);
  const to = f.to ?? thisMonth;
  const from = f.from ?? `${to.slice(0, 4)}-01`;
  const a = monthIndex(from);
  const b = monthIndex(to);
  const months = b - a + 1;
  if (months < 1 || months > DASHBOARD_MAX_MONTHS) throw new AppError('dashboard_period_invalid');
  return { current: periodOfMonths(a, b), previous: periodOfMonths(a - months, a - 1), months };
}

interface Computed {
  tile: DashboardTile;
  value: TileValues;
  previous: TileValues;
  target: TileValues | null;
}

/** Every tile for the root and each child, this period and the last, concurrently where the engine allows. */
async function computeAll(q: Queryable, tiles: readonly DashboardTile[], at: TileAt, before: TileAt): Promise<Computed[]> {
  return Promise.all(
    tiles.map(async (tile) => {
      try {
        const [value, previous, target] = await Promise.all([tile.compute(q, at), tile.compute(q, before), tile.targets ? tile.targets(q, at) : null]);
        return { tile, value, previous, target };
      } catch (err) {
        // a broken tile fails the page with its name rather than showing a wrong or empty figure
        throw new Error(`dashboard tile ${tile.id} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    }),
  );
}

interface Prepared {
  org: ScopedOrgRef;
  children: repo.ChildOrg[];
  months: number;
  at: TileAt;
  before: TileAt;
  computed: Computed[];
}

async function prepare(ctx: StaffContext, tiles: readonly DashboardTile[], f: DashboardQuery): Promise<Prepared> {
  const p = periodsOf(f);
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const children = await repo.childrenOf(ctx.db, org.id);
  const base = { root: org.path, rootId: org.id, children: children.map((c) => ({ id: c.id, path: c.path })) };
  const at: TileAt = { ...base, period: p.current };
  const before: TileAt = { ...base, period: p.previous };
  return { org, children, months: p.months, at, before, computed: await computeAll(ctx.db, tiles, at, before) };
}

const describe = (t: DashboardTile) => ({ id: t.id, area: t.area, label: t.label, unit: t.unit, kind: t.kind });

function officialYears(rows: repo.OfficialRow[]): OfficialYear[] {
  const years = new Map<number, OfficialYear>();
  for (const r of rows) {
    const y = years.get(r.year) ?? { year: r.year, unions: null, members: null, gigMembers: null, modelHomes: null, source: null, recordedAt: null };
    y[r.key as (typeof officialFigureKeys)[number]] = Number(r.value);
    y.source = r.source;
    const at = new Date(r.recordedAt).toISOString();
    if (!y.recordedAt || at > y.recordedAt) y.recordedAt = at;
    years.set(r.year, y);
  }
  return [...years.values()].sort((a, b) => b.year - a.year);
}

/** The dashboard of `orgId` (default the scope's own union). Throws not_found, dashboard_period_invalid. */
export async function getDashboard(ctx: StaffContext, tiles: readonly DashboardTile[], f: DashboardQuery): Promise<Dashboard> {
  const d = await prepare(ctx, tiles, f);
  const official = await repo.officialOf(ctx.db, d.org.id, Number(d.at.period.from.slice(0, 4)), Number(d.at.period.to.slice(0, 4)));
  return {
    org: { id: d.org.id, name: d.org.name, level: d.org.level },
    period: { from: d.at.period.from, to: d.at.period.to, months: d.months, previousFrom: d.before.period.from, previousTo: d.before.period.to },
    tiles: d.computed.map((c) => ({
      ...describe(c.tile),
      value: c.value.root,
      previous: c.previous.root,
      ...(c.tile.targets ? { target: c.target?.root ?? null } : {}),
    })),
    official: { caption: OFFICIAL_CAPTION, years: officialYears(official) },
    children: d.children.length,
    computedAt: new Date().toISOString(),
  };
}

/** Behind target: a target is set and the value has not reached it. */
const behindOf = (value: number | null, target: number | null) => target !== null && (value ?? 0) < target;

async function childRows(ctx: StaffContext, tiles: readonly DashboardTile[], f: DashboardQuery) {
  const d = await prepare(ctx, tiles, f);
  const items: DashboardChild[] = d.children.map((c) => {
    const cells: DashboardChild['cells'] = {};
    for (const x of d.computed) {
      const value = x.value.byChild.get(c.id) ?? (x.tile.unit === 'ratio' ? null : 0);
      const previous = x.previous.byChild.get(c.id) ?? (x.tile.unit === 'ratio' ? null : 0);
      const target = x.target?.byChild.get(c.id) ?? null;
      cells[x.tile.id] = { value, previous, target, behind: behindOf(value, target) };
    }
    return { org: { id: c.id, name: c.name, level: c.level }, cells, behind: Object.values(cells).some((x) => x.behind) };
  });
  return { d, items };
}

/** The children side by side (every tile, target, behind), sorted and paged. Throws not_found, dashboard_period_invalid. */
export async function getDashboardChildren(ctx: StaffContext, tiles: readonly DashboardTile[], f: DashboardChildrenQuery): Promise<DashboardChildren> {
  const { d, items } = await childRows(ctx, tiles, f);
  const sort = f.sort ?? 'name';
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  if (key !== 'name' && !d.computed.some((c) => c.tile.id === key)) throw new AppError('validation_failed');
  if (key !== 'name') {
    // nulls last either way; ties in pinyin order (the children come in it)
    const v = (c: DashboardChild) => c.cells[key]?.value ?? null;
    items.sort((a, b) => {
      const x = v(a);
      const y = v(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return desc ? y - x : x - y;
    });
  } else if (desc) items.reverse();
  const start = (f.page - 1) * f.pageSize;
  return { tiles: d.computed.map((c) => describe(c.tile)), items: items.slice(start, start + f.pageSize), total: items.length };
}

/** What the upward report needs: the root's figures and every child's, per tile. */
export async function reportData(ctx: StaffContext, tiles: readonly DashboardTile[], f: DashboardQuery) {
  const { d, items } = await childRows(ctx, tiles, f);
  await audit(ctx.db, ctx, 'dashboard.export', { type: 'org', id: d.org.id, orgPath: d.org.path }, { from: d.at.period.from, to: d.at.period.to, childUnions: items.length });
  return {
    org: d.org,
    period: d.at.period,
    previous: d.before.period,
    tiles: d.computed.map((c) => ({ ...describe(c.tile), value: c.value.root, previous: c.previous.root })),
    children: items,
  };
}

/** The official figures of a union in scope, every year recorded. Throws not_found. */
export async function getOfficialFigures(ctx: StaffContext, orgId: number | undefined): Promise<OfficialFigures> {
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId ?? ctx.scope.orgId);
  return { org: { id: org.id, name: org.name }, caption: OFFICIAL_CAPTION, years: officialYears(await repo.officialOf(ctx.db, org.id)) };
}

/**
 * Records a year's official figures of a union (its own admin or one above: the route admits admins,
 * the gate the subtree); a figure sent as null is removed, one left out kept. Audited old → new.
 * Throws not_found, official_year_invalid.
 */
export async function putOfficialFigures(ctx: StaffContext, orgId: number, year: number, body: OfficialFigureBody): Promise<OfficialFigures> {
  const thisYear = Number(beijingDay().slice(0, 4));
  if (year < 1949 || year > thisYear) throw new AppError('official_year_invalid');
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId);
  await ctx.db.transaction(async (tx) => {
    const old = new Map((await repo.lockYear(tx, org.id, year)).map((r) => [r.key, Number(r.value)]));
    const before: Record<string, number | null> = {};
    const after: Record<string, number | null> = {};
    for (const key of officialFigureKeys) {
      const v = body[key];
      if (v === undefined) continue;
      before[key] = old.get(key) ?? null;
      after[key] = v;
      if (v === null) await repo.deleteFigure(tx, org.id, year, key);
      else await repo.upsertFigure(tx, { orgId: org.id, year, key, value: v, source: body.source, staffId: ctx.actor.staffId });
    }
    await audit(tx, ctx, 'official_figure.update', { type: 'org', id: org.id, orgPath: org.path }, { year, figuresBefore: before, figuresAfter: after, officialSource: body.source });
  });
  return getOfficialFigures(ctx, org.id);
}
