import { z } from 'zod';
import { idString, paging, text } from './common.ts';
import { staffRoles } from './auth.ts';

export const staffAccount = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  roles: z.array(z.enum(staffRoles)),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type StaffAccount = z.infer<typeof staffAccount>;

const roles = z
  .array(z.enum(staffRoles))
  .min(1)
  .max(4)
  .refine((r) => new Set(r).size === r.length, { message: '角色不能重复' });

export const staffQuery = z.strictObject({
  ...paging,
  orgId: idString('只看该组织及其下级组织的账号').optional(),
  q: text(1, 50).optional().describe('用户名或姓名关键字'),
});

export const createStaffBody = z.strictObject({
  orgId: z.number().int().positive(),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字、点、下划线或连字符'),
  displayName: text(1, 50),
  roles,
  password: z.string().min(1).max(256),
});

export const updateStaffBody = z
  .strictObject({ displayName: text(1, 50), roles, isActive: z.boolean() })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' });

export const resetPasswordBody = z.strictObject({ password: z.string().min(1).max(256) });
