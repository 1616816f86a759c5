// Member cards, signing keys and the revocation feed: SQL only.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';

export interface SigningKeyRow {
  kid: string;
  publicKey: string;
  privateKeyEnc: Buffer;
  createdAt: Date;
  retiredAt: Date | null;
}

const keyColumns = `kid, public_key AS "publicKey", private_key_enc AS "privateKeyEnc",
  created_at AS "createdAt", retired_at AS "retiredAt"`;

export async function findSigningKeys(q: Queryable): Promise<SigningKeyRow[]> {
  return q.query<SigningKeyRow>(`SELECT ${keyColumns} FROM signing_key ORDER BY created_at, kid`);
}

/** Serialises key creation and rotation across processes (held to the end of the transaction). */
export async function lockSigningKeys(q: Queryable): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('gonghui.signing_key'))`);
}

export async function insertSigningKey(q: Queryable, k: { kid: string; publicKey: string; privateKeyEnc: Buffer }): Promise<void> {
  await q.query(`INSERT INTO signing_key (kid, public_key, private_key_enc) VALUES ($1, $2, $3)`, [k.kid, k.publicKey, k.privateKeyEnc]);
}

export async function retireSigningKeys(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ kid: string }>(`UPDATE signing_key SET retired_at = now() WHERE retired_at IS NULL RETURNING kid`);
  return rows.map((r) => r.kid);
}

export interface MemberCardRow {
  memberId: number;
  memberNo: string | null;
  name: string;
  memberStatus: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  cardNo: string;
  cardStatus: string;
  bankName: string | null;
  bankCardMasked: string | null;
}

const cardColumns = `m.id AS "memberId", m.member_no AS "memberNo", m.name, m.status AS "memberStatus",
  o.id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", c.card_no AS "cardNo", c.status AS "cardStatus",
  c.bank_name AS "bankName", c.bank_card_masked AS "bankCardMasked"`;
const cardFrom = `member m JOIN org o ON o.id = m.org_id JOIN card c ON c.member_id = m.id`;

/** The member's own card (no scope: the member asks for itself). */
export async function getMemberCard(q: Queryable, memberId: number): Promise<MemberCardRow | undefined> {
  const [r] = await q.query<MemberCardRow>(`SELECT ${cardColumns} FROM ${cardFrom} WHERE m.id = $1`, [memberId]);
  return r;
}

/** The card of a member number, wherever the member belongs (verification is federation-wide). */
export async function findCardByMemberNo(q: Queryable, memberNo: string): Promise<MemberCardRow | undefined> {
  const [r] = await q.query<MemberCardRow>(`SELECT ${cardColumns} FROM ${cardFrom} WHERE m.member_no = $1`, [memberNo]);
  return r;
}

export async function getCardInScope(q: Queryable, scope: Scope, memberId: number, lock = false): Promise<MemberCardRow | undefined> {
  const [r] = await q.query<MemberCardRow>(
    `SELECT ${cardColumns} FROM ${cardFrom} WHERE m.id = $1 AND ${scopeFilter('o.path', 2)} ${lock ? 'FOR UPDATE OF c' : ''}`,
    [memberId, scope.path],
  );
  return r;
}

export async function setBankLink(q: Queryable, memberId: number, bankName: string, bankCardMasked: string): Promise<void> {
  await q.query(`UPDATE card SET bank_name = $2, bank_card_masked = $3 WHERE member_id = $1`, [memberId, bankName, bankCardMasked]);
}

export async function insertCardEvent(q: Queryable, memberId: number, reason: string, staffId: number): Promise<void> {
  await q.query(
    `INSERT INTO member_event (member_id, kind, reason, actor_kind, actor_id) VALUES ($1, 'updated', $2, 'staff', $3)`,
    [memberId, reason, staffId],
  );
}

/** The database's clock in milliseconds (the clock member_event.at is written with). */
export async function dbNowMs(q: Queryable): Promise<number> {
  const [r] = await q.query<{ ms: number }>(`SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`);
  return r!.ms;
}

export interface RevocationRow {
  memberNo: string;
  cardNo: string;
  revoked: boolean;
  at: Date | null;
}

/** Cards revoked now (revoked within the window, or at an unknown time), for a full sync. */
export async function findRevokedCards(q: Queryable, windowDays: number): Promise<RevocationRow[]> {
  return q.query<RevocationRow>(
    `SELECT m.member_no AS "memberNo", c.card_no AS "cardNo", true AS revoked, c.revoked_at AS at
       FROM card c JOIN member m ON m.id = c.member_id
      WHERE c.status = 'revoked' AND m.member_no IS NOT NULL
        AND (c.revoked_at IS NULL OR c.revoked_at > now() - make_interval(days => $1))
      ORDER BY c.member_id`,
    [windowDays],
  );
}

/** Card revocations and reinstatements at or after `fromMs`, in the order they happened. */
export async function findCardChangesSince(q: Queryable, fromMs: number, limit: number): Promise<RevocationRow[]> {
  return q.query<RevocationRow>(
    `SELECT m.member_no AS "memberNo", c.card_no AS "cardNo", e.kind = 'card_revoked' AS revoked, e.at
       FROM member_event e JOIN member m ON m.id = e.member_id JOIN card c ON c.member_id = e.member_id
      WHERE e.kind IN ('card_revoked', 'card_issued') AND e.at >= to_timestamp($1 / 1000.0)
        AND m.member_no IS NOT NULL
      ORDER BY e.id
      LIMIT $2`,
    [fromMs, limit],
  );
}
