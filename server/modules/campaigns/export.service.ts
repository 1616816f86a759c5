// The applications of a campaign as an xlsx (the review queue, or any status), for the staff who see
// them: masked names, every text cell safe from formula injection, audited before it is built.
import { applicationStatusLabels, budgetUnitLabels, type ApplicationStatus } from '../../../contracts/campaigns.ts';
import type { StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { maskName } from '../../lib/pii.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import * as apps from './applications.repo.ts';
import { settleNotices } from './campaigns.service.ts';
import * as repo from './campaigns.repo.ts';
import { deadlineOf } from './rules.ts';
import { audit } from '../../http/actors.ts';

export const EXPORT_MAX_ROWS = 50_000;

const when = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const fmt = (d: Date | string | null) => (d === null ? '' : when.format(new Date(d)));

/** The xlsx of a campaign's applications the staff see (filtered like the list). Throws not_found, validation_failed (too many). */
export async function exportApplications(ctx: StaffContext, campaignId: number, f: { status: string; level?: number | undefined; mine: 'true' | 'false' }) {
  await settleNotices(ctx, campaignId);
  const c = await repo.getCampaignVisible(ctx.db, ctx.scope, campaignId);
  if (!c) throw new AppError('not_found');
  const { items, total } = await apps.findApplications(ctx.db, ctx.scope, campaignId, {
    status: f.status === 'all' ? undefined : f.status, level: f.level, mine: f.mine === 'true', limit: EXPORT_MAX_ROWS, offset: 0,
  });
  if (total > EXPORT_MAX_ROWS) throw new AppError('validation_failed', `超过 ${EXPORT_MAX_ROWS} 条，请按状态或审核层级分批导出`);
  const unit = c.budgetUnit === 'yuan' ? '元' : budgetUnitLabels[c.budgetUnit];
  await audit(ctx.db, ctx, 'campaign.applications_export', { type: 'campaign', id: campaignId, orgPath: ctx.scope.path }, { status: f.status, level: f.level ?? null, rows: items.length });
  const now = new Date();
  const buffer = await xlsxBook([
    {
      name: '申请名单',
      columns: xlsxColumns({ 申请编号: 10, 会员号: 16, 姓名: { width: 10, mask: maskName }, 申请时所在工会: 32, 状态: 16, 当前审核层级: 18, 本级审核单位: 28, 本级审核时限: 18, 是否超时: 10, [`资助金额（${unit}）`]: 14, 代为申请: 10, 申请时间: 18, 公示截止: 18 }),
      rows: items.map((a) => {
        const deadline = a.status === 'in_review' ? deadlineOf(a.levelEnteredAt, a.deadlineDays) : null;
        return [
          a.id,
          a.memberNo ?? '',
          a.name,
          a.orgName,
          applicationStatusLabels[a.status as ApplicationStatus],
          a.currentLevel === null ? '' : `第 ${a.currentLevel} 级 ${a.levelName ?? ''}`,
          a.reviewerOrgName ?? '',
          fmt(deadline),
          deadline !== null && now > deadline ? '已超时' : '',
          c.budgetUnit === 'yuan' ? a.awardAmount / 100 : a.awardAmount,
          a.appliedByStaffId !== null ? '是' : '',
          fmt(a.createdAt),
          fmt(a.noticeEndsAt),
        ];
      }),
    },
  ]);
  return { buffer, fileName: `${c.title}_申请名单.xlsx` };
}
