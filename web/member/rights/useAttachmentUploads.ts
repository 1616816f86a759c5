// Photos and documents of a request, uploaded one after another once the request exists: each with
// its progress, its own refusal in words, and 重试 (with the same Idempotency-Key, so a retry after a
// lost answer is not a second copy). Used by the ask form (after submit) and by a request's page.
import { useCallback, useRef, useState } from 'react';
import { TICKET_ATTACHMENT_MAX_BYTES, TICKET_ATTACHMENTS_MAX } from '../../../contracts/tickets.ts';
import { errorMessage, newIdempotencyKey } from '../../shared/api.ts';
import { uploadFile } from '../../shared/upload.ts';

export const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';
const TYPES = new Set(ACCEPT.split(','));

export interface PickedFile {
  id: string;
  file: File;
  key: string;
  state: 'waiting' | 'sending' | 'done' | 'failed';
  progress: number;
  problem?: string | undefined;
}

/** Why a picked file cannot be sent, before sending it; undefined when fine. */
export function fileProblem(f: File): string | undefined {
  if (!TYPES.has(f.type)) return '只能上传照片（JPG、PNG、WebP）或 PDF 文件';
  if (f.size > TICKET_ATTACHMENT_MAX_BYTES) return '文件超过 10 MB，请压缩后重新选择';
  if (f.size === 0) return '文件是空的，请重新选择';
  return undefined;
}

export function useAttachmentUploads(already = 0) {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const running = useRef(false);
  const room = TICKET_ATTACHMENTS_MAX - already - files.length;

  /** Adds what was picked (up to the room left); answers what was left out and why. */
  const add = useCallback(
    (picked: File[]): string | undefined => {
      const fine = picked.filter((f) => !fileProblem(f));
      const refused = picked.filter((f) => fileProblem(f)).map((f) => `${f.name}：${fileProblem(f)}`);
      const taken = fine.slice(0, Math.max(0, room));
      setFiles((list) => [...list, ...taken.map((file) => ({ id: newIdempotencyKey(), file, key: newIdempotencyKey(), state: 'waiting' as const, progress: 0 }))]);
      if (fine.length > taken.length) refused.push(`每件求助最多 ${TICKET_ATTACHMENTS_MAX} 个材料，另有 ${fine.length - taken.length} 个未加入`);
      return refused.length ? refused.join('；') : undefined;
    },
    [room],
  );

  const remove = useCallback((id: string) => setFiles((list) => list.filter((f) => f.id !== id)), []);
  const patch = (id: string, p: Partial<PickedFile>) => setFiles((list) => list.map((f) => (f.id === id ? { ...f, ...p } : f)));

  /** Sends every file not sent yet to the ticket, one after another; answers how many failed. */
  const send = useCallback(
    async (ticketId: number, only?: string): Promise<number> => {
      if (running.current) return 0;
      running.current = true;
      let failed = 0;
      try {
        const todo = files.filter((f) => (only ? f.id === only : f.state !== 'done'));
        for (const f of todo) {
          patch(f.id, { state: 'sending', progress: 0, problem: undefined });
          try {
            await uploadFile('/api/me/tickets/:id/attachments', f.file, {
              params: { id: ticketId },
              idempotencyKey: f.key,
              onProgress: (progress) => patch(f.id, { progress }),
            });
            patch(f.id, { state: 'done', progress: 1 });
          } catch (err) {
            failed++;
            patch(f.id, { state: 'failed', problem: errorMessage(err) });
          }
        }
      } finally {
        running.current = false;
      }
      return failed;
    },
    [files],
  );

  return { files, add, remove, send, room, clear: () => setFiles([]) };
}
