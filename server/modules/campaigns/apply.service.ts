// Applying to a campaign: the member applies on the phone, or staff apply for a member of their
// subtree (送温暖 visits), once per Idempotency-Key — the checks (window, eligibility, documents by
// content), the application with its documents, the member told, an audit record; a retry with the
// same request gets the first answer, other content under the key is refused.
import { createHash } from 'node:crypto';
import type { ApplyInput, ApplyOnBehalfInput } from '../../../contracts/campaigns.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { isUniqueViolation, violates } from '../../db/errors.ts';
import { requestHashOf as idempotentHashOf, writeOnce, type IdempotencyStore, type IdempotentAsk, type IdempotentReply } from '../../http/idempotency.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import * as apps from './applications.repo.ts';
import { getCampaignInReachOf, iso, noticesFor, tell } from './campaigns.service.ts';
import * as repo from './campaigns.repo.ts';
import { checkDocuments, ineligibleMessage, judgeCampaignEligibility, type CheckedDocument } from './rules.ts';
import { auditOf, memberAuditOf, requireMemberId } from '../../http/actors.ts';

/** What an application answers (and every retry under its key, byte for byte). */
interface ApplyAnswer {
  id: number;
  campaignId: number;
  memberId: number;
  createdAt: Date | string;
}

/** Campaign applications as an idempotency store: a key names one application made by one actor. */
const applyStore: IdempotencyStore<ApplyAnswer> = {
  find: (q, owner, key) => apps.getReplay(q, owner.kind, owner.id, key),
  text: (x) => JSON.stringify({ id: x.id, campaignId: x.campaignId, memberId: x.memberId, status: 'in_review', currentLevel: 1, createdAt: iso(x.createdAt) }),
  isKeyTaken: (err) => violates(err, 'campaign_apply_request_pkey'),
};

export function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function requestHashOf(campaignId: number, memberRef: string, input: ApplyInput): Buffer {
  const docs = (input.documents ?? []).map((d) => [d.key, d.fileName ?? null, createHash('sha256').update(d.contentBase64).digest('hex')]);
  return idempotentHashOf('campaign-apply', campaignId, memberRef, input.statement ?? '', docs);
}

function uniqueViolation(err: unknown): boolean {
  return isUniqueViolation(err);
}

export const docRows = (docs: CheckedDocument[]) => docs.map((d) => ({ key: d.key, fileName: d.fileName, contentType: d.contentType, content: d.content, sha256: sha256(d.content) }));

interface Application {
  applicant: apps.ApplicantRow;
  c: repo.CampaignRow;
  input: ApplyInput;
  appliedByStaffId: number | null;
}

/** The checks every application passes, in order; nothing is written before they all pass. */
async function checkApplication(ctx: StaffContext | MemberContext, a: Application): Promise<CheckedDocument[]> {
  const { c, applicant } = a;
  if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
  if (await apps.hasLiveApplication(ctx.db, c.id, applicant.memberId)) throw new AppError('already_applied');
  const now = new Date();
  if (now < new Date(c.applyOpensAt)) throw new AppError('campaign_not_open');
  if (now >= new Date(c.applyClosesAt)) throw new AppError('campaign_closed');
  const reason = judgeCampaignEligibility(c, applicant, now);
  if (reason) throw new AppError('campaign_not_eligible', ineligibleMessage(reason));
  return checkDocuments(c.requiredDocuments, a.input.documents ?? [], true);
}

/**
 * Applies once per key: `find` (run only when the key is new) finds the campaign and the applicant,
 * the checks pass, then one transaction writes the application, its documents, the key, the notice
 * and the audit record. The same key sent twice at once: the loser (already_applied, or the unique
 * violation) gets the winner's answer; another key finds the application there (already_applied).
 */
