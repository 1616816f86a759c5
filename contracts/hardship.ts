// Hardship files and relief-and-exit (困难职工档案, 解困脱困): the list every staff role of the scope
// sees (masked, no reasons), the details only admins and reviewers read (each read audited), the
// status line, visits, aid, figures and exit targets.
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';

export const hardshipStatuses = ['filed', 'in_relief', 'exited', 'followed_up'] as const;
export type HardshipStatus = (typeof hardshipStatuses)[number];
export const hardshipStatusLabels: Record<HardshipStatus, string> = {
  filed: '已建档',
  in_relief: '帮扶中',
  exited: '已脱困',
  followed_up: '已回访',
};
/** The status line: each status may move only to the next (never back to filed). */
export const hardshipNextStatus: Record<HardshipStatus, Exclude<HardshipStatus, 'filed'> | null> = {
  filed: 'in_relief',
  in_relief: 'exited',
  exited: 'followed_up',
  followed_up: null,
};

export const hardshipCauses = ['illness', 'disability', 'unemployment', 'single_parent', 'disaster', 'schooling', 'other'] as const;
export type HardshipCause = (typeof hardshipCauses)[number];
export const hardshipCauseLabels: Record<HardshipCause, string> = {
  illness: '因病',
  disability: '因残',
  unemployment: '失业',
  single_parent: '单亲家庭',
  disaster: '因灾',
  schooling: '子女就学',
  other: '其他',
};

export const incomeBands = ['none', 'below_1000', '1000_2000', '2000_3000', '3000_5000', 'above_5000'] as const;
export type IncomeBand = (typeof incomeBands)[number];
export const incomeBandLabels: Record<IncomeBand, string> = {
  none: '无收入',
  below_1000: '1000 元以下',
  '1000_2000': '1000–2000 元',
  '2000_3000': '2000–3000 元',
  '3000_5000': '3000–5000 元',
  above_5000: '5000 元以上',
};

/** Roles that may read why a household is in hardship (and write it). */
export const HARDSHIP_DETAIL_ROLES = ['admin', 'reviewer'] as const;

const date = z.iso.date();

export const householdMemberInput = z.strictObject({
  relation: text(1, 20).describe('与会员关系，如 配偶、子女、父母'),
  name: text(1, 50).describe('姓名（加密保存，列表中脱敏）'),
  age: z.number().int().min(0).max(120).optional(),
  healthNote: text(0, 200).optional().describe('健康状况'),
  occupationNote: text(0, 200).optional().describe('职业或就学情况'),
});

const fileFields = {
  causes: z.array(z.enum(hardshipCauses)).min(1).max(hardshipCauses.length).describe('致困原因（可多选）'),
  causeNote: text(0, 500).optional().describe('致困情况说明'),
  householdSize: z.number().int().min(1).max(20).describe('家庭人口'),
  incomeBand: z.enum(incomeBands).describe('家庭月收入区间'),
  household: z.array(householdMemberInput).max(19).optional().describe('家庭成员（会员本人以外）'),
  planText: text(0, 2000).optional().describe('解困计划'),
  planMeasures: z.array(text(1, 100)).max(20).optional().describe('帮扶措施'),
};

export const createHardshipFileBody = z
  .strictObject({
    memberId: z.number().int().positive().describe('会员'),
    filedOn: date.describe('建档日期'),
    ...fileFields,
  })
  .describe('建立困难职工档案');
export type CreateHardshipFileInput = z.infer<typeof createHardshipFileBody>;

export const updateHardshipFileBody = z
  .strictObject({
    causes: fileFields.causes.optional(),
    causeNote: fileFields.causeNote,
    householdSize: fileFields.householdSize.optional(),
    incomeBand: fileFields.incomeBand.optional(),
    household: fileFields.household.describe('家庭成员（整体替换）'),
    planText: fileFields.planText,
    planMeasures: fileFields.planMeasures,
  })
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' })
  .describe('修改档案');
export type UpdateHardshipFileInput = z.infer<typeof updateHardshipFileBody>;

export const changeHardshipStatusBody = z
  .strictObject({
    status: z.enum(['in_relief', 'exited', 'followed_up']).describe('新状态：只能依次 帮扶中 → 已脱困 → 已回访'),
    on: date.describe('日期（脱困日期、开始帮扶日期或回访日期）'),
    reason: text(0, 500).optional().describe('脱困原因（脱困时必填）或回访情况（回访时必填）'),
    visitors: text(1, 100).optional().describe('回访人员（回访时必填）'),
  })
  .describe('变更档案状态');
export type ChangeHardshipStatusInput = z.infer<typeof changeHardshipStatusBody>;

export const addHardshipVisitBody = z.strictObject({
  visitedOn: date.describe('走访日期'),
  visitors: text(1, 100).describe('走访人员'),
  notes: text(1, 2000).describe('走访情况'),
});
export type AddHardshipVisitInput = z.infer<typeof addHardshipVisitBody>;

export const addHardshipAidBody = z.strictObject({
  amountFen: z.number().int().min(1).max(100_000_000).describe('金额（分）'),
  givenOn: date.describe('发放日期'),
  source: text(1, 100).describe('来源，如 送温暖、金秋助学、医疗救助'),
  note: text(0, 500).optional().describe('备注'),
  payoutId: z.number().int().positive().optional().describe('对应的点对点发放记录'),
});
export type AddHardshipAidInput = z.infer<typeof addHardshipAidBody>;

