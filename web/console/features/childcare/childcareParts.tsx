// What the childcare pages share: the tags of a programme's status and an enrolment's state, and who may write.
import { enrolmentStatusLabels, programmeStatusLabels, type EnrolmentStatus, type ProgrammeStatus } from '../../../../contracts/childcare.ts';
import type { StateTags } from '../../components/StateTag.tsx';

export const programmeStatusTags: StateTags = Object.fromEntries(
  (Object.entries(programmeStatusLabels) as [ProgrammeStatus, string][]).map(([k, label]) => [k, { label, color: { draft: 'default', published: 'processing', closed: 'default' }[k] }]),
);

export const enrolmentStatusTags: StateTags = Object.fromEntries(
  (Object.entries(enrolmentStatusLabels) as [EnrolmentStatus, string][]).map(([k, label]) => [
    k,
    { label, color: { pending: 'processing', enrolled: 'success', waitlisted: 'warning', not_drawn: 'default', cancelled: 'default' }[k] },
  ]),
);

export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
