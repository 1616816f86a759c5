// The error catalog: one stable code, one HTTP status, one message in Chinese for people.
// Every error body everywhere: { error, message, statusCode }.

export const errorCatalog = {
  validation_failed: [400, '请求参数有误'],
  invalid_json: [400, '请求内容不是有效的 JSON'],
  unsupported_media_type: [415, '不支持的内容类型，请使用 application/json'],
  payload_too_large: [413, '请求内容过大'],
  not_logged_in: [401, '请先登录'],
  session_expired: [401, '登录已超时，请重新登录'],
  invalid_credentials: [401, '用户名或密码错误'],
  too_many_attempts: [429, '登录失败次数过多，账号已锁定 15 分钟，请稍后再试'],
  csrf_failed: [403, '请求校验失败，请刷新页面后重试'],
  forbidden: [403, '没有权限执行此操作'],
  not_found: [404, '未找到该记录，或不在您的管理范围内'],
  route_not_found: [404, '接口不存在'],
  method_not_allowed: [405, '不支持该请求方法'],
  conflict: [409, '数据冲突，请刷新后重试'],
  username_taken: [409, '用户名已被使用'],
  credit_code_taken: [409, '该统一社会信用代码已被其他工会使用'],
  invalid_credit_code: [400, '统一社会信用代码格式或校验位不正确'],
  org_closed: [409, '该工会组织已撤销'],
  org_not_empty: [409, '该工会下仍有在册会员或下级组织，不能撤销'],
  invalid_parent_level: [409, '上下级组织层级不匹配'],
  move_into_own_subtree: [409, '不能将组织移动到其自身或其下级组织之下'],
  cannot_change_scope_root: [403, '不能移动或撤销本账号所属的组织'],
  cannot_change_self: [409, '不能停用自己的账号或修改自己的角色'],
  wrong_password: [400, '原密码不正确'],
  weak_password: [400, '密码至少 10 位，且需包含字母和数字'],
  demo_accounts_present: [500, '生产环境中存在演示账号，拒绝启动'],
  internal_error: [500, '服务器内部错误，请稍后重试'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  constructor(code: ErrorCode, message?: string) {
    const [statusCode, defaultMessage] = errorCatalog[code];
    super(message ?? defaultMessage);
    this.code = code;
    this.statusCode = statusCode;
  }
}

export interface ErrorBody {
  error: string;
  message: string;
  statusCode: number;
}

export function errorBody(code: ErrorCode, message?: string): ErrorBody {
  const [statusCode, defaultMessage] = errorCatalog[code];
  return { error: code, message: message ?? defaultMessage, statusCode };
}

/** PostgreSQL errors that are the caller's fault, translated in this one place. */
export function translateDbError(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string };
  if (typeof e?.code !== 'string') return undefined;
  if (e.code === '23505') {
    if (e.constraint === 'staff_username_key') return new AppError('username_taken');
    if (e.constraint === 'org_credit_code_key') return new AppError('credit_code_taken');
    return new AppError('conflict');
  }
  // foreign key, check, bad text representation, too long, bad byte sequence (NUL), out of range
  if (['23503', '23514', '22P02', '22001', '22021', '22003', '22007', '22008'].includes(e.code)) {
    return new AppError('validation_failed');
  }
  if (e.code === '40001' || e.code === '40P01') return new AppError('conflict');
  return undefined;
}
