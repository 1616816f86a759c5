// The PNG encoder: a file any decoder reads — signature, chunks with their CRCs, and the pixels back
// after inflating and undoing the rows' filter — and what the upload's sniffing takes as a PNG.
import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRng } from '../db/seed/people.ts';
import { encodePng, Raster } from './png.ts';
import { sniffImage } from './sniff-image.ts';

/** Decodes what encodePng writes (truecolour, 8 bits, any of the five row filters). */
function decode(png: Buffer): { width: number; height: number; rgb: Uint8Array; types: string[] } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const types: string[] = [];
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    expect(png.readUInt32BE(at + 8 + len), `${type} crc`).toBe(crc32(png.subarray(at + 4, at + 8 + len)) >>> 0);
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= 3 ? rgb[y * stride + i - 3]! : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + i]! : 0;
      const c = i >= 3 && y > 0 ? rgb[(y - 1) * stride + i - 3]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      rgb[y * stride + i] = (x + [0, a, b, (a + b) >> 1, paeth][f]!) & 0xff;
    }
  }
  return { width, height, rgb, types };
}

describe('encodePng', () => {
  it('writes random pixels that decode back exactly, in IHDR, IDAT, IEND', () => {
    const rng = createRng(7);
    for (const [w, h] of [[1, 1], [3, 2], [17, 9]] as const) {
      const rgb = Uint8Array.from({ length: w * h * 3 }, () => Math.floor(rng() * 256));
      const png = encodePng(w, h, rgb);
      const back = decode(png);
      expect(back.types).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect([back.width, back.height]).toEqual([w, h]);
      expect(Buffer.from(back.rgb).equals(Buffer.from(rgb))).toBe(true);
      expect(sniffImage(png)).toBe('image/png');
    }
  });

  it('draws shapes where they are asked, clipped to the raster', () => {
    const r = new Raster(10, 8, [255, 255, 255]);
    r.rect(-3, 2, 5, 2, [255, 0, 0]);
    r.circle(7, 5, 1, [0, 0, 255]);
    const { rgb } = decode(r.png());
    const at = (x: number, y: number) => [...rgb.subarray((y * 10 + x) * 3, (y * 10 + x) * 3 + 3)];
    expect(at(0, 2)).toEqual([255, 0, 0]);
    expect(at(1, 3)).toEqual([255, 0, 0]);
    expect(at(2, 2)).toEqual([255, 255, 255]);
    expect(at(7, 5)).toEqual([0, 0, 255]);
    expect(at(8, 5)).toEqual([0, 0, 255]);
    expect(at(8, 6)).toEqual([255, 255, 255]);
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow();
  });
});
