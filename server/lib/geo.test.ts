import { describe, expect, it } from 'vitest';
import { checkChinaPosition, distanceMeters, gcj02ToWgs84, wgs84ToGcj02 } from './geo.ts';

describe('geo', () => {
  it('moves a Guangdong GPS point by the GCJ-02 offset (a few hundred metres) and back within a centimetre', () => {
    for (let i = 0; i < 500; i++) {
      const w = { lat: 20.2 + Math.random() * 5.3, lng: 109.7 + Math.random() * 7.5 };
      const g = wgs84ToGcj02(w);
      const shift = distanceMeters(w, g);
      expect(shift).toBeGreaterThan(100);
      expect(shift).toBeLessThan(800);
      const back = gcj02ToWgs84(g);
      expect(distanceMeters(back, w)).toBeLessThan(0.01);
    }
  });

  it('leaves a point outside China as it is', () => {
    expect(wgs84ToGcj02({ lat: 48.85, lng: 2.35 })).toEqual({ lat: 48.85, lng: 2.35 });
  });

  it('measures the distance as earthdistance does (Guangzhou to Shenzhen ~ 105 km)', () => {
    const d = distanceMeters({ lat: 23.1291, lng: 113.2644 }, { lat: 22.5431, lng: 114.0579 });
    expect(d).toBeGreaterThan(100_000);
    expect(d).toBeLessThan(110_000);
  });

  it('refuses a point outside China and names a swapped one', () => {
    expect(checkChinaPosition({ lat: 23.1, lng: 113.3 })).toBeNull();
    expect(checkChinaPosition({ lat: 113.3, lng: 23.1 })).toBe('position_swapped');
    expect(checkChinaPosition({ lat: 0, lng: 0 })).toBe('position_outside_china');
    expect(checkChinaPosition({ lat: 48.85, lng: 2.35 })).toBe('position_outside_china');
    expect(checkChinaPosition({ lat: Number.NaN, lng: 113 })).toBe('position_outside_china');
  });
});
