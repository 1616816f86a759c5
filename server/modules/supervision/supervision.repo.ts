// Labour-law supervision cases (一函两书): SQL only. A case's scope is its union's (org_id), so every
// scoped read joins org and filters its path through the gate.
import type { Queryable } from '../../db/client.ts';
import { likePattern } from '../../http/search.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { containing, scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface CaseRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  orgLevel: string;
  orgParentId: number | null;
  enterpriseId: number | null;
  employerName: string;
  employerTownId: number | null;
  employerTownName: string | null;
  employerAddress: string | null;
  provisions: string[];
  summary: string;
  workersCount: number;
  source: string;
  state: string;
  stage: string | null;
  outcome: string | null;
  wagesRecoveredFen: number | null;
  workersCovered: number | null;
  closeNote: string | null;
  closedAt: Date | string | null;
  createdAt: Date | string;
  replyDueOn: string | null;
  overdue: boolean;
}

const FROM = `supervision_case c JOIN org o ON o.id = c.org_id
  LEFT JOIN org town ON town.id = c.employer_town_id
  LEFT JOIN LATERAL (SELECT l.reply_due_on, l.replied_on FROM supervision_letter l WHERE l.case_id = c.id ORDER BY l.id DESC LIMIT 1) cur ON true`;

/** `$today` is the parameter number of today's Beijing date. */
const columns = (today: number) => `c.id::int AS id, o.id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", o.level AS "orgLevel",
  o.parent_id::int AS "orgParentId", c.enterprise_id::int AS "enterpriseId", c.employer_name AS "employerName",
  c.employer_town_id::int AS "employerTownId", town.name AS "employerTownName", c.employer_address AS "employerAddress",
  c.provisions, c.summary, c.workers_count AS "workersCount", c.source, c.state, c.stage, c.outcome,
  c.wages_recovered_fen::float8 AS "wagesRecoveredFen", c.workers_covered AS "workersCovered", c.close_note AS "closeNote",
  c.closed_at AS "closedAt", c.created_at AS "createdAt", cur.reply_due_on::text AS "replyDueOn",
  ${overdueCondition(today)} AS overdue`;

function overdueCondition(today: number): string {
  return `coalesce(c.state <> 'closed' AND cur.replied_on IS NULL AND cur.reply_due_on < $${today}::date, false)`;
}

export interface CaseFilter {
  root: OrgPath;
  today: string;
  state?: string | undefined;
  stage?: string | undefined;
  q?: string | undefined;
  overdue?: boolean | undefined;
}

export async function findCases(q: Queryable, scope: Scope, f: CaseFilter, page: { limit: number; offset: number }) {
  const params: unknown[] = [scope.path, f.root];
  const where = [scopeFilter('o.path', 1), withinSubtree('o.path', 2)];
  const add = (value: unknown, cond: (n: number) => string) => {
    params.push(value);
    where.push(cond(params.length));
  };
  if (f.state) add(f.state, (n) => `c.state = $${n}`);
  if (f.stage === 'none') where.push('c.stage IS NULL');
  else if (f.stage) add(f.stage, (n) => `c.stage = $${n}`);
  if (f.q) add(likePattern(f.q), (n) => `c.employer_name LIKE $${n}`);
  if (f.overdue !== undefined) add(f.today, (n) => (f.overdue ? overdueCondition(n) : `NOT ${overdueCondition(n)}`));
  const sql = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${sql}`, params);
  const n = params.length;
  const items = await q.query<CaseRow>(
    `SELECT ${columns(n + 1)} FROM ${FROM} WHERE ${sql} ORDER BY c.id DESC LIMIT $${n + 2} OFFSET $${n + 3}`,
    [...params, f.today, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}

export async function getCaseInScope(q: Queryable, scope: Scope, id: number, today: string, lock = false): Promise<CaseRow | undefined> {
  if (lock) {
    const locked = await q.query(`SELECT c.id FROM supervision_case c JOIN org o ON o.id = c.org_id WHERE c.id = $1 AND ${scopeFilter('o.path', 2)} FOR UPDATE OF c`, [id, scope.path]);
    if (locked.length === 0) return undefined;
  }
  const rows = await q.query<CaseRow>(`SELECT ${columns(3)} FROM ${FROM} WHERE c.id = $1 AND ${scopeFilter('o.path', 2)}`, [id, scope.path, today]);
  return rows[0];
}

export async function findCaseByKey(q: Queryable, staffId: number, key: string): Promise<{ id: number; employerName: string; createdAt: Date | string; hash: string } | undefined> {
  const rows = await q.query<{ id: number; employerName: string; createdAt: Date | string; hash: string }>(
    `SELECT id::int AS id, employer_name AS "employerName", created_at AS "createdAt", encode(request_hash, 'hex') AS hash
       FROM supervision_case WHERE created_by = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return rows[0];
}

