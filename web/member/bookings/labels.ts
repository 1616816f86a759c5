// The colours of a booking's states on the member site (the words are the contract's).
import type { BookingState } from '../../../contracts/place-bookings.ts';

export const bookingTagColors: Record<BookingState, string> = { booked: 'primary', pending: 'warning', checkedIn: 'success', noShow: 'danger', cancelled: 'default', rejected: 'default' };
