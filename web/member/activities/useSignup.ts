// One sign-up attempt with its Idempotency-Key: the shared idempotent write (web/shared) aimed at an
// activity's sign-ups. The key is made when the member taps 报名 and kept until the server gives a
// definite answer (success or a refusal); a retry after a network failure or a 5xx sends the same key
// with the same body, so the server answers the first result instead of signing up twice. Changing
// what is asked (seats, child's age) starts a new attempt.
import { useCallback } from 'react';
import type { SignupAnswer, SignupInput } from '../../../contracts/activities.ts';
import { useIdempotentPost, type PostOutcome } from '../../shared/useIdempotentPost.ts';
import { confirmWrite } from '../components/confirmWrite.ts';
import { api } from '../../shared/api.ts';

export type SignupOutcome = PostOutcome<SignupAnswer>;

export function useSignup(activityId: number) {
  const { post, busy, hasPendingAttempt } = useIdempotentPost('/api/activities/:id/signups');
  const signUp = useCallback((input: SignupInput): Promise<SignupOutcome> => post({ params: { id: activityId }, body: input }), [post, activityId]);
  return { signUp, busy, hasPendingAttempt };
}

/** Asks, then cancels my sign-up (取消报名); `content` says what it costs. */
export function cancelSignup(signupId: number, content: string) {
  return confirmWrite({ title: '取消报名？', content, confirmText: '确认取消', write: () => api.post('/api/me/signups/:id/cancel', { params: { id: signupId } }), done: '已取消报名' });
}
