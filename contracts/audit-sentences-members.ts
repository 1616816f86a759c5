// The audit sentences of members: joining, the member's status and transfers, rosters and the
// member card (assembled with the other areas' in audit-sentences.ts).
import { memberGroupLabels } from './members.ts';
import { n, words, type Part } from './audit-sentences-words.ts';

const routeRules: Record<string, string> = {
  employer_union: '单位已建会',
  employer_town: '单位未建会，转镇街工联会',
  new_employer_town: '新登记单位，转镇街工联会',
  gig_industry: '新业态，转行业工联会',
  gig_town: '新业态，转镇街工联会',
};

export const memberSentences: Record<string, string> = {
  'member.apply': '提交了入会申请{target}',
  'member.approve': '通过了入会申请{target}',
  'member.reject': '驳回了入会申请{target}',
  'member.reveal': '查看了会员{target}的完整身份证号和手机号',
  'member.status': '变更了会员{target}的会籍状态',
  'member.export': '导出了会员名册',
  'member.import': '完成了名册导入{target}',
  'member.transfer_request': '发起了会员关系转接{target}',
  'member.transfer_accept': '接收了会员关系转接{target}',
  'member.transfer_reject': '拒绝了会员关系转接{target}',
  'member.phone_change': '将会员{target}的会籍转到新手机号',
  'roster.upload': '上传了会员名册{target}',
  'roster.errors_download': '下载了名册导入{target}的错误行',
  'card.verify': '验证了电子会员证',
  'card.bank_link': '关联了联名银行卡',
  'card.keys_rotate': '轮换了会员证签名密钥',
};

export const memberDetailParts: Record<string, Part | null> = {
  failures: n((x) => `24 小时内第 ${x} 次核验未通过`),
  endedSessions: n((x) => (x > 0 ? `原手机号的 ${x} 个登录已失效` : '')),
  phone: (v) => (typeof v === 'string' ? `手机号 ${v}` : null),
  imported: n((x) => `新增 ${x} 人`),
  rejoined: n((x) => `重新入会 ${x} 人`),
  skipped: n((x) => `跳过 ${x} 人`),
  errorRows: n((x) => `错误 ${x} 行`),
  error: (v) => (typeof v === 'string' ? `未完成：${v}` : null),
  group: words(memberGroupLabels, '群体：'),
  memberNo: (v) => (typeof v === 'string' ? `会员号 ${v}` : null),
  nonce: null,
  retired: n((x) => `停用旧密钥 ${x} 个`),
  bankName: (v) => (typeof v === 'string' ? v : null),
  bankCardMasked: (v) => (typeof v === 'string' ? `卡号 ${v}` : null),
  rule: words(routeRules, '分配：'),
  channel: words({ self: '本人线上申请', roster: '名册导入', event: '现场登记', staff: '工作人员代办' }),
};
