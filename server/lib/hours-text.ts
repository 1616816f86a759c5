// Opening hours as people write them in a spreadsheet ("周一至周五 08:00-20:00；周六 09:00-17:00",
// "24小时", "每天 22:00-次日06:00；节假日休息") read into PlaceHours, and PlaceHours written back
// the same way (the import's template, the console's summary). Whether the hours make sense
// (overlaps, end before start) is checked after, by opening-hours.ts deriveHours.
import type { HoursInterval, PlaceHours } from '../../contracts/places.ts';

const DAY_CHARS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };
const DAY_NAMES = ['', '一', '二', '三', '四', '五', '六', '日'];
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** Full-width and look-alike characters as the parser reads them. */
function normalise(s: string): string {
  return s
    .replace(/[：]/g, ':')
    .replace(/[～〜~—–－]/g, '-')
    .replace(/[至到]/g, '至')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/星期|礼拜/g, '周')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "周一至周五", "周六、周日", "周六日", "每天", "工作日", "周末" → ISO weekdays; null if not a day spec. */
function parseDays(spec: string): number[] | null {
  const s = spec.replace(/[\s,，、和及]/g, '');
  if (s === '') return null;
  if (/^(每天|每日|全周|周一至周日|周一至周天)$/.test(s)) return ALL_DAYS;
  if (s === '工作日') return [1, 2, 3, 4, 5];
  if (s === '周末' || s === '双休日') return [6, 7];
  const days = new Set<number>();
  let rest = s;
  while (rest.length > 0) {
    const range = /^周([一二三四五六日天七])至周?([一二三四五六日天七])/.exec(rest);
    if (range) {
      const a = DAY_CHARS[range[1]!]!;
      const b = DAY_CHARS[range[2]!]!;
      if (b < a) return null;
      for (let d = a; d <= b; d++) days.add(d);
      rest = rest.slice(range[0].length);
      continue;
    }
    const single = /^周?([一二三四五六日天七]+)/.exec(rest);
    if (single && (rest.startsWith('周') || days.size > 0)) {
      for (const c of single[1]!) days.add(DAY_CHARS[c]!);
      rest = rest.slice(single[0].length);
      continue;
    }
    return null;
  }
  return days.size > 0 ? [...days].sort((a, b) => a - b) : null;
}

const CLOCK = /(\d{1,2})(?::(\d{2}))?/;

