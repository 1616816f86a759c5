// The words of the places screens: a distance (350 米, 1.2 公里), the open state (开放中 · 20:00 关门,
// 已关门 · 明天 08:00 开门), the live status the keeper marked, and a week of opening hours — all in
// Beijing time, whatever the phone's zone. Pure (the clock is an argument), so the tests pin them.
import { busyLabels, type NearbyPlace } from '../../../contracts/places-nearby.ts';
import { weekdayLabels, type HoursInterval, type PlaceHours } from '../../../contracts/places.ts';

// Beijing's clock through Intl (not web/shared/format.ts: these words are unit-tested under node,
// where the root project does not resolve dayjs's plugins). Same answers: Asia/Shanghai.
const beijingParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(at: string | number): Record<string, string> {
  return Object.fromEntries(beijingParts.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
}

/** An instant's Beijing day: 2026-12-07. */
function formatDay(at: string | number): string {
  const p = parts(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant's Beijing clock: 08:00. */
function formatClock(at: string | number): string {
  const p = parts(at);
  return `${p.hour}:${p.minute}`;
}

/** < 1000 m: "350 米" (to the 10 m under 1 km, but never 0); else "1.2 公里" (one decimal under 10 km). */
export function distanceText(m: number): string {
  // (995 m and more would round to "1000 米": that is 1.0 公里)
  if (m < 995) return `${Math.max(10, Math.round(m / 10) * 10)} 米`;
  const km = m / 1000;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} 公里`;
}

const DAY_MS = 86_400_000;

/** 今天 / 明天 / 后天 / 12月9日（周三）: when an instant falls, seen from `now`, in Beijing. */
export function dayWord(iso: string, now: number): string {
  const days = Math.round((Date.parse(`${formatDay(iso)}T00:00:00Z`) - Date.parse(`${formatDay(now)}T00:00:00Z`)) / DAY_MS);
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === 2) return '后天';
  const [y, m, d] = formatDay(iso).split('-').map(Number) as [number, number, number];
  const weekday = '日一二三四五六'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${formatDay(now).startsWith(String(y)) ? '' : `${y}年`}${m}月${d}日（周${weekday}）`;
}

/** "20:00" today, "明天 02:00" after midnight. */
function clockFrom(iso: string, now: number): string {
  const day = dayWord(iso, now);
  if (day === '今天') return formatClock(iso);
  return `${day}${day.endsWith('）') ? '' : ' '}${formatClock(iso)}`;
}

export interface OpenState {
  open: boolean;
  /** 开放中 · 20:00 关门 */
  text: string;
}

type OpenFields = Pick<NearbyPlace, 'open' | 'closesAt' | 'opensAt' | 'roundTheClock' | 'live'>;

/** The state line of a place: open and until when, or closed and when it opens. */
export function openState(p: OpenFields, now: number = Date.now()): OpenState {
  if (p.open) {
    // round the clock: the 24 小时 badge beside it says the rest
    if (p.roundTheClock) return { open: true, text: '开放中' };
    return { open: true, text: p.closesAt ? `开放中 · ${clockFrom(p.closesAt, now)} 关门` : '开放中' };
  }
  const head = p.live?.state === 'closed' ? '暂停开放' : '已关门';
  return { open: false, text: p.opensAt ? `${head} · ${clockFrom(p.opensAt, now)} 开门` : head };
}

/** What the keeper marked, in words: 站长标记暂停开放, 人多, 空闲 — null when nothing worth saying. */
export function liveText(live: NearbyPlace['live']): string | null {
  if (!live) return null;
  if (live.state === 'closed') return '站长标记暂停开放';
  return live.busy ? busyLabels[live.busy] : null;
}

function intervalText(i: HoursInterval): string {
  if (i.from === '00:00' && i.to === '24:00') return '全天';
  return `${i.from}–${i.nextDay ? '次日 ' : ''}${i.to}`;
}

export interface HoursRow {
  /** 1 … 7 (ISO), 0 for the holidays' row */
  day: number;
  label: string;
  text: string;
}

/** The week as rows, Monday first (a day with nothing: 休息), then the public holidays. */
export function hoursRows(h: PlaceHours): HoursRow[] {
  const rows: HoursRow[] = [];
  for (let day = 1; day <= 7; day++) {
    const of = h.week.filter((w) => w.day === day).sort((a, b) => a.from.localeCompare(b.from));
    rows.push({ day, label: weekdayLabels[day]!, text: of.length ? of.map(intervalText).join('，') : '休息' });
  }
  const holidays = h.holidays === 'asUsual' ? '照常开放' : h.holidays === 'closed' ? '闭馆' : h.holidays.map(intervalText).join('，');
  rows.push({ day: 0, label: '法定节假日', text: holidays });
  return rows;
}

/** Today's ISO weekday (1 Monday … 7 Sunday) in Beijing. */
export function beijingWeekday(now: number = Date.now()): number {
  const d = new Date(Date.parse(`${formatDay(now)}T00:00:00Z`)).getUTCDay();
  return d === 0 ? 7 : d;
}
