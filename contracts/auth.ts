import { z } from 'zod';
import { text } from './common.ts';
import { orgLevels } from './orgs.ts';

export const staffRoles = ['admin', 'reviewer', 'clerk', 'viewer'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffRoleLabels: Record<StaffRole, string> = {
  admin: '单位管理员',
  reviewer: '审核员',
  clerk: '经办人',
  viewer: '只读',
};

/**
 * Who may take data out of the platform as a file (every export and download of records): every
 * role but the read-only one. The server's exportContext and the console's export buttons use it.
 */
export const exportRoles = ['admin', 'reviewer', 'clerk'] as const satisfies readonly StaffRole[];
export const mayExport = (roles: readonly StaffRole[]) => roles.some((r) => (exportRoles as readonly StaffRole[]).includes(r));

export const loginBody = z.strictObject({
  username: text(1, 64).toLowerCase(),
  password: z.string().min(1).max(256),
});

export const scopeSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  level: z.enum(orgLevels),
});

export const staffMe = z.object({
  kind: z.literal('staff'),
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  org: z.object({ id: z.number().int(), name: z.string(), level: z.enum(orgLevels) }),
  roles: z.array(z.enum(staffRoles)),
  scope: scopeSchema.describe('数据权限：本组织及其全部下级组织'),
  csrfToken: z.string().describe('使用 Cookie 登录时，写操作需在 X-CSRF-Token 请求头中带上'),
  sessionIdleSeconds: z.number().int(),
});
export type StaffMe = z.infer<typeof staffMe>;

export const loginResponse = z.object({
  token: z.string().describe('Bearer 令牌，与会话 Cookie 指向同一会话'),
  csrfToken: z.string(),
  me: staffMe,
});

export const changePasswordBody = z.strictObject({
  oldPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const memberMe = z.object({
  kind: z.literal('member'),
  workerId: z.number().int(),
  phoneMasked: z.string(),
  member: z
    .object({
      id: z.number().int(),
      memberNo: z.string().nullable(),
      name: z.string(),
      status: z.string(),
      org: z.object({ id: z.number().int(), name: z.string() }),
      joinedOn: z.string(),
    })
    .nullable()
    .describe('会员信息；尚未入会时为 null'),
  csrfToken: z.string(),
  sessionIdleSeconds: z.number().int(),
});
export type MemberMe = z.infer<typeof memberMe>;

export const memberLoginResponse = z.object({ token: z.string(), csrfToken: z.string(), me: memberMe });
