// The words and colours of childcare on the phone: a programme's kind, an enrolment's state, the ages.
import type { EnrolmentStatus } from '../../../contracts/childcare.ts';

export { enrolmentStatusLabels, programmeKindLabels } from '../../../contracts/childcare.ts';

export const enrolmentTagColors: Record<EnrolmentStatus, 'default' | 'primary' | 'success' | 'warning' | 'danger'> = {
  pending: 'primary',
  enrolled: 'success',
  waitlisted: 'warning',
  not_drawn: 'default',
  cancelled: 'default',
};

export function agesText(p: { ageMin: number; ageMax: number }): string {
  return `${p.ageMin}–${p.ageMax} 岁`;
}
