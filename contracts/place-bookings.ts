// Bookings of places' time slots (预约, issue 15 §4): the slots a bookable place publishes, a
// member's booking and its states, the place's rules (limits, cancel deadline, no-show suspension),
// check-in by the member card, approval, the staff's calendar and the utilisation figures.
import { z } from 'zod';
import { idString, paging, text } from './common.ts';
import { placeKinds } from './places.ts';

/** Who may publish and cancel slots, decide approvals and set rules; check-in also the reviewer. */
export const BOOKING_WRITE_ROLES = ['admin', 'clerk'] as const;
export const BOOKING_CHECKIN_ROLES = ['admin', 'clerk', 'reviewer'] as const;

export const bookingStates = ['booked', 'pending', 'checkedIn', 'noShow', 'cancelled', 'rejected'] as const;
export type BookingState = (typeof bookingStates)[number];
export const bookingStateLabels: Record<BookingState, string> = {
  booked: '已预约',
  pending: '待审批',
  checkedIn: '已签到',
  noShow: '未到',
  cancelled: '已取消',
  rejected: '已拒绝',
};
/** The states that hold a seat of the slot. */
export const liveBookingStates = ['booked', 'pending', 'checkedIn'] as const satisfies readonly BookingState[];

/** Check-in opens this long before a slot starts and closes when it ends. */
export const CHECKIN_OPENS_BEFORE_MINUTES = 15;

const date = z.iso.date();
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间应为 HH:MM，如 09:00');
const clockEnd = z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, '时间应为 HH:MM，如 11:30');

/** The bookable places of the caller's subtree, for the staff's place picker. */
export const bookablePlacesQuery = z.strictObject({ ...paging });
export const bookablePlace = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(placeKinds), address: z.string(), orgName: z.string(), status: z.enum(['open', 'closed']) });
export type BookablePlace = z.infer<typeof bookablePlace>;

// ── slots ──────────────────────────────────────────────────────────────────────────────────────

/**
 * New slots: one day (`fromDate` alone), or a repeating pattern — the weekdays × times of each of
 * `weeks` weeks from `fromDate`. Times are Beijing time; each time's end is after its start.
 */
export const createSlotsBody = z.strictObject({
  title: text(1, 30).describe('时段名称，如 阅览座位、心理咨询、会议厅'),
  capacity: z.number().int().min(1).max(500).describe('每个时段可预约人数'),
  needsApproval: z.boolean().default(false).describe('预约需经工会审批（如会议厅）'),
  fromDate: date.describe('开始日期（北京时间）'),
  weeks: z.number().int().min(1).max(12).default(1).describe('重复几周（1–12）'),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).optional().describe('星期几（周一 1 … 周日 7）；不填：只在开始日期当天'),
  times: z
    .array(z.strictObject({ from: clock.describe('开始 HH:MM'), to: clockEnd.describe('结束 HH:MM') }))
    .min(1)
    .max(12)
    .describe('每天的时段'),
});
export type CreateSlotsInput = z.input<typeof createSlotsBody>;
export const createdSlots = z.object({ created: z.number().int().describe('新增时段数'), skipped: z.number().int().describe('已存在而跳过的时段数') });

export const slotListQuery = z.strictObject({
  from: date.optional().describe('起始日期（北京时间，含），默认今天'),
  to: date.optional().describe('截止日期（北京时间，含），默认起始日期后 6 天（一周）'),
  ...paging,
});

export const slotSchema = z.object({
  id: z.number().int(),
  placeId: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  booked: z.number().int().describe('已占用名额（已预约、待审批、已签到）'),
  pending: z.number().int(),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  needsApproval: z.boolean(),
  status: z.enum(['open', 'cancelled']),
  cancelledReason: z.string().nullable(),
});
export type Slot = z.infer<typeof slotSchema>;

export const updateSlotBody = z.strictObject({ capacity: z.number().int().min(1).max(500).describe('新的可预约人数（不少于已占用）') });
export const cancelSlotBody = z.strictObject({ reason: text(2, 200).describe('取消原因（会通知已预约的会员）') });
export const cancelledSlot = z.object({ slot: slotSchema, told: z.number().int().describe('通知的会员数') });

// ── rules ──────────────────────────────────────────────────────────────────────────────────────

