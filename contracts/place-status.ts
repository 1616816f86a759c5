// A place's live life (issue 15 §3): the keeper marks it open or closed and how busy; workers report
// problems (a task for the union that runs the place, with a deadline); visits are counted at the
// door (the worker scans the place's QR code) or at the desk (staff scan the member card).
import { z } from 'zod';
import { checkinBody } from './activities.ts';
import { paging, text } from './common.ts';
import { placeKinds } from './places.ts';

// ── live status ───────────────────────────────────────────────────────────────────────────────

export const liveBusyLabels = { quiet: '空闲', normal: '适中', busy: '人多' } as const;
export const liveStateLabels = { open: '开放中', closed: '暂停开放' } as const;

export const setLiveBody = z.strictObject({
  state: z.enum(['open', 'closed']).describe('open 开放中 · closed 暂停开放'),
  busy: z.enum(['quiet', 'normal', 'busy']).nullable().default(null).describe('人多不多：quiet 空闲 · normal 适中 · busy 人多（暂停开放时不填）'),
});
export type SetLiveBody = z.input<typeof setLiveBody>;

/** The keeper's desk: the place, its live status, its door code, today's visits and open problems. */
export const placeDesk = z.object({
  id: z.number().int(),
  kind: z.enum(placeKinds),
  name: z.string(),
  address: z.string(),
  orgName: z.string(),
  status: z.enum(['open', 'closed']).describe('登记状态：open 在用 · closed 已停用'),
  live: z
    .object({ state: z.enum(['open', 'closed']), busy: z.enum(['quiet', 'normal', 'busy']).nullable(), at: z.string() })
    .nullable()
    .describe('站长最近一次标记（从未标记为 null）'),
  doorCode: z.string().describe('门口二维码的签名码'),
  doorPath: z.string().describe('职工扫码打开的地址（手机端，含签名码）'),
  visitsToday: z.number().int().describe('今天（北京时间）的到访人次'),
  problemsOpen: z.number().int(),
  problemLatest: z.string().nullable(),
});
export type PlaceDesk = z.infer<typeof placeDesk>;

// ── problem reports ───────────────────────────────────────────────────────────────────────────

export const placeProblemKinds = ['closed', 'noWater', 'broken', 'dirty', 'other'] as const;
export type PlaceProblemKind = (typeof placeProblemKinds)[number];
export const placeProblemKindLabels: Record<PlaceProblemKind, string> = {
  closed: '关门了',
  noWater: '没有水',
  broken: '设施坏了',
  dirty: '卫生差',
  other: '其他',
};
/** A photo of a problem: an image (JPEG, PNG, WebP by its bytes), at most 5 MB. */
export const PLACE_PROBLEM_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Working days the running union has to resolve a report. */
export const PLACE_PROBLEM_DUE_WORKING_DAYS = 2;

/** The report form (multipart: the fields kind and text, then an optional photo as the file `file`). */
export const reportProblemForm = z.object({
  kind: z.enum(placeProblemKinds).describe('问题类型：closed 关门了 · noWater 没有水 · broken 设施坏了 · dirty 卫生差 · other 其他'),
  text: z.string().describe('问题描述，2–200 字'),
  file: z.string().meta({ format: 'binary' }).optional().describe('照片（JPEG、PNG、WebP），不超过 5 MB，可不传'),
});
/** The text fields of the form, as the service checks them. */
export const reportProblemFields = z.strictObject({
  kind: z.enum(placeProblemKinds, { error: '请选择问题类型' }),
  text: text(2, 200).describe('问题描述'),
});
export type ReportProblemFields = z.infer<typeof reportProblemFields>;

export const myPlaceProblem = z.object({
  id: z.number().int(),
  placeId: z.number().int(),
  placeName: z.string(),
  kind: z.enum(placeProblemKinds),
  text: z.string(),
  hasPhoto: z.boolean(),
  state: z.enum(['open', 'resolved']),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  /** false: the same kind was already reported by this worker and is still open — this is that report */
  created: z.boolean().optional(),
});
export type MyPlaceProblem = z.infer<typeof myPlaceProblem>;

