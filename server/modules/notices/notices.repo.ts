// The notices outbox: SQL only.
import type { NoticeKind } from '../../../contracts/notices.ts';
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';

export interface NewNotice {
  channel: 'sms' | 'wechat';
  toEnc: Buffer;
  toHash: Buffer;
  toMasked: string;
  body: string;
  bodyRedacted: string;
  kind: NoticeKind;
  orgPath: string | null;
  /** Recorded as sent at once (the outbox is the delivery). */
  delivered: boolean;
}

export interface BulkNotice {
  toEnc: Buffer;
  toHash: Buffer;
  toMasked: string;
  body: string;
}

// The outbox is written here only (the port, exported through notices.service.ts). A statement that
// decides and tells at once (a sign-up, a batch of them, a membership filing: one round trip each)
// takes its notices from the fragments below, naming the rows that give each phone and body.

/**
 * A data-modifying CTE body queuing one SMS of kind activity_signup per row of `rows`, a query
 * giving (to_enc, to_hash, to_masked, body); the statement binds the activity's org path as $11
 * and whether the sender delivers in the outbox as $12 (both sign-up statements do).
 */
export function signupNoticesSql(rows: string): string {
  return `INSERT INTO outbox (channel, to_enc, to_hash, to_masked, body, body_redacted, kind, org_path, status, sent_at)
       SELECT 'sms', n.to_enc, n.to_hash, n.to_masked, n.body, n.body, 'activity_signup', $11::ltree,
              CASE WHEN $12::boolean THEN 'sent' ELSE 'pending' END, CASE WHEN $12::boolean THEN now() END
         FROM (${rows}) AS n(to_enc, to_hash, to_masked, body)`;
}

/**
 * A data-modifying CTE body queuing one SMS per row of `rows` (to_enc, to_hash, to_masked, body):
 * `kind`, `orgPath` and `delivered` are the SQL (a parameter, usually) of the kind, the org path
 * and whether the sender delivers in the outbox.
 */
export function noticesSql(rows: string, p: { kind: string; orgPath: string; delivered: string }): string {
  return `INSERT INTO outbox (channel, to_enc, to_hash, to_masked, body, body_redacted, kind, org_path, status, sent_at)
       SELECT 'sms', n.to_enc, n.to_hash, n.to_masked, n.body, n.body, ${p.kind}, ${p.orgPath}::ltree,
              CASE WHEN ${p.delivered}::boolean THEN 'sent' ELSE 'pending' END, CASE WHEN ${p.delivered}::boolean THEN now() END
         FROM (${rows}) AS n(to_enc, to_hash, to_masked, body)`;
}

/** Many notices at once (a draw's results, a cancelled activity, a points issue), as queueSms writes one. */
export async function insertNotices(q: Queryable, notices: BulkNotice[], kind: NoticeKind, orgPath: string, delivered: boolean): Promise<void> {
  if (notices.length === 0) return;
  await q.query(
    `INSERT INTO outbox (channel, to_enc, to_hash, to_masked, body, body_redacted, kind, org_path, status, sent_at)
     SELECT 'sms', x.to_enc, x.to_hash, x.to_masked, x.body, x.body, $5, $6::ltree,
            CASE WHEN $7::boolean THEN 'sent' ELSE 'pending' END, CASE WHEN $7::boolean THEN now() END
       FROM unnest($1::bytea[], $2::bytea[], $3::text[], $4::text[]) AS x(to_enc, to_hash, to_masked, body)`,
    [notices.map((n) => n.toEnc), notices.map((n) => n.toHash), notices.map((n) => n.toMasked), notices.map((n) => n.body), kind, orgPath, delivered],
  );
}

export async function insertNotice(q: Queryable, n: NewNotice): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO outbox (channel, to_enc, to_hash, to_masked, body, body_redacted, kind, org_path, status, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::ltree, CASE WHEN $9::boolean THEN 'sent' ELSE 'pending' END,
             CASE WHEN $9::boolean THEN now() END)
     RETURNING id`,
    [n.channel, n.toEnc, n.toHash, n.toMasked, n.body, n.bodyRedacted, n.kind, n.orgPath, n.delivered],
  );
  return r!.id;
}

export interface NoticeRow {
  id: number;
  channel: 'sms' | 'wechat';
  toMasked: string;
  body: string;
  bodyRedacted: string;
  kind: string;
  status: string;
  createdAt: Date | string;
}

/** Notices the scope may read: those about its subtree; notices about no org only for the whole tree. */
export async function findNotices(
  q: Queryable,
  scope: Scope,
  f: { toHash?: Buffer | undefined; limit: number; offset: number },
): Promise<{ items: NoticeRow[]; total: number }> {
  const params: unknown[] = [scope.path];
  const where = [scope.path.includes('.') ? scopeFilter('org_path', 1) : `(${scopeFilter('org_path', 1)} OR org_path IS NULL)`];
  if (f.toHash) {
    params.push(f.toHash);
    where.push(`to_hash = $${params.length}`);
  }
  const w = where.join(' AND ');
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE ${w}`, params);
  const items = await q.query<NoticeRow>(
    `SELECT id, channel, to_masked AS "toMasked", body, body_redacted AS "bodyRedacted", kind, status, created_at AS "createdAt"
       FROM outbox WHERE ${w} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

export async function findPendingNotices(q: Queryable, limit: number) {
  return q.query<{ id: number; channel: 'sms' | 'wechat'; toEnc: Buffer; body: string }>(
    `SELECT id, channel, to_enc AS "toEnc", body FROM outbox WHERE status = 'pending' ORDER BY id LIMIT $1`,
    [limit],
  );
}

export async function markNotice(q: Queryable, id: number, ok: boolean): Promise<void> {
  await q.query(
    `UPDATE outbox SET status = $2, attempts = attempts + 1, sent_at = CASE WHEN $2 = 'sent' THEN now() END
      WHERE id = $1`,
    [id, ok ? 'sent' : 'failed'],
  );
}

/** The newest notice of a kind to one number within the last `withinSeconds`: its full body. */
export async function findLatestNoticeTo(
  q: Queryable,
  f: { toHash: Buffer; kind: string; withinSeconds: number },
): Promise<{ body: string; createdAt: Date | string } | undefined> {
  const rows = await q.query<{ body: string; createdAt: Date | string }>(
    `SELECT body, created_at AS "createdAt" FROM outbox
      WHERE to_hash = $1 AND kind = $2 AND created_at > now() - make_interval(secs => $3)
      ORDER BY id DESC LIMIT 1`,
    [f.toHash, f.kind, f.withinSeconds],
  );
  return rows[0];
}
