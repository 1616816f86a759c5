// One file sent as a multipart form (field `file`) to an upload route, with its progress: fetch cannot
// tell how much of a request has gone, so this uses XMLHttpRequest — the session cookie, the CSRF
// header (fetched again once when stale, as api.ts does), the Idempotency-Key the caller keeps for
// retries of the same file, and errors as ApiError with the server's Chinese message.
import type { IdempotentPaths, MultipartPaths, ResponseOf } from '../../contracts/api-routes.ts';
import { ApiError, currentCsrfToken, routeUrl, setCsrfToken, type Query } from './api.ts';

export interface UploadOptions {
  params?: Record<string, string | number>;
  /** the route's query (an import's target union, a dry run) */
  query?: Query;
  /** kept by the caller for the retries of one file: a retry after a lost answer is not a second file */
  idempotencyKey: string;
  /** 0–1 as the bytes go */
  onProgress?: (fraction: number) => void;
  /** text fields sent before the file (a form that is more than its file: a problem report's kind and words) */
  fields?: Record<string, string>;
}

function sendOnce<T>(url: string, file: File | null, opts: UploadOptions): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', opts.idempotencyKey);
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError('network_error', '网络连接失败，请检查网络后重试', 0));
    xhr.onload = () => {
      let body: { error?: unknown; message?: unknown } | undefined;
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      if (body && typeof body.error === 'string' && typeof body.message === 'string') return reject(new ApiError(body.error, body.message, xhr.status));
      reject(new ApiError('bad_response', `服务暂时不可用（${xhr.status}），请稍后重试`, xhr.status));
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(opts.fields ?? {})) form.append(name, value);
    if (file) form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Uploads `file` (with `opts.fields`; a form of fields only when null) to `route`; resolves with its answer or rejects with an ApiError. */
export async function uploadFile<P extends IdempotentPaths | MultipartPaths>(route: P, file: File | null, opts: UploadOptions): Promise<ResponseOf<'POST', P>> {
  const url = routeUrl(route, opts.params, opts.query);
  try {
    return await sendOnce<ResponseOf<'POST', P>>(url, file, opts);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'csrf_failed') throw err;
    // the token may be stale (another tab logged in again): fetch the current one and send once more
    const me = await fetch('/api/me', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!me.ok) throw err;
    setCsrfToken(((await me.json()) as { csrfToken?: string }).csrfToken);
    return sendOnce<ResponseOf<'POST', P>>(url, file, opts);
  }
}
