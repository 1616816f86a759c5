// A member who changed phone number (更换手机号). Self-service: logged in with the new phone (the SMS
// code proves the phone), the worker gives name and full ID number; when they match a member who has
// not left, the membership moves to this phone. Staff-assisted: a reviewer or admin of the member's
// scope changes the phone after checking documents at the desk, with a reason. Either way the old
// phone is told, its sessions end, and the change is in the history and the audit log.
import type { Tx } from '../../db/client.ts';
import type { Deps, MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { maskPhone } from '../../lib/pii.ts';
import { insertAudit } from '../../http/audit.ts';
import { endWorkerSessions, getMemberContextMe } from '../auth/member-auth.service.ts';
import { dispatchNotices, queueSms } from '../notices/notices.service.ts';
import { checkIdNumber } from './join.service.ts';
import { getMemberInScope, insertEvent, linkWorker } from './members.repo.ts';
import * as repo from './phone-change.repo.ts';

/** Failed self-service attempts allowed in 24 hours, per phone and per ID number. */
export const PHONE_CHANGE_MAX_FAILURES = 5;

const LIVE = ['active', 'transferring', 'suspended'];

/** Names compare without blanks and full-width forms: 张 三 = 张三. */
function sameName(a: string, b: string): boolean {
  const key = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return key(a) === key(b);
}

/** Keyed hashes compared (PGlite answers bytea as a Uint8Array, pg as a Buffer). */
function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  return a !== null && Buffer.from(a).equals(Buffer.from(b));
}

interface NewPhone {
  plain: string;
  enc: Buffer;
  hash: Buffer;
  masked: string;
  /** The worker (log-in) of the new phone, if that phone has logged in before. */
  worker: repo.WorkerPhoneRow | undefined;
}

interface MoveInput {
  owner: repo.PhoneOwnerRow;
  phone: NewPhone;
  channel: 'self' | 'staff';
  actor: { kind: 'member' | 'staff'; id: number; name?: string | undefined };
  reason: string | null;
  meta: { ip: string; userAgent: string | undefined };
}

/**
 * Moves the membership to the new phone in the caller's transaction: the member's phone, the log-in
 * link (the old phone's worker unlinked and its sessions ended, the new phone's linked), the
 * history, the audit record, and an SMS to the old phone and to the new one.
 */
async function movePhoneInTx(tx: Tx, deps: Deps, m: MoveInput): Promise<void> {
  const { owner, phone } = m;
  if (phone.worker?.memberId != null && phone.worker.memberId !== owner.memberId) throw new AppError('phone_in_use');
  if (await repo.isPhoneHeldByOther(tx, phone.hash, owner.memberId)) throw new AppError('phone_in_use');
  await repo.setMemberPhone(tx, owner.memberId, { phoneEnc: phone.enc, phoneHash: phone.hash, phoneMasked: phone.masked });
  let endedSessions = 0;
  if (owner.workerId !== null && owner.workerId !== phone.worker?.id) {
    await repo.unlinkWorker(tx, owner.workerId);
    endedSessions = await endWorkerSessions(tx, owner.workerId);
  }
  if (phone.worker) await linkWorker(tx, phone.worker.id, owner.memberId);
  const from = owner.phoneMasked ?? '未登记';
  const how = m.channel === 'self' ? '本人在线核验身份' : '工作人员核验证件后办理';
  await insertEvent(tx, {
    memberId: owner.memberId,
    kind: 'phone_changed',
    reason: `${from} → ${phone.masked}（${how}${m.reason ? `：${m.reason}` : ''}）`,
    actorKind: m.actor.kind,
    actorId: m.actor.id,
  });
  await insertAudit(tx, {
    actorKind: m.actor.kind,
    actorId: m.actor.id,
    actorName: m.actor.name ?? null,
    action: 'member.phone_change',
    targetType: 'member',
    targetId: owner.memberId,
    orgPath: owner.orgPath,
    ip: m.meta.ip,
    userAgent: m.meta.userAgent ?? null,
    detail: { channel: m.channel, from, to: phone.masked, endedSessions, ...(m.reason ? { reason: m.reason } : {}) },
  });
  if (owner.phoneEnc && !sameBytes(owner.phoneHash, phone.hash)) {
    await queueSms(tx, deps, {
      to: deps.pii.decrypt(owner.phoneEnc),
      body: `【智慧工会】${owner.name}，您的会员登录手机号已由本号码更换为 ${phone.masked}（${how}），本号码不再能登录会员服务。如非本人办理，请立即拨打 12351 职工服务热线或联系${owner.orgName}。`,
      kind: 'phone_changed',
      orgPath: owner.orgPath,
    });
  }
  await queueSms(tx, deps, {
    to: phone.plain,
    body: `【智慧工会】${owner.name}，您的会员关系已转到本手机号，会员号和电子会员证不变，可在“智慧工会”查看。`,
    kind: 'phone_changed',
    orgPath: owner.orgPath,
  });
}

