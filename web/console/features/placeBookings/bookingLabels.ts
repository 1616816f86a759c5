// The words and colours of a booking's states and of a slot, as the console shows them.
import { bookingStateLabels, type BookingState } from '../../../../contracts/place-bookings.ts';
import type { StateTags } from '../../components/StateTag.tsx';

const colours: Record<BookingState, string> = { booked: 'blue', pending: 'gold', checkedIn: 'green', noShow: 'red', cancelled: 'default', rejected: 'default' };
export const bookingStateTags: StateTags = Object.fromEntries(Object.entries(bookingStateLabels).map(([k, label]) => [k, { label, color: colours[k as BookingState] }]));

/** 45%: a share as people read it, or a dash when there is nothing to divide by. */
export const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
