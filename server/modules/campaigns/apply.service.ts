// Applying to a campaign: the member applies on the phone, or staff apply for a member of their
// subtree (送温暖 visits), once per Idempotency-Key — the checks (window, eligibility, documents by
// content), the application with its documents, the member told, an audit record; a retry with the
// same request gets the first answer, other content under the key is refused.
import { createHash } from 'node:crypto';
import type { ApplyInput, ApplyOnBehalfInput } from '../../../contracts/campaigns.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import * as apps from './applications.repo.ts';
import { getCampaignInReachOf, iso, noticesFor, tell } from './campaigns.service.ts';
import * as repo from './campaigns.repo.ts';
import { checkDocuments, ineligibleMessage, judgeCampaignEligibility, type CheckedDocument } from './rules.ts';
import { auditOf, memberAuditOf, requireMemberId } from '../../http/actors.ts';

export interface ApplyReply {
  /** the JSON body, exactly as first answered */
  body: string;
  replayed: boolean;
}

function answerText(x: { id: number; campaignId: number; memberId: number; createdAt: Date | string }): string {
  return JSON.stringify({ id: x.id, campaignId: x.campaignId, memberId: x.memberId, status: 'in_review', currentLevel: 1, createdAt: iso(x.createdAt) });
}

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function requestHashOf(campaignId: number, memberRef: string, input: ApplyInput): Buffer {
  const docs = (input.documents ?? []).map((d) => [d.key, d.fileName ?? null, createHash('sha256').update(d.contentBase64).digest('hex')]);
  return createHash('sha256').update(JSON.stringify(['campaign-apply', campaignId, memberRef, input.statement ?? '', docs])).digest();
}

function uniqueViolation(err: unknown): boolean {
  return isUniqueViolation(err);
}

export const docRows = (docs: CheckedDocument[]) => docs.map((d) => ({ key: d.key, fileName: d.fileName, contentType: d.contentType, content: d.content, sha256: sha256(d.content) }));



interface ApplyAsk {
  actorKind: 'staff' | 'member';
  actorId: number;
  idemKey: string;
  hash: Buffer;
  applicant: apps.ApplicantRow;
  c: repo.CampaignRow;
  input: ApplyInput;
  appliedByStaffId: number | null;
}

/** The checks every application passes, in order; nothing is written before they all pass. */
async function checkApplication(ctx: StaffContext | MemberContext, ask: ApplyAsk): Promise<CheckedDocument[]> {
  const { c, applicant } = ask;
  if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
  if (await apps.hasLiveApplication(ctx.db, c.id, applicant.memberId)) throw new AppError('already_applied');
  const now = new Date();
  if (now < new Date(c.applyOpensAt)) throw new AppError('campaign_not_open');
  if (now >= new Date(c.applyClosesAt)) throw new AppError('campaign_closed');
  const reason = judgeCampaignEligibility(c, applicant, now);
  if (reason) throw new AppError('campaign_not_eligible', ineligibleMessage(reason));
  return checkDocuments(c.requiredDocuments, ask.input.documents ?? [], true);
}

