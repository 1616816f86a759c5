// The error catalog: one stable code, one HTTP status, one message in Chinese for people.
// Every error body everywhere: { error, message, statusCode }. Database errors are translated into
// these codes in server/db/errors.ts.

export const errorCatalog = {
  validation_failed: [400, '请求参数有误'],
  invalid_json: [400, '请求内容不是有效的 JSON'],
  unsupported_media_type: [415, '不支持的内容类型，请使用 application/json'],
  payload_too_large: [413, '请求内容过大'],
  not_logged_in: [401, '请先登录'],
  session_expired: [401, '登录已超时，请重新登录'],
  invalid_credentials: [401, '用户名或密码错误'],
  too_many_attempts: [429, '登录失败次数过多，账号已锁定 15 分钟，请稍后再试'],
  sms_too_frequent: [429, '验证码发送过于频繁，请稍后再试'],
  // log-in and SMS limits, counted per client address, phone and platform (attempt_bucket)
  login_rate_limited: [429, '该网络登录失败次数过多，请稍后再试'],
  login_busy: [429, '当前登录人数较多，请稍后再试'],
  sms_platform_limit: [429, '当前获取验证码的人数较多，请稍后再试'],
  invalid_sms_code: [401, '验证码不正确或已过期'],
  sms_code_locked: [429, '验证码错误次数过多，请重新获取验证码'],
  csrf_failed: [403, '请求校验失败，请刷新页面后重试'],
  forbidden: [403, '没有权限执行此操作'],
  staff_only: [403, '该功能仅供工会工作人员使用'],
  member_only: [403, '该功能仅供职工（手机号登录）使用'],
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
  invalid_id_number: [400, '身份证号码不正确，请核对后重新输入'],
  under_age: [400, '未满 16 周岁，暂不能申请入会'],
  consent_required: [400, '请阅读并同意《个人信息处理告知》后再提交'],
  employer_required: [400, '请填写工作单位；没有固定单位的，请选择所在平台和工作地点'],
  employer_name_required: [400, '请填写工作单位名称'],
  work_place_required: [400, '请选择您工作所在的镇（街道）'],
  invalid_work_place: [400, '工作地点请选择到镇（街道）一级'],
  already_member: [409, '您已是工会会员，更换工作单位请办理会员关系转接'],
  application_pending: [409, '您已有一份入会申请正在审核，请耐心等待'],
  application_decided: [409, '该入会申请已处理'],
  member_not_active: [409, '该会员当前状态不允许此操作'],
  transfer_pending: [409, '该会员已有一项待处理的会员关系转接'],
  transfer_decided: [409, '该转接申请已处理'],
  invalid_transfer_target: [409, '会员只能转入基层工会或镇（街道）工会，不能转入地方总工会'],
  same_org: [409, '转入工会与当前所在工会相同'],
  not_a_member: [403, '您还不是工会会员，请先申请入会'],
  card_revoked: [403, '您的电子会员证已停用（会员状态为暂停、退会等），如有疑问请联系所在工会'],
  invalid_bank_card: [400, '银行卡号不正确，请核对后重新输入'],
  // roster import (名册导入): the upload is refused before parsing, nothing is written
  roster_file_required: [400, '请选择要上传的名册文件（.xlsx）'],
  roster_not_multipart: [415, '请以 multipart/form-data 表单上传名册文件'],
  roster_too_large: [413, '文件超过 20 MB，请拆分后分批上传'],
  roster_not_xlsx: [415, '文件不是 Excel 工作簿（.xlsx）：请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再上传'],
  roster_legacy_xls: [415, '这是旧版 .xls 文件或设置了密码的工作簿：请取消密码并另存为 .xlsx 后上传'],
  roster_corrupt: [400, '文件已损坏，无法读取，请重新保存后上传'],
  roster_too_many_entries: [413, '文件内部条目过多，不是正常的名册文件，已拒绝处理'],
  roster_too_big_unpacked: [413, '文件解压后内容过大，已拒绝处理；请拆分后分批上传'],
  roster_zip_bomb: [413, '文件压缩比异常（疑似压缩炸弹），已拒绝处理'],
  roster_org_not_member_union: [409, '名册只能导入基层工会或镇（街道）工会、工会联合会'],
  roster_queue_full: [429, '当前导入任务较多，请稍后再上传'],
  // … or refused while it is read (the job fails; nothing is written)
  roster_missing_headers: [400, '名册缺少必填列，请使用最新模板'],
  roster_too_many_rows: [400, '名册超过 10 万行，请拆分后分批上传'],
  roster_empty: [400, '名册中没有数据行'],
  roster_unreadable: [400, '无法读取名册内容，请确认文件由 Excel 或 WPS 保存'],
  roster_interrupted: [500, '导入因服务重启而中断；已导入的行不会重复，请重新上传同一文件完成导入'],
  roster_not_finished: [409, '导入尚未完成'],
  roster_errors_expired: [404, '错误明细只保留 24 小时，已过期；请重新上传名册核对'],
  // benefit activities (普惠活动) and sign-up (报名)
  activity_full: [409, '名额已满'],
  already_signed_up: [409, '您已报名该活动，请勿重复报名'],
  not_eligible: [409, '不符合报名条件'],
  signup_closed: [409, '当前不在报名时间内（报名尚未开始或已截止）'],
  idempotency_key_required: [400, '请求缺少 Idempotency-Key 请求头（每次操作生成一个新的随机值，重试时沿用）'],
  idempotency_key_invalid: [400, 'Idempotency-Key 格式不正确：应为 8–64 位字母、数字、下划线或连字符'],
  idempotency_key_reused: [409, '该 Idempotency-Key 已用于另一项不同的请求，请换一个新的值'],
  activity_cancelled: [409, '活动已取消'],
  activity_locked: [409, '报名已开始，活动内容不能再修改；如需变更请取消活动后重新发布'],
  cancel_deadline_passed: [409, '已过取消报名的截止时间'],
  signup_cancelled: [409, '该报名已取消'],
  not_lottery: [409, '该活动不是抽签活动'],
  draw_not_due: [409, '报名尚未截止，不能抽签'],
  already_drawn: [409, '已完成抽签'],
  already_checked_in: [409, '该会员已签到，请勿重复签到'],
  not_signed_up: [409, '该会员未报名本活动'],
  signup_not_confirmed: [409, '该会员的报名尚未确认（候补或未中签），不能签到'],
  card_token_expired: [409, '会员证二维码已过期，请会员刷新后重新出示'],
  card_token_forged: [409, '会员证二维码无效（签名不符，疑似伪造）'],
  card_token_revoked: [409, '该会员证已停用，不能签到'],
  card_token_malformed: [400, '无法识别的二维码，请扫描电子会员证上的二维码'],
  // check-in window (issue 11): the messages thrown name the times in Beijing time
  checkin_not_open: [409, '签到尚未开始（活动开始前 2 小时起可签到）'],
  checkin_closed: [409, '活动已结束，签到已关闭'],
  invalid_image: [400, '封面须为 PNG、JPEG 或 WebP 格式的图片'],
  image_too_large: [413, '封面图片不能超过 600 KB'],
  // points (积分)
  insufficient_points: [409, '积分余额不足'],
  points_already_spent: [409, '会员已使用了这些积分，余额不足以撤销该操作'],
  operation_already_reversed: [409, '该积分操作已撤销，不能重复撤销'],
  operation_not_reversible: [409, '撤销操作本身不能再撤销'],
  no_points_recipients: [409, '没有符合条件的会员可发放积分'],
  // hardship files (困难职工档案)
  hardship_details_forbidden: [403, '无权查看困难职工的致困原因、家庭成员等详情：仅单位管理员和审核员可查看'],
  hardship_file_open: [409, '该会员已有一份未脱困的困难职工档案'],
  hardship_status_invalid: [409, '档案状态只能依次变更：已建档 → 帮扶中 → 已脱困 → 已回访'],
  hardship_reason_required: [400, '请填写脱困原因'],
  hardship_date_invalid: [400, '日期不正确'],
  hardship_payout_mismatch: [409, '该发放记录不是此会员的'],
  hardship_export_too_large: [413, '导出的档案超过 50000 条，请按下级组织或状态分批导出'],
  // the working-day calendar (工作日历)
  calendar_admin_only: [403, '工作日历只能由省总工会管理员维护'],
  calendar_workday_not_weekend: [400, '调休上班日只能设在周六或周日'],
  // rights work orders (维权工单)
  ticket_not_holder: [403, '该工单当前不由您所在的工会办理'],
  ticket_state_invalid: [409, '工单当前状态不允许此操作'],
  ticket_caller_required: [400, '请选择来电会员，或填写来电人姓名和手机号'],
  ticket_contact_name_required: [400, '请填写您的称呼'],
  ticket_employer_unknown: [400, '所选工作单位不存在，请重新选择'],
  ticket_employer_own_union: [409, '不能登记反映本单位的工单：工单对被反映单位的工会保密'],
  ticket_assign_target_required: [400, '请选择转办的下级工会或本工会的经办人（二选一）'],
  ticket_assign_not_below: [409, '只能转办给本工会的下级工会'],
  ticket_assign_employer_union: [409, '不能转办给被反映单位的工会：工单对该单位工会保密'],
  ticket_handler_invalid: [409, '经办人须是本工会在岗的工作人员（只读账号除外）'],
  ticket_cannot_return: [409, '已是最上级工会，不能再退回'],
  ticket_return_too_late: [409, '已超过退回时限，请受理办理或转办'],
  ticket_extension_used: [409, '本级已申请过一次延期，不能再次申请'],
  ticket_extension_too_long: [400, '延期天数超过上限'],
  ticket_extension_too_late: [409, '已超过办结期限，不能再申请延期；延期须在期限内申请'],
  ticket_extension_not_requested: [409, '没有待审批的延期申请'],
  ticket_not_level_above: [403, '延期须由上级工会的管理员或审核员审批'],
  ticket_result_required: [400, '办结须填写办理结果'],
  ticket_not_closed: [409, '工单尚未办结，办结后才能评价'],
  ticket_already_rated: [409, '您已评价过该工单，不能重复评价'],
  integration_token_invalid: [401, '对接令牌无效或已停用'],
  ticket_reveal_forbidden: [403, '仅本工单的经办人可查看来电人的完整姓名和手机号'],
  // legal-aid lawyers on tickets
  lawyer_inactive: [409, '该律师已停用，不能指派'],
  lawyer_not_serving: [409, '该律师不为办理本工单的工会提供法律援助服务'],
  ticket_lawyer_same: [409, '该律师已在代理本工单'],
  ticket_lawyer_none: [409, '本工单没有正在代理的律师'],
  lawyer_only: [403, '该功能仅供登记在册的法律援助律师使用'],
  lawyer_entry_in_future: [400, '记录时间不能晚于现在'],
  // payouts (点对点发放)
  payout_state_invalid: [409, '该笔发放当前的状态不允许此操作'],
  second_approver_required: [409, '该笔发放超过本活动的复核金额，须由另一名工作人员复核后才能发出'],
  maker_cannot_approve: [403, '这笔发放由您经办，须由另一名单位管理员或审核员复核'],
  payout_not_sent: [409, '该笔发放尚未发出'],
  payout_no_bank_account: [409, '会员尚未登记银行收款账号，不能写入付款文件；请提醒会员在手机上“我的—银行卡”中登记'],
  no_payable_payouts: [409, '没有可写入付款文件的发放（须已通过复核，且会员已登记银行账号）'],
  payout_budget_exceeded: [409, '发放金额将超过该活动已预留的预算，本次未生成任何发放'],
  payout_campaign_cancelled: [409, '该活动已取消，不能发放'],
  payment_return_invalid: [400, '银行回单不符合要求，未做任何处理'],
  payout_reason_required: [400, '请填写失败或退回的原因'],
  // aid campaigns (送温暖、金秋助学 …)
  campaign_cancelled: [409, '该帮扶活动已取消'],
  campaign_locked: [409, '申请已开始（或已有申请），活动内容不能再修改；如需变更请取消活动后重新发布'],
  campaign_not_open: [409, '申请尚未开始'],
  campaign_closed: [409, '申请已截止'],
  campaign_not_eligible: [409, '不符合申请条件'],
  already_applied: [409, '您已申请过本次活动，请勿重复申请'],
  documents_missing: [400, '请上传活动要求的全部材料'],
  document_not_required: [400, '上传的材料不是本活动要求的材料'],
  invalid_document: [400, '材料须为 PNG、JPEG、WebP 格式的图片或 PDF 文件'],
  document_too_large: [413, '每份材料不能超过 700 KB（整个申请不超过 1 MB），请压缩后重新上传'],
  invalid_levels: [400, '审核层级设置有误'],
  application_not_in_review: [409, '该申请当前不在审核中'],
  review_not_your_level: [403, '该申请当前不在您所在单位审核的层级，不能审核'],
  review_level_changed: [409, '该申请的审核层级已变化（可能已被他人审核），请刷新后重试'],
  review_same_person: [403, '同一人不能审核同一申请的两个层级'],
  not_returned: [409, '该申请未被退回，不能重新提交'],
  reviews_pending: [409, '还有申请在审核中或已退回待补充，请先审核完毕再抽签'],
  draw_required: [409, '审核通过的人数超过名额，请先抽签再公示'],
  quota_exceeded: [409, '公示人数将超过资助名额，请先不通过部分申请'],
  nothing_to_notice: [409, '没有可公示的申请（须为审核通过或中签的申请）'],
  budget_exhausted: [409, '预算不足：本次公示的资助金额超过剩余预算，未做任何变更'],
  not_in_notice: [409, '该申请不在公示期内'],
  objection_already_lodged: [409, '您已对该申请提出过异议'],
  objection_resolved: [409, '该异议已处理'],
  cannot_withdraw: [409, '该申请已确定资助或已结束，不能撤回'],
  // a member who changed phone number (更换手机号) — the answers never tell whether an ID number exists
  identity_not_matched: [400, '姓名与身份证号未能核验为会员本人。请核对后重试；仍无法办理的，请携带本人身份证到所在工会服务窗口办理，或拨打 12351 职工服务热线'],
  phone_change_locked: [429, '身份核验失败次数过多，24 小时内不能在线办理。请携带本人身份证到所在工会服务窗口办理，或拨打 12351 职工服务热线'],
  phone_in_use: [409, '该手机号已登记在另一位会员名下，不能在线更换；请携带本人身份证到所在工会服务窗口办理，或拨打 12351 职工服务热线'],
  phone_unchanged: [409, '新手机号与会员现登记的手机号相同'],
  already_linked: [409, '本手机号已是会员登录手机号，无需更换'],
  // legal aid and labour-law supervision registers (法律援助律师, 劳动法律监督员)
  lawyer_licence_taken: [409, '该律师执业证号已登记'],
  supervisor_certificate_taken: [409, '该劳动法律监督员证编号已登记'],
  supervisor_dates_invalid: [400, '证书有效期须晚于培训日期'],
  letter_employer_required: [400, '请填写函件的用人单位名称'],
  lawyer_union_outside: [400, '服务的工会须是登记单位本身或其下级工会'],
  demo_accounts_present: [500, '生产环境中存在演示账号，拒绝启动'],
  internal_error: [500, '服务器内部错误，请稍后重试'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  /** A 429's wait, sent as the Retry-After header. */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, message?: string, opts: { retryAfterSeconds?: number } = {}) {
    const [statusCode, defaultMessage] = errorCatalog[code];
    super(message ?? defaultMessage);
    this.code = code;
    this.statusCode = statusCode;
    this.retryAfterSeconds = opts.retryAfterSeconds;
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