/** What the report page shows of the place (any logged-in worker). */
export const placeReportInfo = z.object({
  id: z.number().int(),
  kind: z.enum(placeKinds),
  name: z.string(),
  address: z.string(),
  orgName: z.string(),
  problemsOpen: z.number().int(),
  problemLatest: z.string().nullable(),
  /** the kinds this worker reported and that are still open */
  myOpenKinds: z.array(z.enum(placeProblemKinds)),
});
export type PlaceReportInfo = z.infer<typeof placeReportInfo>;

export const myPlaceProblemsQuery = z.strictObject({ ...paging });

export const placeProblemQuery = z.strictObject({
  ...paging,
  state: z.enum(['open', 'resolved', 'overdue']).optional().describe('open 待处理 · resolved 已解决 · overdue 已超期（待处理且过了期限）'),
  placeId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, '应为正整数 ID')
    .transform(Number)
    .optional()
    .describe('只看这个阵地的'),
});

export const placeProblem = z.object({
  id: z.number().int(),
  placeId: z.number().int(),
  placeName: z.string(),
  placeKind: z.enum(placeKinds),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: z.enum(placeProblemKinds),
  text: z.string(),
  hasPhoto: z.boolean(),
  state: z.enum(['open', 'resolved']),
  dueAt: z.string(),
  overdue: z.boolean(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** when the running union was reminded that the deadline passed (once), null before */
  remindedAt: z.string().nullable(),
  /** when it was escalated to the level above (once, a day after the reminder), and to which union */
  escalatedAt: z.string().nullable(),
  escalatedToOrgName: z.string().nullable(),
});
export type PlaceProblem = z.infer<typeof placeProblem>;

export const placeProblemDetail = placeProblem.extend({
  address: z.string(),
  reporterPhone: z.string().describe('报告人手机号（脱敏）'),
  resolutionNote: z.string().nullable(),
  resolvedBy: z.string().nullable().describe('处理人'),
  /** whether the caller's union runs the place (only it resolves) */
  canResolve: z.boolean(),
});
export type PlaceProblemDetail = z.infer<typeof placeProblemDetail>;

export const resolveProblemBody = z.strictObject({ note: text(2, 200).describe('处理情况（告知报告人）') });

/** Seeing the reporter's whole phone number (to call them back) takes a reason, written to the audit log. */
export const revealReporterBody = z.strictObject({ reason: text(4, 200).describe('查看原因（记入审计日志）') });
export const revealedReporterPhone = z.object({ phone: z.string().describe('报告人完整手机号') });

/** Hours after the reminder that an overdue report still open is escalated to the level above. */
export const PLACE_PROBLEM_ESCALATE_AFTER_HOURS = 24;

// ── visits ────────────────────────────────────────────────────────────────────────────────────

/** The door code as the member site receives it from the QR code's URL. */
export const doorVisitBody = z.strictObject({
  code: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/, '签到码格式不正确')
    .describe('门口二维码中的签到码'),
});
export const VISIT_DEDUP_HOURS = 2;

export const visitAnswer = z.object({
  placeId: z.number().int(),
  placeName: z.string(),
  /** false: already counted within the last 2 hours (the answer is "已签到" either way) */
  counted: z.boolean(),
  at: z.string().describe('本次（或 2 小时内上一次）签到时间'),
});
export type VisitAnswer = z.infer<typeof visitAnswer>;

export const cardVisitBody = checkinBody;
export const cardVisitAnswer = visitAnswer.extend({ memberNo: z.string(), name: z.string().describe('姓名（脱敏）') });
export type CardVisitAnswer = z.infer<typeof cardVisitAnswer>;

// ── figures (for the places figures page) ─────────────────────────────────────────────────────

export interface VisitFigures {
  visits: number;
  distinctVisitors: number;
  byDay: { day: string; visits: number }[];
}
export interface ProblemFigures {
  reported: number;
  resolved: number;
  open: number;
  /** of the resolved in the period; null when none */
  medianHoursToResolve: number | null;
  avgHoursToResolve: number | null;
}
