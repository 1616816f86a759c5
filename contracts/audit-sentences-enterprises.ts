// The audit sentences of employers' files, founding drives, strengthening (indicator sets,
// self-assessments, model homes) and the dashboard (assembled with the other areas' in audit-sentences.ts).
import { driveFieldLabels, driveStepLabels } from './drives.ts';
import { factKindLabels } from './enterprise-facts-common.ts';
import { n, words, type Part } from './audit-sentences-words.ts';

const officialLabels: Record<string, string> = { unions: '工会组织数', members: '会员数', gigMembers: '新业态劳动者会员数', modelHomes: '模范职工之家' };
/** 会员数：空 → 22,147,000 — the official figures' old and new values, as recorded. */
function officialChanges(before: unknown, after: unknown): string | null {
  if (!after || typeof after !== 'object') return null;
  const old = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const shown = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('zh-CN') : '空');
  const parts = Object.entries(after as Record<string, unknown>).map(([k, v]) => `${officialLabels[k] ?? k}：${shown(old[k])} → ${shown(v)}`);
  return parts.length ? parts.join('，') : null;
}

export const enterpriseSentences: Record<string, string> = {
  'enterprise.create': '登记了单位{target}',
  'enterprise.fact': '记录了{target}的档案事项',
  'enterprise.merge': '把重复的单位{target}并入另一单位',
  'enterprise.import': '从 Excel 导入了单位',
  'enterprise.export': '导出了单位档案',
  'enterprise.move_parked': '把挂靠在镇街的会员整体转入单位{target}的工会',
  'evidence.upload': '上传了证明材料{target}',
  'evidence.download': '查看了证明材料{target}',
  'drive.create': '新建了建会行动{target}',
  'drive.update': '修改了建会行动{target}',
  'drive.target_add': '把建会对象加入行动{target}',
  'drive.step': '记录了建会对象{target}的建会步骤',
  'drive.contact_reveal': '查看了建会对象{target}联系人的完整信息',
  'drive.target_drop': '把建会对象{target}移出了行动',
  'drive.target_link': '为建会对象{target}关联了已有工会',
  'indicator_set.create': '新建了指标体系{target}',
  'indicator_set.update': '修改了指标体系{target}',
  'indicator_set.adapt': '改编上级的指标体系，新建了{target}',
  'indicator_set.publish': '发布了指标体系{target}',
  'assessment.submit': '提交了自评{target}',
  'assessment.review': '审核了自评{target}',
  'model_home.designate': '把{target}评定为模范职工之家',
  'official_figure.update': '登记了{target}的官方统计数',
  'dashboard.export': '导出了一屏总览的统计报表',
  'founding_request.create': '提出了所在单位建会的意愿（{target}）',
};

export const enterpriseDetailParts: Record<string, Part | null> = {
  factId: null,
  factKind: words(factKindLabels, '事项：'),
  factKey: null,
  basedOnSetId: null,
  indicatorCode: null,
  decision: (v) => (v === 'approve' ? '通过' : v === 'reject' ? '退回' : null),
  score: (v) => (typeof v === 'number' ? `得分 ${v}` : null),
  correction: (v) => (v === true ? '更正了错误的记录' : null),
  firstFacts: n((x) => `同时记录 ${x} 项档案事项`),
  intoEnterprise: (v) => (v == null ? null : `并入单位 ${String(v)}`),
  enterprisesCreated: n((x) => `新增 ${x.toLocaleString('zh-CN')} 个单位`),
  evidenceId: null,
  evidenceOwnerKind: words({ fact: '档案事项', assessment: '自评', step: '建会步骤' }, '材料属于：'),
  evidenceOwnerId: null,
  inline: (v) => (v === true ? '在页面中查看' : null),
  driveId: null,
  driveGoals: n((x) => `目标 ${x} 项`),
  driveChanges: (v) => (Array.isArray(v) ? `修改了${v.map((k) => driveFieldLabels[String(k)] ?? String(k)).join('、')}` : null),
  drivePlatform: (v) => (typeof v === 'string' ? `平台群体：${v}` : null),
  driveArea: (v) => (typeof v === 'string' ? `村社、园区：${v}` : null),
  driveStep: words(driveStepLabels, '步骤：'),
  driveStepId: null,
  driveLinkedOrgId: null,
  // the dashboard's report and the official figures (old → new)
  childUnions: n((x) => `含 ${x} 个直属下级工会`),
  figuresBefore: null,
  figuresAfter: (v, d) => officialChanges(d.figuresBefore, v),
  officialSource: (v) => (typeof v === 'string' ? `来源：${v}` : null),
  enterpriseId: null,
  mayContact: (v) => (v === true ? '同意工会联系本人' : v === false ? '暂不希望工会联系' : null),
};
