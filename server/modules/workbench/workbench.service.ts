// 工作台: what waits for the logged-in staff member, in their subtree, and whether their roles may
// act on it — so that a reviewer sees on logging in which campaigns have applications at their level,
// and how many are past the level's deadline, before anyone has to chase them.
import type { StaffRole } from '../../../contracts/auth.ts';
import type { Workbench } from '../../../contracts/workbench.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { countProblemsForWorkbench } from '../places/problems.service.ts';
import { countTicketsForWorkbench } from '../tickets/tickets.service.ts';
import { countFileAlerts } from '../enterprises/alerts.service.ts';
import * as repo from './workbench.repo.ts';

const TOP = 5;

const anyOf = (ctx: StaffContext, ...roles: StaffRole[]) => roles.some((r) => ctx.actor.roles.includes(r));

function perCampaign(rows: repo.CampaignCountRow[], canAct: boolean) {
  return { count: rows.reduce((n, r) => n + r.count, 0), canAct, campaigns: rows.slice(0, TOP) };
}

export async function getWorkbench(ctx: StaffContext): Promise<Workbench> {
  const [org, applications, transfers, reviews, approvals, objections, tickets, placeProblems, fileAlerts] = await Promise.all([
    getOrgInScope(ctx.db, ctx.scope, ctx.scope.orgId),
    repo.countPendingApplications(ctx.db, ctx.scope),
    repo.countTransfersIn(ctx.db, ctx.scope),
    repo.countReviewsByCampaign(ctx.db, ctx.scope),
    repo.countApprovalsByCampaign(ctx.db, ctx.scope, ctx.actor.staffId),
    repo.countObjectionsByCampaign(ctx.db, ctx.scope),
    countTicketsForWorkbench(ctx),
    countProblemsForWorkbench(ctx),
    countFileAlerts(ctx),
  ]);
  // the roles each route demands (members.routes, campaigns.routes, payouts.routes)
  const decides = anyOf(ctx, 'admin', 'reviewer');
  return {
    orgId: org.id,
    orgName: org.name,
    memberApplications: { count: applications, canAct: decides },
    transfersIn: { count: transfers, canAct: decides },
    campaignReviews: { ...perCampaign(reviews, decides), overdue: reviews.reduce((n, r) => n + r.overdue, 0) },
    payoutApprovals: perCampaign(approvals, decides),
    objections: perCampaign(objections, anyOf(ctx, 'admin', 'clerk', 'reviewer')),
    // tickets.routes: every step is the writers' (a viewer reads the queue only)
    tickets: { ...tickets, canAct: anyOf(ctx, 'admin', 'clerk', 'reviewer') },
    // problems.routes: resolving is the writers'
    placeProblems: {
      open: placeProblems.open,
      overdue: placeProblems.overdue,
      escalated: placeProblems.escalated,
      canAct: anyOf(ctx, 'admin', 'clerk', 'reviewer'),
      next: placeProblems.next.map((p) => ({ id: p.id, placeName: p.placeName, orgName: p.orgName, kind: p.kind, dueAt: p.dueAt, overdue: p.overdue })),
    },
    fileAlerts,
  };
}