export const bookingRule = z.object({
  maxUpcoming: z.number().int().min(1).max(20).describe('每人在本场所最多同时有几个未到期的预约'),
  maxPerDay: z.number().int().min(1).max(10).describe('每人每天最多预约几个时段'),
  cancelBeforeMinutes: z.number().int().min(0).max(10080).describe('开始前多少分钟截止取消'),
  noShowLimit: z.number().int().min(1).max(20).describe('多少次未到即暂停预约'),
  noShowWindowDays: z.number().int().min(1).max(365).describe('未到次数的统计天数'),
  suspendDays: z.number().int().min(1).max(365).describe('暂停预约天数'),
});
export type BookingRule = z.infer<typeof bookingRule>;
export const putBookingRuleBody = z.strictObject(bookingRule.shape);
export const DEFAULT_BOOKING_RULE: BookingRule = { maxUpcoming: 2, maxPerDay: 1, cancelBeforeMinutes: 120, noShowLimit: 3, noShowWindowDays: 90, suspendDays: 30 };

// ── bookings (staff) ───────────────────────────────────────────────────────────────────────────

export const bookingListQuery = z.strictObject({
  placeId: idString('场所').optional(),
  slotId: idString('时段').optional(),
  state: z.enum(bookingStates).optional().describe('状态，如 pending：待审批'),
  ...paging,
});
export const staffBooking = z.object({
  id: z.number().int(),
  slotId: z.number().int(),
  placeId: z.number().int(),
  placeName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  memberNo: z.string().nullable(),
  memberName: z.string().describe('已脱敏'),
  state: z.enum(bookingStates),
  reason: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
});
export const rejectBookingBody = z.strictObject({ reason: text(2, 200).describe('不同意的原因（会通知会员）') });
export const checkinBody = z.strictObject({ token: z.string().min(1).max(2000).describe('会员证二维码内容') });
export const bookingCheckin = z.object({
  bookingId: z.number().int(),
  memberNo: z.string(),
  name: z.string().describe('已脱敏'),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  checkedInAt: z.string(),
});

// ── figures ────────────────────────────────────────────────────────────────────────────────────

export const bookingFiguresQuery = z.strictObject({
  orgId: idString('工会（含下级）').optional(),
  placeId: idString('场所').optional(),
  from: date.describe('起始日期（北京时间，含）'),
  to: date.describe('截止日期（北京时间，含）'),
});
/** A subtree's (or one place's) bookings over a period, by the slots' start. */
export const bookingFigures = z.object({
  from: z.string(),
  to: z.string(),
  slots: z.number().int(),
  capacity: z.number().int().describe('名额合计'),
  bookings: z.number().int().describe('预约数（不含已取消、已拒绝）'),
  checkedIn: z.number().int(),
  noShows: z.number().int(),
  cancellations: z.number().int(),
  rejected: z.number().int(),
  bookedRate: z.number().nullable().describe('预约率：预约数 ÷ 名额'),
  checkinRate: z.number().nullable().describe('到场率：已签到 ÷ (已签到 + 未到)'),
});
export type BookingFigures = z.infer<typeof bookingFigures>;

// ── the member's side ──────────────────────────────────────────────────────────────────────────

export const boardQuery = z.strictObject({ from: date.optional().describe('从哪天起（北京时间），默认今天；列出 14 天') });
export const boardSlot = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  left: z.number().int().describe('剩余名额'),
  needsApproval: z.boolean(),
  mine: z.enum(bookingStates).nullable().describe('我在这个时段的预约状态'),
});
export const bookingBoard = z.object({
  place: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(placeKinds), address: z.string() }),
  rule: bookingRule,
  suspendedUntil: z.string().nullable().describe('暂停预约到何时（ISO）；未暂停为 null'),
  slots: z.array(boardSlot),
});
export type BookingBoard = z.infer<typeof bookingBoard>;

export const myBooking = z.object({
  id: z.number().int(),
  slotId: z.number().int(),
  placeId: z.number().int(),
  placeName: z.string(),
  placeAddress: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: z.enum(bookingStates),
  reason: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  cancelDeadline: z.string().describe('取消截止时间（ISO）'),
  createdAt: z.string(),
});
export type MyBooking = z.infer<typeof myBooking>;
export const myBookingsQuery = z.strictObject({ ...paging });