export interface NewCase {
  orgId: number;
  enterpriseId: number | null;
  employerName: string;
  employerTownId: number | null;
  employerAddress: string | null;
  provisions: string[];
  summary: string;
  workersCount: number;
  source: string;
  createdBy: number;
  idemKey: string;
  requestHash: Buffer;
}

export async function insertCase(q: Queryable, c: NewCase): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO supervision_case (org_id, enterprise_id, employer_name, employer_town_id, employer_address, provisions, summary, workers_count, source, created_by, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12) RETURNING id::int AS id`,
    [c.orgId, c.enterpriseId, c.employerName, c.employerTownId, c.employerAddress, c.provisions, c.summary, c.workersCount, c.source, c.createdBy, c.idemKey, c.requestHash],
  );
  return row!.id;
}

export async function updateCase(q: Queryable, id: number, c: { employerAddress?: string | undefined; provisions?: string[] | undefined; summary?: string | undefined; workersCount?: number | undefined }) {
  const sets: string[] = ['updated_at = now()'];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (c.employerAddress !== undefined) set('employer_address', c.employerAddress);
  if (c.provisions !== undefined) set('provisions', c.provisions, '::text[]');
  if (c.summary !== undefined) set('summary', c.summary);
  if (c.workersCount !== undefined) set('workers_count', c.workersCount);
  await q.query(`UPDATE supervision_case SET ${sets.join(', ')} WHERE id = $1`, params);
}

export async function setCaseState(q: Queryable, id: number, state: string, stage?: string): Promise<void> {
  await q.query(`UPDATE supervision_case SET state = $2, stage = coalesce($3, stage), updated_at = now() WHERE id = $1`, [id, state, stage ?? null]);
}

export async function moveCase(q: Queryable, id: number, orgId: number): Promise<void> {
  await q.query(`UPDATE supervision_case SET org_id = $2, updated_at = now() WHERE id = $1`, [id, orgId]);
}

export async function closeCase(q: Queryable, id: number, c: { outcome: string; wagesRecoveredFen: number; workersCovered: number; note: string | null }) {
  await q.query(
    `UPDATE supervision_case SET state = 'closed', outcome = $2, wages_recovered_fen = $3, workers_covered = $4, close_note = $5, closed_at = now(), updated_at = now() WHERE id = $1`,
    [id, c.outcome, c.wagesRecoveredFen, c.workersCovered, c.note],
  );
}

export async function addSupervisors(q: Queryable, caseId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await q.query(`INSERT INTO supervision_case_supervisor (case_id, supervisor_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, [caseId, ids]);
}

export async function caseSupervisorIds(q: Queryable, caseId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(`SELECT supervisor_id::int AS id FROM supervision_case_supervisor WHERE case_id = $1 ORDER BY supervisor_id`, [caseId]);
  return rows.map((r) => r.id);
}

export async function addTickets(q: Queryable, caseId: number, ids: readonly number[], staffId: number): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q.query(
    `INSERT INTO supervision_case_ticket (case_id, ticket_id, added_by) SELECT $1, unnest($2::bigint[]), $3 ON CONFLICT DO NOTHING RETURNING ticket_id`,
    [caseId, ids, staffId],
  );
  return rows.length;
}

export async function caseTicketIds(q: Queryable, caseId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(`SELECT ticket_id::int AS id FROM supervision_case_ticket WHERE case_id = $1 ORDER BY ticket_id`, [caseId]);
  return rows.map((r) => r.id);
}

/** An org by id (unscoped: the parent a case is handed up to, a typed employer's town). */
export async function getOrg(q: Queryable, id: number): Promise<{ id: number; name: string; path: string; level: string; status: string } | undefined> {
  const rows = await q.query<{ id: number; name: string; path: string; level: string; status: string }>(
    `SELECT id::int AS id, name, path::text AS path, level, status FROM org WHERE id = $1`,
    [id],
  );
  return rows[0];
}

// ── letters ────────────────────────────────────────────────────────────────────────────────────

