// 证明材料 of one record (a fact of the enterprise file; assessments and founding steps use it too): the
// files already there — photos as thumbnails, PDFs as links, each opened through the audited download —
// and, for those who may, 上传材料 (one photo or PDF at a time, ≤ 10 MB, at most 9). The server judges
// the type by the bytes and says why it refuses.
import { useState } from 'react';
import { App, Button, Image, Space, Typography, Upload } from 'antd';
import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import type { EvidenceSummary } from '../../../contracts/enterprise-facts.ts';
import { apiUrl, errorMessage, newIdempotencyKey } from '../../shared/api.ts';
import { uploadFile } from '../../shared/upload.ts';

export interface EvidenceUploadProps {
  owner: { factId: number } | { assessmentId: number } | { stepId: number };
  items: EvidenceSummary[];
  canUpload: boolean;
  onUploaded: (e: EvidenceSummary) => void;
}

const MAX = 9;
const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function EvidenceUpload({ owner, items, canUpload, onUploaded }: EvidenceUploadProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const url = (e: EvidenceSummary, inline: boolean) => apiUrl('/api/file-evidence/:id', { params: { id: e.id }, query: inline ? { inline: '1' } : {} });

  async function send(file: File) {
    setBusy(true);
    try {
      // one key per chosen file: the server stores a file once per key (a resend of the same request answers the first)
      const answer = await uploadFile('/api/file-evidence', file, { query: owner, idempotencyKey: newIdempotencyKey() });
      message.success(`已上传：${answer.fileName}`);
      onUploaded(answer);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space wrap size={8} className="evidence-upload" data-testid="evidence">
      {items.map((e) =>
        e.mime === 'application/pdf' ? (
          <Typography.Link key={e.id} href={url(e, false)} target="_blank" rel="noopener">
            <FilePdfOutlined /> {e.fileName}（{sizeText(e.size)}）
          </Typography.Link>
        ) : (
          <Image key={e.id} width={56} height={56} style={{ objectFit: 'cover' }} src={url(e, true)} alt={`证明材料：${e.fileName}`} />
        ),
      )}
      {canUpload && items.length < MAX && (
        <Upload accept="image/jpeg,image/png,image/webp,application/pdf" showUploadList={false} beforeUpload={(f) => { void send(f); return false; }}>
          <Button size="small" icon={<UploadOutlined />} loading={busy}>上传材料</Button>
        </Upload>
      )}
      {canUpload && items.length >= MAX && <Typography.Text type="secondary">已上传 {MAX} 份（上限）</Typography.Text>}
    </Space>
  );
}
