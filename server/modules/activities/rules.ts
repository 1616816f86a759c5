// Pure rules of activities: who may sign up (and why not), what a publication must satisfy, the
// description's safe HTML, the cover image's type by content, the Amap link. No database here.
import sanitizeHtml from 'sanitize-html';
import { ineligibleReasons, type AvailabilityState, type IneligibleReason } from '../../../contracts/activities.ts';
import { AppError } from '../../errors.ts';
import { monthsBetween, yearsBetween } from '../../lib/calendar.ts';
import { sniffImage } from '../../lib/sniff-image.ts';

export { sniffImage };

/** The age, membership and gap limits an activity sets: stored, new, checked and shown alike. */
export interface ActivityLimits {
  minAge: number | null;
  maxAge: number | null;
  minMembershipMonths: number | null;
  sameKindGapMonths: number | null;
  childMinAge: number | null;
  childMaxAge: number | null;
}

/** The limits alone, copied off a wider record (a row, a detail) in their usual order. */
export function limitsOf(a: ActivityLimits): ActivityLimits {
  const { minAge, maxAge, minMembershipMonths, sameKindGapMonths, childMinAge, childMaxAge } = a;
  return { minAge, maxAge, minMembershipMonths, sameKindGapMonths, childMinAge, childMaxAge };
}

export interface ActivityRules extends ActivityLimits {
  kind: string;
  targetGroups: string[];
  perMemberLimit: number;
  startsAt: Date;
}

export interface MemberFacts {
  status: string;
  birthDate: string;
  joinedOn: string;
  groups: string[];
  /** Starts of the member's other confirmed activities of the same kind. */
  sameKindStarts: Date[];
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setMonth(d.getMonth() + months);
  return d;
}

/**
 * Why this member may not sign up for these rules, or null when eligible. `signup` is what the
 * sign-up asks for; without it (the list) the questions only the sign-up answers are not asked.
 */
export function judgeEligibility(
  a: ActivityRules,
  m: MemberFacts,
  now: Date,
  signup?: { seats: number; childAge?: number | undefined },
): IneligibleReason | null {
  if (m.status !== 'active') return 'not_active_member';
  const age = yearsBetween(m.birthDate, a.startsAt);
  if (a.minAge !== null && age < a.minAge) return 'too_young';
  if (a.maxAge !== null && age > a.maxAge) return 'too_old';
  if (a.minMembershipMonths !== null && monthsBetween(m.joinedOn, now) < a.minMembershipMonths) return 'membership_too_short';
  const gap = a.sameKindGapMonths;
  if (gap !== null && m.sameKindStarts.some((s) => addMonths(s, gap) > a.startsAt && addMonths(a.startsAt, gap) > s)) {
    return 'same_kind_recently';
  }
  const groups = a.targetGroups.filter((g) => g !== 'parents');
  const forParents = a.targetGroups.includes('parents');
  const inGroup = groups.some((g) => m.groups.includes(g));
  if (a.targetGroups.length > 0 && !inGroup && !forParents) return 'not_target_group';
  const hasChildRange = a.childMinAge !== null || a.childMaxAge !== null;
  if (signup) {
    if (signup.seats > a.perMemberLimit) return 'too_many_seats';
    // a parents' activity asks for the child's age (of members not let in by another group)
    if (hasChildRange && (forParents ? !inGroup : true)) {
      if (signup.childAge === undefined) return 'child_age_required';
      if ((a.childMinAge !== null && signup.childAge < a.childMinAge) || (a.childMaxAge !== null && signup.childAge > a.childMaxAge)) {
        return 'child_age_out_of_range';
      }
    }
  }
  return null;
}

export function ineligibleMessage(reason: IneligibleReason): string {
  return `不符合报名条件：${ineligibleReasons[reason]}`;
}

export interface WindowFacts {
  status: string;
  batches: { batchNo: number; signupOpensAt: Date; signupClosesAt: Date; isFull: boolean }[];
}

/** The batch open for sign-up at `now`, or the state that says why none is. */
export function openBatch(w: WindowFacts, now: Date): { batchNo: number } | { state: AvailabilityState } {
  if (w.status === 'cancelled') return { state: 'cancelled' };
  const open = w.batches.find((b) => b.signupOpensAt <= now && now < b.signupClosesAt);
  if (open) return open.isFull ? { state: 'full' } : { batchNo: open.batchNo };
  return w.batches.some((b) => now < b.signupOpensAt) ? { state: 'not_open_yet' } : { state: 'closed' };
}

const HOUR = 3_600_000;
const BEIJING_OFFSET = 8 * HOUR; // China keeps no summer time

/**
 * Check-in opens this long before the activity starts. One constant rather than a field per
 * activity: two hours covers a crowd queueing at the gate of the largest event (a 400-place 游园会)
 * and no activity needs more, so staff have nothing to set and the API's shape stays as it is.
 */
