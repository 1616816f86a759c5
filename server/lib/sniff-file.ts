// An uploaded evidence file's type, judged by its bytes (never its name or declared type): the
// images sniff-image.ts knows, and PDF. Also the file name made safe to store and to send back.
import { sniffImage } from './sniff-image.ts';

export type SniffedFile = 'image/png' | 'image/jpeg' | 'image/webp' | 'application/pdf';

/** JPEG, PNG, WebP or PDF by their magic bytes, or null for anything else. */
export function sniffFile(b: Buffer): SniffedFile | null {
  const image = sniffImage(b);
  if (image) return image;
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export const extensionOf: Record<SniffedFile, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp', 'application/pdf': '.pdf' };

/**
 * A file name safe to keep and to put in a Content-Disposition: the last path segment, without
 * control, bidi-override or path characters, at most 120 characters, ending in the extension of the
 * sniffed type (a photo named 工资条.exe is kept as 工资条.exe.jpg); `fallback` when nothing is left.
 */
export function safeFileName(raw: string | undefined, type: SniffedFile, fallback = '材料'): string {
  const ext = extensionOf[type];
  const base = (raw ?? '')
    .normalize('NFC')
    .split(/[\\/]/)
    .pop()!
    // control characters, bidi overrides and isolates, and characters Windows refuses in names
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .trim();
  const stem = base.replace(/\.(jpe?g|png|webp|pdf)$/i, '') || fallback;
  const room = 120 - ext.length;
  return [...stem].slice(0, room).join('') + ext;
}
