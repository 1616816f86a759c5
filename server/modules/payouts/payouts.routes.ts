// Routes of payouts (点对点发放): a campaign's run, list, maker-checker approval, payment files and
// the bank's return file; a payout's result and retry; the member's payouts and bank account.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import {
  approvePayoutsBody,
  approvePayoutsResult,
  bankAccountBody,
  campaignIdParam,
  myBankAccount,
  myPayout,
  myPayouts,
  myPayoutsQuery,
  paymentFile,
  paymentFileBody,
  paymentFileList,
  paymentFileQuery,
  paymentReturnBody,
  paymentReturnResult,
  payoutDetail,
  payoutList,
  payoutListQuery,
  payoutResultBody,
  revealBankAccountBody,
  revealedBankAccount,
  runPayoutsResult,
} from '../../../contracts/payouts.ts';
import { exportContext, memberContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import * as accounts from './bank-accounts.service.ts';
import { fileGateway, type PaymentGateway } from './gateway.ts';
import * as files from './payment-files.service.ts';
import * as payouts from './payouts.service.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';

const MAKERS = ['admin', 'clerk'] as const;
const CHECKERS = ['admin', 'reviewer'] as const;
const keyHeader = idempotencyKeyHeader('执行');

export interface PayoutRouteOptions {
  /** where bank payments go; the built-in one writes the payment file */
  gateway?: PaymentGateway;
}

export async function payoutRoutes(app: FastifyInstance, opts: PayoutRouteOptions = {}): Promise<void> {
  const gateway = opts.gateway ?? fileGateway;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payouts'];

  r.post('/api/campaigns/:id/payouts/run', {
    schema: {
      tags,
      summary: '执行发放：为每个已公示无异议（awarded）且尚无发放记录的申请生成一笔发放',
      description:
        '按活动的发放渠道：积分即时记入积分账本（每笔发放一项积分操作，幂等键 payout:<发放ID>，重试不会重复入账）；' +
        '实物进入待领取（会员在手机上确认领取，或工作人员登记）；银行转账等待写入付款文件。' +
        '超过活动复核金额的发放须由另一名工作人员复核（maker-checker）后才发出。重复执行不会生成新的发放。' +
        '409：payout_budget_exceeded（超过已预留预算，本次不生成任何发放）、payout_campaign_cancelled、idempotency_key_reused。',
      params: campaignIdParam,
      headers: keyHeader,
      response: { 201: runPayoutsResult, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...MAKERS);
      return sendIdempotent(reply as FastifyReply, await payouts.runPayouts(ctx, req.params.id, idempotencyKeyOf(req)));
    },
  });

  r.get('/api/campaigns/:id/payouts', {
    schema: {
      tags,
      summary: '活动的发放记录（本管理范围内的会员），含各状态合计与预算',
      params: campaignIdParam,
      querystring: payoutListQuery,
      response: { 200: payoutList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => payouts.listPayouts(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/campaigns/:id/payouts/approve', {
    schema: {
      tags,
      summary: '复核发放（第二人复核）：超过复核金额的发放，由经办人以外的单位管理员或审核员复核；全部通过或全部不通过',
      description: '403 maker_cannot_approve（本人经办的发放）；409 payout_state_invalid（不是待复核）。复核通过的积分发放即时入账，实物进入待领取。',
      params: campaignIdParam,
      body: approvePayoutsBody,
      response: { 200: approvePayoutsResult, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => payouts.approvePayouts(staffContext(req, ...CHECKERS), req.params.id, req.body.payoutIds),
  });

  r.post('/api/campaigns/:id/payment-files', {
    schema: {
      tags,
      summary: '生成付款文件（.xlsx，交银行办理）：写入全部可发放的银行转账（或指定的发放）',
      description:
        '每行：序号、付款账号、付款户名、付款开户行、收款人、收款账号、开户行、金额（元）、用途、业务参考号；每行一次新的发放尝试、新的业务参考号。' +
        '409：second_approver_required（指定的发放尚未复核）、payout_no_bank_account、no_payable_payouts。',
      params: campaignIdParam,
      body: paymentFileBody,
      response: { 201: paymentFile, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...MAKERS);
      return reply.code(201).send(await files.createPaymentFile(ctx, gateway, req.params.id, req.body));
    },
  });

  r.get('/api/campaigns/:id/payment-files', {
    schema: {
      tags,
      summary: '活动的付款文件（最新的在前，分页）',
      params: campaignIdParam,
      querystring: paymentFileQuery,
      response: { 200: paymentFileList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => files.listPaymentFiles(staffContext(req, ...MAKERS, 'reviewer'), req.params.id, req.query),
  });

  r.get('/api/payment-files/:id/download', {
    schema: {
      tags,
      summary: '下载付款文件（含完整收款账号，记入审计日志）',
      params: idParam,
      response: { 200: xlsxResponse('付款文件'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const f = await files.downloadPaymentFile(exportContext(req, MAKERS), req.params.id);
      return sendXlsx(reply as FastifyReply, f.fileName, f.content);
    },
  });

  r.post('/api/payment-files/:id/returns', {
    schema: {
      tags,
      summary: '上传银行回单（.xlsx）：按业务参考号登记每行的处理结果（成功/失败/退票）',
      description:
        '回单表头：业务参考号、收款账号（完整或脱敏）、金额（元）、处理结果（成功/失败/退票）、失败原因。' +
        '逐行严格校验（参考号属于该付款文件、金额与账号一致、与此前登记的结果不矛盾），有任何一行不符则整个回单被拒绝（400 payment_return_invalid，说明哪几行），不做任何处理。' +
        '重复上传同一回单不会改变任何记录。',
      params: idParam,
      body: paymentReturnBody,
      response: { 200: paymentReturnResult, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => {
      const ctx = staffContext(req, ...MAKERS);
      return files.applyReturnFile(ctx, gateway, req.params.id, Buffer.from(req.body.fileBase64, 'base64'));
    },
  });

  r.get('/api/payouts/:id', {
    schema: {
      tags,
      summary: '一笔发放及其每次发放尝试',
      params: idParam,
      response: { 200: payoutDetail, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => payouts.getPayout(staffContext(req), req.params.id),
  });

  r.post('/api/payouts/:id/result', {
    schema: {
      tags,
      summary: '登记发放结果：实物已领取、银行已到账、失败或退回（退票）',
      description: '409：second_approver_required、payout_not_sent、payout_state_invalid；400 payout_reason_required（失败、退回须写原因）。',
      params: idParam,
      body: payoutResultBody,
      response: { 200: payoutDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => payouts.recordResult(staffContext(req, ...MAKERS), req.params.id, req.body.outcome, req.body.reason),
  });

  r.post('/api/payouts/:id/retry', {
    schema: {
      tags,
      summary: '重新发放失败或退回的发放：新的发放尝试与业务参考号（积分、实物即时；银行进入下一个付款文件）',
      params: idParam,
      response: { 200: payoutDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => payouts.retryPayout(staffContext(req, ...MAKERS), req.params.id),
  });

  r.get('/api/members/:id/bank-account', {
    schema: {
      tags,
      summary: '会员登记的收款银行账号（脱敏）',
      params: idParam,
      response: { 200: myBankAccount, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => accounts.getMemberBankAccount(staffContext(req), req.params.id),
  });

  r.post('/api/members/:id/bank-account/reveal', {
    schema: {
      tags,
      summary: '查看完整收款账号（仅单位管理员，须写明事由，记入审计日志）',
      params: idParam,
      body: revealBankAccountBody,
      response: { 200: revealedBankAccount, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => accounts.revealMemberBankAccount(staffContext(req, 'admin'), req.params.id, req.body.reason),
  });

  r.get('/api/me/payouts', {
    schema: {
      tags,
      summary: '会员：我的发放（状态、渠道、收款账号脱敏）',
      querystring: myPayoutsQuery,
      response: { 200: myPayouts, ...errorResponses(401, 403) },
    },
    handler: async (req) => payouts.getMyPayouts(memberContext(req), req.query),
  });

  r.post('/api/me/payouts/:id/confirm', {
    schema: {
      tags,
      summary: '会员：确认已领取实物（重复确认得到相同结果）',
      params: idParam,
      response: { 200: myPayout, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req) => payouts.confirmMyPayout(memberContext(req), req.params.id),
  });

  r.get('/api/me/bank-account', {
    schema: {
      tags,
      summary: '会员：我的收款银行账号（脱敏）',
      response: { 200: myBankAccount, ...errorResponses(401, 403) },
    },
    handler: async (req) => accounts.getMyBankAccount(memberContext(req)),
  });

  r.put('/api/me/bank-account', {
    schema: {
      tags,
      summary: '会员：登记或更换收款银行账号（本人名下；卡号按 Luhn 校验）',
      description: '400 invalid_bank_card。完整账号加密保存，只显示脱敏值。',
      body: bankAccountBody,
      response: { 200: myBankAccount, ...errorResponses(401, 403) },
    },
    handler: async (req) => accounts.setMyBankAccount(memberContext(req), req.body),
  });
}

