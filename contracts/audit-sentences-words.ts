// The audit sentences' shared grammar: how a detail's value is said in words (times, yes/no, lists,
// codes), and the small makers of a detail's words that the areas' files use (audit-sentences.ts).
import { applicationStatusLabels, objectionStatusLabels } from './campaign-terms.ts';
import { hardshipStatusLabels } from './hardship.ts';
import { memberGroupLabels, memberStatusLabels } from './members.ts';
import { payoutStateLabels } from './payouts.ts';

export const roleLabels: Record<string, string> = { admin: '管理员', reviewer: '审核员', clerk: '经办人', viewer: '查看' };

/** Codes a detail may hold, in words (statuses, kinds, levels …). */
export const valueLabels: Record<string, string> = {
  ...memberStatusLabels,
  ...hardshipStatusLabels,
  ...applicationStatusLabels,
  ...objectionStatusLabels,
  ...payoutStateLabels,
  all: '全部',
  valid: '有效',
  revoked: '已注销',
  self: '本人申请',
  succeeded: '成功',
  failed: '失败',
};

export type Fmt = (iso: string) => string;
export type Part = (v: unknown, d: Record<string, unknown>, fmt: Fmt) => string | null;

const isInstant = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v);
const count = (v: unknown) => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : null);
export const n = (render: (x: number) => string): Part => (v) => {
  const x = count(v);
  return x === null ? null : render(x);
};
export const words = (labels: Record<string, string>, prefix = ''): Part => (v) => (typeof v === 'string' ? `${prefix}${labels[v] ?? v}` : null);

/** A value in words: a time in the reader's (Beijing) clock, yes/no, lists joined, codes named. */
export function valueText(v: unknown, fmt: Fmt): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  if (isInstant(v)) return fmt(v);
  if (typeof v === 'string') return valueLabels[v] ?? roleLabels[v] ?? memberGroupLabels[v as keyof typeof memberGroupLabels] ?? v;
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.map((x) => valueText(x, fmt)).join('、') || '（空）' : `${v.length} 项`;
  return '（已修改）';
}