async function applyOnce(ctx: StaffContext | MemberContext, ask: ApplyAsk): Promise<ApplyReply> {
  let docs: CheckedDocument[];
  try {
    docs = await checkApplication(ctx, ask);
  } catch (err) {
    // the same key sent twice at once: the first may have committed since the key was looked up
    if (!(err instanceof AppError && err.code === 'already_applied')) throw err;
    const replay = await apps.getReplay(ctx.db, ask.actorKind, ask.actorId, ask.idemKey);
    if (replay) return replayOf(replay, ask.hash);
    throw err;
  }
  const { c, applicant } = ask;
  let made: { id: number; createdAt: Date };
  try {
    made = await ctx.db.transaction(async (tx) => {
      const made = await apps.insertApplication(tx, {
        campaignId: c.id, memberId: applicant.memberId, orgId: applicant.orgId, orgPath: applicant.orgPath, awardAmount: c.awardAmount,
        statement: ask.input.statement ?? '', appliedByStaffId: ask.appliedByStaffId, actorKind: ask.actorKind, actorId: ask.actorId,
        idemKey: ask.idemKey, requestHash: ask.hash,
      });
      await apps.upsertDocuments(tx, made.id, docRows(docs));
      const fresh = (await apps.getApplication(tx, made.id))!;
      const by = ask.appliedByStaffId ? '工作人员已为您代为提交' : '您已提交';
      await tell(tx, ctx, noticesFor(ctx, [applicant], (name) => `【智慧工会】${name}，${by}“${c.title}”的申请，现由${fresh.reviewerOrgName}审核（${c.levels[0]!.deadlineDays} 天内）。可在“我的申请”中查看进度。`), 'campaign_applied', c.orgPath);
      await insertAudit(tx, {
        ...(ctx.actor.kind === 'staff' ? auditOf(ctx as StaffContext) : memberAuditOf(ctx as MemberContext)),
        action: ask.appliedByStaffId ? 'campaign.apply_on_behalf' : 'campaign.apply', targetType: 'campaign_application', targetId: made.id, orgPath: applicant.orgPath,
        detail: { campaignId: c.id, memberId: applicant.memberId, documents: docs.map((d) => d.key) },
      });
      return made;
    });
  } catch (err) {
    if (!uniqueViolation(err)) throw err;
    // a concurrent request won: the same key gets its answer; another key finds the application there
    const replay = await apps.getReplay(ctx.db, ask.actorKind, ask.actorId, ask.idemKey);
    if (replay) return replayOf(replay, ask.hash);
    throw new AppError('already_applied');
  }
  void dispatchNotices(ctx);
  return { body: answerText({ id: made.id, campaignId: c.id, memberId: applicant.memberId, createdAt: made.createdAt }), replayed: false };
}

function replayOf(r: apps.ReplayRow, hash: Buffer): ApplyReply {
  if (r.hash !== hash.toString('hex')) throw new AppError('idempotency_key_reused');
  return { body: answerText(r), replayed: true };
}

/**
 * The member applies, once per Idempotency-Key. Throws not_a_member, not_found (outside the reach),
 * campaign_cancelled, already_applied, campaign_not_open, campaign_closed, campaign_not_eligible,
 * document_not_required, invalid_document, document_too_large, documents_missing, idempotency_key_reused.
 */
export async function applyAsMember(ctx: MemberContext, campaignId: number, idemKey: string, input: ApplyInput): Promise<ApplyReply> {
  const memberId = requireMemberId(ctx);
  const hash = requestHashOf(campaignId, `member:${memberId}`, input);
  const replay = await apps.getReplay(ctx.db, 'member', memberId, idemKey);
  if (replay) return replayOf(replay, hash);
  const { facts, c } = await getCampaignInReachOf(ctx, campaignId);
  return applyOnce(ctx, { actorKind: 'member', actorId: memberId, idemKey, hash, applicant: facts, c, input, appliedByStaffId: null });
}

/** Staff apply for a member of their subtree (送温暖 visits). Throws as applyAsMember, and not_found (campaign or member out of sight). */
export async function applyOnBehalf(ctx: StaffContext, campaignId: number, idemKey: string, input: ApplyOnBehalfInput): Promise<ApplyReply> {
  const ref = input.memberId !== undefined ? `id:${input.memberId}` : `no:${input.memberNo}`;
  const body: ApplyInput = { statement: input.statement, documents: input.documents };
  const hash = requestHashOf(campaignId, ref, body);
  const replay = await apps.getReplay(ctx.db, 'staff', ctx.actor.staffId, idemKey);
  if (replay) return replayOf(replay, hash);
  const c = await repo.getCampaignVisible(ctx.db, ctx.scope, campaignId);
  if (!c) throw new AppError('not_found');
  const applicant = await apps.getApplicantInScope(ctx.db, ctx.scope, { memberNo: input.memberNo, memberId: input.memberId });
  if (!applicant) throw new AppError('not_found', '未找到该会员，或不在您的管理范围内');
  return applyOnce(ctx, { actorKind: 'staff', actorId: ctx.actor.staffId, idemKey, hash, applicant, c, input: body, appliedByStaffId: ctx.actor.staffId });
}

// ---------------------------------------------------------------------------------------------
// Progress
