// The dashboard tiles' shared SQL pieces (一屏总览): a tile counts the root's subtree and each direct
// child's in one statement, grouped by the "head" of a row's path — the root itself for the root's own
// rows, or the child whose subtree the row lies in (as places/figures.repo.ts). Core: imports no module.
import type { TileAt, TileValues } from './dashboard-tile.ts';

/** The head of an ltree column below the root (given as parameter `param`). */
export const headOf = (col: string, param = 1) => `subpath(${col}, 0, least(nlevel(${col}), nlevel($${param}::ltree) + 1))::text`;

/** The root and its direct children: the org ids a tile reads from the kept tallies (050, 057). */
export const rootAndChildren = (at: TileAt): number[] => [at.rootId, ...at.children.map((c) => c.id)];

/** Figures read per org id from a kept tally (each org's rows already hold its whole subtree) as the tile's values. */
export function valuesByOrg(at: TileAt, rows: readonly { orgId: number | string; n: number }[]): TileValues {
  const by = new Map(rows.map((r) => [Number(r.orgId), r.n]));
  return { root: by.get(at.rootId) ?? 0, byChild: new Map(at.children.map((c) => [c.id, by.get(c.id) ?? 0])) };
}

/** The first days of the period's first and last months (YYYY-MM-01), as the monthly tallies key them. */
export const periodMonths = (at: TileAt): { firstMonth: string; lastMonth: string } => ({ firstMonth: `${at.period.from}-01`, lastMonth: `${at.period.to}-01` });

/** A count per head (the root's own rows under the root's path) as the tile's values: root = the sum. */
export function sumByHead(at: TileAt, rows: readonly { head: string; n: number | string }[]): TileValues {
  const byPath = new Map<string, number>();
  let root = 0;
  for (const r of rows) {
    const n = Number(r.n);
    root += n;
    byPath.set(r.head, (byPath.get(r.head) ?? 0) + n);
  }
  return { root, byChild: new Map(at.children.map((c) => [c.id, byPath.get(c.path) ?? 0])) };
}

/** A ratio per head from its numerator and denominator (null where nothing is counted). */
export function ratioByHead(at: TileAt, rows: readonly { head: string; num: number | string; den: number | string }[]): TileValues {
  const ratio = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10000) / 10000);
  const byPath = new Map<string, { num: number; den: number }>();
  let num = 0;
  let den = 0;
  for (const r of rows) {
    num += Number(r.num);
    den += Number(r.den);
    const x = byPath.get(r.head) ?? { num: 0, den: 0 };
    byPath.set(r.head, { num: x.num + Number(r.num), den: x.den + Number(r.den) });
  }
  return {
    root: ratio(num, den),
    byChild: new Map(at.children.map((c) => {
      const x = byPath.get(c.path);
      return [c.id, x ? ratio(x.num, x.den) : null];
    })),
  };
}

/** The Beijing dates bounding the period's months: [first day, first day after the last month). */
export function periodDays(at: TileAt): { startDay: string; endDay: string } {
  const [y, m] = at.period.to.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { startDay: `${at.period.from}-01`, endDay: `${next}-01` };
}
