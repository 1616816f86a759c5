// 我要建会 (design: docs/design/enterprise-file.md §9 "Member site"): the member's employer as the
// member site shows it, the member's request that the town help found a union there (once per member
// and employer, audited founding_request.create), and the town's leads for staff, the member masked.
import type { CreateFoundingRequestInput, FoundingRequest, MyEmployer, MyFoundingRequest } from '../../../contracts/founding-requests.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { audit, requireMemberId } from '../../http/actors.ts';
import { registerConstraintErrors, violates } from '../../db/errors.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { maskName } from '../../lib/pii.ts';
import { AppError } from '../../errors.ts';
import * as repo from './requests.repo.ts';
import type { Queryable } from '../../db/client.ts';

registerConstraintErrors('founding-requests', { founding_request_once: 'founding_request_exists' });

const iso = (d: Date | string) => new Date(d).toISOString();

/** The member's employer, its union or none, colleagues joined; for a gig member their platform. Throws not_a_member. */
export async function getMyEmployer(ctx: MemberContext): Promise<MyEmployer> {
  const row = await repo.findMemberEmployer(ctx.db, requireMemberId(ctx));
  if (!row) throw new AppError('not_a_member');
  const enterprise =
    row.enterpriseId === null
      ? null
      : {
          id: row.enterpriseId,
          name: row.enterpriseName!,
          town: { id: row.townId!, name: row.townName! },
          union: row.unionId === null ? null : { id: row.unionId, name: row.unionName! },
          colleaguesJoined: row.colleaguesJoined,
          requestedAt: row.requestedAt === null ? null : iso(row.requestedAt),
        };
  return {
    enterprise,
    employerName: enterprise ? null : row.employerName,
    gig: row.gigPlatform
      ? { platform: row.gigPlatform, platformFederation: row.platformFederationId === null ? null : { id: row.platformFederationId, name: row.platformFederationName! } }
      : null,
    mayRequestFounding: enterprise !== null && enterprise.union === null,
  };
}

type StoredRequest = MyFoundingRequest;

const requestStore: IdempotencyStore<StoredRequest> = {
  find: async (q, owner, key) => {
    const r = await repo.findRequestByKey(q, owner.id, key);
    return r && { id: r.id, enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName, townName: r.townName, mayContact: r.mayContact, createdAt: iso(r.createdAt), hash: r.hash };
  },
  text: (r) => JSON.stringify({ id: r.id, enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName, townName: r.townName, mayContact: r.mayContact, createdAt: r.createdAt }),
  isKeyTaken: (err) => violates(err, 'founding_request_idem'),
};

/**
 * The member asks the employer's town to help found a union, once per Idempotency-Key and once per
 * member and employer. The phone is not copied: the town reads the member masked. Throws
 * not_a_member, founding_request_no_employer, founding_request_has_union, founding_request_exists,
 * idempotency_key_reused.
 */
export async function createFoundingRequest(ctx: MemberContext, idemKey: string, input: CreateFoundingRequestInput): Promise<IdempotentReply> {
  const memberId = requireMemberId(ctx);
  const note = input.note ? input.note : null;
  const hash = requestHashOf('founding-request', { note, mayContact: input.mayContact });
  return writeOnce(ctx.db, requestStore, { owner: { kind: 'member', id: memberId }, key: idemKey, hash }, async () => {
    const me = await repo.findMemberEmployer(ctx.db, memberId);
    if (!me) throw new AppError('not_a_member');
    if (me.enterpriseId === null) throw new AppError('founding_request_no_employer');
    const enterpriseId = me.enterpriseId;
    return ctx.db.transaction(async (tx) => {
      const e = await repo.lockEnterprise(tx, enterpriseId);
      if (!e) throw new AppError('founding_request_no_employer');
      if (e.hasUnion) throw new AppError('founding_request_has_union');
      if (me.requestedAt !== null) throw new AppError('founding_request_exists');
      const made = await repo.insertRequest(tx, { memberId, enterpriseId, townOrgId: e.townOrgId, note, mayContact: input.mayContact, idemKey, requestHash: hash });
      await audit(tx, ctx, 'founding_request.create', { type: 'founding_request', id: made.id, orgPath: e.townPath }, {
        name: me.enterpriseName,
        enterpriseId,
        mayContact: input.mayContact,
      });
      return { id: made.id, enterpriseId, enterpriseName: me.enterpriseName!, townName: me.townName!, mayContact: input.mayContact, createdAt: iso(made.createdAt) };
    });
  });
}

/** The leads of the towns in the caller's scope, newest first, the member masked (never a phone). */
export async function listFoundingRequests(ctx: StaffContext, f: { open?: 'true' | 'false' | undefined; page: number; pageSize: number }): Promise<{ items: FoundingRequest[]; total: number }> {
  const { items, total } = await repo.findRequests(ctx.db, ctx.scope, {
    open: f.open === undefined ? undefined : f.open === 'true',
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return {
    items: items.map((r) => ({
      id: r.id,
      enterprise: { id: r.enterpriseId, name: r.enterpriseName, creditCode: r.creditCode },
      town: { id: r.townId, name: r.townName },
      memberId: r.memberId,
      memberNameMasked: maskName(r.memberName),
      colleaguesJoined: r.colleaguesJoined,
      requestsForEmployer: r.requestsForEmployer,
      note: r.note,
      mayContact: r.mayContact,
      createdAt: iso(r.createdAt),
      handledAt: r.handledAt === null ? null : iso(r.handledAt),
    })),
    total,
  };
}

/** Moves a merged duplicate employer's founding requests to the employer kept (the register's merge, in its transaction). */
export function reassignEnterprise(tx: Queryable, fromId: number, toId: number): Promise<number> {
  return repo.reassignRequests(tx, fromId, toId);
}
