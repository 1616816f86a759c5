// Route-schema helpers: the error responses each route declares for the OpenAPI document.
import { errorBodySchema } from '../../contracts/common.ts';

type Status = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;

/** The error statuses a route may answer, each with the one error body. */
export function errorResponses(...statuses: Status[]): Record<number, typeof errorBodySchema> {
  const all = new Set<Status>([400, ...statuses]);
  return Object.fromEntries([...all].map((s) => [s, errorBodySchema]));
}

/** The statuses every route behind a staff login may answer. */
export const staffErrors = [400, 401, 403, 404] as const;
