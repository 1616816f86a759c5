// The points ledger: SQL only. Every write of entries ends with applyEntries, which locks the
// accounts an operation touches in id order (so concurrent operations never deadlock) and moves
// their balances by the operation's entries in one statement.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface OperationRow {
  id: number;
  kind: 'issue' | 'redeem' | 'expire' | 'reverse';
  orgId: number;
  amount: number;
  memberCount: number;
  reason: string;
  reversesOperationId: number | null;
  /** formatted in SQL, so that a replay is byte-identical */
  createdAt: string;
  /** hex SHA-256 of the request */
  hash: string;
  orgPath: string;
}

const OP = `o.id, o.kind, o.org_id AS "orgId", o.amount, o.member_count AS "memberCount", o.reason,
  o.reverses_operation_id AS "reversesOperationId",
  to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  encode(o.request_hash, 'hex') AS hash, o.org_path::text AS "orgPath"`;

export interface NewOperation {
  kind: OperationRow['kind'];
  orgId: number;
  orgPath: string;
  reason: string;
  reversesOperationId?: number | null;
  actorKind: 'staff' | 'member';
  actorId: number;
  idemKey: string;
  requestHash: Buffer;
}

export async function findOperationByKey(q: Queryable, actorKind: string, actorId: number, idemKey: string): Promise<OperationRow | undefined> {
  const rows = await q.query<OperationRow>(
    `SELECT ${OP} FROM point_operation o WHERE o.actor_kind = $1 AND o.actor_id = $2 AND o.idem_key = $3`,
    [actorKind, actorId, idemKey],
  );
  return rows[0];
}

export async function insertOperation(q: Queryable, o: NewOperation): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO point_operation (kind, org_id, org_path, reason, reverses_operation_id, actor_kind, actor_id, idem_key, request_hash)
     VALUES ($1, $2, $3::ltree, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [o.kind, o.orgId, o.orgPath, o.reason, o.reversesOperationId ?? null, o.actorKind, o.actorId, o.idemKey, o.requestHash],
  );
  return rows[0]!.id;
}

/** Member accounts for the members of a subtree (optionally a list or a group), made where missing. */
export async function ensureMemberAccounts(q: Queryable, t: IssueTargets): Promise<void> {
  await q.query(
    `INSERT INTO point_account (kind, member_id)
     SELECT 'member', m.id FROM member m JOIN org g ON g.id = m.org_id
      WHERE ${targetFilter} ORDER BY m.id
     ON CONFLICT (member_id) DO NOTHING`,
    targetParams(t),
  );
}

export interface IssueTargets {
  orgPath: string;
  memberIds: number[] | null;
  group: string | null;
}

// $1 subtree path, $2 member ids (or null for all), $3 group (or null)
const targetFilter = `${withinSubtree('g.path', 1)} AND m.status = 'active'
  AND ($2::bigint[] IS NULL OR m.id = ANY($2::bigint[])) AND ($3::text IS NULL OR m.groups @> ARRAY[$3::text])`;
const targetParams = (t: IssueTargets) => [t.orgPath, t.memberIds, t.group];

