// What an edit changed, field by field, for its audit record: { places: { from: 100, to: 120 } }, so the
// 审计日志 can say "修改了普惠活动「…」的名额：100 → 120". Long texts and nested values (a description, the
// batches) are recorded as changed (`true`), not copied into the log.

const isInstant = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) && !Number.isNaN(Date.parse(v));

function same(a: unknown, b: unknown): boolean {
  if (isInstant(a) && isInstant(b)) return Date.parse(a) === Date.parse(b);
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function isShort(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.length <= 60;
  if (Array.isArray(v)) return v.length <= 20 && v.every((x) => typeof x !== 'object' && isShort(x));
  return typeof v !== 'object';
}

export type AuditChanges = Record<string, { from: unknown; to: unknown } | true>;

/** The fields of `patch` whose value differs from `before` (fields not given are not changes). */
export function changesOf(before: Record<string, unknown>, patch: Record<string, unknown>): AuditChanges {
  const out: AuditChanges = {};
  for (const [field, to] of Object.entries(patch)) {
    if (to === undefined || same(before[field], to)) continue;
    out[field] = isShort(before[field]) && isShort(to) ? { from: before[field] ?? null, to } : true;
  }
  return out;
}
