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
