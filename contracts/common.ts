// Shapes shared by every module: ids, paging, the error body.
import { z } from 'zod';

/**
 * A positive integer id written in plain decimal digits — not '0x10', '1e1', '16.0' or ' 16',
 * which Number() would accept. Used for path and query parameters.
 */
export function idString(description = '记录 ID') {
  return z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, '应为正整数 ID')
    .transform(Number)
    .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER))
    .describe(description);
}

/** The Idempotency-Key header of every write that must not be done twice: 8–64 characters of [A-Za-z0-9_-] (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const idParam = z.strictObject({ id: idString() });

function boundedInt(min: number, max: number) {
  return z
    .string()
    .regex(/^[0-9]{1,6}$/, '应为整数')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

export const paging = {
  page: boundedInt(1, 100000).default(1).describe('页码，从 1 开始'),
  pageSize: boundedInt(1, 200).default(20).describe('每页条数，最多 200'),
};

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const errorBodySchema = z
  .object({
    error: z.string().describe('稳定的错误代码（snake_case）'),
    message: z.string().describe('中文说明'),
    statusCode: z.number().int(),
  })
  .describe('错误');

export const okSchema = z.object({ ok: z.literal(true) });

/** Control characters, and the direction marks that can make a name display as something else. */
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** A trimmed single-line text with a length bound (Chinese characters count as one each). */
export function text(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), { message: '不能包含控制字符或文字方向控制符' });
}

/**
 * The edit body of something published: its creation fields, every one optional, less those that
 * stay as published (`fixed`), in the same order; unknown fields refused.
 */
export function editBody<F extends z.ZodRawShape, K extends keyof F & string>(fields: F, fixed: readonly K[]) {
  const editable = Object.entries(fields).filter(([k]) => !(fixed as readonly string[]).includes(k));
  return z.strictObject(
    Object.fromEntries(editable.map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as {
      [P in Exclude<keyof F, K>]: z.ZodOptional<F[P]>;
    },
  );
}

/** The list query of what unions publish (activities, campaigns): a page, the publishing union's subtree, the kind, the status. */
export function publishedListQuery<const K extends readonly [string, ...string[]]>(kinds: K) {
  return z.strictObject({
    ...paging,
    orgId: idString('工作人员：只看该组织及其下级组织发布的活动').optional(),
    kind: z.enum(kinds).optional(),
    status: z.enum(['published', 'cancelled', 'all']).default('all'),
  });
}
