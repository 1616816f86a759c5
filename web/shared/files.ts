// A document for a campaign application, as the API takes it: the file's base64 (PNG, JPEG, WebP
// or PDF, at most 4 MB each, 8 MB for all of a request). Photos taken on a phone can be larger, so an
// image over its share is redrawn smaller as JPEG in the browser before it is sent; a PDF cannot
// be, and one too large is refused here with the reason. Used by the phone and the console (代为申请),
// so it lives in web/shared.
import { DOCUMENT_MAX_BYTES, DOCUMENTS_REQUEST_MAX_BYTES, type DocumentUpload } from '../../contracts/campaigns.ts';

/** All files of one request together, as the server counts them (decoded). */
export const REQUEST_FILES_MAX_BYTES = DOCUMENTS_REQUEST_MAX_BYTES;

export interface PickedDocument {
  key: string;
  fileName: string;
  bytes: number;
  contentBase64: string;
  /** a data URL to preview an image */
  previewUrl: string | null;
}

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'];
export const ACCEPT_ATTRIBUTE = 'image/*,application/pdf';

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(new Error('读取文件失败，请重新选择'));
    r.readAsDataURL(blob);
  });
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('无法读取这张图片，请换一张 JPG 或 PNG 照片'));
    img.src = url;
  });
}

/** Redraws an image as JPEG, smaller step by step, until it fits in `maxBytes`. */
async function shrinkImage(file: File, maxBytes: number): Promise<Blob> {
  const img = await loadImage(await readAsDataUrl(file));
  let side = Math.min(2000, Math.max(img.naturalWidth, img.naturalHeight));
  for (let round = 0; round < 8; round++) {
    const scale = Math.min(1, side / Math.max(img.naturalWidth, img.naturalHeight));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const g = canvas.getContext('2d');
    if (!g) break;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', round < 4 ? 0.82 : 0.7));
    if (blob && blob.size <= maxBytes) return blob;
    side = Math.round(side * 0.75);
  }
  throw new Error('照片太大，压缩后仍超过限制，请拍得近一些或裁剪后再选');
}

/**
 * Reads a picked file for the document `key`, at most `maxBytes` (an image is shrunk to fit).
 * Throws an Error with a Chinese message a member can act on.
 */
export async function pickDocument(file: File, key: string, maxBytes: number = DOCUMENT_MAX_BYTES): Promise<PickedDocument> {
  const limit = Math.min(maxBytes, DOCUMENT_MAX_BYTES);
  const isImage = file.type.startsWith('image/');
  if (!isImage && file.type !== 'application/pdf') throw new Error('请选择照片（JPG、PNG）或 PDF 文件');
  let blob: Blob = file;
  let fileName = file.name;
  if (isImage && (file.size > limit || !ACCEPTED.includes(file.type))) {
    blob = await shrinkImage(file, limit);
    fileName = `${file.name.replace(/\.[^.]*$/, '') || '照片'}.jpg`;
  } else if (!isImage && file.size > limit) {
    throw new Error(`PDF 文件 ${sizeText(file.size)}，超过 ${sizeText(limit)}；请改为拍照上传，或压缩后再选`);
  }
  const url = await readAsDataUrl(blob);
  return {
    key,
    fileName: fileName.slice(0, 100),
    bytes: blob.size,
    contentBase64: url.slice(url.indexOf(',') + 1),
    previewUrl: isImage ? url : null,
  };
}

/** 850 KB, 3.2 MB: a size as a member reads it. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The share of one file when `count` documents go in one request. */
export function shareOf(count: number): number {
  return Math.max(120 * 1024, Math.min(DOCUMENT_MAX_BYTES, Math.floor(REQUEST_FILES_MAX_BYTES / Math.max(1, count))));
}

export function toUpload(d: PickedDocument): DocumentUpload {
  return { key: d.key, fileName: d.fileName, contentBase64: d.contentBase64 };
}

/** 523 KB, 1.2 MB */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
