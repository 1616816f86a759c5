// The audit sentences of signing in, staff accounts, the union tree and the working calendar
// (assembled with the other areas' in audit-sentences.ts).
import { n, roleLabels, type Part } from './audit-sentences-words.ts';

export const accountSentences: Record<string, string> = {
  login: '登录了管理后台',
  logout: '退出了登录',
  member_login: '用短信验证码登录了会员服务',
  'sms_code.send': '获取了登录验证码',
  'org.found': '新建了工会组织{target}',
  'org.update': '修改了工会组织{target}',
  'org.move': '调整了工会组织{target}的隶属关系',
  'org.close': '撤销了工会组织{target}',
  'staff.create': '新建了工作人员账号{target}',
  'staff.update': '修改了工作人员账号{target}',
  'staff.reset_password': '重置了工作人员账号{target}的密码',
  'staff.change_password': '修改了本人的登录密码',
  'calendar.day_set': '设定了工作日历的节假日或调休日{target}',
  'calendar.day_removed': '删除了工作日历的节假日或调休日{target}',
};

export const accountDetailParts: Record<string, Part | null> = {
  locked: (v) => (v === true ? '已触发账号锁定' : null),
  tries: n((x) => `已错 ${x} 次`),
  username: (v, d) => (typeof v === 'string' && !d.roles ? `尝试的用户名 ${v}` : null),
  roles: (v) => (Array.isArray(v) ? `角色：${v.map((r) => roleLabels[String(r)] ?? r).join('、')}` : null),
  displayName: (v) => (typeof v === 'string' ? `姓名改为 ${v}` : null),
  isActive: (v) => (typeof v === 'boolean' ? (v ? '启用账号' : '停用账号') : null),
  parentId: null,
  fromParentId: null,
  toParentId: null,
  orgsMoved: n((x) => `连同下级共 ${x} 个组织`),
};
