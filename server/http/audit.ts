// Writes the audit log: the core's one writer, called by every module in the transaction that
// does what is recorded (the audit module only reads the log).
import type { Queryable } from '../db/client.ts';

export interface AuditEntry {
  actorKind: 'staff' | 'member' | 'anonymous' | 'system';
  actorId?: number | null;
  actorName?: string | null;
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  targetType?: string | null;
  targetId?: string | number | null;
  /** ltree path of the org the event concerns (decides who may read the entry). */
  orgPath?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: Record<string, unknown>;
}

export async function insertAudit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, outcome, target_type, target_id,
                            org_path, ip, user_agent, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::ltree, $9, $10, $11::jsonb)`,
    [
      e.actorKind,
      e.actorId ?? null,
      e.actorName ?? null,
      e.action,
      e.outcome ?? 'ok',
      e.targetType ?? null,
      e.targetId == null ? null : String(e.targetId),
      e.orgPath ?? null,
      e.ip ?? null,
      e.userAgent ?? null,
      JSON.stringify(e.detail ?? {}),
    ],
  );
}

/**
 * Many entries in one statement (a set-based job such as the tickets' sweep): the same rows
 * insertAudit would write one by one, in one round trip, in the caller's transaction.
 */
export async function insertAudits(q: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <T>(f: (e: AuditEntry) => T) => entries.map(f);
  await q.query(
    `INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, outcome, target_type, target_id,
                            org_path, ip, user_agent, detail)
     SELECT actor_kind, actor_id, actor_name, action, outcome, target_type, target_id, org_path::ltree, ip, user_agent, detail::jsonb
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
            AS e(actor_kind, actor_id, actor_name, action, outcome, target_type, target_id, org_path, ip, user_agent, detail)`,
    [
      col((e) => e.actorKind),
      col((e) => e.actorId ?? null),
      col((e) => e.actorName ?? null),
      col((e) => e.action),
      col((e) => e.outcome ?? 'ok'),
      col((e) => e.targetType ?? null),
      col((e) => (e.targetId == null ? null : String(e.targetId))),
      col((e) => e.orgPath ?? null),
      col((e) => e.ip ?? null),
      col((e) => e.userAgent ?? null),
      col((e) => JSON.stringify(e.detail ?? {})),
    ],
  );
}
