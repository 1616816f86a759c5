// The audit sentences of the benefit activities (普惠活动): publishing, editing, drawing and
// checking in (assembled with the other areas' in audit-sentences.ts).
import { allocationLabels } from './activities.ts';
import { n, words, type Part } from './audit-sentences-words.ts';

export const activitySentences: Record<string, string> = {
  'activity.publish': '发布了普惠活动{target}',
  'activity.update': '修改了普惠活动{target}',
  'activity.cover': '上传了普惠活动{target}的封面',
  'activity.cancel': '取消了普惠活动{target}',
  'activity.draw': '为普惠活动{target}抽签',
  'activity.checkin': '为活动报名{target}办理了签到',
  'activity.stats_export': '导出了活动数据',
};

export const activityDetailParts: Record<string, Part | null> = {
  activityId: null,
  batchNo: n((x) => `第 ${x} 批`),
  places: n((x) => `名额 ${x}`),
  allocation: words(allocationLabels, ''),
  batches: n((x) => (x > 1 ? `分 ${x} 批报名` : '一次报名')),
  signups: n((x) => `${x} 个报名随之取消，已通知会员`),
  activities: n((x) => `${x} 个活动`),
};
