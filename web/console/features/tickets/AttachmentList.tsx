// A ticket's documents and photos (材料) in the console: each with its name, size, who uploaded it and
// when (Beijing time), a download link, and a thumbnail for a photo (the same audited route, asked to
// answer inline); and, for the holding union's staff, 上传材料 (a photo or PDF, ≤ 10 MB, at most 9 per
// ticket) with its progress. Mounted by the ticket's detail page.
import { useState } from 'react';
import { Alert, Button, Image, List, Progress, Space, Typography } from 'antd';
import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { TICKET_ATTACHMENT_MAX_BYTES, TICKET_ATTACHMENTS_MAX, type TicketAttachment } from '../../../../contracts/tickets.ts';
import { apiUrl, errorMessage, newIdempotencyKey } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { uploadFile } from '../../../shared/upload.ts';

const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export interface AttachmentListProps {
  ticketId: number;
  attachments: TicketAttachment[];
  /** the holding union's staff may add files (TicketDetail.canAct) */
  canUpload?: boolean;
  /** after a file was added: reload the ticket */
  onUploaded?: () => void;
}

export function AttachmentList({ ticketId, attachments, canUpload = false, onUploaded }: AttachmentListProps) {
  const [progress, setProgress] = useState<{ name: string; percent: number }>();
  const [problem, setProblem] = useState<string>();
  const room = TICKET_ATTACHMENTS_MAX - attachments.length;

  async function upload(file: File | undefined) {
    if (!file) return;
    setProblem(undefined);
    if (file.size > TICKET_ATTACHMENT_MAX_BYTES) return setProblem('文件超过 10 MB，请压缩后重新上传');
    setProgress({ name: file.name, percent: 0 });
    try {
      await uploadFile('/api/tickets/:id/attachments', file, {
        params: { id: ticketId },
        idempotencyKey: newIdempotencyKey(),
        onProgress: (f) => setProgress({ name: file.name, percent: Math.round(f * 100) }),
      });
      onUploaded?.();
    } catch (err) {
      setProblem(`${file.name}：${errorMessage(err)}`);
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <section aria-label="材料" data-testid="ticket-attachments">
      <List
        size="small"
        locale={{ emptyText: '没有材料' }}
        dataSource={attachments}
        renderItem={(a) => {
          const url = apiUrl('/api/ticket-attachments/:id', { params: { id: a.id } });
          return (
            <List.Item
              key={a.id}
              data-testid="ticket-attachment"
              actions={[
                <a key="download" href={url} download={a.fileName} aria-label={`下载${a.fileName}`}>
                  下载
                </a>,
              ]}
            >
              <List.Item.Meta
                avatar={
                  a.kind === 'photo' ? (
                    <Image width={56} height={56} style={{ objectFit: 'cover' }} src={apiUrl('/api/ticket-attachments/:id', { params: { id: a.id }, query: { inline: '1' } })} alt={a.fileName} />
                  ) : (
                    <FilePdfOutlined style={{ fontSize: 40, color: '#a8071a' }} aria-hidden />
                  )
                }
                title={a.fileName}
                description={`${sizeOf(a.size)} · ${a.uploadedBy === 'worker' ? '职工上传' : '工会上传'} · ${formatDateTime(a.uploadedAt)}`}
              />
            </List.Item>
          );
        }}
      />
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 8 }} />}
      {canUpload && room > 0 && (
        <Space direction="vertical" style={{ marginTop: 8, width: '100%' }}>
          {progress ? (
            <Progress percent={progress.percent} size="small" aria-label={`${progress.name}上传进度`} />
          ) : (
            <Button icon={<UploadOutlined />} onClick={() => document.getElementById(`ticket-${ticketId}-file`)?.click()}>
              上传材料
            </Button>
          )}
          <input
            id={`ticket-${ticketId}-file`}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label="上传材料"
            onChange={(e) => {
              void upload(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <Typography.Text type="secondary">照片或 PDF，每个不超过 10 MB；还可上传 {room} 个</Typography.Text>
        </Space>
      )}
    </section>
  );
}
