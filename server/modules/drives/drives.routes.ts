// Founding drives (建会行动): /api/drives and /api/drive-targets (issue 16 §5, §8).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  addDriveTargetBody,
  createDriveBody,
  driveContact,
  driveDetail,
  driveListQuery,
  driveStepBody,
  driveSummary,
  driveTarget,
  dropDriveTargetBody,
  linkDriveUnionBody,
  revealContactBody,
  updateDriveBody,
} from '../../../contracts/drives.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as drives from './drives.service.ts';

const tags = ['drives'];
const WRITERS = ['admin', 'clerk'] as const;

export async function driveRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/drives', {
    schema: { tags, summary: '建会行动列表（管理范围内的工会开展的）', querystring: driveListQuery, response: { 200: listOf(driveSummary), ...errorResponses(...staffErrors) } },
    handler: async (req) => drives.listDrives(staffContext(req), req.query),
  });

  r.post('/api/drives', {
    schema: {
      tags,
      summary: '新建建会行动（镇街、县区或地市工会；含目标）',
      description: 'drive_dates_invalid：结束日期早于开始日期。',
      body: createDriveBody,
      response: { 201: driveDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await drives.createDrive(staffContext(req, ...WRITERS), req.body)),
  });

  r.get('/api/drives/:id', {
    schema: { tags, summary: '建会行动详情：目标与进度、建会对象与步骤、即时统计', params: idParam, response: { 200: driveDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => drives.getDrive(staffContext(req), Number(req.params.id)),
  });

  r.patch('/api/drives/:id', {
    schema: {
      tags,
      summary: '修改建会行动的名称、日期或状态',
      description: 'drive_closed：行动已结束；drive_dates_invalid。',
      params: idParam,
      body: updateDriveBody,
      response: { 200: driveDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => drives.updateDrive(staffContext(req, ...WRITERS), Number(req.params.id), req.body),
  });

  r.post('/api/drives/:id/targets', {
    schema: {
      tags,
      summary: '加入建会对象：一个尚未建会的单位，或一个镇街的平台群体（联系人姓名、电话加密保存）',
      description: '曾移出的单位（或平台群体）再次加入时恢复原记录，已记录的步骤保留。drive_target_exists：已在本次行动中；drive_closed。',
      params: idParam,
      body: addDriveTargetBody,
      response: { 201: driveDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await drives.addTarget(staffContext(req, ...WRITERS), Number(req.params.id), req.body)),
  });

  r.post('/api/drive-targets/:id/steps', {
    schema: {
      tags,
      summary: '记录建会步骤（联系 → 成立筹备组 → 召开成立大会 → 法人登记；请求头 Idempotency-Key 必填）',
      description: '成立大会在同一事务中成立工会（或关联已有工会）并记录单位的所属工会与工会的成立日期；法人登记记录工会法人统一社会信用代码（81 开头）。drive_step_out_of_order、fact_date_invalid、union_legal_number_invalid、drive_closed。',
      headers: idempotencyKeyHeader('记录'),
      params: idParam,
      body: driveStepBody,
      response: { 201: driveTarget, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const out = await drives.recordStep(staffContext(req, ...WRITERS), Number(req.params.id), req.body, idempotencyKeyOf(req));
      return sendIdempotent(reply as FastifyReply, out);
    },
  });

  r.post('/api/drive-targets/:id/drop', {
    schema: {
      tags,
      summary: '移出建会对象（须填写原因；尚未建会的才能移出；请求头 Idempotency-Key 必填）',
      description: '移出后不再出现在行动的对象列表和统计中，记录保留（何时、何人、原因），记入审计。drive_target_founded：已建会或已关联工会；drive_target_dropped：已移出；drive_closed。',
      headers: idempotencyKeyHeader('移出'),
      params: idParam,
      body: dropDriveTargetBody,
      response: { 200: driveTarget, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const out = await drives.dropTarget(staffContext(req, ...WRITERS), Number(req.params.id), req.body, idempotencyKeyOf(req));
      return sendIdempotent(reply as FastifyReply, out, 200);
    },
  });

  r.post('/api/drive-targets/:id/link-union', {
    schema: {
      tags,
      summary: '关联已有工会：单位已在平台外成立工会时，把它关联到单位所在镇街之下的基层工会（请求头 Idempotency-Key 必填）',
      description: '在同一事务中记录单位的所属工会（一企一档，来源“建会行动”）；该对象记为“已关联已有工会”，与本次行动新建的工会分开统计。union_link_invalid、drive_target_not_open、fact_date_invalid、drive_closed。',
      headers: idempotencyKeyHeader('关联'),
      params: idParam,
      body: linkDriveUnionBody,
      response: { 200: driveTarget, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const out = await drives.linkUnion(staffContext(req, ...WRITERS), Number(req.params.id), req.body, idempotencyKeyOf(req));
      return sendIdempotent(reply as FastifyReply, out, 200);
    },
  });

  r.post('/api/drive-targets/:id/contact/reveal', {
    schema: {
      tags,
      summary: '查看建会对象联系人的完整姓名和电话（须填写原因，记入审计）',
      params: idParam,
      body: revealContactBody,
      response: { 200: driveContact, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => drives.revealContact(staffContext(req, ...WRITERS), Number(req.params.id), req.body.reason),
  });
}
