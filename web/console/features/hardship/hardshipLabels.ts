// Words and colours of hardship files in the console.
import type { HardshipStatus } from '../../../../contracts/hardship.ts';

export const statusColors: Record<HardshipStatus, string> = {
  filed: 'orange',
  in_relief: 'blue',
  exited: 'green',
  followed_up: 'cyan',
};

/** 123456 fen → "1,234.56" */
export function formatYuan(fen: number): string {
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatPercent(x: number | null): string {
  return x === null ? '—' : `${(x * 100).toFixed(1)}%`;
}

export const DETAIL_ROLES_NOTE = '致困原因、家庭成员、收入、解困计划和走访记录仅单位管理员和审核员可查看，每次查看都记入审计日志。';