/** The members of `ids` that are active and in the subtree (to tell which of a list are not). */
export async function countTargets(q: Queryable, t: IssueTargets): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member m JOIN org g ON g.id = m.org_id WHERE ${targetFilter}`,
    targetParams(t),
  );
  return rows[0]!.n;
}

/** One entry per matching member and the issuer's opposite entry: two set-based statements. */
export async function insertIssueEntries(q: Queryable, opId: number, issuerAccountId: number, amount: number, t: IssueTargets): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `WITH e AS (
       INSERT INTO point_entry (operation_id, account_id, amount, counts_as)
       SELECT $4, a.id, $5, 'issue' FROM member m JOIN org g ON g.id = m.org_id JOIN point_account a ON a.member_id = m.id
        WHERE ${targetFilter}
       RETURNING 1)
     SELECT count(*)::int AS n FROM e`,
    [...targetParams(t), opId, amount],
  );
  const n = rows[0]!.n;
  if (n > 0) {
    await q.query(`INSERT INTO point_entry (operation_id, account_id, amount, counts_as) VALUES ($1, $2, $3, 'issue')`, [opId, issuerAccountId, -amount * n]);
  }
  return n;
}

/**
 * For an issue to a very large subtree, in place of lockIssueAccounts: the whole accounts table,
 * locked first thing in the transaction (EXCLUSIVE: plain reads go on; every other points write —
 * and every row lock on an account — waits until this transaction ends, and this waits for those
 * in flight). With no other writer, the issue's one statement needs no ordered lock of each account
 * (measured at 1,005,091 accounts: the ordered row lock alone took 5–10 s). The hash joins and sorts
 * of a million targets get the memory to stay off disk, for this transaction only.
 */
export async function lockLedgerForMassIssue(q: Queryable): Promise<void> {
  await q.query(`LOCK TABLE point_account IN EXCLUSIVE MODE`);
  await q.query(`SET LOCAL work_mem = '128MB'`);
}

/**
 * Locks, in id order, the issuer account and the target members' accounts that exist, before an
 * issue moves their balances (so that concurrent operations, which lock in id order too, never
 * deadlock with it).
 */
export async function lockIssueAccounts(q: Queryable, issuerAccountId: number, t: IssueTargets): Promise<void> {
  await q.query(
    // `a.id IN (issuer UNION ALL target accounts)`, a semi-join: written as `a.id = $4 OR a.member_id
    // IN (…)` it is a subplan, hashed only while the targets fit in work_mem — at 1,000,000 members it
    // was run again for every account (measured: minutes).
    `SELECT a.id FROM point_account a
      WHERE a.id IN (SELECT $4::bigint
                     UNION ALL
                     SELECT t.id FROM point_account t JOIN member m ON m.id = t.member_id JOIN org g ON g.id = m.org_id WHERE ${targetFilter})
      ORDER BY a.id FOR NO KEY UPDATE`,
    [...targetParams(t), issuerAccountId],
  );
}

/**
 * Credits `amount` to every target member in one statement, the entry and the balance together:
 * the targets are read once; a member without an account gets one made with the amount as its
 * balance (made by a concurrent transaction meanwhile: that row gets the amount added, once it is
 * committed); every other target account has the amount added; and each account so credited gets
 * one entry. Entries and balance moves are the same set of accounts by construction, and a new
 * account is written once (an account inserted and then updated in one transaction costs a second
 * row version and a second foreign-key check). Lock the accounts first (lockIssueAccounts).
 * Returns the number of members credited.
 */
export async function creditIssueTargets(q: Queryable, opId: number, amount: number, t: IssueTargets): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `WITH t AS MATERIALIZED (SELECT m.id FROM member m JOIN org g ON g.id = m.org_id WHERE ${targetFilter}),
          made AS (
            INSERT INTO point_account (kind, member_id, balance)
            SELECT 'member', t.id, $5 FROM t WHERE NOT EXISTS (SELECT 1 FROM point_account a WHERE a.member_id = t.id) ORDER BY t.id
            ON CONFLICT (member_id) DO UPDATE SET balance = point_account.balance + EXCLUDED.balance
            RETURNING id),
          moved AS (
            UPDATE point_account a SET balance = a.balance + $5 FROM t WHERE a.member_id = t.id
            RETURNING a.id),
          e AS (
            INSERT INTO point_entry (operation_id, account_id, amount, counts_as)
            SELECT $4, x.id, $5, 'issue' FROM (SELECT id FROM made UNION ALL SELECT id FROM moved) x
            RETURNING 1)
     SELECT count(*)::int AS n FROM e`,
    [...targetParams(t), opId, amount],
  );
  return rows[0]!.n;
}

/**
 * The issuer's side of an issue to `n` members (its entry and balance), and the operation's
 * figures; returns the operation.
 */
export async function completeIssue(q: Queryable, opId: number, issuerAccountId: number, amount: number, n: number): Promise<OperationRow> {
  await q.query(
    `WITH e AS (INSERT INTO point_entry (operation_id, account_id, amount, counts_as) VALUES ($1, $2, $3, 'issue') RETURNING amount)
     UPDATE point_account SET balance = balance + (SELECT amount FROM e) WHERE id = $2`,
    [opId, issuerAccountId, -amount * n],
  );
  const rows = await q.query<OperationRow>(
    `UPDATE point_operation o SET amount = $2, member_count = $3 WHERE o.id = $1 RETURNING ${OP}`,
    [opId, amount * n, n],
  );
  return rows[0]!;
}