export interface LetterRow {
  id: number;
  caseId: number;
  kind: string;
  number: string;
  addressee: string;
  issuedOn: string;
  replyDays: number;
  dayKind: 'working' | 'calendar';
  statedDueOn: string;
  deliveredVia: string | null;
  deliveredOn: string | null;
  receiptSigner: string | null;
  replyDueOn: string | null;
  repliedOn: string | null;
  replySummary: string | null;
  rectification: string | null;
}

const LETTER = `l.id::int AS id, l.case_id::int AS "caseId", l.kind, l.number, l.addressee, l.issued_on::text AS "issuedOn",
  l.reply_days AS "replyDays", l.day_kind AS "dayKind", l.stated_due_on::text AS "statedDueOn", l.delivered_via AS "deliveredVia", l.delivered_on::text AS "deliveredOn",
  l.receipt_signer AS "receiptSigner", l.reply_due_on::text AS "replyDueOn", l.replied_on::text AS "repliedOn",
  l.reply_summary AS "replySummary", l.rectification`;

export async function findLetters(q: Queryable, caseId: number): Promise<LetterRow[]> {
  return q.query<LetterRow>(`SELECT ${LETTER} FROM supervision_letter l WHERE l.case_id = $1 ORDER BY l.id`, [caseId]);
}

export async function getLetter(q: Queryable, caseId: number, letterId: number, lock = false): Promise<LetterRow | undefined> {
  const rows = await q.query<LetterRow>(`SELECT ${LETTER} FROM supervision_letter l WHERE l.case_id = $1 AND l.id = $2${lock ? ' FOR UPDATE' : ''}`, [caseId, letterId]);
  return rows[0];
}

export async function getLetterPdf(q: Queryable, letterId: number): Promise<Buffer | undefined> {
  const rows = await q.query<{ pdf: Buffer }>(`SELECT pdf FROM supervision_letter WHERE id = $1`, [letterId]);
  const pdf = rows[0]?.pdf;
  return pdf === undefined ? undefined : Buffer.from(pdf);
}

