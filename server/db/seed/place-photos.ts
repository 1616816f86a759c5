// The demo's pictures of its named places (issue 15 §1 "photos"): drawn, not photographed — a
// front (the building, its union-red sign board, door and windows, trees) and an inside that says
// what the place is for (a station's water dispenser, chairs and charging cabinet; a reading room's
// shelves and tables; a workers' home's canteen tables; a parents-and-children home's play corner).
// Real PNG files (server/lib/png.ts), so they pass the upload's sniffing like any staff upload;
// 640×428, a few kilobytes each. Drawn from a seed so every fresh demo has the same pictures.
import type { PlaceKind } from '../../../contracts/places.ts';
import { Raster, type Rgb } from '../../lib/png.ts';
import { createRng } from './people.ts';

const W = 640;
const H = 428;

const SKY_TOP: Rgb = [120, 180, 235];
const SKY_LOW: Rgb = [205, 230, 248];
const UNION_RED: Rgb = [196, 30, 36];
const GOLD: Rgb = [246, 200, 80];
const WALL_LIGHT: Rgb = [238, 232, 220];
const GLASS: Rgb = [150, 195, 220];
const GLASS_DARK: Rgb = [95, 140, 170];
const PAVEMENT: Rgb = [190, 190, 186];
const GRASS: Rgb = [110, 170, 90];
const TRUNK: Rgb = [120, 85, 55];
const LEAF: Rgb = [70, 140, 70];
const WOOD: Rgb = [176, 124, 78];
const WOOD_DARK: Rgb = [130, 88, 52];
const FLOOR: Rgb = [214, 196, 168];

/** The front of the place: sky, the building in its wall colour, the red sign board with a golden emblem, door, windows, trees. */
export function drawFront(seed: number, wall: Rgb, storeys: number): Buffer {
  const rng = createRng(seed);
  const r = new Raster(W, H);
  r.gradient(0, 0, W, 300, SKY_TOP, SKY_LOW);
  // clouds
  for (let i = 0; i < 3; i++) {
    const cx = 60 + rng() * 520;
    const cy = 40 + rng() * 60;
    for (let k = 0; k < 4; k++) r.circle(cx + k * 18, cy + (k % 2) * 6, 16 + (k % 2) * 6, [250, 252, 255]);
  }
  // the building
  const top = 300 - storeys * 70;
  const left = 110;
  const width = 420;
  r.rect(left, top, width, 300 - top, wall);
  r.rect(left - 8, top - 10, width + 16, 12, WALL_LIGHT);
  for (let s = 1; s < storeys; s++) {
    const y = top + (s - 1) * 70 + 18;
    for (let i = 0; i < 5; i++) {
      r.rect(left + 22 + i * 80, y, 56, 40, GLASS_DARK);
      r.rect(left + 25 + i * 80, y + 3, 50, 34, GLASS);
      r.rect(left + 49 + i * 80, y + 3, 2, 34, WALL_LIGHT);
    }
  }
  // the sign board over the ground floor, with a golden emblem (the union's badge as a gear ring)
  const signY = 300 - 80;
  r.rect(left + 30, signY, width - 60, 28, UNION_RED);
  r.circle(left + 54, signY + 14, 11, GOLD);
  r.circle(left + 54, signY + 14, 7, UNION_RED);
  r.circle(left + 54, signY + 14, 3, GOLD);
  for (let i = 0; i < 9; i++) r.rect(left + 80 + i * 32, signY + 10, 22, 8, [250, 238, 230]);
  // ground floor: the door in the middle, wide windows either side
  const doorX = left + width / 2 - 36;
  r.rect(doorX, 300 - 48, 72, 48, GLASS_DARK);
  r.rect(doorX + 4, 300 - 44, 30, 44, GLASS);
  r.rect(doorX + 38, 300 - 44, 30, 44, GLASS);
  r.rect(left + 24, 300 - 42, 130, 30, GLASS);
  r.rect(left + width - 154, 300 - 42, 130, 30, GLASS);
  // pavement, grass, trees
  r.rect(0, 300, W, H - 300, PAVEMENT);
  r.rect(0, 300, W, 8, [165, 165, 160]);
  r.rect(0, 380, W, H - 380, GRASS);
  for (const x of [50, 590]) {
    r.rect(x - 6, 220, 12, 90, TRUNK);
    r.circle(x, 205, 42, LEAF);
    r.circle(x - 24, 226, 28, [80, 155, 78]);
    r.circle(x + 22, 230, 26, [64, 128, 64]);
  }
  return r.png();
}

