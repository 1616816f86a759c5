// The dashboard's own SQL (一屏总览): the chosen union's direct children, and the official figures
// (官方统计数) recorded beside the platform's. The tiles' SQL lives with each module (tiles.repo.ts).
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';

export interface ChildOrg {
  id: number;
  name: string;
  level: string;
  path: OrgPath;
}

/** The unions directly below the root (closed ones left out), by pinyin. */
export function childrenOf(q: Queryable, rootId: number): Promise<ChildOrg[]> {
  return q.query<ChildOrg>(
    `SELECT id::int AS id, name, level, path::text AS path FROM org WHERE parent_id = $1 AND status = 'active' ORDER BY name_pinyin, id`,
    [rootId],
  );
}

export interface OfficialRow {
  year: number;
  key: string;
  value: string | number;
  source: string | null;
  recordedAt: Date | string;
}

/**
 * The official figures of one union (all years without `fromYear`/`toYear`): the years between them and,
 * always, the latest year up to `toYear` — official figures are annual and published late, so a period of
 * 2026 states the 2025 (or 2024) year-end figures when 2026's are not recorded yet.
 */
export function officialOf(q: Queryable, orgId: number, fromYear?: number, toYear?: number): Promise<OfficialRow[]> {
  return q.query<OfficialRow>(
    `SELECT year, key, value, source, recorded_at AS "recordedAt" FROM official_figure
      WHERE org_id = $1
        AND ($2::int IS NULL
             OR year BETWEEN $2 AND $3
             OR year = (SELECT max(l.year) FROM official_figure l WHERE l.org_id = $1 AND l.year <= $3))
      ORDER BY year DESC, key`,
    [orgId, fromYear ?? null, toYear ?? null],
  );
}

/** The year's figures as they stand, under lock (the audit's old values). */
export function lockYear(q: Queryable, orgId: number, year: number): Promise<{ key: string; value: string | number }[]> {
  return q.query<{ key: string; value: string | number }>(`SELECT key, value FROM official_figure WHERE org_id = $1 AND year = $2 FOR UPDATE`, [orgId, year]);
}

export async function upsertFigure(q: Queryable, f: { orgId: number; year: number; key: string; value: number; source: string; staffId: number }): Promise<void> {
  await q.query(
    `INSERT INTO official_figure (org_id, year, key, value, source, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (org_id, year, key) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source,
       recorded_by = EXCLUDED.recorded_by, recorded_at = now()`,
    [f.orgId, f.year, f.key, f.value, f.source, f.staffId],
  );
}

export async function deleteFigure(q: Queryable, orgId: number, year: number, key: string): Promise<void> {
  await q.query(`DELETE FROM official_figure WHERE org_id = $1 AND year = $2 AND key = $3`, [orgId, year, key]);
}
