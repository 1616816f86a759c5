// The audit sentences of skills, certificates and the job profile (issue 17; assembled with the other
// areas' in audit-sentences.ts).
import { n, type Part } from './audit-sentences-words.ts';

export const skillSentences: Record<string, string> = {
  'skill.declare': '填写了技能{target}',
  'skill.remove': '删除了自己填写的技能',
  'skill.certificate_add': '登记了证书{target}',
  'skill.certificate_verify': '核验了证书{target}，记入会员技能',
  'skill.job_profile_update': '保存了求职意向',
  'skill.job_consent': '同意向用人单位提供求职信息',
  'skill.job_consent_withdraw': '撤回了向用人单位提供求职信息的同意',
  'course.save': '把培训活动{target}设置为课程',
  'course.results': '录入了课程{target}的成绩',
  'course.results_import': '导入了课程{target}的成绩',
  'course.complete': '为课程{target}办理结业，结业会员的技能记入技能档案',
};

export const skillDetailParts: Record<string, Part | null> = {
  skillLevel: n((x) => `技能等级 ${x} 级`),
  resultsRecorded: n((x) => `成绩 ${x} 条`),
  skillsWritten: n((x) => `记入技能 ${x} 条`),
};
