// How the console says a place problem's state and deadline.
import type { StateTags } from '../../components/StateTag.tsx';
import { formatDay } from '../../../shared/format.ts';

export const problemStateTags: StateTags = {
  open: { label: '待处理', color: 'orange' },
  resolved: { label: '已解决', color: 'green' },
};

/** A deadline is the midnight that ends its last working day: "12月09日前" names that day. */
export function dueText(dueAt: string): string {
  return `${formatDay(new Date(new Date(dueAt).getTime() - 1000).toISOString())} 前`;
}
