// What the supervision pages share: the words and colours of a case's state and of each rung, who may
// act, money in yuan, and the reply deadline as 剩 N 天 / 已逾期 N 天.
import { Typography } from 'antd';
import { SUPERVISION_WRITE_ROLES, caseStateLabels, letterKindLabels, type CaseState, type LetterKind, type LetterView } from '../../../../contracts/supervision.ts';
import { formatDate } from '../../../shared/format.ts';
import type { StateTags } from '../../components/StateTag.tsx';
import type { useSession } from '../../session.tsx';

const stateColors: Record<CaseState, string> = {
  open: 'default',
  notice_issued: 'blue',
  replied: 'cyan',
  rectified: 'green',
  opinion_issued: 'orange',
  suggestion_issued: 'volcano',
  referred: 'magenta',
  closed: 'default',
};
export const caseStateTags: StateTags = Object.fromEntries(
  Object.entries(caseStateLabels).map(([k, label]) => [k, { label, color: stateColors[k as CaseState] }]),
);

export const stageLabel = (stage: LetterKind | null) => (stage ? letterKindLabels[stage] : '未发函');

/** Admins and clerks open cases and act on them. */
export function useSupervisionWriter(session: ReturnType<typeof useSession>): boolean {
  return SUPERVISION_WRITE_ROLES.some((r) => session.hasRole(r));
}

export function formatYuan(fen: number): string {
  return `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}

/** The reply deadline of a letter: the date, and the days left counted as the rule counts (red once past). */
export function ReplyDue({ letter }: { letter: Pick<LetterView, 'replyDueOn' | 'daysLeft' | 'overdue' | 'dayKind' | 'repliedOn'> }) {
  if (!letter.replyDueOn) return <Typography.Text type="secondary">送达后起算</Typography.Text>;
  const unit = letter.dayKind === 'working' ? '个工作日' : '天';
  return (
    <span data-testid="reply-due">
      {formatDate(letter.replyDueOn)}
      {letter.daysLeft !== null &&
        (letter.overdue ? (
          <Typography.Text type="danger" strong style={{ marginLeft: 8 }}>
            已逾期 {-letter.daysLeft} {unit}
          </Typography.Text>
        ) : (
          <Typography.Text style={{ marginLeft: 8 }}>
            剩 {letter.daysLeft} {unit}
          </Typography.Text>
        ))}
    </span>
  );
}
