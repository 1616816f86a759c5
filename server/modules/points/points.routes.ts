// Routes of the points ledger (积分): staff issue, expire, reverse and read an operation and a
// subtree's totals; the member reads balance and history and redeems. Every write carries an
// Idempotency-Key: a retry gets the first answer byte for byte.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import {
  expirePointsBody,
  issuePointsBody,
  myPoints,
  myPointsQuery,
  pointOperation,
  pointOperationEntries,
  pointOperationEntriesQuery,
  pointOperationList,
  pointOperationsExportQuery,
  pointOperationsQuery,
  pointTotals,
  pointTotalsQuery,
  redeemPointsBody,
  reversePointsBody,
} from '../../../contracts/points.ts';
import { exportContext, memberContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import * as ledger from './ledger.service.ts';
import * as points from './points.service.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';

const WRITERS = ['admin', 'clerk'] as const;
const keyHeader = idempotencyKeyHeader('操作');
const writeErrors = (s: string) =>
  `409：${s}、idempotency_key_reused（同一个值用于不同的请求）。重试（同一个 Idempotency-Key 与相同内容）得到与第一次完全相同的回答，并带 Idempotent-Replayed: true。`;

export async function pointRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['points'];

  r.post('/api/points/issues', {
    schema: {
      tags,
      summary: '发放积分：给指定会员，或该单位及下级组织的全部在册会员（可限某一群体）',
      description: writeErrors('no_points_recipients'),
      headers: keyHeader,
      body: issuePointsBody,
      response: { 201: pointOperation, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      return sendIdempotent(reply as FastifyReply, await points.issuePoints(ctx, idempotencyKeyOf(req), req.body));
    },
  });

  r.post('/api/points/expiries', {
    schema: {
      tags,
      summary: '积分过期：某日之前发放、至今未使用的积分过期',
      description: writeErrors('—'),
      headers: keyHeader,
      body: expirePointsBody,
      response: { 201: pointOperation, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      return sendIdempotent(reply as FastifyReply, await points.expirePoints(ctx, idempotencyKeyOf(req), req.body));
    },
  });

  r.post('/api/points/operations/:id/reverse', {
    schema: {
      tags,
      summary: '撤销积分操作（记相反分录；每项操作只能撤销一次）',
      description: writeErrors('points_already_spent、operation_already_reversed、operation_not_reversible'),
      params: idParam,
      headers: keyHeader,
      body: reversePointsBody,
      response: { 201: pointOperation, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      return sendIdempotent(reply as FastifyReply, await points.reverseOperation(ctx, req.params.id, idempotencyKeyOf(req), req.body.reason));
    },
  });

  r.get('/api/points/operations', {
    schema: {
      tags,
      summary: '积分流水：本管理范围（或其中某组织及下级组织）的积分操作，最新的在前',
      querystring: pointOperationsQuery,
      response: { 200: pointOperationList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => ledger.listOperations(staffContext(req), req.query),
  });

  r.get('/api/points/operations/export', {
    schema: {
      tags,
      summary: `导出积分流水（.xlsx，筛选同积分流水，最多 ${ledger.OPERATIONS_EXPORT_MAX_ROWS} 条，记入审计日志）`,
      querystring: pointOperationsExportQuery,
      response: { 200: xlsxResponse('积分流水'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await ledger.exportOperations(exportContext(req), req.query);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });

  r.get('/api/points/operations/:id/entries', {
    schema: {
      tags,
      summary: '积分操作的会员明细：姓名、会员号、所在工会、积分（按账户排序）',
      params: idParam,
      querystring: pointOperationEntriesQuery,
      response: { 200: pointOperationEntries, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => ledger.listOperationEntries(staffContext(req), req.params.id, req.query),
  });

  r.get('/api/points/operations/:id', {
    schema: {
      tags,
      summary: '积分操作详情',
      params: idParam,
      response: { 200: pointOperation, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => points.getOperation(staffContext(req), req.params.id),
  });

  r.get('/api/points/totals', {
    schema: {
      tags,
      summary: '积分合计：已发放、已兑换、已过期、未使用余额（该组织及下级组织的会员）',
      querystring: pointTotalsQuery,
      response: { 200: pointTotals, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => points.getTotals(staffContext(req), req.query.orgId),
  });

  r.get('/api/me/points', {
    schema: {
      tags,
      summary: '会员：我的积分余额与明细',
      querystring: myPointsQuery,
      response: { 200: myPoints, ...errorResponses(401, 403) },
    },
    handler: async (req) => points.getMyPoints(memberContext(req), req.query),
  });

  r.post('/api/me/points/redemptions', {
    schema: {
      tags,
      summary: '会员：积分兑换（商品或服务）',
      description: writeErrors('insufficient_points'),
      headers: keyHeader,
      body: redeemPointsBody,
      response: { 201: pointOperation, ...errorResponses(401, 403, 409) },
    },
    handler: async (req, reply) => {
      const ctx = memberContext(req);
      return sendIdempotent(reply as FastifyReply, await points.redeemPoints(ctx, idempotencyKeyOf(req), req.body));
    },
  });
}
