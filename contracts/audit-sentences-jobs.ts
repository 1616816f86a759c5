// The audit sentences of jobs (岗位) and 春送岗位 fairs (招聘会), issue 17 slice C (assembled with the
// other areas' in audit-sentences.ts).
import { n, type Part } from './audit-sentences-words.ts';

const jobFieldLabels: Record<string, string> = {
  title: '岗位名称', occupationId: '职业', townId: '工作地点', lat: '位置', lng: '位置', address: '地址', wageMin: '工资下限', wageMax: '工资上限',
  wageUnit: '计薪方式', shift: '班次', employment: '用工形式', headcount: '招聘人数', validUntil: '有效期', contactName: '联系人', contactPhone: '联系电话', skills: '技能要求',
};
const fairFieldLabels: Record<string, string> = { title: '名称', heldOn: '日期', startsAt: '开始时间', endsAt: '结束时间', placeId: '地点', address: '地址', liveUrl: '直播链接' };
const changed = (labels: Record<string, string>): Part => (v) => (Array.isArray(v) ? `修改了${[...new Set(v.map((k) => labels[String(k)] ?? String(k)))].join('、')}` : null);

export const jobSentences: Record<string, string> = {
  'job.publish': '发布了岗位{target}',
  'job.update': '修改了岗位{target}',
  'job.close': '结束了岗位{target}的招聘',
  'job.withdraw': '撤回了岗位{target}',
  'job.contact_reveal': '查看了岗位{target}联系人的完整信息',
  'job.import': '向招聘会{target}导入了岗位',
  'fair.create': '新建了招聘会{target}',
  'fair.update': '修改了招聘会{target}',
  'fair.cancel': '取消了招聘会{target}',
};

export const jobDetailParts: Record<string, Part | null> = {
  jobSkills: n((x) => `技能要求 ${x} 项`),
  fairId: null,
  jobChanges: changed(jobFieldLabels),
  fairChanges: changed(fairFieldLabels),
  heldOn: (v) => (typeof v === 'string' ? `举办日期 ${v}` : null),
  jobsCreated: n((x) => `新增 ${x.toLocaleString('zh-CN')} 个岗位`),
};
