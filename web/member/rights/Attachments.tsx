// A request's photos and documents on the phone: the files picked (each with its size, its progress
// while it goes, its refusal in words, 移除 before sending and 重试 after a failure), the button that
// picks them (camera or files, several at once), and the ones already kept, each a download link.
import { ProgressBar } from 'antd-mobile';
import { CheckCircleFill, CloseCircleFill, FileOutline, PictureOutline } from 'antd-mobile-icons';
import type { TicketAttachment } from '../../../contracts/tickets.ts';
import { apiUrl } from '../../shared/api.ts';
import { ACCEPT, type PickedFile } from './useAttachmentUploads.ts';
import { sizeOf } from './labels.ts';
import { PickFileButton } from '../components/PickFileButton.tsx';
import { when } from '../components/when.ts';

/** The picking button (camera or files; several at once), or the word that no more fit. */
export function PickFilesButton({ room, onPick }: { room: number; onPick: (files: File[]) => void }) {
  if (room <= 0) return <div className="r-files-full">已达 9 个材料的上限</div>;
  return <PickFileButton label="添加照片或文件" hint={`还可添加 ${room} 个；照片或 PDF，每个不超过 10 MB`} accept={ACCEPT} multiple onPick={onPick} />;
}

const stateText = (f: PickedFile) =>
  f.state === 'waiting' ? '待上传' : f.state === 'sending' ? `上传中 ${Math.round(f.progress * 100)}%` : f.state === 'done' ? '已上传' : '上传失败';

/** The files picked, with what became of each. */
export function PickedFiles({ files, onRemove, onRetry }: { files: PickedFile[]; onRemove?: ((id: string) => void) | undefined; onRetry?: ((id: string) => void) | undefined }) {
  if (!files.length) return null;
  return (
    <ul className="r-files" aria-label="选择的材料">
      {files.map((f) => (
        <li key={f.id} className="r-file" data-testid="picked-file" data-state={f.state}>
          <span className="r-file-icon" aria-hidden>
            {f.state === 'done' ? <CheckCircleFill className="r-ok" /> : f.state === 'failed' ? <CloseCircleFill className="r-bad" /> : f.file.type.startsWith('image/') ? <PictureOutline /> : <FileOutline />}
          </span>
          <span className="r-file-main">
            <span className="r-file-name">{f.file.name}</span>
            <span className="r-file-sub">
              {sizeOf(f.file.size)} · {stateText(f)}
            </span>
            {f.state === 'sending' && <ProgressBar percent={Math.round(f.progress * 100)} aria-label={`${f.file.name}上传进度`} />}
            {f.problem && (
              <span className="r-file-problem" role="alert">
                {f.problem}
              </span>
            )}
          </span>
          {f.state === 'waiting' && onRemove && (
            <button type="button" className="r-file-action" onClick={() => onRemove(f.id)} aria-label={`移除${f.file.name}`}>
              移除
            </button>
          )}
          {f.state === 'failed' && onRetry && (
            <button type="button" className="r-file-action" onClick={() => onRetry(f.id)} data-testid="retry-upload">
              重试
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What is kept on the request: each a download link (the worker's own files only). */
export function KeptFiles({ attachments }: { attachments: TicketAttachment[] }) {
  if (!attachments.length) return <div className="r-muted">还没有材料</div>;
  return (
    <ul className="r-files" aria-label="已上传的材料">
      {attachments.map((a) => (
        <li key={a.id} className="r-file" data-testid="kept-file">
          <span className="r-file-icon" aria-hidden>
            {a.kind === 'photo' ? <PictureOutline /> : <FileOutline />}
          </span>
          <span className="r-file-main">
            <a className="r-file-name" href={apiUrl('/api/me/ticket-attachments/:id', { params: { id: a.id } })} download={a.fileName}>
              {a.fileName}
            </a>
            <span className="r-file-sub">
              {sizeOf(a.size)} · {a.uploadedBy === 'staff' ? '工会上传' : '我上传'} · {when(a.uploadedAt)}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
