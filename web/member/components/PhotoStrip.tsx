// A strip of photos (a place's, as its union's staff uploaded them): thumbnails in a row that
// scrolls sideways, loaded only as they come into view; a tap opens the photo large in a modal
// dialog (the native <dialog>: the focus moved in and back, Escape closes it) where the worker
// swipes between the photos (a scroll-snap track, each loaded as it comes near) or uses 上一张 /
// 下一张, and 关闭. The counter says which of how many.
import './photo-strip.css';
import { useEffect, useRef, useState } from 'react';
import { CloseOutline, LeftOutline, RightOutline } from 'antd-mobile-icons';

export interface StripPhoto {
  id: number;
  url: string;
}

export function PhotoStrip({ photos, label, testId = 'photo-strip' }: { photos: StripPhoto[]; /** whose photos: 莲花社区工会爱心驿站 */ label: string; testId?: string }) {
  const [open, setOpen] = useState<number | null>(null);
  const strip = useRef<HTMLUListElement>(null);
  const close = () => {
    const i = open;
    setOpen(null);
    // the focus back on the thumbnail that opened the viewer
    requestAnimationFrame(() => strip.current?.querySelectorAll<HTMLButtonElement>('.m-photo')[i ?? 0]?.focus());
  };
  if (photos.length === 0) return null;
  const n = photos.length;
  return (
    <>
      <ul ref={strip} className="m-photos" aria-label={`${label}的照片（${n} 张）`} data-testid={testId}>
        {photos.map((p, i) => (
          <li key={p.id}>
            <button type="button" className="m-photo" onClick={() => setOpen(i)} aria-label={`查看大图：第 ${i + 1} 张，共 ${n} 张`} data-testid="photo-thumb" data-id={p.id}>
              <img src={p.url} alt="" loading="lazy" decoding="async" width={150} height={100} />
            </button>
          </li>
        ))}
      </ul>
      {open !== null && <PhotoViewer photos={photos} label={label} start={open} onClose={close} />}
    </>
  );
}

function PhotoViewer({ photos, label, start, onClose }: { photos: StripPhoto[]; label: string; start: number; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const track = useRef<HTMLDivElement>(null);
  const [index, setIndex] = useState(start);
  const n = photos.length;

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    d.showModal();
    // the tapped photo in view, without an animation
    const t = track.current;
    if (t) t.scrollLeft = start * t.clientWidth;
    return () => d.close();
  }, [start]);

  const go = (i: number) => {
    const t = track.current;
    const to = Math.max(0, Math.min(n - 1, i));
    if (t) t.scrollTo({ left: to * t.clientWidth, behavior: 'smooth' });
    setIndex(to);
  };

  return (
    <dialog
      ref={dialog}
      className="m-photo-viewer"
      aria-label={`${label}的照片`}
      data-testid="photo-viewer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') go(index - 1);
        if (e.key === 'ArrowRight') go(index + 1);
      }}
    >
      <div className="m-photo-viewer-bar">
        <span className="m-photo-viewer-count" aria-live="polite" data-testid="photo-count">
          {index + 1} / {n}
        </span>
        <button type="button" className="m-photo-viewer-close" onClick={onClose} autoFocus>
          <CloseOutline aria-hidden /> 关闭
        </button>
      </div>
      <div
        ref={track}
        className="m-photo-track"
        onScroll={(e) => {
          const t = e.currentTarget;
          if (t.clientWidth > 0) setIndex(Math.round(t.scrollLeft / t.clientWidth));
        }}
      >
        {photos.map((p, i) => (
          <figure key={p.id} className="m-photo-slide">
            <img src={p.url} alt={`${label}照片 第 ${i + 1} 张`} loading="lazy" decoding="async" data-testid="photo-large" />
          </figure>
        ))}
      </div>
      {n > 1 && (
        <div className="m-photo-viewer-nav">
          <button type="button" onClick={() => go(index - 1)} disabled={index === 0}>
            <LeftOutline aria-hidden /> 上一张
          </button>
          <button type="button" onClick={() => go(index + 1)} disabled={index === n - 1}>
            下一张 <RightOutline aria-hidden />
          </button>
        </div>
      )}
    </dialog>
  );
}
