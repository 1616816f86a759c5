// 工作台: what is waiting for the logged-in staff member in their subtree — membership applications,
// transfers in, campaign applications at a level their union reviews (with the overdue), payouts
// awaiting a second approval, objections to a notice — each with whether their roles may act on it.
import { z } from 'zod';
import { placeProblemKinds } from './place-status.ts';

const campaignCount = z.object({
  campaignId: z.number().int(),
  title: z.string(),
  count: z.number().int(),
  /** applications past their level's deadline (reviews only; 0 elsewhere) */
  overdue: z.number().int(),
});

const todo = z.object({
  count: z.number().int(),
  /** whether the caller's roles may act on these (others see the count only) */
  canAct: z.boolean(),
});

const perCampaign = todo.extend({
  /** the campaigns with the most waiting, at most 5 */
  campaigns: z.array(campaignCount),
});

/** A file alert (issue 16): how many, and the console page listing them (path and query). */
const fileAlert = z.object({ count: z.number().int(), link: z.string() });

export const workbench = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  memberApplications: todo,
  transfersIn: todo,
  campaignReviews: perCampaign.extend({ overdue: z.number().int() }),
  payoutApprovals: perCampaign,
  objections: perCampaign,
  /** rights tickets: overdue in the subtree; waiting for me (named handler, or my union's pending) */
  tickets: z.object({ overdue: z.number().int(), waiting: z.number().int(), canAct: z.boolean() }),
  /** problems workers reported on places of the subtree, unresolved; the overdue; the nearest deadlines (at most 5) */
  placeProblems: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    /** open reports of unions below that were escalated to the caller's own union (overdue a day after the reminder) */
    escalated: z.number().int(),
    canAct: z.boolean(),
    next: z.array(
      z.object({
        id: z.number().int(),
        placeName: z.string(),
        orgName: z.string(),
        kind: z.enum(placeProblemKinds),
        dueAt: z.string(),
        overdue: z.boolean(),
      }),
    ),
  }),
  /** the enterprise file's alerts in the subtree (issue 16), the first three counting employers — each the total of the
   * register listed with that `alert` filter (its link): whose union has a collective contract expiring within 60 days,
   * whose grassroots union has a file and no 职代会 in 12 months, whose members exceed their reported employees; and the
   * open founding requests */
  fileAlerts: z.object({
    contractsExpiring: fileAlert,
    unionsWithoutCongress: fileAlert,
    membersOverEmployees: fileAlert,
    openFoundingRequests: fileAlert,
  }),
});
export type Workbench = z.infer<typeof workbench>;