export const hardshipListQuery = z.strictObject({
  orgId: idString('工会组织（含下级）').optional(),
  status: z.enum(hardshipStatuses).optional(),
  cause: z.enum(hardshipCauses).optional().describe('致困原因（仅管理员、审核员可用）'),
  q: text(1, 50).optional().describe('会员姓名或会员号'),
  ...paging,
});
export type HardshipListQuery = z.infer<typeof hardshipListQuery>;

export const hardshipExportQuery = hardshipListQuery.omit({ page: true, pageSize: true });

/** What every staff role of the scope sees: that a file exists, masked, without the reasons. */
export const hardshipFileSummary = z.object({
  id: z.number().int(),
  memberId: z.number().int(),
  memberName: z.string().describe('脱敏姓名'),
  memberNo: z.string().nullable().describe('会员号（脱敏）'),
  org: z.object({ id: z.number().int(), name: z.string() }),
  status: z.enum(hardshipStatuses),
  filedOn: z.string(),
  reliefStartedOn: z.string().nullable(),
  exitedOn: z.string().nullable(),
  followedUpOn: z.string().nullable(),
  aidTotalFen: z.number().int(),
  aidCount: z.number().int(),
  visitCount: z.number().int(),
  updatedAt: z.string(),
});
export type HardshipFileSummary = z.infer<typeof hardshipFileSummary>;
export const hardshipFileList = listOf(hardshipFileSummary);

export const hardshipStatusEvent = z.object({
  id: z.number().int(),
  fromStatus: z.enum(hardshipStatuses).nullable(),
  toStatus: z.enum(hardshipStatuses),
  on: z.string(),
  by: z.string().nullable(),
  at: z.string(),
});

/** The summary plus what any staff role may see of it: the status line (dates only) and the aid. */
export const hardshipFileView = hardshipFileSummary.extend({
  history: z.array(hardshipStatusEvent),
  aid: z.array(
    z.object({
      id: z.number().int(),
      amountFen: z.number().int(),
      givenOn: z.string(),
      source: z.string(),
      payoutId: z.number().int().nullable(),
      payoutCampaignId: z.number().int().nullable().describe('发放记录所属的帮扶活动（用于链接）'),
      payoutState: z.string().nullable().describe('发放记录的状态'),
    }),
  ),
  canReadDetails: z.boolean().describe('当前账号能否查看致困原因等详情'),
});
export type HardshipFileView = z.infer<typeof hardshipFileView>;

/** Why, who and how: admins and reviewers only, each read audited. */
export const hardshipFileDetails = z.object({
  id: z.number().int(),
  memberName: z.string().describe('会员姓名（完整）'),
  causes: z.array(z.enum(hardshipCauses)),
  causeNote: z.string(),
  householdSize: z.number().int(),
  incomeBand: z.enum(incomeBands),
  household: z.array(
    z.object({
      relation: z.string(),
      name: z.string(),
      age: z.number().int().nullable(),
      healthNote: z.string(),
      occupationNote: z.string(),
    }),
  ),
  planText: z.string(),
  planMeasures: z.array(z.string()),
  exitReason: z.string().nullable(),
  history: z.array(hardshipStatusEvent.extend({ reason: z.string() })),
  visits: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(['visit', 'follow_up']),
      visitedOn: z.string(),
      visitors: z.string(),
      notes: z.string(),
      by: z.string().nullable(),
    }),
  ),
  aidNotes: z.array(z.object({ id: z.number().int(), note: z.string() })),
});
export type HardshipFileDetails = z.infer<typeof hardshipFileDetails>;

export const hardshipFiguresQuery = z.strictObject({
  orgId: idString('工会组织（含下级）').optional(),
  year: z.string().regex(/^20[0-9]{2}$/, '应为四位年份').transform(Number).optional().describe('年份，默认今年'),
});

const progress = z.object({
  target: z.number().int().nullable().describe('该年脱困目标户数（未设置为 null）'),
  exited: z.number().int().describe('该年脱困户数'),
  open: z.number().int().describe('当前在档（已建档、帮扶中）户数'),
  progress: z.number().nullable().describe('完成率 = 脱困户数 / 目标（0–1 以上）'),
});

export const hardshipFigures = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  byStatus: z.object({ filed: z.number().int(), in_relief: z.number().int(), exited: z.number().int(), followed_up: z.number().int() }),
  entered: z.number().int().describe('该年建档户数'),
  exited: z.number().int().describe('该年脱困户数'),
  base: z.number().int().describe('该年应帮扶户数：年初在档户数 + 该年建档户数'),
  exitRate: z.number().nullable().describe('脱困率 = 该年脱困户数 / 该年应帮扶户数'),
  aidTotalFen: z.number().int().describe('该年帮扶金额（分）'),
  byMonth: z.array(z.object({ month: z.string(), entered: z.number().int(), exited: z.number().int(), aidFen: z.number().int() })),
  target: progress,
  children: z.array(progress.extend({ org: z.object({ id: z.number().int(), name: z.string() }) })).describe('直属下级组织'),
});
export type HardshipFigures = z.infer<typeof hardshipFigures>;

export const setHardshipTargetBody = z.strictObject({
  orgId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  exits: z.number().int().min(0).max(1_000_000).describe('该年脱困目标户数（含下级组织）'),
});
export const hardshipTarget = z.object({ orgId: z.number().int(), year: z.number().int(), exits: z.number().int() });
