// The week of a place as a clerk enters it: one row per weekday with its time ranges (a range may end
// the next day: 跨夜), quick presets (全天 24 小时, 工作日 9–18), a day copied to the others, and what a
// public holiday does (照常 / 闭馆 / its own ranges). Controlled: value and onChange are PlaceHours.
import { Button, Checkbox, Input, Radio, Space, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { weekdayLabels, type HoursInterval, type PlaceHours } from '../../../../contracts/places.ts';

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const ALL_DAY: HoursInterval = { from: '00:00', to: '24:00' };

export const hoursPresets: { label: string; hours: PlaceHours }[] = [
  { label: '全天24小时', hours: { week: DAYS.map((day) => ({ day, ...ALL_DAY })), holidays: 'asUsual' } },
  { label: '工作日 9-18', hours: { week: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })), holidays: 'closed' } },
  { label: '每天 8-20', hours: { week: DAYS.map((day) => ({ day, from: '08:00', to: '20:00' })), holidays: 'asUsual' } },
];

function IntervalRow({ iv, label, onChange, onRemove }: { iv: HoursInterval; label: string; onChange: (iv: HoursInterval) => void; onRemove: () => void }) {
  return (
    <Space size={4} wrap>
      <Input aria-label={`${label}开门时间`} value={iv.from} onChange={(e) => onChange({ ...iv, from: e.target.value })} style={{ width: 76 }} maxLength={5} placeholder="08:00" className="mono" />
      <span>至</span>
      <Input aria-label={`${label}关门时间`} value={iv.to} onChange={(e) => onChange({ ...iv, to: e.target.value })} style={{ width: 76 }} maxLength={5} placeholder="20:00" className="mono" />
      <Checkbox checked={iv.nextDay === true} onChange={(e) => onChange(e.target.checked ? { ...iv, nextDay: true } : { from: iv.from, to: iv.to })}>
        跨夜（次日）
      </Checkbox>
      <Button size="small" type="text" aria-label={`删除${label}时段`} icon={<DeleteOutlined />} onClick={onRemove} />
    </Space>
  );
}

function IntervalList({ label, intervals, onChange }: { label: string; intervals: HoursInterval[]; onChange: (ivs: HoursInterval[]) => void }) {
  return (
    <Space direction="vertical" size={4}>
      {intervals.length === 0 && <Typography.Text type="secondary">闭馆</Typography.Text>}
      {intervals.map((iv, i) => (
        <IntervalRow key={i} iv={iv} label={label} onChange={(next) => onChange(intervals.map((x, j) => (j === i ? next : x)))} onRemove={() => onChange(intervals.filter((_, j) => j !== i))} />
      ))}
    </Space>
  );
}

export function HoursEditor({ value, onChange }: { value?: PlaceHours; onChange?: (h: PlaceHours) => void }) {
  const hours = value ?? { week: [], holidays: 'asUsual' };
  const set = (h: PlaceHours) => onChange?.(h);
  const dayIntervals = (day: number): HoursInterval[] => hours.week.filter((w) => w.day === day).map(({ from, to, nextDay }) => (nextDay ? { from, to, nextDay } : { from, to }));
  const setDay = (day: number, ivs: HoursInterval[]) =>
    set({ ...hours, week: DAYS.flatMap((d) => (d === day ? ivs : dayIntervals(d)).map((iv) => ({ day: d, ...iv }))) });
  const copyToAll = (day: number) => set({ ...hours, week: DAYS.flatMap((d) => dayIntervals(day).map((iv) => ({ day: d, ...iv }))) });
  const holidayMode = hours.holidays === 'asUsual' ? 'asUsual' : hours.holidays === 'closed' ? 'closed' : 'own';

  return (
    <div className="hours-editor" data-testid="hours-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">快捷设置：</Typography.Text>
        {hoursPresets.map((p) => (
          <Button key={p.label} size="small" onClick={() => set(p.hours)}>
            {p.label}
          </Button>
        ))}
      </Space>
      <table className="hours-table">
        <tbody>
          {DAYS.map((day) => {
            const label = weekdayLabels[day]!;
            const ivs = dayIntervals(day);
            return (
              <tr key={day}>
                <th scope="row">{label}</th>
                <td>
                  <IntervalList label={label} intervals={ivs} onChange={(next) => setDay(day, next)} />
                </td>
                <td className="hours-actions">
                  <Button size="small" icon={<PlusOutlined />} aria-label={`${label}添加时段`} onClick={() => setDay(day, [...ivs, ivs.length === 0 ? { from: '09:00', to: '18:00' } : { from: '19:00', to: '21:00' }])}>
                    时段
                  </Button>
                  {ivs.length > 0 && (
                    <Button size="small" type="text" icon={<CopyOutlined />} aria-label={`${label}的时段应用到每天`} title="应用到每天" onClick={() => copyToAll(day)} />
                  )}
                </td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">法定节假日</th>
            <td colSpan={2}>
              <Radio.Group
                value={holidayMode}
                onChange={(e) => set({ ...hours, holidays: e.target.value === 'own' ? [{ from: '09:00', to: '17:00' }] : (e.target.value as 'asUsual' | 'closed') })}
                options={[
                  { value: 'asUsual', label: '照常开放' },
                  { value: 'closed', label: '闭馆' },
                  { value: 'own', label: '另定时段' },
                ]}
              />
              {Array.isArray(hours.holidays) && (
                <div style={{ marginTop: 6 }}>
                  <IntervalList label="节假日" intervals={hours.holidays} onChange={(ivs) => set({ ...hours, holidays: ivs.length > 0 ? ivs : 'closed' })} />
                </div>
              )}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
