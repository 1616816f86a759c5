// What the places pages share: the status tags, the hours in words, the map links, who may write.
import { Tag } from 'antd';
import { PLACE_WRITE_ROLES, placeServiceLabels, weekdayLabels, type HoursInterval, type PlaceHours, type PlaceService } from '../../../../contracts/places.ts';
import type { StateTags } from '../../components/StateTag.tsx';

export const placeStatusTags: StateTags = {
  open: { label: '在用', color: 'green' },
  closed: { label: '已停用', color: 'default' },
  merged: { label: '已合并', color: 'purple' },
};

/** Staff who may add, edit, close, merge and import. */
export function canWritePlaces(roles: readonly string[]): boolean {
  return roles.some((r) => (PLACE_WRITE_ROLES as readonly string[]).includes(r));
}

export function intervalText(iv: HoursInterval): string {
  return `${iv.from}–${iv.nextDay ? '次日' : ''}${iv.to}`;
}

/** Each weekday's intervals in words (周一 08:30–17:30；…), closed days as 闭馆. */
export function weekRows(hours: PlaceHours): { day: number; label: string; text: string }[] {
  return [1, 2, 3, 4, 5, 6, 7].map((day) => {
    const ivs = hours.week.filter((w) => w.day === day);
    return { day, label: weekdayLabels[day]!, text: ivs.length === 0 ? '闭馆' : ivs.map(intervalText).join('、') };
  });
}

export function holidayText(hours: PlaceHours): string {
  if (hours.holidays === 'asUsual') return '照常开放';
  if (hours.holidays === 'closed') return '闭馆';
  return hours.holidays.map(intervalText).join('、');
}

/** The week in one short line: 每天 24 小时, or days grouped by the same hours. */
export function hoursSummary(hours: PlaceHours): string {
  const rows = weekRows(hours);
  if (rows.every((r) => r.text === '00:00–24:00')) return '每天 24 小时';
  const groups = new Map<string, number[]>();
  for (const r of rows) if (r.text !== '闭馆') groups.set(r.text, [...(groups.get(r.text) ?? []), r.day]);
  if (groups.size === 0) return '暂不开放';
  return [...groups.entries()]
    .map(([text, days]) => {
      const contiguous = days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
      const label = days.length === 7 ? '每天' : contiguous && days.length > 2 ? `${weekdayLabels[days[0]!]}至${weekdayLabels[days[days.length - 1]!]}` : days.map((d) => weekdayLabels[d]).join('、');
      return `${label} ${text}`;
    })
    .join('；');
}

export function ServiceTags({ services }: { services: readonly PlaceService[] }) {
  if (services.length === 0) return <span>—</span>;
  return (
    <>
      {services.map((s) => (
        <Tag key={s} bordered={false} color="blue" style={{ marginBottom: 4 }}>
          {placeServiceLabels[s]}
        </Tag>
      ))}
    </>
  );
}

/** Amap, Baidu and Tencent Maps links to a GCJ-02 point (Baidu told the coordinate type). */
export function mapLinks(p: { lat: number; lng: number; name: string }): { label: string; href: string }[] {
  const name = encodeURIComponent(p.name);
  return [
    { label: '高德地图', href: `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${name}&src=gonghui&coordinate=gaode&callnative=0` },
    { label: '百度地图', href: `https://api.map.baidu.com/marker?location=${p.lat},${p.lng}&title=${name}&content=${name}&output=html&coord_type=gcj02&src=gonghui` },
    { label: '腾讯地图', href: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${p.lat},${p.lng};title:${name}&referer=gonghui` },
  ];
}

/** "113.26,23.13" or "23.13, 113.26" pasted into a field: latitude and longitude, whichever way round (China's longitudes are > 73, latitudes < 54). */
export function parsePastedPosition(text: string): { lat: number; lng: number } | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,，\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a > b ? { lat: b, lng: a } : { lat: a, lng: b };
}