/**
 * Self-service: the logged-in phone proves name and ID number and becomes the member's phone.
 * The answer to a wrong name, an unknown ID number or a member who left is the same
 * identity_not_matched; after 5 failures a day (per phone, or per ID number) phone_change_locked.
 * Throws invalid_id_number, already_linked, identity_not_matched, phone_change_locked, phone_in_use.
 */
export async function changePhoneBySelf(ctx: MemberContext, input: { name: string; idNumber: string }) {
  const person = checkIdNumber(input.idNumber);
  const idHash = ctx.pii.hash(person.id);
  const workerId = ctx.actor.workerId;
  if (ctx.actor.memberId !== null) throw new AppError('already_linked');
  const failures = await repo.countRecentFailures(ctx.db, workerId, idHash);
  if (failures.byWorker >= PHONE_CHANGE_MAX_FAILURES || failures.byId >= PHONE_CHANGE_MAX_FAILURES) {
    throw new AppError('phone_change_locked');
  }
  const owner = await repo.findMemberByIdHash(ctx.db, idHash);
  const isMatch = !!owner && LIVE.includes(owner.status) && sameName(owner.name, input.name);
  if (!isMatch) {
    await ctx.db.transaction(async (tx) => {
      await repo.insertAttempt(tx, workerId, idHash, false);
      await insertAudit(tx, {
        actorKind: 'member', actorId: workerId, action: 'member.phone_change', outcome: 'failed',
        ip: ctx.meta.ip, userAgent: ctx.meta.userAgent ?? null, detail: { channel: 'self', failures: failures.byWorker + 1 },
      });
    });
    const locked = Math.max(failures.byWorker, failures.byId) + 1 >= PHONE_CHANGE_MAX_FAILURES;
    throw new AppError(locked ? 'phone_change_locked' : 'identity_not_matched');
  }
  await ctx.db.transaction(async (tx) => {
    const worker = await repo.getWorker(tx, workerId);
    if (!worker) throw new AppError('not_logged_in');
    if (worker.memberId !== null) throw new AppError('already_linked');
    const locked = await repo.getPhoneOwner(tx, owner.memberId);
    if (!locked || !LIVE.includes(locked.status)) throw new AppError('identity_not_matched');
    await repo.insertAttempt(tx, workerId, idHash, true);
    await movePhoneInTx(tx, ctx, {
      owner: locked,
      phone: { plain: ctx.pii.decrypt(worker.phoneEnc), enc: worker.phoneEnc, hash: worker.phoneHash, masked: worker.phoneMasked, worker },
      channel: 'self',
      actor: { kind: 'member', id: workerId },
      reason: null,
      meta: ctx.meta,
    });
  });
  void dispatchNotices(ctx);
  return getMemberContextMe(ctx);
}

/**
 * Staff-assisted: an admin or reviewer of the member's scope sets the new phone after checking the
 * person's documents, with a reason. Throws not_found (outside the scope), member_not_active,
 * phone_unchanged, phone_in_use.
 */
export async function changePhoneByStaff(ctx: StaffContext, memberId: number, input: { phone: string; reason: string }) {
  const phoneHash = ctx.pii.hash(input.phone);
  const phone = { plain: input.phone, enc: ctx.pii.encrypt(input.phone), hash: phoneHash, masked: maskPhone(input.phone) };
  await ctx.db.transaction(async (tx) => {
    // The scope gate: a member outside the caller's subtree is answered as one that does not exist.
    if (!(await getMemberInScope(tx, ctx.scope, memberId, true))) throw new AppError('not_found');
    const owner = await repo.getPhoneOwner(tx, memberId);
    if (!owner) throw new AppError('not_found');
    if (!LIVE.includes(owner.status)) throw new AppError('member_not_active');
    if (sameBytes(owner.phoneHash, phoneHash)) throw new AppError('phone_unchanged');
    const worker = await repo.findWorkerByPhoneHash(tx, phoneHash);
    await movePhoneInTx(tx, ctx, {
      owner,
      phone: { ...phone, worker },
      channel: 'staff',
      actor: { kind: 'staff', id: ctx.actor.staffId, name: ctx.actor.username },
      reason: input.reason,
      meta: ctx.meta,
    });
  });
  void dispatchNotices(ctx);
}
