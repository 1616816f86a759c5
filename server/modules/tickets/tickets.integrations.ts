// Integration accounts (系统对接): the 12351 system or a partner pushes calls with a bearer token of
// an account scoped to its union, an Idempotency-Key on every call. See docs/design/rights.md.
import { type IntegrationTicketInput } from '../../../contracts/tickets.ts';
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { insertAudit } from '../../http/audit.ts';
import type { Deps } from '../../http/context.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope, makeScope } from '../../http/scope.ts';
import { hashToken, newToken } from '../../http/session.ts';
import { AppError } from '../../errors.ts';
import * as accounts from './tickets.integrations.repo.ts';
import * as repo from './tickets.repo.ts';
import { fileCall, iso, isoOrNull, once, personCaller, type Desk, type TicketOwner } from './tickets.core.ts';


/** The integration account a bearer token belongs to, live; integration_token_invalid otherwise. */
async function integrationAccountOf(q: Queryable, token: string | undefined) {
  const account = token && token.length <= 200 ? await accounts.findIntegrationAccount(q, hashToken(token)) : undefined;
  if (!account) throw new AppError('integration_token_invalid');
  return account;
}

/**
 * A call pushed by an integration account (bearer token), once per Idempotency-Key: a replay answers
 * the same ticket. Routed inside the account's union's subtree (else not_found). Throws
 * integration_token_invalid, ticket_caller_required and the routing refusals.
 */
export async function createIntegrationTicket(deps: Deps, token: string | undefined, key: string, input: IntegrationTicketInput): Promise<IdempotentReply> {
  const account = await integrationAccountOf(deps.db, token);
  if (input.callerName === undefined || input.callerPhone === undefined) throw new AppError('ticket_caller_required');
  const owner: TicketOwner = { kind: 'integration', id: account.id };
  const desk: Desk = {
    // an integration account is an account of its union: its scope is that union's subtree
    scope: makeScope(account.orgId, account.orgPath),
    channel: 'integration',
    actorKind: 'integration',
    actorId: account.id,
    actorName: account.name,
    createdBy: null,
    audit: (tx, id, orgPath, detail) =>
      insertAudit(tx, { actorKind: 'system', actorId: account.id, actorName: `integration:${account.name}`, action: 'ticket.create', targetType: 'ticket', targetId: id, orgPath, detail }),
  };
  return once(deps.db, owner, key, requestHashOf('POST /api/integration/tickets', input), async (tx) => {
    const id = await fileCall(tx, desk, input, personCaller(deps.pii, input.callerName!, input.callerPhone!));
    const t = (await repo.getTicketAfterStep(tx, id))!;
    return {
      ticketId: id,
      answer: { id, state: t.state, org: { id: t.orgId, name: t.orgName }, routeReason: t.routeReason, dueAt: isoOrNull(t.dueAt), createdAt: iso(t.createdAt) },
    };
  });
}

/** Makes an integration account of a union of the scope; its token is shown this once (admins; audited). Throws not_found. */
export async function createIntegrationAccount(ctx: StaffContext, input: { orgId: number; name: string }) {
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  const { token, tokenHash } = newToken();
  return ctx.db.transaction(async (tx) => {
    const a = await accounts.insertIntegrationAccount(tx, { orgId: org.id, name: input.name, tokenHash, createdBy: ctx.actor.staffId });
    await audit(tx, ctx, 'ticket.integration_create', { type: 'integration_account', id: a.id, orgPath: org.path }, { name: input.name });
    return { id: a.id, name: input.name, org: { id: org.id, name: org.name }, createdAt: iso(a.createdAt), revokedAt: null, token };
  });
}

export async function listIntegrationAccounts(ctx: StaffContext, f: { orgId?: number | undefined; page: number; pageSize: number }) {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await accounts.findIntegrationAccounts(ctx.db, ctx.scope, org.path, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map((a) => ({ id: a.id, name: a.name, org: { id: a.orgId, name: a.orgName }, createdAt: iso(a.createdAt), revokedAt: isoOrNull(a.revokedAt) })), total };
}

/** Stops an integration account of the scope at once (admins; audited). Throws not_found. */
export async function revokeIntegrationAccount(ctx: StaffContext, id: number) {
  const a = await accounts.getIntegrationAccountInScope(ctx.db, ctx.scope, id);
  if (!a) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await accounts.revokeIntegrationAccount(tx, id);
    await audit(tx, ctx, 'ticket.integration_revoke', { type: 'integration_account', id, orgPath: a.orgPath });
  });
  const after = (await accounts.getIntegrationAccountInScope(ctx.db, ctx.scope, id))!;
  return { id, name: after.name, org: { id: after.orgId, name: after.orgName }, createdAt: iso(after.createdAt), revokedAt: isoOrNull(after.revokedAt) };
}

