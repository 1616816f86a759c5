// The member's bank account for payouts: SQL only. The number is sealed; reads give the mask.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';

export interface BankAccountRow {
  memberId: number;
  bankName: string;
  accountMasked: string;
  updatedAt: string;
}

const COLS = `b.member_id AS "memberId", b.bank_name AS "bankName", b.account_masked AS "accountMasked",
  to_char(b.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;

export async function upsertBankAccount(q: Queryable, a: { memberId: number; bankName: string; enc: Buffer; hash: Buffer; masked: string }): Promise<BankAccountRow> {
  const rows = await q.query<BankAccountRow>(
    `INSERT INTO member_bank_account AS b (member_id, bank_name, account_enc, account_hash, account_masked)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (member_id) DO UPDATE SET bank_name = EXCLUDED.bank_name, account_enc = EXCLUDED.account_enc,
       account_hash = EXCLUDED.account_hash, account_masked = EXCLUDED.account_masked, updated_at = now()
     RETURNING ${COLS}`,
    [a.memberId, a.bankName, a.enc, a.hash, a.masked],
  );
  return rows[0]!;
}

export async function getBankAccount(q: Queryable, memberId: number): Promise<BankAccountRow | undefined> {
  const rows = await q.query<BankAccountRow>(`SELECT ${COLS} FROM member_bank_account b WHERE b.member_id = $1`, [memberId]);
  return rows[0];
}

export interface ScopedMember {
  memberId: number;
  orgPath: string;
  account: (BankAccountRow & { accountEnc: Buffer }) | null;
}

/** A member of the scope and the account, if recorded; undefined when the member is not in scope. */
export async function getMemberAccountInScope(q: Queryable, scope: Scope, memberId: number): Promise<ScopedMember | undefined> {
  const rows = await q.query<{ memberId: number; orgPath: string; bankName: string | null; accountMasked: string; updatedAt: string; accountEnc: Buffer | null }>(
    `SELECT m.id AS "memberId", g.path::text AS "orgPath", b.bank_name AS "bankName", b.account_masked AS "accountMasked",
            to_char(b.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt", b.account_enc AS "accountEnc"
       FROM member m JOIN org g ON g.id = m.org_id LEFT JOIN member_bank_account b ON b.member_id = m.id
      WHERE m.id = $1 AND ${scopeFilter('g.path', 2)}`,
    [memberId, scope.path],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    memberId: r.memberId,
    orgPath: r.orgPath,
    account: r.bankName && r.accountEnc
      ? { memberId: r.memberId, bankName: r.bankName, accountMasked: r.accountMasked, updatedAt: r.updatedAt, accountEnc: r.accountEnc }
      : null,
  };
}

export async function getMemberName(q: Queryable, memberId: number): Promise<{ name: string; orgPath: string } | undefined> {
  const rows = await q.query<{ name: string; orgPath: string }>(
    `SELECT m.name, g.path::text AS "orgPath" FROM member m JOIN org g ON g.id = m.org_id WHERE m.id = $1`,
    [memberId],
  );
  return rows[0];
}
