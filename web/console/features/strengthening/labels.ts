// 强基工程 screens' shared words and colours.
import type { StateTags } from '../../components/StateTag.tsx';

export const cardStateTags: StateTags = {
  met: { label: '达标', color: 'green' },
  not_met: { label: '未达标', color: 'red' },
  pending: { label: '待审核', color: 'gold' },
  na: { label: '不适用', color: 'default' },
};

export const assessmentStateTags: StateTags = {
  pending: { label: '待审核', color: 'gold' },
  approved: { label: '已通过', color: 'green' },
  rejected: { label: '已退回', color: 'red' },
};

export const setStatusTags: StateTags = {
  draft: { label: '草稿', color: 'default' },
  published: { label: '已发布', color: 'green' },
};

/** A metric's value as read: 87.5 % for a share, 是/否 for yes-no, — for none. */
export function valueText(unit: 'ratio' | 'bool', v: number | null): string {
  if (v === null) return '—';
  if (unit === 'bool') return v >= 1 ? '是' : '否';
  return `${Math.round(v * 1000) / 10}%`;
}

export function targetText(unit: 'ratio' | 'bool', v: number): string {
  return unit === 'bool' ? '是' : `≥ ${Math.round(v * 1000) / 10}%`;
}

export const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
export const yearOptions = () => [thisYear() + 1, thisYear(), thisYear() - 1, thisYear() - 2].map((y) => ({ label: `${y} 年`, value: y }));
