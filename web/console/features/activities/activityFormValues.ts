// The values of the activity form (发布活动 and 修改活动): the blank form, a published activity as
// form values, the request body made from them, and the fields an edit changed.
import type { Dayjs } from 'dayjs';
import { fromPicker, pickerNow, toPicker } from '../../../shared/format.ts';
import type { ActivityDetail, ActivityKind, CreateActivityInput, TargetGroup, UpdateActivityInput } from '../../../../contracts/activities.ts';

export type Range = [Dayjs, Dayjs];

export interface ActivityFormValues {
  title: string;
  kind: ActivityKind;
  orgId: number;
  places: number;
  allocation: 'first_come' | 'lottery';
  waitlistPlaces?: number | null;
  signupWindow: Range;
  useBatches: boolean;
  batches?: { places: number; window: Range }[];
  activityTime: [Dayjs, Dayjs | null];
  cancelDeadline?: Dayjs | null;
  location?: string;
  lat?: number | null;
  lng?: number | null;
  targetGroups: TargetGroup[];
  childMinAge?: number | null;
  childMaxAge?: number | null;
  minAge?: number | null;
  maxAge?: number | null;
  minMembershipMonths?: number | null;
  sameKindGapMonths?: number | null;
  perMemberLimit: number;
  description?: string;
}

/** A new activity: sign-up from now for a week, the activity a week later. */
export function blankActivity(orgId: number): Partial<ActivityFormValues> {
  const opens = pickerNow().startOf('minute');
  const closes = opens.add(7, 'day').hour(18).minute(0);
  const starts = opens.add(14, 'day').hour(9).minute(0);
  return {
    kind: 'benefit',
    orgId,
    allocation: 'first_come',
    waitlistPlaces: 0,
    signupWindow: [opens, closes],
    useBatches: false,
    activityTime: [starts, starts.add(3, 'hour')],
    targetGroups: [],
    perMemberLimit: 1,
  };
}

/** A published activity as the form shows it (a cancellation deadline equal to the start is the default: left empty). */
export function valuesOfActivity(a: ActivityDetail): ActivityFormValues {
  return {
    title: a.title,
    kind: a.kind,
    orgId: a.org.id,
    places: a.places,
    allocation: a.allocation,
    waitlistPlaces: a.waitlistPlaces,
    signupWindow: [toPicker(a.signupOpensAt), toPicker(a.signupClosesAt)],
    useBatches: a.batches.length > 1,
    batches: a.batches.length > 1 ? a.batches.map((b) => ({ places: b.places, window: [toPicker(b.signupOpensAt), toPicker(b.signupClosesAt)] })) : undefined,
    activityTime: [toPicker(a.startsAt), a.endsAt ? toPicker(a.endsAt) : null],
    cancelDeadline: Date.parse(a.cancelDeadline) === Date.parse(a.startsAt) ? null : toPicker(a.cancelDeadline),
    location: a.location ?? undefined,
    lat: a.lat,
    lng: a.lng,
    targetGroups: a.targetGroups,
    childMinAge: a.childMinAge,
    childMaxAge: a.childMaxAge,
    minAge: a.minAge,
    maxAge: a.maxAge,
    minMembershipMonths: a.minMembershipMonths,
    sameKindGapMonths: a.sameKindGapMonths,
    perMemberLimit: a.perMemberLimit,
    description: a.description || undefined,
  };
}

const opt = (v: number | null | undefined) => (v == null ? undefined : v);

export function toActivityBody(v: ActivityFormValues): CreateActivityInput {
  return {
    title: v.title.trim(),
    kind: v.kind,
    orgId: v.orgId,
    places: v.places,
    allocation: v.allocation,
    waitlistPlaces: v.allocation === 'first_come' ? opt(v.waitlistPlaces) : undefined,
    signupOpensAt: fromPicker(v.signupWindow[0]),
    signupClosesAt: fromPicker(v.signupWindow[1]),
    batches: v.useBatches && v.batches?.length ? v.batches.map((b) => ({ places: b.places, signupOpensAt: fromPicker(b.window[0]), signupClosesAt: fromPicker(b.window[1]) })) : undefined,
    startsAt: fromPicker(v.activityTime[0]),
    endsAt: v.activityTime[1] ? fromPicker(v.activityTime[1]) : undefined,
    cancelDeadline: v.cancelDeadline ? fromPicker(v.cancelDeadline) : undefined,
    location: v.location?.trim() || undefined,
    lat: opt(v.lat),
    lng: opt(v.lng),
    targetGroups: v.targetGroups.length ? v.targetGroups : undefined,
    childMinAge: opt(v.childMinAge),
    childMaxAge: opt(v.childMaxAge),
    minAge: opt(v.minAge),
    maxAge: opt(v.maxAge),
    minMembershipMonths: opt(v.minMembershipMonths),
    sameKindGapMonths: opt(v.sameKindGapMonths),
    perMemberLimit: v.perMemberLimit,
    description: v.description || undefined,
  };
}

/** What a field is called on the form, for telling which ones cannot be emptied. */
const fieldLabels: Partial<Record<keyof UpdateActivityInput, string>> = {
  endsAt: '活动结束时间',
  location: '活动地点',
  lat: '纬度',
  lng: '经度',
  childMinAge: '子女最小年龄',
  childMaxAge: '子女最大年龄',
  minAge: '最小年龄',
  maxAge: '最大年龄',
  minMembershipMonths: '入会满几个月',
  sameKindGapMonths: '同类活动间隔',
  waitlistPlaces: '候补名额',
  batches: '分批报名',
};

/**
 * The edit to send: only the fields that differ from the activity as loaded. The publishing union
 * and the allocation stay as published. The API keeps a field that is not sent, so a field emptied
 * on the form is returned in `emptied` (to be told, not silently kept) — except those that have an
 * empty value: the audience (all members), the description, the batches (one batch again) and the
 * cancellation deadline (the start).
 */
export function activityChanges(before: ActivityFormValues, after: ActivityFormValues): { patch: UpdateActivityInput; emptied: string[] } {
  const { orgId: _o, allocation: _a, ...was } = toActivityBody(before);
  const { orgId: _o2, allocation: _a2, ...now } = toActivityBody(after);
  void [_o, _a, _o2, _a2];
  const patch: Record<string, unknown> = {};
  const emptied: string[] = [];
  for (const key of Object.keys({ ...was, ...now }) as (keyof typeof now)[]) {
    if (JSON.stringify(was[key]) === JSON.stringify(now[key])) continue;
    if (now[key] === undefined) {
      if (key === 'batches') {
        if (now.places === was.places && now.signupOpensAt === was.signupOpensAt && now.signupClosesAt === was.signupClosesAt) {
          // one batch again: resend the window so the server lays it out anew
          patch.signupOpensAt = now.signupOpensAt;
        }
      } else if (key === 'cancelDeadline') {
        patch.cancelDeadline = now.startsAt;
      } else if (key === 'targetGroups') {
        patch.targetGroups = [];
      } else if (key === 'description') {
        patch.description = '';
      } else emptied.push(fieldLabels[key] ?? key);
      continue;
    }
    patch[key] = now[key];
  }
  // "不填为活动开始时": an empty deadline follows the start when the start moves
  if (now.cancelDeadline === undefined && now.startsAt !== was.startsAt) patch.cancelDeadline = now.startsAt;
  return { patch: patch as UpdateActivityInput, emptied };
}
