// Routes of the working-day calendar (工作日历): every staff role reads a year; the province's staff
// admins add, change and remove days.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { calendarDay, calendarDayParams, calendarQuery, calendarYear, removeCalendarDayBody, setCalendarDayBody } from '../../../contracts/calendar.ts';
import { okSchema } from '../../../contracts/common.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as calendar from './calendar.service.ts';

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  r.get('/api/calendar/days', {
    schema: {
      tags,
      summary: '工作日历：某年的法定节假日和调休上班日，及全年工作日数',
      querystring: calendarQuery,
      response: { 200: calendarYear, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => calendar.getYear(staffContext(req), req.query.year),
  });

  r.put('/api/calendar/days/:day', {
    schema: {
      tags,
      summary: '设置某日为节假日或调休上班日（仅省总工会管理员；记入审计日志）',
      description: '调休上班日只能是周六或周日（400 calendar_workday_not_weekend）。',
      params: calendarDayParams,
      body: setCalendarDayBody,
      response: { 200: calendarDay, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => calendar.setDay(staffContext(req), req.params.day, req.body),
  });

  r.post('/api/calendar/days/:day/remove', {
    schema: {
      tags,
      summary: '删除某日的节假日或调休设置，恢复为普通工作日或周末（仅省总工会管理员；记入审计日志）',
      params: calendarDayParams,
      body: removeCalendarDayBody,
      response: { 200: okSchema, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => calendar.removeDay(staffContext(req), req.params.day, req.body.reason),
  });
}
