// 导出: the members of a subtree as an xlsx, written as it is read (streaming writer, pages of
// 5,000), with masked personal data only and every cell safe from formula injection. Audited
// before the first byte leaves: who exported which union's members, with which filter, how many.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { memberGroupLabels, memberStatusLabels, type MemberGroup, type MemberStatus } from '../../../contracts/members.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { redactText } from '../../lib/redact.ts';
import { insertAudit } from '../../http/audit.ts';
import { auditOf } from '../../http/actors.ts';
import * as repo from './export.repo.ts';
import { neutralise } from '../../lib/spreadsheet-cells.ts';

const PAGE = 5000;

export interface ExportInput {
  orgId?: number | undefined;
  status: MemberStatus | 'all';
  group?: MemberGroup | undefined;
}

const COLUMNS = [
  { header: '会员号', width: 16 },
  { header: '姓名', width: 12 },
  { header: '性别', width: 6 },
  { header: '身份证号（脱敏）', width: 22 },
  { header: '手机号（脱敏）', width: 15 },
  { header: '所属工会', width: 32 },
  { header: '工作单位', width: 30 },
  { header: '新就业形态平台', width: 14 },
  { header: '群体', width: 20 },
  { header: '状态', width: 8 },
  { header: '入会日期', width: 12 },
];

function exportCells(r: repo.ExportRow): string[] {
  return [
    r.memberNo ?? '',
    r.name,
    r.sex === 'male' ? '男' : '女',
    r.idNumberMasked,
    r.phoneMasked ?? '',
    r.orgName,
    r.employerName ?? '',
    r.gigPlatform ?? '',
    r.groups.map((g) => memberGroupLabels[g as MemberGroup] ?? g).join('、'),
    memberStatusLabels[r.status as MemberStatus] ?? r.status,
    r.joinedOn,
  ].map(neutralise);
}

/** Unions grouped so that one page query covers about PAGE members (a big union stands alone). */
function groupOrgs(orgs: repo.ExportOrg[]): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let weight = 0;
  for (const o of orgs) {
    const w = Math.max(1, o.memberCount);
    if (current.length > 0 && (weight + w > PAGE || current.length >= 1000)) {
      groups.push(current);
      current = [];
      weight = 0;
    }
    current.push(o.id);
    weight += w;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Starts the export of the scope's (or one union's subtree's) members and returns the xlsx as a
 * stream, with its file name and the number of rows. Throws not_found (a union outside the scope).
 */
export async function exportMembers(
  ctx: StaffContext,
  input: ExportInput,
  log: (msg: string) => void,
): Promise<{ stream: Readable; fileName: string; rows: number }> {
  const root = await getOrgInScope(ctx.db, ctx.scope, input.orgId ?? ctx.scope.orgId);
  const filter: repo.ExportFilter = {
    underPath: root.path,
    status: input.status === 'all' ? undefined : input.status,
    group: input.group,
  };
  const rows = await repo.countExportRows(ctx.db, ctx.scope, filter);
  await insertAudit(ctx.db, {
    ...auditOf(ctx),
    action: 'member.export',
    targetType: 'org',
    targetId: root.id,
    orgPath: root.path,
    detail: { orgName: root.name, status: input.status, group: input.group ?? null, rows },
  });

  const out = new PassThrough();
  void writeWorkbook(ctx, filter, out).catch((err: unknown) => {
    // The client sees a cut-off download; the log says why, without personal data.
    log(`member export failed: ${redactText(err instanceof Error ? err.message : String(err))}`);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  const day = beijingDay().replace(/-/g, '');
  return { stream: out, fileName: `会员名册-${root.name}-${day}.xlsx`, rows };
}

async function writeWorkbook(ctx: StaffContext, filter: repo.ExportFilter, out: PassThrough): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('会员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const orgs = await repo.findExportOrgs(ctx.db, ctx.scope, filter);
  for (const orgIds of groupOrgs(orgs)) {
    let after = { orgId: 0, id: 0 };
    for (;;) {
      const page = await repo.findExportPage(ctx.db, ctx.scope, filter, orgIds, after, PAGE);
      for (const r of page) ws.addRow(exportCells(r)).commit();
      // A slow client: wait for it rather than hold the whole subtree in memory.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { orgId: last.orgId, id: last.id };
    }
  }
  ws.commit();
  await wb.commit();
}
