// Saving a file a route answers (an Excel export, a payment file; or a file posted back with its
// errors marked): the session cookie goes along, the name is the server's, and an error answer
// becomes an ApiError with the server's Chinese message.
import { ApiError, currentCsrfToken } from './api.ts';

function fileNameOf(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads a file from a GET route (the session cookie goes along) — or, given a form, from a POST
 * route that answers a file (the CSRF header sent) — and saves it under the name the server gives;
 * an error answer becomes an ApiError with the server's Chinese message.
 */
export async function downloadFile(url: string, fallbackName: string, post?: { form: FormData }): Promise<void> {
  let res: Response;
  try {
    const csrf = currentCsrfToken();
    res = await fetch(
      url,
      post ? { method: 'POST', credentials: 'same-origin', body: post.form, headers: csrf ? { 'x-csrf-token': csrf } : {} } : { credentials: 'same-origin' },
    );
  } catch {
    throw new ApiError('network_error', '网络连接失败，请检查网络后重试', 0);
  }
  if (!res.ok) {
    let body: { error?: unknown; message?: unknown } = {};
    try {
      body = (await res.json()) as typeof body;
    } catch {
      // not JSON
    }
    throw new ApiError(typeof body.error === 'string' ? body.error : 'bad_response', typeof body.message === 'string' ? body.message : `下载失败（${res.status}）`, res.status);
  }
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileNameOf(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
