// One required document of an application on the phone: take a photo or pick a file (a photo is
// shrunk to fit before it is sent), with a thumbnail, the size, and 重新选择.
import { useId, useState } from 'react';
import { DotLoading, TextArea } from 'antd-mobile';
import { CameraOutline, CheckCircleFill, FileOutline } from 'antd-mobile-icons';
import { ACCEPT_ATTRIBUTE, formatBytes, pickDocument, shareOf, type PickedDocument } from '../../shared/files.ts';

interface Props {
  label: string;
  docKey: string;
  maxBytes: number;
  value: PickedDocument | undefined;
  onChange: (d: PickedDocument) => void;
  onProblem: (message: string | undefined) => void;
  /** shown under the label, e.g. 已上传：录取通知书.jpg (for a resubmission) */
  hint?: string | undefined;
}

export function DocumentPicker({ label, docKey, maxBytes, value, onChange, onProblem, hint }: Props) {
  const id = useId();
  const [reading, setReading] = useState(false);
  async function pick(file: File | undefined) {
    if (!file) return;
    onProblem(undefined);
    setReading(true);
    try {
      onChange(await pickDocument(file, docKey, maxBytes));
    } catch (err) {
      onProblem(`${label}：${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setReading(false);
    }
  }
  return (
    <div className="c-doc" data-testid="document-picker" data-key={docKey}>
      <div className="c-doc-main">
        <div className="c-doc-label">
          {value ? <CheckCircleFill className="c-doc-ok" aria-hidden /> : <FileOutline aria-hidden />} {label}
        </div>
        <div className="c-doc-hint">{value ? `${value.fileName}（${formatBytes(value.bytes)}）` : (hint ?? '拍照或选择文件（照片、PDF）')}</div>
      </div>
      {value?.previewUrl && <img className="c-doc-thumb" src={value.previewUrl} alt={`${label}预览`} />}
      <label className="c-doc-button" htmlFor={id}>
        {reading ? <DotLoading /> : <CameraOutline aria-hidden />} {value ? '重选' : hint ? '重新上传' : '上传'}
      </label>
      <input
        id={id}
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        className="c-doc-input"
        aria-label={`上传${label}`}
        onChange={(e) => {
          void pick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </div>
  );
}

export interface ApplicationFieldsProps {
  /** the statement's id, label and placeholder */
  id: string;
  label: string;
  placeholder: string;
  rows: number;
  showCount?: boolean;
  statement: string;
  onStatement: (v: string) => void;
  /** one picker each, sharing the request's 8 MB */
  documents: { key: string; label: string; fileName?: string | null }[];
  docs: Record<string, PickedDocument>;
  onDocs: (next: (m: Record<string, PickedDocument>) => Record<string, PickedDocument>) => void;
  /** for a resubmission: what was uploaded, under each label */
  hintOf?: (d: { key: string; label: string; fileName?: string | null }) => string;
  onProblem: (message: string | undefined) => void;
}

/** An application's statement and its documents (申请, 重新提交). */
export function ApplicationFields(p: ApplicationFieldsProps) {
  return (
    <>
      <label className="c-field-label" htmlFor={p.id}>
        {p.label}
      </label>
      <TextArea id={p.id} placeholder={p.placeholder} value={p.statement} onChange={p.onStatement} rows={p.rows} maxLength={2000} showCount={p.showCount} />
      {p.documents.map((d) => (
        <DocumentPicker
          key={d.key}
          label={d.label}
          docKey={d.key}
          maxBytes={shareOf(p.documents.length)}
          value={p.docs[d.key]}
          hint={p.hintOf?.(d)}
          onChange={(v) => p.onDocs((m) => ({ ...m, [d.key]: v }))}
          onProblem={p.onProblem}
        />
      ))}
    </>
  );
}
