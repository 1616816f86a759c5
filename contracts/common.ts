// Shapes shared by every module: ids, paging, the error body.
import { z } from 'zod';

export const idParam = z.strictObject({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).describe('记录 ID'),
});

export const paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1).describe('页码，从 1 开始'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数，最多 200'),
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

/** A trimmed single-line text with a length bound (Chinese characters count as one each). */
export function text(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: '不能包含控制字符' });
}
