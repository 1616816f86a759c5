// Texts the server writes read Beijing's clock, whatever zone the machine runs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDateTime, beijingDay, beijingMidnight, beijingStamp, beijingWhen } from './beijing-time.ts';

describe('beijing time', () => {
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('says an instant as Beijing reads it', () => {
    expect(beijingWhen('2026-07-15T01:00:00Z')).toBe('7月15日 09:00');
    expect(beijingDateTime('2026-12-06T02:00:00Z')).toBe('2026-12-06 10:00');
    expect(beijingDateTime('2026-12-05T16:30:05Z', 'second')).toBe('2026-12-06 00:30:05');
  });

  it('takes the day from Beijing, not from UTC', () => {
    expect(beijingDay('2026-12-06T17:00:00Z')).toBe('2026-12-07');
    expect(beijingStamp('2026-12-06T17:00:00Z')).toBe('20261207-010000');
    expect(beijingMidnight('2026-12-07').toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });
});
