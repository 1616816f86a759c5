// 导出: the members of a subtree as an xlsx, written as it is read (streaming writer, pages of
// 5,000), with masked personal data only and every cell safe from formula injection. Audited
// before the first byte leaves: who exported which union's members, with which filter, how many.
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { memberGroupLabels, memberStatusLabels, type MemberGroup, type MemberStatus } from '../../../contracts/members.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { getEnterpriseInScope } from '../enterprises/access.service.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { redactText } from '../../lib/redact.ts';
import { audit } from '../../http/actors.ts';
import * as repo from './export.repo.ts';
import { xlsxColumns, xlsxStream } from '../../lib/xlsx-book.ts';

const PAGE = 5000;

export interface ExportInput {
  orgId?: number | undefined;
  status: MemberStatus | 'all';
  group?: MemberGroup | undefined;
  enterpriseId?: number | undefined;
}

const COLUMNS = xlsxColumns({ 会员号: 16, 姓名: 12, 性别: 6, '身份证号（脱敏）': 22, '手机号（脱敏）': 15, 所属工会: 32, 工作单位: 30, 新就业形态平台: 14, 群体: 20, 状态: 8, 入会日期: 12 });

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
  ];
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
  // one employer's members: the employer must lie in the scope (404 otherwise, as its file)
  const employer = input.enterpriseId === undefined ? null : await getEnterpriseInScope(ctx.db, ctx.scope, input.enterpriseId);
  const filter: repo.ExportFilter = {
    underPath: root.path,
    status: input.status === 'all' ? undefined : input.status,
    group: input.group,
    enterpriseId: input.enterpriseId,
  };
  const rows = await repo.countExportRows(ctx.db, ctx.scope, filter);
  await audit(ctx.db, ctx, 'member.export', { type: 'org', id: root.id, orgPath: root.path }, { orgName: root.name, status: input.status, group: input.group ?? null, enterpriseId: input.enterpriseId ?? null, rows });

  const out = new PassThrough();
  void writeWorkbook(ctx, filter, out).catch((err: unknown) => {
    // The client sees a cut-off download; the log says why, without personal data.
    log(`member export failed: ${redactText(err instanceof Error ? err.message : String(err))}`);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  const day = beijingDay().replace(/-/g, '');
  // one employer's export is named after the employer, as the clerk asked for it
  return { stream: out, fileName: `会员名册-${employer?.name ?? root.name}-${day}.xlsx`, rows };
}

async function writeWorkbook(ctx: StaffContext, filter: repo.ExportFilter, out: PassThrough): Promise<void> {
  const sheet = xlsxStream(out, { name: '会员名册', columns: COLUMNS });
  const orgs = await repo.findExportOrgs(ctx.db, ctx.scope, filter);
  for (const orgIds of groupOrgs(orgs)) {
    let after = { orgId: 0, id: 0 };
    for (;;) {
      const page = await repo.findExportPage(ctx.db, ctx.scope, filter, orgIds, after, PAGE);
      for (const r of page) sheet.add(exportCells(r));
      // A slow client: wait for it rather than hold the whole subtree in memory.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { orgId: last.orgId, id: last.id };
    }
  }
  await sheet.end();
}
