// Pure rules of campaigns: who may apply (and why not), the phase of a campaign, a level's deadline,
// what a document file is judged by its content. No database here.
import {
  campaignIneligibleReasons,
  DOCUMENT_MAX_BYTES,
  DOCUMENTS_REQUEST_MAX_BYTES,
  type CampaignIneligibleReason,
  type CampaignPhase,
} from '../../../contracts/campaigns.ts';
import { AppError } from '../../errors.ts';
import { monthsBetween, yearsBetween } from '../../lib/calendar.ts';
import { sniffImage } from '../../lib/sniff-image.ts';

const DAY = 86_400_000;

export interface CampaignRules {
  orgPath: string;
  targetGroups: string[];
  minAge: number | null;
  maxAge: number | null;
  minMembershipMonths: number | null;
}

export interface ApplicantFacts {
  status: string;
  birthDate: string;
  joinedOn: string;
  groups: string[];
  orgPath: string;
}

export function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`);
}

/** Why this member may not apply, or null when eligible. */
export function judgeCampaignEligibility(c: CampaignRules, m: ApplicantFacts, now: Date): CampaignIneligibleReason | null {
  if (!isUnder(m.orgPath, c.orgPath)) return 'outside_reach';
  if (m.status !== 'active') return 'not_active_member';
  const age = yearsBetween(m.birthDate, now);
  if (c.minAge !== null && age < c.minAge) return 'too_young';
  if (c.maxAge !== null && age > c.maxAge) return 'too_old';
  if (c.minMembershipMonths !== null && monthsBetween(m.joinedOn, now) < c.minMembershipMonths) return 'membership_too_short';
  if (c.targetGroups.length > 0 && !c.targetGroups.some((g) => m.groups.includes(g))) return 'not_target_group';
  return null;
}

export function ineligibleMessage(reason: CampaignIneligibleReason): string {
  return `不符合申请条件：${campaignIneligibleReasons[reason]}`;
}

export interface PhaseFacts {
  status: string;
  applyOpensAt: Date;
  applyClosesAt: Date;
  /** applications still moving (in review, returned, approved) */
  open: number;
  inNotice: number;
}

export function phaseOf(c: PhaseFacts, now: Date): CampaignPhase {
  if (c.status === 'cancelled') return 'cancelled';
  if (now < c.applyOpensAt) return 'upcoming';
  if (now < c.applyClosesAt) return 'open';
  if (c.inNotice > 0) return 'notice';
  if (c.open > 0) return 'reviewing';
  return 'finished';
}

/** A level's deadline: its days from when the application entered the level. */
export function deadlineOf(enteredAt: Date | string | null, days: number | null): Date | null {
  if (enteredAt === null || days === null) return null;
  return new Date(new Date(enteredAt).getTime() + days * DAY);
}

export function noticeEndsAt(start: Date, days: number): Date {
  return new Date(start.getTime() + days * DAY);
}

/** PNG, JPEG, WebP or PDF, judged by content. */
export function sniffDocument(b: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | 'application/pdf' | null {
  const image = sniffImage(b);
  if (image) return image;
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export interface CheckedDocument {
  key: string;
  label: string;
  fileName: string | null;
  contentType: string;
  content: Buffer;
}

/**
 * The uploaded files against the required documents: each a required key, at most once, each a
 * real image or PDF of at most 4 MB, all of a request at most 8 MB; with `complete`, every required key present.
 * Throws document_not_required, validation_failed (a key twice), document_too_large, invalid_document, documents_missing.
 */
export function checkDocuments(
  required: { key: string; label: string }[],
  uploads: { key: string; fileName?: string | undefined; contentBase64: string }[],
  complete: boolean,
  present: ReadonlySet<string> = new Set(),
): CheckedDocument[] {
  const byKey = new Map(required.map((r) => [r.key, r]));
  const seen = new Set<string>();
  const out: CheckedDocument[] = [];
  for (const u of uploads) {
    const req = byKey.get(u.key);
    if (!req) throw new AppError('document_not_required', `“${u.key}”不是本活动要求的材料；要求的材料：${required.map((r) => r.label).join('、') || '无'}`);
    if (seen.has(u.key)) throw new AppError('validation_failed', `材料“${req.label}”重复上传`);
    seen.add(u.key);
    const content = Buffer.from(u.contentBase64, 'base64');
    if (content.length > DOCUMENT_MAX_BYTES) throw new AppError('document_too_large', `材料“${req.label}”超过 4 MB，请压缩后重新上传`);
    const type = sniffDocument(content);
    if (!type) throw new AppError('invalid_document', `材料“${req.label}”须为 PNG、JPEG、WebP 格式的图片或 PDF 文件`);
    out.push({ key: u.key, label: req.label, fileName: u.fileName ?? null, contentType: type, content });
  }
  const total = out.reduce((n, d) => n + d.content.length, 0);
  if (total > DOCUMENTS_REQUEST_MAX_BYTES) {
    throw new AppError('document_too_large', `本次上传的材料合计 ${(total / 1024 / 1024).toFixed(1)} MB，超过 8 MB；请压缩后重新上传，或分次补交`);
  }
  if (complete) {
    const missing = required.filter((r) => !seen.has(r.key) && !present.has(r.key));
    if (missing.length > 0) throw new AppError('documents_missing', `请上传：${missing.map((r) => r.label).join('、')}`);
  }
  return out;
}
