// Notices to people go through the outbox: queued in the transaction that decides them, then sent
// by a pluggable sender. The built-in sender delivers to the outbox itself — a person reads them
// there (GET /api/outbox, the console's 通知发件箱) — so the platform works with no SMS contract.
import type { NoticeKind } from '../../../contracts/notices.ts';
import type { Queryable } from '../../db/client.ts';
import type { Deps, StaffContext } from '../../http/context.ts';
import type { NoticeSender } from '../../http/notice-sender.ts';
import { maskPhone } from '../../lib/pii.ts';
import * as repo from './notices.repo.ts';
import type { BulkNotice } from './notices.repo.ts';

export type { NoticeSender, BulkNotice };

/** The outbox port for statements that decide and tell in one round trip (the only other way into the outbox). */
export { noticesSql, signupNoticesSql } from './notices.repo.ts';

/** Queues many SMS notices at once (a draw's results, a cancelled activity, a points issue) in the caller's transaction, as queueSms queues one; recorded as sent when `delivered`. */
export function queueBulkSms(q: Queryable, notices: BulkNotice[], kind: NoticeKind, orgPath: string, delivered: boolean): Promise<void> {
  return repo.insertNotices(q, notices, kind, orgPath, delivered);
}

/** Keeps notices in the outbox for a person to read: the working local implementation. */
export const outboxSender: NoticeSender = {
  name: 'outbox',
  deliversInOutbox: true,
  async send() {
    // Nothing leaves the machine: the outbox row is the delivery.
  },
};

/** Queues an SMS to a phone number, in the caller's transaction. */
export async function queueSms(
  q: Queryable,
  deps: Pick<Deps, 'pii' | 'sender'>,
  n: { to: string; body: string; bodyRedacted?: string; kind: NoticeKind; orgPath: string | null },
): Promise<number> {
  return repo.insertNotice(q, {
    channel: 'sms',
    toEnc: deps.pii.encrypt(n.to),
    toHash: deps.pii.hash(n.to),
    toMasked: maskPhone(n.to),
    body: n.body,
    bodyRedacted: n.bodyRedacted ?? n.body,
    kind: n.kind,
    orgPath: n.orgPath,
    delivered: deps.sender.deliversInOutbox === true,
  });
}

let running: Promise<void> | undefined;

/**
 * Hands pending notices to the sender; safe to call often (one run at a time) and never rejects:
 * what could not be handed over stays pending for the next run (the database may be closing).
 */
export function dispatchNotices(deps: Deps): Promise<void> {
  // The built-in sender recorded every notice as sent when it was queued: nothing to hand over.
  if (deps.sender.deliversInOutbox) return Promise.resolve();
  running ??= (async () => {
    try {
      for (;;) {
        const batch = await repo.findPendingNotices(deps.db, 100);
        if (batch.length === 0) return;
        for (const n of batch) {
          let ok = true;
          try {
            await deps.sender.send({ channel: n.channel, to: deps.pii.decrypt(n.toEnc), body: n.body });
          } catch {
            ok = false;
          }
          await repo.markNotice(deps.db, n.id, ok);
        }
      }
    } catch {
      // Left pending: the next dispatch (the next notice, or the periodic sweep) picks it up.
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/** The notices a staff admin may read, newest first; bodies readable in demo mode only. */
export async function listNotices(
  ctx: StaffContext,
  f: { to?: string | undefined; page: number; pageSize: number },
) {
  const { items, total } = await repo.findNotices(ctx.db, ctx.scope, {
    toHash: f.to ? ctx.pii.hash(f.to) : undefined,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  const readable = ctx.config.mode === 'demo';
  return {
    items: items.map((n) => ({
      id: n.id,
      channel: n.channel,
      to: n.toMasked,
      body: readable ? n.body : n.bodyRedacted,
      kind: n.kind,
      status: n.status,
      createdAt: new Date(n.createdAt).toISOString(),
    })),
    total,
  };
}

/**
 * The newest notice of `kind` sent to the phone `to` within `withinSeconds`, its body in full — for the
 * demo's log-in page only (demo.service checks the mode): bodies are read in full nowhere else.
 */
export async function findLatestNoticeTo(
  deps: Pick<Deps, 'db' | 'pii'>,
  f: { to: string; kind: string; withinSeconds: number },
): Promise<{ body: string; createdAt: string } | undefined> {
  const n = await repo.findLatestNoticeTo(deps.db, { toHash: deps.pii.hash(f.to), kind: f.kind, withinSeconds: f.withinSeconds });
  return n && { body: n.body, createdAt: new Date(n.createdAt).toISOString() };
}

/** A notice to the phone sealed in `phoneEnc` (decrypted only here, and sealed again for the outbox). */
export function sealNotice(deps: Pick<Deps, 'pii'>, phoneEnc: Buffer | Uint8Array, body: string): BulkNotice {
  const phone = deps.pii.decrypt(phoneEnc);
  return { toEnc: deps.pii.encrypt(phone), toHash: deps.pii.hash(phone), toMasked: maskPhone(phone), body };
}
