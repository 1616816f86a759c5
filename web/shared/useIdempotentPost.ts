// One write that must not be done twice (points issued, redeemed, reversed), with its
// Idempotency-Key: the key is made for the first attempt and kept until the server gives a definite
// answer (success or a 4xx refusal); a retry after a network failure or a 5xx sends the same key with
// the same body, so the server answers the first result. Asking for something else starts a new attempt.
import { useCallback, useRef, useState } from 'react';
import type { IdempotentPaths, ResponseOf } from '../../contracts/api-routes.ts';
import { ApiError, errorMessage, newIdempotencyKey, request as sendRequest, routeUrl, type CallOptions } from './api.ts';

export type PostOutcome<T> =
  | { kind: 'done'; answer: T }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unsure'; message: string };

/** The hook is aimed at one route; post({ params, body }) answers that route's response. */
export function useIdempotentPost<P extends IdempotentPaths>(
  route: P,
): { post: (opts: CallOptions<'POST', P>) => Promise<PostOutcome<ResponseOf<'POST', P>>>; busy: boolean; hasPendingAttempt: () => boolean } {
  const attempt = useRef<{ key: string; request: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const post = useCallback(async (opts: CallOptions<'POST', P>): Promise<PostOutcome<ResponseOf<'POST', P>>> => {
    const { params, body } = opts as { params?: Record<string, string | number>; body?: unknown };
    const path = routeUrl(route, params);
    const request = `${path}\n${JSON.stringify(body)}`;
    if (!attempt.current || attempt.current.request !== request) attempt.current = { key: newIdempotencyKey(), request };
    const { key } = attempt.current;
    setBusy(true);
    try {
      const answer = await sendRequest<ResponseOf<'POST', P>>('POST', path, { body: body ?? {}, headers: { 'idempotency-key': key } });
      attempt.current = undefined;
      return { kind: 'done', answer };
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
        attempt.current = undefined;
        return { kind: 'refused', code: err.code, message: err.message };
      }
      // no answer, or the server failed: the write may or may not have been done
      return { kind: 'unsure', message: errorMessage(err) };
    } finally {
      setBusy(false);
    }
  }, [route]);

  return { post, busy, hasPendingAttempt: () => attempt.current !== undefined };
}
