// The audit log as sentences: "黄主席（huazhou）于 2026-12-06 10:00 修改了普惠活动「冬至包饺子」的名额：100 → 120".
// Every action the server writes has a sentence and every detail it records has words
// (server/modules/audit/audit-labels.test.ts reads the server's sources to check both).
import { z } from 'zod';
import type { auditEntry } from './audit.ts';
import { auditTargetLabels } from './audit.ts';
import { activityKindLabels } from './activities.ts';
import { campaignKindLabels } from './campaign-terms.ts';
import { orgKindLabels, orgLevelLabels } from './orgs.ts';
import { placeKindLabels } from './places.ts';
import { pointOperationLabels } from './points.ts';
import { n, valueLabels, valueText, type Fmt, type Part } from './audit-sentences-words.ts';
import { auditFieldLabels, changesText } from './audit-sentences-fields.ts';
import { accountDetailParts, accountSentences } from './audit-sentences-accounts.ts';
import { memberDetailParts, memberSentences } from './audit-sentences-members.ts';
import { activityDetailParts, activitySentences } from './audit-sentences-activities.ts';
import { benefitDetailParts, benefitSentences } from './audit-sentences-benefits.ts';
import { rightsSentences } from './audit-sentences-rights.ts';
import { enterpriseDetailParts, enterpriseSentences } from './audit-sentences-enterprises.ts';
import { jobDetailParts, jobSentences } from './audit-sentences-jobs.ts';
import { placeDetailParts, placeSentences } from './audit-sentences-places.ts';
import { skillDetailParts, skillSentences } from './audit-sentences-skills.ts';

export { auditFieldLabels };

type AuditEntry = z.infer<typeof auditEntry>;

/**
 * What each action did; `{target}` is the record it did it to, named (「冬至包饺子」) or numbered, and
 * `{key}` a value of the detail (said here, so not again after the sentence).
 */
export const auditActionSentences: Record<string, string> = {
  ...accountSentences,
  ...memberSentences,
  ...activitySentences,
  ...benefitSentences,
  ...rightsSentences,
  ...enterpriseSentences,
  ...skillSentences,
  ...jobSentences,
  ...placeSentences,
};

const loginReasons: Record<string, string> = {
  wrong_password: '密码错误',
  unknown_user: '用户名不存在',
  locked: '账号已锁定',
  inactive: '账号已停用',
  no_code: '没有有效的验证码',
  wrong_code: '验证码错误',
};

/**
 * The words for each key a detail may hold (null: kept in the record, not worth a reader's time —
 * internal ids, nonces, hashes, or the name already said as the target).
 */
