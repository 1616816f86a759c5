// Integration accounts' SQL (tickets.integrations.ts): a partner's bearer token, kept as its hash.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface IntegrationAccountRow {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const ACCOUNT_COLUMNS = `a.id, a.name, a.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", a.created_at AS "createdAt", a.revoked_at AS "revokedAt"`;

/** The live account a token hash belongs to. */
export async function findIntegrationAccount(q: Queryable, tokenHash: Buffer): Promise<IntegrationAccountRow | undefined> {
  const rows = await q.query<IntegrationAccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM ticket_integration_account a JOIN org o ON o.id = a.org_id WHERE a.token_hash = $1 AND a.revoked_at IS NULL AND o.status = 'active'`,
    [tokenHash],
  );
  return rows[0];
}

export async function insertIntegrationAccount(q: Queryable, a: { orgId: number; name: string; tokenHash: Buffer; createdBy: number }) {
  const [r] = await q.query<{ id: number; createdAt: Date }>(
    `INSERT INTO ticket_integration_account (org_id, name, token_hash, created_by) VALUES ($1, $2, $3, $4) RETURNING id, created_at AS "createdAt"`,
    [a.orgId, a.name, a.tokenHash, a.createdBy],
  );
  return r!;
}

export async function findIntegrationAccounts(q: Queryable, scope: Scope, orgPath: OrgPath, limit: number, offset: number) {
  const where = `${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)}`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_integration_account a JOIN org o ON o.id = a.org_id WHERE ${where}`, [scope.path, orgPath]);
  const items = await q.query<IntegrationAccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM ticket_integration_account a JOIN org o ON o.id = a.org_id WHERE ${where} ORDER BY a.id DESC LIMIT $3 OFFSET $4`,
    [scope.path, orgPath, limit, offset],
  );
  return { items, total: c?.n ?? 0 };
}

export async function getIntegrationAccountInScope(q: Queryable, scope: Scope, id: number): Promise<IntegrationAccountRow | undefined> {
  const rows = await q.query<IntegrationAccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM ticket_integration_account a JOIN org o ON o.id = a.org_id WHERE a.id = $1 AND ${scopeFilter('o.path', 2)}`,
    [id, scope.path],
  );
  return rows[0];
}

export async function revokeIntegrationAccount(q: Queryable, id: number): Promise<void> {
  await q.query(`UPDATE ticket_integration_account SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [id]);
}