/** What the inside shows. */
export type InsideScene = 'station' | 'reading' | 'counselling' | 'canteen' | 'play';

const SCENES: Record<PlaceKind, InsideScene> = {
  station: 'station',
  workersHome: 'canteen',
  modelWorkersHome: 'canteen',
  readingRoom: 'reading',
  counselling: 'counselling',
  culturalPalace: 'reading',
  hall: 'canteen',
};

/** The inside: what a worker comes for. */
export function drawInside(seed: number, scene: InsideScene): Buffer {
  const rng = createRng(seed);
  const r = new Raster(W, H);
  // each room its own: the wall's tint and the window's place
  const tint = Math.floor(rng() * 16);
  r.gradient(0, 0, W, 290, [246 - tint, 241, 230 + Math.floor(tint / 2)], [232 - tint, 224, 208 + Math.floor(tint / 2)]);
  r.rect(0, 290, W, H - 290, FLOOR);
  for (let x = 0; x < W; x += 80) r.rect(x, 290, 2, H - 290, [200, 180, 150]);
  // a window on the back wall
  const wx = 420 + Math.floor(rng() * 30);
  r.rect(wx, 50, 170, 130, [250, 250, 250]);
  r.gradient(wx + 8, 58, 154, 114, SKY_TOP, SKY_LOW);
  r.rect(wx + 83, 58, 4, 114, [250, 250, 250]);
  if (scene === 'reading') {
    // shelves of books along the wall, a table with chairs
    for (let s = 0; s < 2; s++) {
      const x0 = 30 + s * 190;
      r.rect(x0, 40, 170, 250, WOOD_DARK);
      for (let shelf = 0; shelf < 5; shelf++) {
        const y = 52 + shelf * 47;
        r.rect(x0 + 8, y, 154, 38, [92, 62, 38]);
        let x = x0 + 10;
        while (x < x0 + 156) {
          const w = 6 + Math.floor(rng() * 8);
          const h = 24 + Math.floor(rng() * 12);
          const colours: Rgb[] = [UNION_RED, [40, 90, 160], [60, 140, 90], GOLD, [230, 230, 225], [150, 60, 120]];
          r.rect(x, y + 38 - h, Math.min(w, x0 + 160 - x), h, colours[Math.floor(rng() * colours.length)]!);
          x += w + 1;
        }
      }
    }
    r.rect(120, 330, 400, 18, WOOD);
    r.rect(140, 348, 12, 60, WOOD_DARK);
    r.rect(488, 348, 12, 60, WOOD_DARK);
    for (const x of [170, 300, 430]) r.rect(x, 318, 40, 12, [240, 240, 236]);
  } else if (scene === 'station') {
    // a water dispenser, a charging cabinet, a row of chairs, a first-aid box on the wall
    r.rect(60, 120, 80, 170, [235, 238, 242]);
    r.rect(70, 60, 60, 64, [120, 180, 230]);
    r.rect(76, 66, 48, 52, [160, 205, 240]);
    r.circle(86, 200, 6, [60, 120, 220]);
    r.circle(114, 200, 6, UNION_RED);
    r.rect(190, 110, 120, 180, [70, 90, 110]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) {
      r.rect(200 + j * 56, 122 + i * 54, 48, 44, [95, 120, 140]);
      r.rect(218 + j * 56, 136 + i * 54, 12, 18, [120, 220, 120]);
    }
    r.rect(350, 90, 50, 40, [250, 250, 250]);
    r.rect(370, 96, 10, 28, UNION_RED);
    r.rect(361, 105, 28, 10, UNION_RED);
    for (let i = 0; i < 4; i++) {
      const x = 340 + i * 70;
      r.rect(x, 300, 56, 12, [60, 130, 200]);
      r.rect(x, 262, 56, 40, [80, 150, 215]);
      r.rect(x + 4, 312, 6, 40, [90, 90, 90]);
      r.rect(x + 46, 312, 6, 40, [90, 90, 90]);
    }
  } else if (scene === 'counselling') {
    // a sofa, a low table with a plant, soft colours
    r.rect(80, 230, 300, 80, [150, 170, 200]);
    r.rect(80, 190, 300, 50, [170, 190, 215]);
    r.rect(70, 220, 24, 90, [140, 160, 190]);
    r.rect(366, 220, 24, 90, [140, 160, 190]);
    r.rect(420, 300, 140, 14, WOOD);
    r.rect(440, 314, 10, 40, WOOD_DARK);
    r.rect(530, 314, 10, 40, WOOD_DARK);
    r.rect(480, 270, 24, 30, [200, 120, 90]);
    r.circle(492, 255, 22, LEAF);
  } else if (scene === 'canteen') {
    // canteen tables with bowls (一元食堂), a serving counter, a shelf of the 爱心超市
    r.rect(30, 170, 250, 120, [220, 220, 215]);
    r.rect(30, 160, 250, 14, [180, 180, 175]);
    for (let i = 0; i < 4; i++) r.rect(48 + i * 58, 186, 46, 30, [240, 200, 120]);
    for (let row = 0; row < 2; row++) {
      for (let col = 0; col < 2; col++) {
        const x = 80 + col * 250;
        const y = 320 + row * 60;
        r.rect(x, y, 180, 14, WOOD);
        r.rect(x + 10, y + 14, 8, 30, WOOD_DARK);
        r.rect(x + 162, y + 14, 8, 30, WOOD_DARK);
        for (let b = 0; b < 3; b++) r.circle(x + 35 + b * 55, y - 4, 10, [245, 245, 245]);
      }
    }
    // the 爱心超市's shelf of daily goods
    r.rect(310, 140, 100, 150, [200, 205, 210]);
    for (let shelf = 0; shelf < 3; shelf++) {
      const y = 150 + shelf * 46;
      r.rect(316, y + 36, 88, 4, [150, 155, 160]);
      for (let i = 0; i < 5; i++) r.rect(320 + i * 17, y + 14 + (i % 2) * 6, 13, 22 - (i % 2) * 6, ([UNION_RED, GOLD, [60, 140, 90], [40, 90, 160], [240, 240, 235]] as Rgb[])[(i + shelf) % 5]!);
    }
  } else {
    // a play corner: soft mats, balls, a low bookshelf, children's drawings on the wall
    const mats: Rgb[] = [[240, 120, 110], [250, 200, 90], [110, 190, 140], [110, 160, 230]];
    for (let i = 0; i < 8; i++) r.rect(60 + (i % 4) * 110, 310 + Math.floor(i / 4) * 50, 108, 48, mats[(i + Math.floor(i / 4)) % 4]!);
    for (let i = 0; i < 6; i++) r.circle(100 + rng() * 400, 300 + rng() * 80, 12 + rng() * 8, mats[i % 4]!);
    r.rect(40, 200, 200, 90, WOOD);
    for (let i = 0; i < 10; i++) r.rect(50 + i * 18, 212, 12, 30, mats[i % 4]!);
    for (let i = 0; i < 4; i++) {
      r.rect(60 + i * 90, 60, 70, 60, [252, 252, 248]);
      r.circle(95 + i * 90, 85, 14, mats[i]!);
      r.rect(70 + i * 90, 104, 50, 8, [110, 190, 140]);
    }
  }
  return r.png();
}

/** The wall colour of a kind's building. */
const WALLS: Record<PlaceKind, Rgb> = {
  station: [236, 226, 206],
  workersHome: [226, 214, 196],
  modelWorkersHome: [226, 214, 196],
  readingRoom: [214, 222, 230],
  counselling: [222, 230, 222],
  culturalPalace: [230, 220, 200],
  hall: [232, 224, 214],
};

/** The pictures of a place: its front, then its inside. */
export function demoPlacePictures(kind: PlaceKind, seed: number, opts: { storeys?: number; inside?: InsideScene } = {}): Buffer[] {
  return [drawFront(seed, WALLS[kind], opts.storeys ?? 2), drawInside(seed + 1, opts.inside ?? SCENES[kind])];
}
