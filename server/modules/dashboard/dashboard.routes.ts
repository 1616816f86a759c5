// Routes of the subtree dashboard (一屏总览) and the official figures (官方统计数). The tiles come from
// buildApp (server/dashboard-tiles.ts): this module imports no other.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dashboard,
  dashboardChildren,
  dashboardChildrenQuery,
  dashboardQuery,
  officialFigureBody,
  officialFigureParams,
  officialFigures,
  officialFiguresQuery,
} from '../../../contracts/dashboard.ts';
import { exportContext, staffContext } from '../../http/context.ts';
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import { getDashboard, getDashboardChildren, getOfficialFigures, putOfficialFigures } from './dashboard.service.ts';
import { exportDashboardReport } from './report.xlsx.ts';

export async function dashboardRoutes(app: FastifyInstance, opts: { tiles: readonly DashboardTile[] }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboard'];
  const tiles = opts.tiles;

  r.get('/api/dashboard', {
    schema: {
      tags,
      summary: '一屏总览：所选工会及其下级在统计期间（整月，北京时间）的各项数据、上期数、目标，以及官方统计数',
      querystring: dashboardQuery,
      response: { 200: dashboard, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => getDashboard(staffContext(req), tiles, req.query),
  });

  r.get('/api/dashboard/children', {
    schema: {
      tags,
      summary: '一屏总览：直属下级工会并列对比（每项数据、目标与“落后于目标”）',
      querystring: dashboardChildrenQuery,
      response: { 200: dashboardChildren, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => getDashboardChildren(staffContext(req), tiles, req.query),
  });

  r.get('/api/dashboard/report.xlsx', {
    schema: {
      tags,
      summary: '导出一屏总览统计报表（.xlsx：每个方面一张表，直属下级为行并有合计行，本期/上期/增减；记入审计日志）',
      querystring: dashboardQuery,
      response: { 200: xlsxResponse('一屏总览统计报表'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await exportDashboardReport(exportContext(req), tiles, req.query);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });

  r.get('/api/official-figures', {
    schema: {
      tags,
      summary: '官方统计数（年度统计报表数）：所选工会各年度登记的数',
      querystring: officialFiguresQuery,
      response: { 200: officialFigures, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => getOfficialFigures(staffContext(req), req.query.orgId),
  });

  r.put('/api/official-figures/:orgId/:year', {
    schema: {
      tags,
      summary: '登记某年度的官方统计数（本工会或上级工会的管理员；记入审计日志，含原值与新值）',
      params: officialFigureParams,
      body: officialFigureBody,
      response: { 200: officialFigures, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => putOfficialFigures(staffContext(req, 'admin'), req.params.orgId, req.params.year, req.body),
  });
}
