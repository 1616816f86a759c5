// SQL of 强基工程: indicator sets and their indicators, self-assessments, 模范职工之家, and the unions a
// card or a ranking covers. Design: docs/design/enterprise-file.md §6.
import type { Queryable } from '../../db/client.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import { containing, scopeFilter, within, type OrgPath, type Scope } from '../../http/scope.ts';
import type { AssessmentSummary, Indicator, IndicatorInput } from '../../../contracts/strengthening.ts';

registerConstraintErrors('strengthening', {
  indicator_set_published_key: 'indicator_set_exists',
});

export interface SetRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  year: number;
  name: string;
  description: string | null;
  status: 'draft' | 'published';
  isExample: boolean;
  basedOnSetId: number | null;
  modelHomeMinScore: number;
  publishedAt: string | null;
  indicatorCount: number;
  weightTotal: number;
}

const setColumns = `s.id, s.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", s.year, s.name, s.description,
  s.status, s.is_example AS "isExample", s.based_on_set_id AS "basedOnSetId", s.model_home_min_score::float8 AS "modelHomeMinScore",
  to_char(s.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "publishedAt",
  (SELECT count(*) FROM indicator i WHERE i.set_id = s.id)::int AS "indicatorCount",
  (SELECT coalesce(sum(i.weight), 0) FROM indicator i WHERE i.set_id = s.id)::int AS "weightTotal"`;

