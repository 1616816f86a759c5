// One sign-up attempt with its Idempotency-Key. The key is made when the member taps 报名 and kept
// until the server gives a definite answer (success or a refusal); a retry after a network failure
// or a 5xx sends the same key with the same body, so the server answers the first result instead of
// signing up twice. Changing what is asked (seats, child's age) starts a new attempt.
import { useCallback, useRef, useState } from 'react';
import type { SignupAnswer, SignupInput } from '../../../contracts/activities.ts';
import { api, ApiError, errorMessage, newIdempotencyKey } from '../../shared/api.ts';

export type SignupOutcome =
  | { kind: 'done'; answer: SignupAnswer }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unsure'; message: string };

export function useSignup(activityId: number) {
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const signUp = useCallback(
    async (input: SignupInput): Promise<SignupOutcome> => {
      const body = JSON.stringify(input);
      if (!attempt.current || attempt.current.body !== body) attempt.current = { key: newIdempotencyKey(), body };
      const { key } = attempt.current;
      setBusy(true);
      try {
        const answer = await api.post<SignupAnswer>(`/api/activities/${activityId}/signups`, input, { headers: { 'idempotency-key': key } });
        attempt.current = undefined;
        return { kind: 'done', answer };
      } catch (err) {
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
          attempt.current = undefined;
          return { kind: 'refused', code: err.code, message: err.message };
        }
        // no answer, or the server failed: the sign-up may or may not have been taken
        return { kind: 'unsure', message: errorMessage(err) };
      } finally {
        setBusy(false);
      }
    },
    [activityId],
  );

  return { signUp, busy, hasPendingAttempt: () => attempt.current !== undefined };
}
