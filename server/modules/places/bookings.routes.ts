// Routes of bookings of places' time slots (预约): staff of the place's union publish slots, set the
// rules, see the calendar and figures, decide approvals and check members in by card; a member sees
// a place's slots, books (Idempotency-Key), cancels and lists their bookings.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  BOOKING_CHECKIN_ROLES,
  BOOKING_WRITE_ROLES,
  boardQuery,
  bookablePlace,
  bookablePlacesQuery,
  bookingBoard,
  bookingCheckin,
  bookingFigures,
  bookingFiguresQuery,
  bookingListQuery,
  bookingRule,
  cancelSlotBody,
  cancelledSlot,
  checkinBody,
  createSlotsBody,
  createdSlots,
  myBooking,
  myBookingsQuery,
  putBookingRuleBody,
  rejectBookingBody,
  slotListQuery,
  slotSchema,
  staffBooking,
  updateSlotBody,
} from '../../../contracts/place-bookings.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as bookings from './bookings.service.ts';

export async function placeBookingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['place-bookings'];
  const write = (req: Parameters<typeof staffContext>[0]) => staffContext(req, ...BOOKING_WRITE_ROLES);

  // ── the member's side ──
  r.get('/api/me/place-bookings', {
    schema: { tags, summary: '会员：我的预约及状态（未到期的在前）', querystring: myBookingsQuery, response: { 200: listOf(myBooking), ...errorResponses(401, 403) } },
    handler: async (req) => bookings.listMyBookings(memberContext(req), req.query),
  });

  r.post('/api/me/place-bookings/:id/cancel', {
    schema: {
      tags,
      summary: '会员：取消自己的预约（须在场所规定的截止时间前）',
      description: '409 booking_cancel_too_late（说明截止时间）、booking_not_cancellable。',
      params: idParam,
      response: { 200: myBooking, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req) => bookings.cancelMyBooking(memberContext(req), req.params.id),
  });

  r.post('/api/place-slots/:id/bookings', {
    schema: {
      tags,
      summary: '会员：预约一个时段（请求头 Idempotency-Key 必填；重试沿用同一个值得到第一次的结果）',
      description:
        '201 state：booked 已预约 · pending 待审批（需审批的时段）。409：booking_slot_full、booking_slot_past、booking_slot_cancelled、booking_suspended（说明到何时、为什么）、' +
        'booking_limit_upcoming、booking_limit_day、booking_already、place_not_bookable、idempotency_key_reused。',
      params: idParam,
      headers: idempotencyKeyHeader('预约'),
      response: { 201: myBooking, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => sendIdempotent(reply as FastifyReply, await bookings.bookSlot(memberContext(req), req.params.id, idempotencyKeyOf(req))),
  });

  r.get('/api/me/places/:id/booking-board', {
    schema: {
      tags,
      summary: '会员：场所 14 天内可预约的时段、剩余名额、我的预约状态和预约规则',
      description: '409 place_not_bookable。',
      params: idParam,
      querystring: boardQuery,
      response: { 200: bookingBoard, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) => bookings.getBookingBoard(memberContext(req), req.params.id, req.query),
  });

  // ── staff ──
  r.get('/api/places/:id/slots', {
    schema: {
      tags,
      summary: '场所的预约时段（日历：按日或按周），含已约、待审批、已签到、未到',
      params: idParam,
      querystring: slotListQuery,
      response: { 200: listOf(slotSchema), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => bookings.listSlots(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/places/:id/slots', {
    schema: {
      tags,
      summary: '发布预约时段：某一天，或按周重复（星期 × 时段 × 周数）；同名同时的时段已存在则跳过',
      description: '仅单位管理员和经办人。400 booking_slot_ends_before_start、booking_slot_in_past、booking_slot_too_many；409 place_not_bookable。',
      params: idParam,
      body: createSlotsBody,
      response: { 201: createdSlots, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await bookings.createSlots(write(req), req.params.id, req.body)),
  });

  r.get('/api/places/:id/booking-rule', {
    schema: { tags, summary: '场所的预约规则（未设置时为默认规则）', params: idParam, response: { 200: bookingRule, ...errorResponses(...staffErrors) } },
    handler: async (req) => bookings.getBookingRule(staffContext(req), req.params.id),
  });

  r.put('/api/places/:id/booking-rule', {
    schema: { tags, summary: '设置场所的预约规则：每人上限、取消截止、未到暂停', description: '仅单位管理员和经办人。', params: idParam, body: putBookingRuleBody, response: { 200: bookingRule, ...errorResponses(...staffErrors) } },
    handler: async (req) => bookings.putBookingRule(write(req), req.params.id, req.body),
  });

  r.post('/api/places/:id/checkins', {
    schema: {
      tags,
      summary: '扫会员证签到：该会员此时（开始前 15 分钟至结束）在本场所的预约记为已签到',
      description: '409 booking_checkin_none、booking_checkin_pending、booking_already_checked_in、card_token_expired、card_token_forged、card_token_revoked；400 card_token_malformed。',
      params: idParam,
      body: checkinBody,
      response: { 200: bookingCheckin, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => bookings.checkInByCard(staffContext(req, ...BOOKING_CHECKIN_ROLES), req.params.id, req.body.token),
  });

  r.patch('/api/place-slots/:id', {
    schema: { tags, summary: '修改时段的可预约人数（不少于已占用）', description: '409 booking_capacity_below_booked、booking_slot_cancelled。', params: idParam, body: updateSlotBody, response: { 200: slotSchema, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => bookings.updateSlot(write(req), req.params.id, req.body),
  });

  r.post('/api/place-slots/:id/cancel', {
    schema: { tags, summary: '取消时段：其预约一并取消，并通知已预约的会员', description: '409 booking_slot_cancelled。', params: idParam, body: cancelSlotBody, response: { 200: cancelledSlot, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => bookings.cancelSlot(write(req), req.params.id, req.body),
  });

  r.get('/api/place-bookings', {
    schema: { tags, summary: '预约名单（管理范围内；按场所、时段、状态筛选，待审批：state=pending；姓名脱敏）', querystring: bookingListQuery, response: { 200: listOf(staffBooking), ...errorResponses(...staffErrors) } },
    handler: async (req) => bookings.listBookings(staffContext(req), req.query),
  });

  r.get('/api/place-bookings/places', {
    schema: { tags, summary: '管理范围内可预约的场所', querystring: bookablePlacesQuery, response: { 200: listOf(bookablePlace), ...errorResponses(...staffErrors) } },
    handler: async (req) => bookings.listBookablePlaces(staffContext(req), req.query),
  });

  r.get('/api/place-bookings/figures', {
    schema: {
      tags,
      summary: '预约统计：时段、名额、预约、签到、未到、取消、预约率、到场率（本级及下级，或一个场所）',
      description: '400 booking_period_invalid。',
      querystring: bookingFiguresQuery,
      response: { 200: bookingFigures, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => bookings.bookingFigures(staffContext(req), req.query),
  });

  r.post('/api/place-bookings/:id/approve', {
    schema: { tags, summary: '同意待审批的预约（通知会员）', description: '409 booking_not_pending。', params: idParam, response: { 200: staffBooking, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => bookings.decideBooking(write(req), req.params.id, { approve: true }),
  });

  r.post('/api/place-bookings/:id/reject', {
    schema: { tags, summary: '不同意待审批的预约，说明原因（通知会员，名额释放）', description: '409 booking_not_pending。', params: idParam, body: rejectBookingBody, response: { 200: staffBooking, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => bookings.decideBooking(write(req), req.params.id, { approve: false, reason: req.body.reason }),
  });
}
