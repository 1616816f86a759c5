// A step on a ticket (受理, 转办, 办结, 回访, 质检 …) with its Idempotency-Key: the key is made for the
// first attempt of one request and kept until the server gives a definite answer, so a retry after a
// network failure is answered with the first result (web/shared/useIdempotentPost.ts, for the many
// step routes of one ticket at once).
import { useCallback, useRef } from 'react';
import type { TicketDetail } from '../../../../contracts/tickets.ts';
import { ApiError, newIdempotencyKey, request, routeUrl } from '../../../shared/api.ts';

export type StepPath =
  | '/api/tickets/:id/accept'
  | '/api/tickets/:id/assign'
  | '/api/tickets/:id/return'
  | '/api/tickets/:id/pause'
  | '/api/tickets/:id/resume'
  | '/api/tickets/:id/extension'
  | '/api/tickets/:id/extension/decide'
  | '/api/tickets/:id/close'
  | '/api/tickets/:id/callback'
  | '/api/tickets/:id/quality';

export function useStepPost(id: number) {
  const attempt = useRef<{ key: string; request: string } | undefined>(undefined);
  return useCallback(
    async (path: StepPath, body: object): Promise<TicketDetail> => {
      const url = routeUrl(path, { id });
      const req = `${url}\n${JSON.stringify(body)}`;
      if (!attempt.current || attempt.current.request !== req) attempt.current = { key: newIdempotencyKey(), request: req };
      try {
        const answer = await request<TicketDetail>('POST', url, { body, headers: { 'idempotency-key': attempt.current.key } });
        attempt.current = undefined;
        return answer;
      } catch (err) {
        // a refusal is definite: the next try is a new request; otherwise the same key goes again
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) attempt.current = undefined;
        throw err;
      }
    },
    [id],
  );
}
