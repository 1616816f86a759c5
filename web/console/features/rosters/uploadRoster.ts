// Uploads a roster as multipart/form-data with XMLHttpRequest, which (unlike fetch) reports upload
// progress; answers and errors take the same shapes as the shared API client's.
import type { RosterJob } from '../../../../contracts/rosters.ts';
import { ApiError } from '../../../shared/api.ts';

export interface UploadHandle {
  done: Promise<RosterJob>;
  abort(): void;
}

export function uploadRoster(orgId: number, file: File, csrfToken: string | undefined, onProgress: (percent: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<RosterJob>((resolve, reject) => {
    xhr.open('POST', '/api/rosters');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((100 * e.loaded) / e.total));
    };
    xhr.onload = () => {
      let body: { error?: unknown; message?: unknown } | undefined;
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = undefined;
      }
      if (xhr.status === 202 && body) return resolve(body as unknown as RosterJob);
      if (body && typeof body.error === 'string' && typeof body.message === 'string') {
        return reject(new ApiError(body.error, body.message, xhr.status));
      }
      reject(new ApiError('bad_response', `服务暂时不可用（${xhr.status}），请稍后重试`, xhr.status));
    };
    xhr.onerror = () => reject(new ApiError('network_error', '网络连接失败，请检查网络后重试', 0));
    xhr.onabort = () => reject(new ApiError('aborted', '已取消上传', 0));
    const form = new FormData();
    form.append('orgId', String(orgId)); // before the file: the server reads the form in order
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

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
 * Downloads a file from a GET route (the session cookie goes along) and saves it under the name
 * the server gives; an error answer becomes an ApiError with the server's Chinese message.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
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
