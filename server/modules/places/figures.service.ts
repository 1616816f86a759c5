// The places figures (阵地数据) of any subtree of the scope and period of Beijing days. The totals are
// the slices' own figures (visits and problems: visits/problems.service.ts; bookings: bookings.sweep.ts;
// childcare: childcare.service.ts), so a number here is the number their screens show; the
// breakdowns by kind, by channel and per union below come from figures.repo.ts in one pass each.
// The xlsx report of the same numbers is figures.xlsx.ts.
import { placeKinds } from '../../../contracts/places.ts';
import type { PlaceFigures, PlaceFiguresQuery, PlaceUnionRow } from '../../../contracts/place-figures.ts';
import { PLACE_FIGURES_MAX_DAYS } from '../../../contracts/place-figures.ts';
import { AppError } from '../../errors.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope, makeScope, type ScopedOrgRef } from '../../http/scope.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { childcareFigures } from '../childcare/childcare.service.ts';
import { bookingFigures } from './bookings.service.ts';
import * as repo from './figures.repo.ts';
import { problemFigures } from './problems.service.ts';
import { visitFigures } from './visits.service.ts';

const DAY_MS = 86_400_000;
/** Visits are drawn per day up to this many days, per month beyond. */
const DAILY_UP_TO = 62;

/** The period asked for, in Beijing days: this year up to today unless given. Throws place_figures_period_invalid. */
export function periodOf(f: Pick<PlaceFiguresQuery, 'from' | 'to'>) {
  const today = beijingDay();
  const from = f.from ?? `${(f.to ?? today).slice(0, 4)}-01-01`;
  const to = f.to ?? today;
  const start = beijingMidnight(from);
  const end = new Date(beijingMidnight(to).getTime() + DAY_MS);
  const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
  if (days < 1 || days > PLACE_FIGURES_MAX_DAYS) throw new AppError('place_figures_period_invalid');
  return { from, to, start, end, days };
}

/** Every day (YYYY-MM-DD) or month (YYYY-MM) of the period, in order. */
function periodsOf(from: string, to: string, unit: 'day' | 'month'): string[] {
  const out: string[] = [];
  if (unit === 'day') {
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  }
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

const sum = <T>(rows: readonly T[], pick: (r: T) => number) => rows.reduce((s, r) => s + pick(r), 0);

/**
 * The figures of the subtree of `orgId` (default the scope's own union) for the period.
 * Throws not_found (orgId outside the scope), place_figures_period_invalid.
 */
export async function getPlaceFigures(ctx: StaffContext, f: PlaceFiguresQuery): Promise<PlaceFigures> {
  const p = periodOf(f);
  const org: ScopedOrgRef = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  // a scope narrowed to the chosen union, read through the gate above
  const sub = makeScope(org.id, org.path);
  const [heads, places, visitRows, bookingRows, problemRows, visits, bookings, problems, childcare] = await Promise.all([
    repo.headsOf(ctx.db, org.path),
    repo.countPlaces(ctx.db, org.path),
    repo.countVisits(ctx.db, org.path, p),
    repo.countBookings(ctx.db, org.path, p),
    repo.countProblems(ctx.db, org.path, p),
    visitFigures(ctx, sub, p.start, p.end),
    bookingFigures(ctx, { orgId: org.id, from: p.from, to: p.to }),
    problemFigures(ctx, sub, p.start, p.end),
    childcareFigures(ctx, { orgId: org.id, from: p.start, to: p.end }),
  ]);

  const placeSum = (pred: (r: repo.PlaceCountRow) => boolean, pick: (r: repo.PlaceCountRow) => number = (r) => r.n) => sum(places.filter(pred), pick);
  const byKind = placeKinds.map((kind) => ({
    kind,
    inService: placeSum((r) => r.kind === kind && r.state === 'inService'),
    closed: placeSum((r) => r.kind === kind && r.state === 'closed'),
    merged: placeSum((r) => r.kind === kind && r.state === 'merged'),
    problemsOpen: placeSum((r) => r.kind === kind, (r) => r.problemsOpen),
  }));

  const unit = p.days <= DAILY_UP_TO ? 'day' : 'month';
  const perPeriod = new Map<string, number>();
  for (const d of visits.byDay) {
    const key = unit === 'day' ? d.day : d.day.slice(0, 7);
    perPeriod.set(key, (perPeriod.get(key) ?? 0) + d.visits);
  }

  // the chosen union's own row always; a union below it only when it has a place (in any state) or
  // something counted in the period — a town's hundreds of enterprise unions without one stay out
  const byUnion: PlaceUnionRow[] = [];
  for (const h of heads) {
    const mine = <T extends { head: string }>(rows: readonly T[]) => rows.filter((r) => r.head === h.path);
    const isSelf = h.id === org.id;
    const seen = [places, visitRows, bookingRows, problemRows].some((rows) => mine<{ head: string }>(rows).length > 0);
    if (!isSelf && !seen) continue;
    byUnion.push({
      org: { id: h.id, name: h.name },
      level: h.level as PlaceUnionRow['level'],
      isSelf,
      places: sum(mine(places).filter((r) => r.state === 'inService'), (r) => r.n),
      visits: sum(mine(visitRows), (r) => r.n),
      bookings: sum(mine(bookingRows), (r) => r.booked),
      noShows: sum(mine(bookingRows), (r) => r.noShows),
      problems: sum(mine(problemRows), (r) => r.reported),
      problemsOpen: sum(mine(problemRows), (r) => r.open),
    });
  }

  return {
    org: { id: org.id, name: org.name },
    from: p.from,
    to: p.to,
    places: {
      inService: sum(byKind, (k) => k.inService),
      closed: sum(byKind, (k) => k.closed),
      merged: sum(byKind, (k) => k.merged),
      problemsOpen: sum(byKind, (k) => k.problemsOpen),
      byKind,
    },
    visits: {
      count: visits.visits,
      distinctVisitors: visits.distinctVisitors,
      door: sum(visitRows.filter((r) => r.via === 'door'), (r) => r.n),
      card: sum(visitRows.filter((r) => r.via === 'card'), (r) => r.n),
      unit,
      series: periodsOf(p.from, p.to, unit).map((period) => ({ period, count: perPeriod.get(period) ?? 0 })),
    },
    bookings: {
      slots: bookings.slots,
      capacity: bookings.capacity,
      booked: bookings.bookings,
      checkedIn: bookings.checkedIn,
      noShows: bookings.noShows,
      cancelled: bookings.cancellations,
      rejected: bookings.rejected,
      utilisation: bookings.bookedRate,
      checkinRate: bookings.checkinRate,
    },
    problems: {
      reported: problems.reported,
      resolved: problems.resolved,
      open: problems.open,
      overdue: sum(problemRows, (r) => r.overdue),
      medianHoursToResolve: problems.medianHoursToResolve,
    },
    childcare: {
      programmes: childcare.programmes,
      enrolments: childcare.enrolments,
      enrolled: childcare.enrolled,
      places: childcare.places,
      sessions: childcare.sessions,
      attendanceRate: childcare.attendanceRate === null ? null : Math.round(childcare.attendanceRate * 10000) / 10000,
    },
    byUnion,
  };
}
