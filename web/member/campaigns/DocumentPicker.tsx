// One required document of an application on the phone: take a photo or pick a file (a photo is
// shrunk to fit before it is sent), with a thumbnail, the size, and 重新选择.
import { useId, useState } from 'react';
import { DotLoading } from 'antd-mobile';
import { CameraOutline, CheckCircleFill, FileOutline } from 'antd-mobile-icons';
import { ACCEPT_ATTRIBUTE, formatBytes, pickDocument, type PickedDocument } from '../../shared/files.ts';

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
          {value ? <CheckCircleFill className="c-doc-ok" /> : <FileOutline />} {label}
        </div>
        <div className="c-doc-hint">{value ? `${value.fileName}（${formatBytes(value.bytes)}）` : (hint ?? '拍照或选择文件（照片、PDF）')}</div>
      </div>
      {value?.previewUrl && <img className="c-doc-thumb" src={value.previewUrl} alt={`${label}预览`} />}
      <label className="c-doc-button" htmlFor={id}>
        {reading ? <DotLoading /> : <CameraOutline />} {value ? '重选' : hint ? '重新上传' : '上传'}
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