export const CHECKIN_OPENS_BEFORE_MS = 2 * HOUR;

/**
 * When check-in by card is open: from two hours before the start until the end — the end time when
 * the activity has one, else the end of the (Beijing) day it starts, the day the console shows it as
 * 进行中. Outside it a scan is refused with checkin_not_open / checkin_closed.
 */
export function checkinWindow(a: { startsAt: Date; endsAt: Date | null }): { opensAt: Date; closesAt: Date } {
  const starts = a.startsAt.getTime();
  const endOfBeijingDay = Math.floor((starts + BEIJING_OFFSET) / (24 * HOUR) + 1) * 24 * HOUR - BEIJING_OFFSET;
  return { opensAt: new Date(starts - CHECKIN_OPENS_BEFORE_MS), closesAt: a.endsAt ?? new Date(endOfBeijingDay) };
}

export interface PublishFields {
  places: number;
  allocation: string;
  signupOpensAt: string;
  signupClosesAt: string;
  startsAt: string;
  endsAt?: string | null | undefined;
  cancelDeadline?: string | null | undefined;
  minAge?: number | null | undefined;
  maxAge?: number | null | undefined;
  childMinAge?: number | null | undefined;
  childMaxAge?: number | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  batches?: { places: number; signupOpensAt: string; signupClosesAt: string }[] | undefined;
}

const bad = (why: string) => new AppError('validation_failed', `请求参数有误：${why}`);

/** The batches a publication stands for (one, its whole window, when none are given). Throws validation_failed. */
export function checkPublication(f: PublishFields): { places: number; signupOpensAt: Date; signupClosesAt: Date }[] {
  const t = (s: string) => new Date(s);
  const opens = t(f.signupOpensAt);
  const closes = t(f.signupClosesAt);
  const starts = t(f.startsAt);
  if (!(opens < closes)) throw bad('报名截止时间应晚于报名开始时间');
  if (closes > starts) throw bad('报名截止时间不能晚于活动开始时间');
  if (f.endsAt && t(f.endsAt) < starts) throw bad('活动结束时间不能早于开始时间');
  if (f.cancelDeadline && t(f.cancelDeadline) > starts) throw bad('取消报名截止时间不能晚于活动开始时间');
  if (f.minAge != null && f.maxAge != null && f.minAge > f.maxAge) throw bad('最小年龄不能大于最大年龄');
  if (f.childMinAge != null && f.childMaxAge != null && f.childMinAge > f.childMaxAge) throw bad('子女最小年龄不能大于最大年龄');
  if ((f.lat == null) !== (f.lng == null)) throw bad('经纬度应同时填写');
  if (!f.batches || f.batches.length === 0) return [{ places: f.places, signupOpensAt: opens, signupClosesAt: closes }];
  const batches = f.batches.map((b) => ({ places: b.places, signupOpensAt: t(b.signupOpensAt), signupClosesAt: t(b.signupClosesAt) }));
  if (batches.reduce((s, b) => s + b.places, 0) !== f.places) throw bad('各批名额之和应等于活动名额');
  for (const [i, b] of batches.entries()) {
    if (!(b.signupOpensAt < b.signupClosesAt)) throw bad(`第 ${i + 1} 批的报名截止时间应晚于开始时间`);
    if (b.signupOpensAt < opens || b.signupClosesAt > closes) throw bad(`第 ${i + 1} 批的报名时间应在活动报名时间之内`);
    const prev = batches[i - 1];
    if (prev && b.signupOpensAt < prev.signupClosesAt) throw bad(`第 ${i + 1} 批的报名时间应在上一批截止之后`);
  }
  return batches;
}

/** A safe subset of HTML for descriptions: text formatting, lists, headings, links (http/https). */
export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'a'],
    allowedAttributes: { a: ['href', 'rel', 'target'] },
    allowedSchemes: ['http', 'https'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  }).trim();
}

export const COVER_MAX_BYTES = 600 * 1024;

/** An Amap (高德) link: a marker at the coordinates, else a search for the address. */
export function amapUrl(location: string | null, lat: number | null, lng: number | null): string | null {
  if (lat !== null && lng !== null) {
    const name = location ? `&name=${encodeURIComponent(location)}` : '';
    return `https://uri.amap.com/marker?position=${lng},${lat}${name}&coordinate=gaode&callnative=1`;
  }
  if (location) return `https://uri.amap.com/search?keyword=${encodeURIComponent(location)}&callnative=1`;
  return null;
}

/** How many counter rows a batch's places are split over: 1 for a handful, up to 16. */
export function slotCountFor(places: number): number {
  return Math.max(1, Math.min(16, Math.floor(places / 8)));
}

/** `total` split over `n` rows as evenly as possible. */
export function splitOver(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}
