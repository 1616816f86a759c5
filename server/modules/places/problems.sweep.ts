// The place problems' periodic work (issue 15 §3): a report past its deadline and still open reminds
// the union that runs the place once — on its 工作台 (the report marked 已超期提醒), in the audit log,
// and by SMS to the place's keeper when one is recorded (staff accounts carry no phone) — and a day
// after that reminder, still open, it is escalated once to the level above, whose 工作台 counts it.
// Each mark is set by the statement that picks the reports, so several nodes, restarts or a sweep run
// twice remind and escalate each report once. Run by server/main.ts every minute.
import { PLACE_PROBLEM_ESCALATE_AFTER_HOURS, placeProblemKindLabels, type PlaceProblemKind } from '../../../contracts/place-status.ts';
import type { Deps } from '../../http/context.ts';
import { insertAudits } from '../../http/audit.ts';
import { beijingWhen } from '../../lib/beijing-time.ts';
import { onePassAtATime } from '../../lib/one-pass.ts';
import { dispatchNotices, queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import * as repo from './problems.repo.ts';

/** One pass at a time; never rejects (what fails is tried again on the next pass). */
export const runPlaceProblemSweep: (deps: Deps) => Promise<void> = onePassAtATime((deps: Deps) => sweepPlaceProblems(deps));

/** The keeper's SMS: which place, what, since when; no word of the reporter. */
function reminderBody(r: repo.SweptProblem): string {
  const what = placeProblemKindLabels[r.kind as PlaceProblemKind] ?? r.kind;
  return `【智慧工会】职工报告的「${r.placeName}」问题（${what}）已超过处理期限（${beijingWhen(r.dueAt)}），请${r.orgName}尽快处理，并在管理端“阵地问题”中登记处理情况。`;
}

/**
 * One pass at `now`: open reports past their deadline are reminded, those reminded at least a day
 * before are escalated — each once, whatever the number of passes or nodes. One transaction.
 */
export async function sweepPlaceProblems(deps: Pick<Deps, 'db' | 'pii' | 'sender'>, now = new Date()): Promise<{ reminded: number; escalated: number }> {
  const out = await deps.db.transaction(async (tx) => {
    const reminded = await repo.markOverdueReminded(tx, now);
    const escalated = await repo.markOverdueEscalated(tx, now, PLACE_PROBLEM_ESCALATE_AFTER_HOURS);
    for (const r of reminded) {
      if (!r.keeperPhoneEnc) continue;
      await queueBulkSms(tx, [sealNotice(deps, r.keeperPhoneEnc, reminderBody(r))], 'place_problem_overdue', r.orgPath, deps.sender.deliversInOutbox === true);
    }
    await insertAudits(tx, [
      ...reminded.map((r) => ({ actorKind: 'system' as const, action: 'place.problem_remind', targetType: 'place_problem', targetId: r.id, orgPath: r.orgPath })),
      ...escalated.map((e) => ({ actorKind: 'system' as const, action: 'place.problem_escalate', targetType: 'place_problem', targetId: e.id, orgPath: e.orgPath, detail: { toOrgId: e.toOrgId } })),
    ]);
    return { reminded: reminded.length, escalated: escalated.length };
  });
  if (out.reminded > 0 && 'config' in deps) void dispatchNotices(deps as Deps);
  return out;
}