/** The issuer (funding) account of an org, made when missing. */
export async function issuerAccountOf(q: Queryable, orgId: number): Promise<number> {
  const rows = await q.query<{ id: number }>(
    // Made when missing; two first issues at once: the second waits for the first's row (DO UPDATE
    // waits and returns it, where DO NOTHING would return nothing and its snapshot not see the row).
    `WITH found AS (SELECT id FROM point_account WHERE org_id = $1),
          made AS (INSERT INTO point_account (kind, org_id) SELECT 'issuer', $1 WHERE NOT EXISTS (SELECT 1 FROM found)
                   ON CONFLICT (org_id) DO UPDATE SET org_id = EXCLUDED.org_id RETURNING id)
     SELECT id FROM found UNION ALL SELECT id FROM made`,
    [orgId],
  );
  return rows[0]!.id;
}

export async function sinkAccountOf(q: Queryable, kind: 'redeemed' | 'expired'): Promise<number> {
  const rows = await q.query<{ id: number }>(`SELECT id FROM point_account WHERE kind = $1`, [kind]);
  return rows[0]!.id;
}

export async function memberAccountOf(q: Queryable, memberId: number): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `WITH found AS (SELECT id FROM point_account WHERE member_id = $1),
          made AS (INSERT INTO point_account (kind, member_id) SELECT 'member', $1 WHERE NOT EXISTS (SELECT 1 FROM found)
                   ON CONFLICT (member_id) DO UPDATE SET member_id = EXCLUDED.member_id RETURNING id)
     SELECT id FROM found UNION ALL SELECT id FROM made`,
    [memberId],
  );
  return rows[0]!.id;
}

export async function insertEntries(q: Queryable, opId: number, entries: { accountId: number; amount: number; countsAs: string }[]): Promise<void> {
  await q.query(
    `INSERT INTO point_entry (operation_id, account_id, amount, counts_as)
     SELECT $1, x.account_id, x.amount, x.counts_as
       FROM unnest($2::bigint[], $3::bigint[], $4::text[]) AS x(account_id, amount, counts_as)`,
    [opId, entries.map((e) => e.accountId), entries.map((e) => e.amount), entries.map((e) => e.countsAs)],
  );
}

/**
 * Expiry by rule: for every member account of the subtree, the balance above what was issued to it
 * since `cutoff` expires. The accounts are locked (id order) before their balances are read.
 */
export async function insertExpiryEntries(q: Queryable, opId: number, sinkId: number, orgPath: OrgPath, cutoff: string): Promise<void> {
  await q.query(
    `SELECT a.id FROM point_account a JOIN member m ON m.id = a.member_id JOIN org g ON g.id = m.org_id
      WHERE ${withinSubtree('g.path', 1)} AND a.balance > 0 ORDER BY a.id FOR NO KEY UPDATE OF a`,
    [orgPath],
  );
  await q.query(
    `WITH due AS (
       SELECT a.id, a.balance - least(a.balance, coalesce((
                SELECT sum(e.amount) FROM point_entry e
                 WHERE e.account_id = a.id AND e.counts_as = 'issue' AND e.created_at >= ($3 || 'T00:00:00+08:00')::timestamptz), 0))::bigint AS amount
         FROM point_account a JOIN member m ON m.id = a.member_id JOIN org g ON g.id = m.org_id
        WHERE ${withinSubtree('g.path', 1)} AND a.balance > 0),
     member_entries AS (
       INSERT INTO point_entry (operation_id, account_id, amount, counts_as)
       SELECT $2, id, -amount, 'expire' FROM due WHERE amount > 0
       RETURNING amount)
     INSERT INTO point_entry (operation_id, account_id, amount, counts_as)
     SELECT $2, $4, -sum(amount), 'expire' FROM member_entries HAVING count(*) > 0`,
    [orgPath, opId, cutoff, sinkId],
  );
}

/** The opposite of every entry of operation `of`, counted as what they reverse. */
export async function insertReversalEntries(q: Queryable, opId: number, of: number): Promise<void> {
  await q.query(
    `INSERT INTO point_entry (operation_id, account_id, amount, counts_as)
     SELECT $1, account_id, -amount, counts_as FROM point_entry WHERE operation_id = $2`,
    [opId, of],
  );
}

/**
 * Moves the balances of the accounts an operation touches by its entries (a member account that
 * would go below zero fails the CHECK and the transaction), and records the operation's figures.
 */
