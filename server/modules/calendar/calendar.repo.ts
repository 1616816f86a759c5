// The working-day calendar (calendar_day): SQL only.
import type { Queryable } from '../../db/client.ts';

export interface DayRow {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  note: string;
}

const COLUMNS = `day::text AS day, kind, name, note`;

/** Every exception of the calendar (a few dozen rows a year). */
export function findAllDays(q: Queryable): Promise<DayRow[]> {
  return q.query<DayRow>(`SELECT ${COLUMNS} FROM calendar_day ORDER BY day`);
}

export function findDaysBetween(q: Queryable, from: string, to: string): Promise<DayRow[]> {
  return q.query<DayRow>(`SELECT ${COLUMNS} FROM calendar_day WHERE day BETWEEN $1::date AND $2::date ORDER BY day`, [from, to]);
}

export async function findDay(q: Queryable, day: string): Promise<DayRow | undefined> {
  const rows = await q.query<DayRow>(`SELECT ${COLUMNS} FROM calendar_day WHERE day = $1::date`, [day]);
  return rows[0];
}

export async function upsertDay(q: Queryable, d: DayRow): Promise<void> {
  await q.query(
    `INSERT INTO calendar_day (day, kind, name, note) VALUES ($1::date, $2, $3, $4)
     ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, note = EXCLUDED.note`,
    [d.day, d.kind, d.name, d.note],
  );
}

export async function deleteDay(q: Queryable, day: string): Promise<boolean> {
  const rows = await q.query<{ day: string }>(`DELETE FROM calendar_day WHERE day = $1::date RETURNING day::text AS day`, [day]);
  return rows.length > 0;
}
