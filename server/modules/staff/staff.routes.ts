import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf, okSchema } from '../../../contracts/common.ts';
import { createStaffBody, resetPasswordBody, staffAccount, staffQuery, updateStaffBody } from '../../../contracts/staff.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as service from './staff.service.ts';

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];

  r.get('/api/staff', {
    schema: {
      tags,
      summary: '管理范围内的工作人员账号',
      querystring: staffQuery,
      response: { 200: listOf(staffAccount), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.listStaff(staffContext(req, 'admin'), req.query),
  });

  r.get('/api/staff/:id', {
    schema: {
      tags,
      summary: '工作人员账号详情',
      params: idParam,
      response: { 200: staffAccount, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.getStaff(staffContext(req, 'admin'), req.params.id),
  });

  r.post('/api/staff', {
    schema: {
      tags,
      summary: '新建工作人员账号（单位管理员）',
      body: createStaffBody,
      response: { 201: staffAccount, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await service.createStaff(staffContext(req, 'admin'), req.body)),
  });

  r.patch('/api/staff/:id', {
    schema: {
      tags,
      summary: '修改工作人员账号：姓名、角色、启用/停用',
      params: idParam,
      body: updateStaffBody,
      response: { 200: staffAccount, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => service.changeStaff(staffContext(req, 'admin'), req.params.id, req.body),
  });

  r.post('/api/staff/:id/password', {
    schema: {
      tags,
      summary: '重置工作人员密码（解除锁定，结束其全部会话）',
      params: idParam,
      body: resetPasswordBody,
      response: { 200: okSchema, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => {
      await service.resetStaffPassword(staffContext(req, 'admin'), req.params.id, req.body.password);
      return { ok: true as const };
    },
  });
}
