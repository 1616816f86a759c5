// Founding drives (建会行动, issue 16 §5): a union's campaign to found unions in employers and among
// platform workers, its goals, targets and the four steps of each target (联系 → 筹备组 → 成立大会 → 法人登记).
import { z } from 'zod';
import { idString, paging, text } from './common.ts';
import { mobilePhone, orgRef } from './members.ts';

const isoDate = z.iso.date().describe('YYYY-MM-DD');

export const driveStatuses = ['draft', 'active', 'closed'] as const;
export const driveStatusLabels: Record<(typeof driveStatuses)[number], string> = { draft: '筹划中', active: '进行中', closed: '已结束' };
export const driveGoalKeys = ['unions', 'members', 'group'] as const;
export const driveGoalLabels: Record<(typeof driveGoalKeys)[number], string> = { unions: '新建工会', members: '新增会员', group: '重点群体入会' };
/** the gig industries a group goal may name (contracts/members.ts gigPlatforms) */
export const gigIndustries = ['货运', '快递', '外卖配送', '网约车'] as const;
/** an area target's kind: the federation its founding meeting founds (村社、园区、行业工会联合会; 化州 三个一批) */
export const driveAreaTypes = ['village', 'community', 'park', 'industry'] as const;
export type DriveAreaType = (typeof driveAreaTypes)[number];
export const driveAreaTypeLabels: Record<DriveAreaType, string> = { village: '村', community: '社区', park: '园区', industry: '行业' };
export const driveSteps = ['contact', 'preparatory', 'meeting', 'registration'] as const;
export type DriveStep = (typeof driveSteps)[number];
export const driveStepLabels: Record<DriveStep, string> = { contact: '联系', preparatory: '成立筹备组', meeting: '召开成立大会', registration: '法人登记' };
/** the fields of a drive a change names (audit) */
export const driveFieldLabels: Record<string, string> = { title: '名称', startsOn: '开始日期', endsOn: '结束日期', status: '状态' };
// linked: the employer's union already existed (founded outside the platform) and was linked — not a
// union the drive founded, so it is counted apart (figures.unionsLinked), never in 新建工会
export const driveTargetStates = ['open', 'founded', 'linked', 'dropped'] as const;
export const driveTargetStateLabels: Record<(typeof driveTargetStates)[number], string> = { open: '推进中', founded: '已建会', linked: '已关联已有工会', dropped: '已移出' };

export const driveGoalInput = z.strictObject({
  key: z.enum(driveGoalKeys),
  industry: z.enum(gigIndustries).optional().describe('重点群体的行业（仅 group 目标填写）'),
  target: z.number().int().min(1).max(1_000_000),
});