async function applyOnce(ctx: StaffContext | MemberContext, ask: IdempotentAsk, find: () => Promise<Application>): Promise<IdempotentReply> {
  const raced = (err: unknown) => uniqueViolation(err) || (err instanceof AppError && err.code === 'already_applied');
  let out: IdempotentReply;
  try {
    out = await writeOnce(ctx.db, applyStore, ask, async () => {
      const a = await find();
      const docs = await checkApplication(ctx, a);
      const { c, applicant } = a;
      const made = await ctx.db.transaction(async (tx) => {
        const made = await apps.insertApplication(tx, {
          campaignId: c.id, memberId: applicant.memberId, orgId: applicant.orgId, orgPath: applicant.orgPath, awardAmount: c.awardAmount,
          statement: a.input.statement ?? '', appliedByStaffId: a.appliedByStaffId, actorKind: ask.owner.kind, actorId: ask.owner.id,
          idemKey: ask.key, requestHash: ask.hash,
        });
        await apps.upsertDocuments(tx, made.id, docRows(docs));
        const fresh = (await apps.getApplication(tx, made.id))!;
        const by = a.appliedByStaffId ? '工作人员已为您代为提交' : '您已提交';
        await tell(tx, ctx, noticesFor(ctx, [applicant], (name) => `【智慧工会】${name}，${by}“${c.title}”的申请，现由${fresh.reviewerOrgName}审核（${c.levels[0]!.deadlineDays} 天内）。可在“我的申请”中查看进度。`), 'campaign_applied', c.orgPath);
        await insertAudit(tx, {
          ...(ctx.actor.kind === 'staff' ? auditOf(ctx as StaffContext) : memberAuditOf(ctx as MemberContext)),
          action: a.appliedByStaffId ? 'campaign.apply_on_behalf' : 'campaign.apply', targetType: 'campaign_application', targetId: made.id, orgPath: applicant.orgPath,
          detail: { campaignId: c.id, memberId: applicant.memberId, documents: docs.map((d) => d.key) },
        });
        return made;
      });
      return { id: made.id, campaignId: c.id, memberId: applicant.memberId, createdAt: made.createdAt };
    }, raced);
  } catch (err) {
    if (uniqueViolation(err)) throw new AppError('already_applied');
    throw err;
  }
  if (!out.replayed) void dispatchNotices(ctx);
  return out;
}

/**
 * The member applies, once per Idempotency-Key. Throws not_a_member, not_found (outside the reach),
 * campaign_cancelled, already_applied, campaign_not_open, campaign_closed, campaign_not_eligible,
 * document_not_required, invalid_document, document_too_large, documents_missing, idempotency_key_reused.
 */
export async function applyAsMember(ctx: MemberContext, campaignId: number, idemKey: string, input: ApplyInput): Promise<IdempotentReply> {
  const memberId = requireMemberId(ctx);
  const ask = { owner: { kind: 'member' as const, id: memberId }, key: idemKey, hash: requestHashOf(campaignId, `member:${memberId}`, input) };
  return applyOnce(ctx, ask, async () => {
    const { facts, c } = await getCampaignInReachOf(ctx, campaignId);
    return { applicant: facts, c, input, appliedByStaffId: null };
  });
}

/** Staff apply for a member of their subtree (送温暖 visits). Throws as applyAsMember, and not_found (campaign or member out of sight). */
export async function applyOnBehalf(ctx: StaffContext, campaignId: number, idemKey: string, input: ApplyOnBehalfInput): Promise<IdempotentReply> {
  const ref = input.memberId !== undefined ? `id:${input.memberId}` : `no:${input.memberNo}`;
  const body: ApplyInput = { statement: input.statement, documents: input.documents };
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key: idemKey, hash: requestHashOf(campaignId, ref, body) };
  return applyOnce(ctx, ask, async () => {
    const c = await repo.getCampaignVisible(ctx.db, ctx.scope, campaignId);
    if (!c) throw new AppError('not_found');
    const applicant = await apps.getApplicantInScope(ctx.db, ctx.scope, { memberNo: input.memberNo, memberId: input.memberId });
    if (!applicant) throw new AppError('not_found', '未找到该会员，或不在您的管理范围内');
    return { applicant, c, input: body, appliedByStaffId: ctx.actor.staffId };
  });
}

// ---------------------------------------------------------------------------------------------
// Progress
