// What each staff role may do, in words for the person granting it.
import { staffRoleLabels, type StaffRole } from '../../../../contracts/auth.ts';

export const roleHints: Record<StaffRole, string> = {
  admin: '管理本单位及下级的组织架构、工作人员账号，查看审计日志',
  reviewer: '审核入会申请、帮扶申请等',
  clerk: '办理日常业务：会员、活动、服务',
  viewer: '只能查看，不能修改',
};

export const roleOptions = (Object.keys(staffRoleLabels) as StaffRole[]).map((r) => ({
  value: r,
  label: `${staffRoleLabels[r]}（${roleHints[r]}）`,
}));

export const roleColors: Record<StaffRole, string> = {
  admin: 'red',
  reviewer: 'purple',
  clerk: 'blue',
  viewer: 'default',
};