export async function findLetterByKey(q: Queryable, staffId: number, key: string): Promise<{ id: number; caseId: number; hash: string } | undefined> {
  const rows = await q.query<{ id: number; caseId: number; hash: string }>(
    `SELECT id::int AS id, case_id::int AS "caseId", encode(request_hash, 'hex') AS hash FROM supervision_letter WHERE created_by = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return rows[0];
}

/** Takes the next number of a union's letters of a kind in a year (the row locked until the transaction ends). */
export async function nextLetterSeq(q: Queryable, orgId: number, year: number, kind: string): Promise<number> {
  const [row] = await q.query<{ last: number }>(
    `INSERT INTO supervision_letter_seq (org_id, year, kind, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (org_id, year, kind) DO UPDATE SET last = supervision_letter_seq.last + 1 RETURNING last`,
    [orgId, year, kind],
  );
  return row!.last;
}

export interface NewLetter {
  caseId: number;
  orgId: number;
  kind: string;
  year: number;
  seq: number;
  number: string;
  addressee: string;
  issuedOn: string;
  replyDays: number;
  dayKind: string;
  statedDueOn: string;
  pdf: Buffer;
  createdBy: number;
  idemKey: string;
  requestHash: Buffer;
}

export async function insertLetter(q: Queryable, l: NewLetter): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO supervision_letter (case_id, org_id, kind, year, seq, number, addressee, issued_on, reply_days, day_kind, stated_due_on, pdf, created_by, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id::int AS id`,
    [l.caseId, l.orgId, l.kind, l.year, l.seq, l.number, l.addressee, l.issuedOn, l.replyDays, l.dayKind, l.statedDueOn, l.pdf, l.createdBy, l.idemKey, l.requestHash],
  );
  return row!.id;
}

export async function setDelivery(q: Queryable, id: number, d: { via: string; deliveredOn: string; receiptSigner: string; replyDueOn: string }) {
  await q.query(`UPDATE supervision_letter SET delivered_via = $2, delivered_on = $3, receipt_signer = $4, reply_due_on = $5 WHERE id = $1`, [
    id,
    d.via,
    d.deliveredOn,
    d.receiptSigner,
    d.replyDueOn,
  ]);
}

export async function setReply(q: Queryable, id: number, r: { repliedOn: string; summary: string; rectification: string }) {
  await q.query(`UPDATE supervision_letter SET replied_on = $2, reply_summary = $3, rectification = $4 WHERE id = $1`, [id, r.repliedOn, r.summary, r.rectification]);
}

// ── the reply rule and the number prefix ───────────────────────────────────────────────────────

export interface RuleRow {
  orgId: number;
  orgName: string;
  replyDays: number;
  dayKind: 'working' | 'calendar';
}

/** The rule of the nearest union on the path (the union itself or an ancestor), if any. */
export async function findNearestRule(q: Queryable, path: string): Promise<RuleRow | undefined> {
  const rows = await q.query<RuleRow>(
    `SELECT o.id::int AS "orgId", o.name AS "orgName", r.reply_days AS "replyDays", r.day_kind AS "dayKind"
       FROM supervision_rule r JOIN org o ON o.id = r.org_id
      WHERE ${containing('o.path', '$1::ltree')} ORDER BY nlevel(o.path) DESC LIMIT 1`,
    [path],
  );
  return rows[0];
}

export async function upsertRule(q: Queryable, r: { orgId: number; replyDays: number; dayKind: string; staffId: number }) {
  await q.query(
    `INSERT INTO supervision_rule (org_id, reply_days, day_kind, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id) DO UPDATE SET reply_days = excluded.reply_days, day_kind = excluded.day_kind, updated_by = excluded.updated_by, updated_at = now()`,
    [r.orgId, r.replyDays, r.dayKind, r.staffId],
  );
}

export async function getPrefix(q: Queryable, orgId: number): Promise<string | undefined> {
  const rows = await q.query<{ prefix: string }>(`SELECT prefix FROM supervision_prefix WHERE org_id = $1`, [orgId]);
  return rows[0]?.prefix;
}

export async function upsertPrefix(q: Queryable, orgId: number, prefix: string, staffId: number) {
  await q.query(
    `INSERT INTO supervision_prefix (org_id, prefix, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (org_id) DO UPDATE SET prefix = excluded.prefix, updated_by = excluded.updated_by, updated_at = now()`,
    [orgId, prefix, staffId],
  );
}

// ── figures ────────────────────────────────────────────────────────────────────────────────────

/** Counts of a subtree (`root`, already read through the gate) between two Beijing dates, inclusive. */
export async function figures(q: Queryable, root: OrgPath, from: string, to: string) {
  const span = `>= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND %s < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const inSpan = (col: string) => `${col} ${span.replace('%s', col)}`;
  const params = [root, from, to];
  const [states, outcomes, letters, replies, totals] = await Promise.all([
    q.query<{ state: string; count: number }>(
      `SELECT c.state, count(*)::int AS count FROM supervision_case c JOIN org o ON o.id = c.org_id
        WHERE ${withinSubtree('o.path', 1)} AND ${inSpan('c.created_at')} GROUP BY c.state`,
      params,
    ),
    q.query<{ outcome: string; count: number }>(
      `SELECT c.outcome, count(*)::int AS count FROM supervision_case c JOIN org o ON o.id = c.org_id
        WHERE ${withinSubtree('o.path', 1)} AND c.state = 'closed' AND ${inSpan('c.closed_at')} GROUP BY c.outcome`,
      params,
    ),
    q.query<{ kind: string; count: number }>(
      `SELECT l.kind, count(*)::int AS count FROM supervision_letter l JOIN org o ON o.id = l.org_id
        WHERE ${withinSubtree('o.path', 1)} AND l.issued_on BETWEEN $2::date AND $3::date GROUP BY l.kind`,
      params,
    ),
    q.query<{ delivered: number; replied: number; onTime: number }>(
      `SELECT count(*)::int AS delivered, count(l.replied_on)::int AS replied, count(*) FILTER (WHERE l.replied_on <= l.reply_due_on)::int AS "onTime"
         FROM supervision_letter l JOIN org o ON o.id = l.org_id
        WHERE ${withinSubtree('o.path', 1)} AND l.delivered_on BETWEEN $2::date AND $3::date`,
      params,
    ),
    q.query<{ wages: number; workers: number }>(
      `SELECT coalesce(sum(c.wages_recovered_fen), 0)::float8 AS wages, coalesce(sum(c.workers_covered), 0)::int AS workers
         FROM supervision_case c JOIN org o ON o.id = c.org_id
        WHERE ${withinSubtree('o.path', 1)} AND c.state = 'closed' AND ${inSpan('c.closed_at')}`,
      params,
    ),
  ]);
  return { states, outcomes, letters, replies: replies[0]!, totals: totals[0]! };
}

/** Re-points the supervision cases naming a duplicate employer to the kept one (enterprise merge); how many moved. */
export async function reassignEnterprise(q: Queryable, fromId: number, toId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `WITH u AS (UPDATE supervision_case SET enterprise_id = $2 WHERE enterprise_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
    [fromId, toId],
  );
  return r?.n ?? 0;
}