export const createDriveBody = z.strictObject({
  orgId: z.number().int().positive().describe('开展行动的工会（镇街、县区或地市）'),
  title: text(2, 60),
  startsOn: isoDate,
  endsOn: isoDate,
  status: z.enum(['draft', 'active']).default('active'),
  goals: z.array(driveGoalInput).max(10).default([]),
});
export const updateDriveBody = z
  .strictObject({ title: text(2, 60), startsOn: isoDate, endsOn: isoDate, status: z.enum(driveStatuses) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' });

export const driveListQuery = z.strictObject({
  ...paging,
  status: z.enum(driveStatuses).optional(),
});

export const driveSummary = z.object({
  id: z.number().int(),
  org: orgRef,
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(driveStatuses),
  targets: z.number().int(),
  founded: z.number().int(),
});

export const driveTargetStep = z.object({ id: z.number().int(), step: z.enum(driveSteps), doneOn: z.string(), note: z.string().nullable() });
export const driveTarget = z.object({
  id: z.number().int(),
  kind: z.enum(['employer', 'gig', 'area']),
  enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  gig: z.object({ platform: z.string(), industry: z.string() }).nullable(),
  area: z.object({ type: z.enum(driveAreaTypes), name: z.string() }).nullable().describe('村社、园区或行业：成立大会成立该类型的工会联合会'),
  town: orgRef.nullable(),
  state: z.enum(driveTargetStates),
  foundedOrg: orgRef.nullable().describe('本次行动成立的工会，或关联的已有工会（state = linked）'),
  linkedOn: z.string().nullable().describe('关联已有工会的日期'),
  dropped: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable().describe('移出本次行动：何时、何人、原因'),
  contactName: z.string().nullable().describe('联系人（已脱敏）'),
  contactPhone: z.string().nullable().describe('联系电话（已脱敏）'),
  steps: z.array(driveTargetStep),
  nextStep: z.enum(driveSteps).nullable(),
});
export const driveGoal = z.object({
  key: z.enum(driveGoalKeys),
  industry: z.string(),
  target: z.number().int(),
  value: z.number().int(),
  progress: z.number().describe('完成比例（0–1 以上）'),
});
export const driveFigures = z.object({
  targetsByState: z.object({ open: z.number().int(), founded: z.number().int(), linked: z.number().int(), dropped: z.number().int() }),
  stepsDone: z.number().int(),
  unionsFounded: z.number().int().describe('本次行动新建的工会'),
  unionsLinked: z.number().int().describe('关联的已有工会（另计，不算新建）'),
  membersAdded: z.number().int().describe('行动期间本级及下级工会新入会（含重新入会）人数'),
  membersInFounded: z.number().int().describe('其中加入本次行动新建工会的人数'),
  transferredIn: z.number().int().describe('行动期间整体转入新建工会的人数（另计）'),
});
export const driveDetail = driveSummary.extend({
  goals: z.array(driveGoal),
  figures: driveFigures,
  targetList: z.array(driveTarget).describe('建会对象（已移出的除外，按加入先后）'),
});

export const addDriveTargetBody = z
  .strictObject({
    enterpriseId: z.number().int().positive().optional(),
    townId: z.number().int().positive().optional(),
    platform: text(1, 20).optional(),
    areaType: z.enum(driveAreaTypes).optional().describe('村社、园区或行业（与 areaName、townId 一起）'),
    areaName: text(2, 40).optional().describe('村、社区、园区或行业的名称，如"劳村社区"'),
    contactName: text(2, 30).optional(),
    contactPhone: mobilePhone.optional(),
  })
  .refine(
    (b) => {
      const area = b.areaType !== undefined || b.areaName !== undefined;
      const kinds = [b.enterpriseId !== undefined, b.platform !== undefined, area].filter(Boolean).length;
      if (kinds !== 1) return false;
      if (b.enterpriseId !== undefined) return b.townId === undefined;
      return b.townId !== undefined && (!area || (b.areaType !== undefined && b.areaName !== undefined));
    },
    { message: '请选择一个单位，或一个镇街的平台群体，或一个镇街的村社、园区' },
  );

export const driveStepBody = z.strictObject({
  step: z.enum(driveSteps),
  doneOn: isoDate,
  note: text(1, 200).optional(),
  unionName: text(2, 100).optional().describe('成立大会：新工会名称'),
  chairName: text(1, 50).optional().describe('成立大会：工会主席'),
  linkOrgId: z.number().int().positive().optional().describe('成立大会：关联已成立的工会（不新建）'),
  number: z.string().trim().max(18).optional().describe('法人登记：工会统一社会信用代码（81 开头）'),
  registeredOn: isoDate.optional(),
});
export const driveTargetParam = z.strictObject({ id: idString('建会对象 ID') });
export const revealContactBody = z.strictObject({ reason: text(2, 200) });
export const dropDriveTargetBody = z.strictObject({
  reason: text(2, 200).refine((s) => /\p{Script=Han}/u.test(s), { message: '请用中文填写移出原因' }).describe('移出原因（中文，2–200 字）'),
});
export const linkDriveUnionBody = z.strictObject({
  orgId: z.number().int().positive().describe('单位所在镇街之下的基层工会（已在平台外成立）'),
  linkedOn: isoDate.describe('关联日期（不晚于今天）'),
});
export const driveContact = z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() });

export type CreateDriveBody = z.infer<typeof createDriveBody>;
export type UpdateDriveBody = z.infer<typeof updateDriveBody>;
export type DriveDetail = z.infer<typeof driveDetail>;
export type DriveSummary = z.infer<typeof driveSummary>;
export type DriveTarget = z.infer<typeof driveTarget>;
export type AddDriveTargetBody = z.infer<typeof addDriveTargetBody>;
export type DriveStepBody = z.infer<typeof driveStepBody>;
export type DropDriveTargetBody = z.infer<typeof dropDriveTargetBody>;
export type LinkDriveUnionBody = z.infer<typeof linkDriveUnionBody>;