function clockText(h: string, m: string | undefined): string | null {
  const hh = Number(h);
  const mm = m === undefined ? 0 : Number(m);
  if (hh > 24 || mm > 59 || (hh === 24 && mm > 0)) return null;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** "08:00-20:00、14:00-18:00", "22:00-次日06:00", "8-18" → intervals; a string is the problem. */
function parseIntervals(text: string): HoursInterval[] | string {
  const out: HoursInterval[] = [];
  const parts = text.split(/[、,，/]|\s+/).filter(Boolean);
  if (parts.length === 0) return '缺少开放时段';
  for (const part of parts) {
    const m = new RegExp(`^${CLOCK.source}-(次日|翌日)?${CLOCK.source}$`).exec(part);
    if (!m) return `无法识别时段“${part}”，应写成 08:00-20:00`;
    const from = clockText(m[1]!, m[2]);
    const to = clockText(m[4]!, m[5]);
    if (!from || !to || from === '24:00') return `时间“${part}”无效`;
    const nextDay = m[3] !== undefined || (to <= from && to !== '24:00' && !(from === '00:00' && to === '00:00'));
    if (from === '00:00' && (to === '00:00' || to === '24:00')) out.push({ from: '00:00', to: '24:00' });
    else out.push(nextDay ? { from, to, nextDay: true } : { from, to });
  }
  return out;
}

const CLOSED = /^(休息|闭馆|关闭|不开放|停止开放|暂停开放)$/;
const ROUND_THE_CLOCK = /^(全天)?24(小时|h|H)(开放|营业)?$|^全天(开放)?$/;

/**
 * Reads opening hours written as text. Segments are separated by ；; or a line break; each is a
 * day spec and its intervals ("周一至周五 08:00-20:00"), "24小时" (every day, all day), a holiday
 * rule ("节假日休息", "节假日照常", "节假日 09:00-17:00"), or intervals alone (every day).
 * Days not named are closed. Returns the hours, or the problem in Chinese.
 */
export function parseHoursText(input: string): { hours: PlaceHours } | { error: string } {
  const text = normalise(input);
  if (text === '') return { error: '开放时间为空' };
  const week = new Map<number, HoursInterval[]>();
  let holidays: PlaceHours['holidays'] = 'asUsual';
  for (const raw of text.split(/[；;\n]/)) {
    const seg = raw.trim().replace(/[。.]$/, '');
    if (seg === '') continue;
    if (ROUND_THE_CLOCK.test(seg.replace(/\s/g, ''))) {
      for (const d of ALL_DAYS) week.set(d, [{ from: '00:00', to: '24:00' }]);
      continue;
    }
    const holiday = /^(法定)?节假日\s*(.*)$/.exec(seg);
    if (holiday) {
      const rest = holiday[2]!.replace(/^[:\s]+/, '').trim();
      if (CLOSED.test(rest)) holidays = 'closed';
      else if (/^(照常|正常)(开放|营业)?$/.test(rest)) holidays = 'asUsual';
      else if (ROUND_THE_CLOCK.test(rest.replace(/\s/g, ''))) holidays = [{ from: '00:00', to: '24:00' }];
      else {
        const ivs = parseIntervals(rest);
        if (typeof ivs === 'string') return { error: `节假日：${ivs}` };
        holidays = ivs;
      }
      continue;
    }
    // the day spec runs up to the first digit or a closed word
    const m = /^([^0-9]*?)\s*:?\s*([0-9].*|休息|闭馆|关闭|不开放|停止开放|暂停开放)$/.exec(seg);
    if (!m) return { error: `无法识别“${seg}”，应写成 周一至周五 08:00-20:00` };
    const spec = m[1]!.replace(/:$/, '').trim();
    const days = spec === '' ? ALL_DAYS : parseDays(spec);
    if (!days) return { error: `无法识别日期“${spec}”，应写成 周一至周五、周六、每天 等` };
    if (CLOSED.test(m[2]!)) {
      for (const d of days) week.set(d, []);
      continue;
    }
    const ivs = parseIntervals(m[2]!);
    if (typeof ivs === 'string') return { error: ivs };
    for (const d of days) week.set(d, [...(week.get(d) ?? []), ...ivs]);
  }
  const entries = [...week.entries()].sort((a, b) => a[0] - b[0]).flatMap(([day, ivs]) => ivs.map((iv) => ({ day, ...iv })));
  if (entries.length === 0 && week.size === 0) return { error: '没有开放时段' };
  return { hours: { week: entries, holidays } };
}

function intervalText(iv: HoursInterval): string {
  return `${iv.from}-${iv.nextDay ? '次日' : ''}${iv.to}`;
}

function daysText(days: number[]): string {
  if (days.length === 7) return '每天';
  const runs: number[][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else runs.push([d]);
  }
  return runs.map((r) => (r.length >= 3 ? `周${DAY_NAMES[r[0]!]}至周${DAY_NAMES[r[r.length - 1]!]}` : r.map((d) => `周${DAY_NAMES[d]}`).join('、'))).join('、');
}

/** PlaceHours as text parseHoursText reads back: days with the same intervals grouped. */
export function formatHoursText(hours: PlaceHours): string {
  const byDay = new Map<number, string>();
  for (const d of ALL_DAYS) {
    const ivs = hours.week.filter((w) => w.day === d);
    if (ivs.length > 0) byDay.set(d, ivs.map(intervalText).join('、'));
  }
  const allDay = ALL_DAYS.every((d) => byDay.get(d) === '00:00-24:00');
  const groups = new Map<string, number[]>();
  for (const [d, t] of byDay) groups.set(t, [...(groups.get(t) ?? []), d]);
  const parts = allDay ? ['24小时'] : [...groups.entries()].map(([t, days]) => `${daysText(days)} ${t}`);
  if (parts.length === 0) parts.push('每天 休息');
  if (hours.holidays === 'closed') parts.push('节假日休息');
  else if (Array.isArray(hours.holidays)) parts.push(`节假日 ${hours.holidays.map(intervalText).join('、')}`);
  return parts.join('；');
}