/** Sets a staff account sees in the list: its own org's (any status) and its ancestors' published ones. */
export async function listSets(q: Queryable, scope: Scope, year: number | undefined, limit: number, offset: number) {
  const where = `(s.org_id = $1 OR (s.status = 'published' AND ${containing('o.path', '$2::ltree')}))
    AND ($3::int IS NULL OR s.year = $3::int)`;
  const rows = await q.query<SetRow & { total: number }>(
    `SELECT ${setColumns}, count(*) OVER ()::int AS total
       FROM indicator_set s JOIN org o ON o.id = s.org_id
      WHERE ${where}
      ORDER BY s.year DESC, nlevel(o.path) DESC, s.status, s.id DESC
      LIMIT $4 OFFSET $5`,
    [scope.orgId, scope.path, year ?? null, limit, offset],
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

export async function getSet(q: Queryable, id: number, lock = false): Promise<SetRow | undefined> {
  const rows = await q.query<SetRow>(
    `SELECT ${setColumns} FROM indicator_set s JOIN org o ON o.id = s.org_id WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`,
    [id],
  );
  return rows[0];
}

const indicatorColumns = `i.id, i.set_id AS "setId", i.code, i.name, i.weight, i.measure, i.metric, i.unit, i.target::float8 AS target,
  i.area_target::float8 AS "areaTarget", i.tiers, i.evidence_hint AS "evidenceHint", i.position`;

export function indicatorsOf(q: Queryable, setIds: readonly number[]): Promise<(Indicator & { setId: number })[]> {
  if (setIds.length === 0) return Promise.resolve([]);
  return q.query(`SELECT ${indicatorColumns} FROM indicator i WHERE i.set_id = ANY ($1::bigint[]) ORDER BY i.set_id, i.position`, [setIds]);
}

export async function getIndicator(q: Queryable, id: number): Promise<(Indicator & { setId: number }) | undefined> {
  const rows = await q.query<Indicator & { setId: number }>(`SELECT ${indicatorColumns} FROM indicator i WHERE i.id = $1`, [id]);
  return rows[0];
}

export async function insertSet(
  q: Queryable,
  s: { orgId: number; year: number; name: string; description: string | null; basedOnSetId: number | null; isExample: boolean; modelHomeMinScore: number; createdBy: number | null },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO indicator_set (org_id, year, name, description, based_on_set_id, is_example, model_home_min_score, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [s.orgId, s.year, s.name, s.description, s.basedOnSetId, s.isExample, s.modelHomeMinScore, s.createdBy],
  );
  return rows[0]!.id;
}

export async function updateSetMeta(q: Queryable, id: number, s: { name: string; description: string | null; modelHomeMinScore: number }) {
  await q.query(`UPDATE indicator_set SET name = $2, description = $3, model_home_min_score = $4, updated_at = now() WHERE id = $1`, [
    id,
    s.name,
    s.description,
    s.modelHomeMinScore,
  ]);
}

/** Replaces a draft's indicators by `list`, in order (a draft has no assessments). */
export async function replaceIndicators(q: Queryable, setId: number, list: readonly IndicatorInput[]) {
  await q.query(`DELETE FROM indicator WHERE set_id = $1`, [setId]);
  if (list.length === 0) return;
  await q.query(
    `INSERT INTO indicator (set_id, code, name, weight, measure, metric, unit, target, area_target, tiers, evidence_hint, position)
     SELECT $1, x.code, x.name, x.weight, x.measure, x.metric, x.unit, x.target, x.area_target, x.tiers, x.evidence_hint, x.position
       FROM jsonb_to_recordset($2::jsonb)
            AS x(code text, name text, weight int, measure text, metric text, unit text, target numeric, area_target numeric, tiers jsonb, evidence_hint text, position int)`,
    [
      setId,
      JSON.stringify(
        list.map((i, n) => ({
          position: n + 1,
          code: i.code,
          name: i.name,
          weight: i.weight,
          measure: i.measure,
          metric: i.metric,
          unit: i.unit,
          target: i.target,
          area_target: i.areaTarget,
          tiers: i.tiers,
          evidence_hint: i.evidenceHint || null,
        })),
      ),
    ],
  );
}

export async function publishSet(q: Queryable, id: number) {
  await q.query(`UPDATE indicator_set SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [id]);
}

export async function publishedSetOf(q: Queryable, orgId: number, year: number): Promise<number | undefined> {
  const rows = await q.query<{ id: number }>(`SELECT id FROM indicator_set WHERE org_id = $1 AND year = $2 AND status = 'published'`, [orgId, year]);
  return rows[0]?.id;
}

/** The published sets of year `year` that may apply to a union under `root`: those of root's ancestors (or root) and of orgs inside root. */
export function setsAround(q: Queryable, root: OrgPath, year: number): Promise<SetRow[]> {
  return q.query<SetRow>(
    `SELECT ${setColumns} FROM indicator_set s JOIN org o ON o.id = s.org_id
      WHERE s.status = 'published' AND s.year = $2 AND (${containing('o.path', '$1::ltree')} OR ${within('o.path', '$1::ltree')})`,
    [root, year],
  );
}

export interface UnionRow {
  id: number;
  name: string;
  path: string;
  level: string;
}

/** Active grassroots unions under `root` (root included when it is one). */
export function unionsUnder(q: Queryable, root: OrgPath): Promise<UnionRow[]> {
  return q.query<UnionRow>(
    `SELECT id, name, path::text AS path, level FROM org
      WHERE level = 'grassroots' AND status = 'active' AND ${within('path', '$1::ltree')}
      ORDER BY name_pinyin, id`,
    [root],
  );
}

export function childrenOf(q: Queryable, parentId: number): Promise<UnionRow[]> {
  return q.query<UnionRow>(
    `SELECT id, name, path::text AS path, level FROM org WHERE parent_id = $1 AND status = 'active' ORDER BY name_pinyin, id`,
    [parentId],
  );
}

const assessmentColumns = `a.id, jsonb_build_object('id', o.id, 'name', o.name) AS org,
  jsonb_build_object('id', i.id, 'code', i.code, 'name', i.name, 'evidenceHint', i.evidence_hint) AS indicator,
  a.set_id AS "setId", s.year, a.state, a.claim_note AS "claimNote", a.review_reason AS "reviewReason",
  to_char(a.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "submittedAt",
  to_char(a.reviewed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "reviewedAt",
  (SELECT count(*) FROM file_evidence fe WHERE fe.assessment_id = a.id)::int AS "evidenceCount"`;
const assessmentFrom = `assessment a JOIN org o ON o.id = a.org_id JOIN indicator i ON i.id = a.indicator_id JOIN indicator_set s ON s.id = a.set_id`;

export type AssessmentRow = AssessmentSummary & { orgPath: string; indicatorId: number; orgId: number };

export function assessmentsUnder(q: Queryable, root: OrgPath, setIds: readonly number[]): Promise<AssessmentRow[]> {
  if (setIds.length === 0) return Promise.resolve([]);
  return q.query<AssessmentRow>(
    `SELECT ${assessmentColumns}, o.path::text AS "orgPath", a.indicator_id AS "indicatorId", a.org_id AS "orgId"
       FROM ${assessmentFrom}
      WHERE a.set_id = ANY ($2::bigint[]) AND ${within('o.path', '$1::ltree')}`,
    [root, setIds],
  );
}

export async function getAssessment(q: Queryable, id: number, lock = false): Promise<AssessmentRow | undefined> {
  const rows = await q.query<AssessmentRow>(
    `SELECT ${assessmentColumns}, o.path::text AS "orgPath", a.indicator_id AS "indicatorId", a.org_id AS "orgId"
       FROM ${assessmentFrom} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`,
    [id],
  );
  return rows[0];
}

export async function findAssessment(q: Queryable, indicatorId: number, orgId: number): Promise<{ id: number; state: string } | undefined> {
  const rows = await q.query<{ id: number; state: string }>(`SELECT id, state FROM assessment WHERE indicator_id = $1 AND org_id = $2 FOR UPDATE`, [
    indicatorId,
    orgId,
  ]);
  return rows[0];
}

export async function insertAssessment(q: Queryable, a: { setId: number; indicatorId: number; orgId: number; claimNote: string | null; by: number }) {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO assessment (set_id, indicator_id, org_id, claim_note, submitted_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [a.setId, a.indicatorId, a.orgId, a.claimNote, a.by],
  );
  return rows[0]!.id;
}

/** A rejected claim answered again: pending, the review cleared. */
export async function resubmitAssessment(q: Queryable, id: number, claimNote: string | null, by: number) {
  await q.query(
    `UPDATE assessment SET state = 'pending', claim_note = $2, submitted_by = $3, submitted_at = now(),
            reviewed_by = NULL, reviewed_at = NULL, review_reason = NULL WHERE id = $1`,
    [id, claimNote, by],
  );
}

export async function decideAssessment(q: Queryable, id: number, state: 'approved' | 'rejected', reason: string | null, by: number) {
  await q.query(`UPDATE assessment SET state = $2, review_reason = $3, reviewed_by = $4, reviewed_at = now() WHERE id = $1`, [id, state, reason, by]);
}

export async function evidenceCount(q: Queryable, assessmentId: number): Promise<number> {
  const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM file_evidence WHERE assessment_id = $1`, [assessmentId]);
  return rows[0]?.n ?? 0;
}

export async function listAssessments(q: Queryable, scope: Scope, state: string, limit: number, offset: number) {
  const rows = await q.query<AssessmentSummary & { total: number }>(
    `SELECT ${assessmentColumns}, count(*) OVER ()::int AS total
       FROM ${assessmentFrom}
      WHERE ${scopeFilter('o.path', 1)} AND ($2 = 'all' OR a.state = $2)
      ORDER BY a.submitted_at, a.id
      LIMIT $3 OFFSET $4`,
    [scope.path, state, limit, offset],
  );
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

// ── 模范职工之家 ─────────────────────────────────────────────────────────────────────────────
export interface ModelHomeRow {
  org: { id: number; name: string };
  year: number;
  level: 'county' | 'city' | 'province';
  designatedBy: { id: number; name: string };
  designatedOn: string;
  score: number;
}

const modelHomeColumns = `jsonb_build_object('id', o.id, 'name', o.name) AS org, h.year, h.level,
  jsonb_build_object('id', d.id, 'name', d.name) AS "designatedBy", to_char(h.designated_on, 'YYYY-MM-DD') AS "designatedOn", h.score::float8 AS score`;

export async function listModelHomes(q: Queryable, scope: Scope, year: number | undefined, limit: number, offset: number) {
  const rows = await q.query<ModelHomeRow & { total: number }>(
    `SELECT ${modelHomeColumns}, count(*) OVER ()::int AS total
       FROM model_home h JOIN org o ON o.id = h.org_id JOIN org d ON d.id = h.designated_by_org
      WHERE ${scopeFilter('o.path', 1)} AND ($2::int IS NULL OR h.year = $2::int)
      ORDER BY h.year DESC, h.designated_on DESC, o.name_pinyin, h.level
      LIMIT $3 OFFSET $4`,
    [scope.path, year ?? null, limit, offset],
  );
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export function modelHomesOf(q: Queryable, orgId: number, year: number): Promise<{ level: 'county' | 'city' | 'province'; designatedOn: string; score: number }[]> {
  return q.query(
    `SELECT level, to_char(designated_on, 'YYYY-MM-DD') AS "designatedOn", score::float8 AS score FROM model_home WHERE org_id = $1 AND year = $2 ORDER BY level`,
    [orgId, year],
  );
}

export async function getModelHome(q: Queryable, orgId: number, year: number, level: string): Promise<ModelHomeRow | undefined> {
  const rows = await q.query<ModelHomeRow>(
    `SELECT ${modelHomeColumns} FROM model_home h JOIN org o ON o.id = h.org_id JOIN org d ON d.id = h.designated_by_org
      WHERE h.org_id = $1 AND h.year = $2 AND h.level = $3`,
    [orgId, year, level],
  );
  return rows[0];
}

/** Inserts the designation; false when the union already holds it at that level and year. */
export async function insertModelHome(
  q: Queryable,
  h: { orgId: number; year: number; level: string; byOrg: number; by: number | null; on: string; score: number; card: unknown },
): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO model_home (org_id, year, level, designated_by_org, designated_by, designated_on, score, card)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) ON CONFLICT DO NOTHING RETURNING org_id`,
    [h.orgId, h.year, h.level, h.byOrg, h.by, h.on, h.score, JSON.stringify(h.card)],
  );
  return rows.length > 0;
}

/** Designations made in [start, end), for the root and per child subtree (the tile). */
export function modelHomesDesignated(q: Queryable, root: string, startDay: string, endDay: string) {
  return q.query<{ head: string; n: number }>(
    `SELECT subpath(o.path, 0, least(nlevel(o.path), nlevel($1::ltree) + 1))::text AS head, count(*)::int AS n
       FROM model_home h JOIN org o ON o.id = h.org_id
      WHERE ${within('o.path', '$1::ltree')} AND h.designated_on >= $2::date AND h.designated_on < $3::date
      GROUP BY 1`,
    [root, startDay, endDay],
  );
}