export const auditDetailParts: Record<string, Part | null> = {
  changes: null, // said after the target: 「…」的名额：100 → 120
  fields: (v) => (Array.isArray(v) && v.length ? `修改了${v.map((f) => auditFieldLabels[String(f)] ?? '其他信息').join('、')}` : null),
  before: null,
  title: null,
  name: null,
  reason: (v) => (typeof v === 'string' ? (loginReasons[v] ?? `原因：${v}`) : null),
  rows: n((x) => `共 ${x.toLocaleString('zh-CN')} 行`),
  fileName: (v) => (typeof v === 'string' ? `文件「${v}」` : null),
  fileSize: n((x) => `${Math.max(1, Math.round(x / 1024)).toLocaleString('zh-CN')} KB`),
  bytes: n((x) => `${Math.max(1, Math.round(x / 1024)).toLocaleString('zh-CN')} KB`),
  type: null,
  orgName: (v) => (typeof v === 'string' ? `范围：${v}` : null),
  status: (v) => (typeof v === 'string' ? `状态：${valueLabels[v] ?? v}` : null),
  level: (v) => (typeof v === 'number' ? `第 ${v} 级审核` : typeof v === 'string' ? `层级：${orgLevelLabels[v as keyof typeof orgLevelLabels] ?? v}` : null),
  kind: (v) =>
    typeof v === 'string'
      ? `类型：${orgKindLabels[v as keyof typeof orgKindLabels] ?? campaignKindLabels[v as keyof typeof campaignKindLabels] ?? activityKindLabels[v as keyof typeof activityKindLabels] ?? pointOperationLabels[v as keyof typeof pointOperationLabels] ?? placeKindLabels[v as keyof typeof placeKindLabels] ?? v}`
      : null,
  result: (v) => (typeof v === 'string' ? `结果：${valueLabels[v] ?? v}` : null),
  from: (v, d, fmt) => (d.to !== undefined ? `${valueText(v, fmt)} → ${valueText(d.to, fmt)}` : v ? `自 ${valueText(v, fmt)}` : null),
  to: (v, d, fmt) => (d.from === undefined && v ? `至 ${valueText(v, fmt)}` : null),
  total: n((x) => `共 ${x.toLocaleString('zh-CN')} 条`),
  amount: n((x) => `数额 ${x.toLocaleString('zh-CN')}`),
  members: n((x) => `${x.toLocaleString('zh-CN')} 名会员`),
  entries: n((x) => `${x} 人参加抽签`),
  winners: n((x) => `${x} 人中签`),
  toOrgId: null,
  day: (v) => (typeof v === 'string' ? `日期 ${v}` : null),
  note: (v) => (typeof v === 'string' && v ? `说明：${v}` : null),
  intoName: (v) => (typeof v === 'string' ? `「${v}」` : null),
  moved: (v) => (v && typeof v === 'object' ? `转移 ${Object.values(v as Record<string, number>).reduce((a, b) => a + b, 0)} 条相关记录` : null),
  outcome: (v) => (typeof v === 'string' ? `结果：${valueLabels[v] ?? v}` : null),
  memberId: null,
  on: (v) => (typeof v === 'string' ? `日期 ${v}` : null),
  key: null,
  ...accountDetailParts,
  ...memberDetailParts,
  ...activityDetailParts,
  ...benefitDetailParts,
  ...enterpriseDetailParts,
  ...skillDetailParts,
  ...jobDetailParts,
  ...placeDetailParts,
};

/** The record an action concerns: 「its name」 when the detail says it, else its kind and number. */
function targetText(e: AuditEntry): string {
  const d = e.detail;
  const name = [d.title, d.name, (d.before as { name?: unknown } | undefined)?.name, e.targetType === 'staff' ? d.username : undefined].find((x): x is string => typeof x === 'string' && x !== '');
  if (name) return `「${name}」`;
  return e.targetId ? `（编号 ${e.targetId}）` : '';
}

/** Who did it: the person and the account (张三（huazhou）), 未登录用户, or 会员. */
export function auditActor(e: AuditEntry): string {
  if (e.actorDisplayName && e.actorName) return `${e.actorDisplayName}（${e.actorName}）`;
  if (e.actorName) return e.actorName;
  if (e.actorKind === 'anonymous') return '未登录用户';
  if (e.actorKind === 'member') return '会员';
  if (e.actorKind === 'system') return '系统';
  return '工作人员';
}

/** What was done, in one sentence without who and when: 修改了普惠活动「…」的名额：100 → 120（…）. */
export function auditWhat(e: AuditEntry, fmt: Fmt): string {
  const template = auditActionSentences[e.action] ?? `进行了操作（${auditTargetLabels[e.targetType ?? ''] ?? '记录'}）{target}`;
  const said = new Set<string>();
  let s = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (key === 'target') return targetText(e);
    said.add(key);
    const v = e.detail[key];
    return typeof v === 'number' && key === 'reverses' ? String(v) : valueText(v, fmt); // a number, not a quantity
  });
  const changes = changesText(e.detail.changes, fmt);
  if (changes) s += `的${changes}`;
  const rest = Object.entries(e.detail)
    .map(([k, v]) => (said.has(k) ? null : (auditDetailParts[k]?.(v, e.detail, fmt) ?? null)))
    .filter((x): x is string => !!x);
  if (rest.length) s += `（${rest.join('，')}）`;
  if (e.outcome === 'failed') s += '，未成功';
  if (e.outcome === 'denied') s += '，被拒绝';
  return s;
}

/** The whole line: huazhou 于 2026-12-06 10:00 修改了普惠活动「…」的名额：100 → 120. */
export function auditSentence(e: AuditEntry, fmt: Fmt): string {
  return `${auditActor(e)} 于 ${fmt(e.at)} ${auditWhat(e, fmt)}`;
}
