import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  closeOrgBody,
  foundOrgBody,
  moveOrgBody,
  orgChildrenQuery,
  orgDetail,
  orgSearchQuery,
  orgSummary,
  updateOrgBody,
} from '../../../contracts/orgs.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as service from './orgs.service.ts';

export async function orgRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['orgs'];

  r.get('/api/orgs', {
    schema: {
      tags,
      summary: '在管理范围内查找工会组织',
      description: '按名称关键字（两个字即可，如“化州”）、层级、类型查找；只返回本账号管理范围内的组织。',
      querystring: orgSearchQuery,
      response: { 200: listOf(orgSummary), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.searchOrgs(staffContext(req), req.query),
  });

  r.get('/api/orgs/:id', {
    schema: {
      tags,
      summary: '工会组织详情',
      description: '管理范围外的组织一律返回 404 not_found。',
      params: idParam,
      response: { 200: orgDetail, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.getOrg(staffContext(req), req.params.id),
  });

  r.get('/api/orgs/:id/children', {
    schema: {
      tags,
      summary: '直属下级组织（含会员数）',
      params: idParam,
      querystring: orgChildrenQuery,
      response: { 200: listOf(orgSummary), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.listChildren(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/orgs', {
    schema: {
      tags,
      summary: '建会：在管理范围内新建工会组织',
      body: foundOrgBody,
      response: { 201: orgDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const org = await service.foundOrg(staffContext(req, 'admin'), req.body);
      return reply.code(201).send(org);
    },
  });

  r.patch('/api/orgs/:id', {
    schema: {
      tags,
      summary: '修改工会组织信息',
      params: idParam,
      body: updateOrgBody,
      response: { 200: orgDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => service.changeOrg(staffContext(req, 'admin'), req.params.id, req.body),
  });

  r.post('/api/orgs/:id/move', {
    schema: {
      tags,
      summary: '调整隶属关系：把组织及其全部下级移到新的上级之下',
      description: '在一个事务内改写整棵子树的路径；不能移到自身或其下级之下。',
      params: idParam,
      body: moveOrgBody,
      response: { 200: orgDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => service.moveOrg(staffContext(req, 'admin'), req.params.id, req.body.newParentId),
  });

  r.post('/api/orgs/:id/close', {
    schema: {
      tags,
      summary: '撤销工会组织',
      description: '只能撤销没有在册会员和有效下级组织的组织。',
      params: idParam,
      body: closeOrgBody,
      response: { 200: orgDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => service.closeOrg(staffContext(req, 'admin'), req.params.id, req.body.reason),
  });
}