export async function applyEntries(q: Queryable, opId: number): Promise<OperationRow> {
  await q.query(
    `SELECT a.id FROM point_account a WHERE a.id IN (SELECT account_id FROM point_entry WHERE operation_id = $1)
      ORDER BY a.id FOR NO KEY UPDATE`,
    [opId],
  );
  await q.query(
    `UPDATE point_account a SET balance = a.balance + e.amount
       FROM point_entry e WHERE e.operation_id = $1 AND e.account_id = a.id`,
    [opId],
  );
  const rows = await q.query<OperationRow>(
    `UPDATE point_operation o SET amount = f.amount, member_count = f.n
       FROM (SELECT coalesce(abs(sum(e.amount)), 0)::bigint AS amount, count(*)::int AS n
               FROM point_entry e JOIN point_account a ON a.id = e.account_id AND a.kind = 'member'
              WHERE e.operation_id = $1) f
      WHERE o.id = $1
     RETURNING ${OP}`,
    [opId],
  );
  return rows[0]!;
}

export interface OperationInScope extends OperationRow {
  reversedByOperationId: number | null;
}

export async function getOperationInScope(q: Queryable, scope: Scope, id: number): Promise<OperationInScope | undefined> {
  const rows = await q.query<OperationInScope>(
    `SELECT ${OP}, (SELECT r.id FROM point_operation r WHERE r.reverses_operation_id = o.id) AS "reversedByOperationId"
       FROM point_operation o WHERE o.id = $1 AND ${scopeFilter('o.org_path', 2)}`,
    [id, scope.path],
  );
  return rows[0];
}

export interface Totals {
  issued: number;
  redeemed: number;
  expired: number;
  outstanding: number;
  membersWithBalance: number;
}

/** Figures over the member accounts of a subtree (where the members are now). */
export async function getTotals(q: Queryable, orgPath: OrgPath): Promise<Totals> {
  const rows = await q.query<Totals>(
    `WITH acc AS (
       SELECT a.id, a.balance FROM point_account a JOIN member m ON m.id = a.member_id JOIN org g ON g.id = m.org_id
        WHERE ${withinSubtree('g.path', 1)})
     SELECT coalesce((SELECT sum(e.amount) FROM point_entry e JOIN acc ON acc.id = e.account_id WHERE e.counts_as = 'issue'), 0)::bigint AS issued,
            coalesce((SELECT -sum(e.amount) FROM point_entry e JOIN acc ON acc.id = e.account_id WHERE e.counts_as = 'redeem'), 0)::bigint AS redeemed,
            coalesce((SELECT -sum(e.amount) FROM point_entry e JOIN acc ON acc.id = e.account_id WHERE e.counts_as = 'expire'), 0)::bigint AS expired,
            coalesce((SELECT sum(balance) FROM acc), 0)::bigint AS outstanding,
            (SELECT count(*) FROM acc WHERE balance > 0)::int AS "membersWithBalance"`,
    [orgPath],
  );
  return rows[0]!;
}

export interface MemberFacts {
  orgId: number;
  orgPath: string;
}

export async function getMemberOrg(q: Queryable, memberId: number): Promise<MemberFacts | undefined> {
  const rows = await q.query<MemberFacts>(
    `SELECT m.org_id AS "orgId", g.path::text AS "orgPath" FROM member m JOIN org g ON g.id = m.org_id WHERE m.id = $1`,
    [memberId],
  );
  return rows[0];
}

export interface HistoryRow {
  operationId: number;
  kind: OperationRow['kind'];
  amount: number;
  reason: string;
  createdAt: string;
}

export async function findMemberHistory(q: Queryable, memberId: number, limit: number, offset: number): Promise<{ balance: number; items: HistoryRow[]; total: number }> {
  const head = await q.query<{ id: number; balance: number; total: number }>(
    `SELECT a.id, a.balance, (SELECT count(*) FROM point_entry e WHERE e.account_id = a.id)::int AS total
       FROM point_account a WHERE a.member_id = $1`,
    [memberId],
  );
  const acc = head[0];
  if (!acc) return { balance: 0, items: [], total: 0 };
  const items = await q.query<HistoryRow>(
    `SELECT o.id AS "operationId", o.kind, e.amount, o.reason,
            to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
       FROM point_entry e JOIN point_operation o ON o.id = e.operation_id
      WHERE e.account_id = $1 ORDER BY o.id DESC LIMIT $2 OFFSET $3`,
    [acc.id, limit, offset],
  );
  return { balance: acc.balance, items, total: acc.total };
}

export async function findMemberPhones(q: Queryable, memberIds: number[]): Promise<{ name: string; phoneEnc: Buffer }[]> {
  return q.query(`SELECT name, phone_enc AS "phoneEnc" FROM member WHERE id = ANY($1::bigint[]) AND phone_enc IS NOT NULL ORDER BY id`, [memberIds]);
}
