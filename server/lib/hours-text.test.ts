// Opening hours as written in a spreadsheet, read and written back.
import { describe, expect, it } from 'vitest';
import type { PlaceHours } from '../../contracts/places.ts';
import { formatHoursText, parseHoursText } from './hours-text.ts';
import { deriveHours } from './opening-hours.ts';

const hoursOf = (s: string): PlaceHours => {
  const out = parseHoursText(s);
  if ('error' in out) throw new Error(out.error);
  return out.hours;
};

describe('parseHoursText', () => {
  it('reads weekday ranges, single days and several segments', () => {
    const h = hoursOf('周一至周五 08:00-20:00；周六 09:00-17:00');
    expect(h.holidays).toBe('asUsual');
    expect(h.week).toEqual([
      ...[1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '20:00' })),
      { day: 6, from: '09:00', to: '17:00' },
    ]);
  });

  it('reads 24小时 as every day all day', () => {
    for (const s of ['24小时', '全天24小时', '24小时开放', '全天']) {
      expect(hoursOf(s).week, s).toEqual([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })));
    }
  });

  it('reads full-width punctuation, 星期, 到, tildes and hours without minutes', () => {
    const h = hoursOf('星期一到星期三 8：30～12：00、14:00－17:30;  周六日 9-17');
    expect(h.week.filter((w) => w.day === 2)).toEqual([
      { day: 2, from: '08:30', to: '12:00' },
      { day: 2, from: '14:00', to: '17:30' },
    ]);
    expect(h.week.filter((w) => w.day >= 6).map((w) => `${w.day} ${w.from}-${w.to}`)).toEqual(['6 09:00-17:00', '7 09:00-17:00']);
    expect(h.week.some((w) => w.day === 4)).toBe(false);
  });

  it('reads overnight intervals, with or without 次日', () => {
    expect(hoursOf('每天 22:00-次日06:00').week[0]).toEqual({ day: 1, from: '22:00', to: '06:00', nextDay: true });
    expect(hoursOf('每天 22:00-06:00').week[6]).toEqual({ day: 7, from: '22:00', to: '06:00', nextDay: true });
  });

  it('reads the holiday rule: closed, as usual, or its own hours', () => {
    expect(hoursOf('工作日 09:00-18:00；节假日休息').holidays).toBe('closed');
    expect(hoursOf('每天 09:00-18:00；法定节假日照常开放').holidays).toBe('asUsual');
    expect(hoursOf('每天 09:00-18:00；节假日 10:00-16:00').holidays).toEqual([{ from: '10:00', to: '16:00' }]);
  });

  it('reads intervals without days as every day, and a day marked 休息 as closed', () => {
    const h = hoursOf('08:00-20:00；周日休息');
    expect(h.week.map((w) => w.day)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('answers a Chinese reason for what it cannot read', () => {
    for (const s of ['', '随时', '周八 08:00-09:00', '周一至周五 25:00-26:00', '周一至周五 早上', '节假日 随便']) {
      const out = parseHoursText(s);
      expect('error' in out, s).toBe(true);
      if ('error' in out) expect(out.error).toMatch(/\p{Script=Han}/u);
    }
  });

  it('leaves overlaps to deriveHours', () => {
    const h = hoursOf('周一 08:00-12:00、11:00-14:00');
    expect(deriveHours(h)).toBe('hours_overlap');
  });
});

describe('formatHoursText', () => {
  it('writes what parseHoursText reads back', () => {
    for (const s of ['周一至周五 08:00-20:00；周六 09:00-17:00', '24小时', '每天 22:00-次日06:00；节假日休息', '周一、周三 08:00-12:00、14:00-18:00；节假日 10:00-16:00']) {
      const h = hoursOf(s);
      expect(formatHoursText(h), s).toBe(s);
      expect(hoursOf(formatHoursText(h))).toEqual(h);
    }
  });
});
