// The one HTTP client of both web apps: JSON in and out, the session cookie, the CSRF header on
// every write, and every failure turned into an ApiError carrying the server's code and Chinese message. Calls are typed
// from the route map in contracts/api-routes.ts (see its header for how to call).
import type { BodyOf, HttpMethod, JsonPathsOf, ParamsOf, PathsOf, QueryOf, ResponseOf } from '../../contracts/api-routes.ts';

export class ApiError extends Error {
  /** The server's stable error code, or network_error / bad_response when the server did not answer one. */
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/** Codes that mean the session is gone: the app sends the user to its login page. */
export const sessionLostCodes: ReadonlySet<string> = new Set(['not_logged_in', 'session_expired']);

let csrfToken: string | undefined;
let onSessionLost: ((err: ApiError) => void) | undefined;

/** Remembers the token that writes must carry (from the login answer or GET /api/me). */
/** The session's CSRF token, for a request sent outside this client (an upload with progress: shared/upload.ts). */
export function currentCsrfToken(): string | undefined {
  return csrfToken;
}

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called once for every request that answers 401 not_logged_in / session_expired. */
export function setSessionLostHandler(handler: ((err: ApiError) => void) | undefined): void {
  onSessionLost = handler;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query | undefined;
  body?: unknown;
  /** Do not call the session-lost handler (the login and "who am I" requests handle 401 themselves). */
  quietOnSessionLost?: boolean;
  signal?: AbortSignal | undefined;
  /** Extra request headers (e.g. a sign-up's Idempotency-Key); sent again on the CSRF retry. */
  headers?: Record<string, string> | undefined;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers, accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('network_error', '网络连接失败，请检查网络后重试', 0);
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string' && typeof body.message === 'string') {
      return new ApiError(body.error, body.message, res.status);
    }
  } catch {
    // not JSON: a proxy or gateway answered
  }
  return new ApiError('bad_response', `服务暂时不可用（${res.status}），请稍后重试`, res.status);
}

/** Sends one request; resolves with the parsed JSON answer or rejects with an ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 403 && method !== 'GET') {
    const err = await toApiError(res);
    if (err.code !== 'csrf_failed') throw err;
    // The token may be stale (another tab logged in again): fetch the current one and retry once.
    const me = await send('GET', '/api/me', {});
    if (!me.ok) throw err;
    setCsrfToken(((await me.json()) as { csrfToken?: string }).csrfToken);
    res = await send(method, path, opts);
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (sessionLostCodes.has(err.code) && !opts.quietOnSessionLost) onSessionLost?.(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

type Json<M extends HttpMethod> = JsonPathsOf<M>;
type Send = Pick<RequestOptions, 'quietOnSessionLost' | 'signal' | 'headers'>;
/** The second argument of a typed call: params when the path has any, query, body, and sending options. */
export type CallOptions<M extends HttpMethod, P extends string> = Send &
  (ParamsOf<M, P> extends undefined ? { params?: undefined } : { params: ParamsOf<M, P> }) &
  (QueryOf<M, P> extends undefined ? { query?: undefined } : { query?: QueryOf<M, P> | undefined }) &
  (BodyOf<M, P> extends undefined ? { body?: undefined } : { body: BodyOf<M, P> });
/** The options may be left out only when nothing in them is required. */
type Rest<M extends HttpMethod, P extends string> = ParamsOf<M, P> extends undefined
  ? BodyOf<M, P> extends undefined
    ? [opts?: CallOptions<M, P>]
    : [opts: CallOptions<M, P>]
  : [opts: CallOptions<M, P>];

/** A route's path with its :params filled in (each encoded) and its query appended. */
export function routeUrl(path: string, params?: Record<string, string | number>, query?: Query): string {
  const filled = path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
  return withQuery(filled, query);
}

/** The URL of a GET route, for a link, an image or downloadFile(): apiUrl('/api/activities/:id/cover', { params: { id } }). */
export function apiUrl<P extends PathsOf<'GET'>>(path: P, ...[opts]: Rest<'GET', P>): string {
  const o = opts as { params?: Record<string, string | number>; query?: Query } | undefined;
  return routeUrl(path, o?.params, o?.query);
}

function call<M extends HttpMethod, P extends string>(method: M, path: P, opts: CallOptions<M, P> | undefined): Promise<ResponseOf<M, P>> {
  const o = (opts ?? {}) as { params?: Record<string, string | number>; query?: Query; body?: unknown } & Send;
  const { params, query, body, ...send } = o;
  return request<ResponseOf<M, P>>(method, routeUrl(path, params), {
    ...send,
    query,
    ...(method === 'GET' ? {} : { body: body ?? {} }),
  });
}

/**
 * The client, typed from contracts/api-routes.ts: the path picks the route, whose params, query, body
 * and answer are then typed — `api.get('/api/activities/:id', { params: { id } })`.
 */
export const api = {
  get: <P extends Json<'GET'>>(path: P, ...[opts]: Rest<'GET', P>) => call('GET', path, opts),
  post: <P extends Json<'POST'>>(path: P, ...[opts]: Rest<'POST', P>) => call('POST', path, opts),
  patch: <P extends Json<'PATCH'>>(path: P, ...[opts]: Rest<'PATCH', P>) => call('PATCH', path, opts),
  put: <P extends Json<'PUT'>>(path: P, ...[opts]: Rest<'PUT', P>) => call('PUT', path, opts),
  delete: <P extends Json<'DELETE'>>(path: P, ...[opts]: Rest<'DELETE', P>) => call('DELETE', path, opts),
};

/**
 * A fresh random key for one attempt of a request that must not be done twice (a sign-up's
 * Idempotency-Key). crypto.randomUUID exists only in secure contexts (HTTPS, localhost); a phone
 * on the demo over plain HTTP gets the same 122 random bits from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}

export interface Page<T> {
  items: T[];
  total: number;
}
