// The words of the member's places screens (web/member/places/labels.ts): distances, the open state
// in Beijing time whatever the machine's zone, the keeper's mark and a week of hours.
import { describe, expect, it } from 'vitest';
import { distanceText, hoursRows, liveText, openState, beijingWeekday } from '../web/member/places/labels.ts';

// Monday 2026-12-07 10:00 in Beijing (02:00 UTC)
const NOW = Date.parse('2026-12-07T02:00:00Z');
const base = { open: false, closesAt: null, opensAt: null, roundTheClock: false, live: null } as const;

describe('distances', () => {
  it('metres under a kilometre (to the 10 m, never 0), kilometres with one decimal, whole beyond 10 km', () => {
    expect(distanceText(0)).toBe('10 米');
    expect(distanceText(349)).toBe('350 米');
    expect(distanceText(994)).toBe('990 米');
    expect(distanceText(996)).toBe('1.0 公里');
    expect(distanceText(1240)).toBe('1.2 公里');
    expect(distanceText(15_300)).toBe('15 公里');
  });
});

describe('the open state', () => {
  it('open: until when today, after midnight 明天, no closing time when round the clock (the badge says 24 小时)', () => {
    expect(openState({ ...base, open: true, closesAt: '2026-12-07T12:00:00Z' }, NOW)).toEqual({ open: true, text: '开放中 · 20:00 关门' });
    expect(openState({ ...base, open: true, closesAt: '2026-12-07T18:00:00Z' }, NOW).text).toBe('开放中 · 明天 02:00 关门');
    expect(openState({ ...base, open: true, roundTheClock: true }, NOW).text).toBe('开放中');
  });

  it('closed: when it opens (今天, 明天, then the date); paused by the keeper says so', () => {
    expect(openState({ ...base, opensAt: '2026-12-07T06:00:00Z' }, NOW)).toEqual({ open: false, text: '已关门 · 14:00 开门' });
    expect(openState({ ...base, opensAt: '2026-12-08T00:00:00Z' }, NOW).text).toBe('已关门 · 明天 08:00 开门');
    expect(openState({ ...base, opensAt: '2026-12-11T01:00:00Z' }, NOW).text).toBe('已关门 · 12月11日（周五）09:00 开门');
    expect(openState({ ...base }, NOW).text).toBe('已关门');
    expect(openState({ ...base, live: { state: 'closed', busy: null, at: '2026-12-07T01:00:00Z' } }, NOW).text).toBe('暂停开放');
  });

  it("the keeper's mark in words", () => {
    expect(liveText(null)).toBeNull();
    expect(liveText({ state: 'closed', busy: null, at: '' })).toBe('站长标记暂停开放');
    expect(liveText({ state: 'open', busy: 'busy', at: '' })).toBe('人多');
    expect(liveText({ state: 'open', busy: null, at: '' })).toBeNull();
  });
});

describe('a week of hours', () => {
  it('Monday first, days without hours 休息, night hours 次日, whole days 全天, then the holidays', () => {
    const rows = hoursRows({
      week: [
        { day: 1, from: '14:00', to: '18:00' },
        { day: 1, from: '09:00', to: '12:00' },
        { day: 5, from: '20:00', to: '08:00', nextDay: true },
        { day: 6, from: '00:00', to: '24:00' },
      ],
      holidays: 'closed',
    });
    expect(rows.map((r) => `${r.label} ${r.text}`)).toEqual([
      '周一 09:00–12:00，14:00–18:00',
      '周二 休息',
      '周三 休息',
      '周四 休息',
      '周五 20:00–次日 08:00',
      '周六 全天',
      '周日 休息',
      '法定节假日 闭馆',
    ]);
    expect(hoursRows({ week: [], holidays: 'asUsual' }).at(-1)!.text).toBe('照常开放');
    expect(hoursRows({ week: [], holidays: [{ from: '10:00', to: '17:00' }] }).at(-1)!.text).toBe('10:00–17:00');
  });

  it("today's weekday in Beijing (Sunday 23:30 UTC is Monday in Beijing)", () => {
    expect(beijingWeekday(NOW)).toBe(1);
    expect(beijingWeekday(Date.parse('2026-12-06T23:30:00Z'))).toBe(1);
    expect(beijingWeekday(Date.parse('2026-12-06T15:30:00Z'))).toBe(7);
  });
});
