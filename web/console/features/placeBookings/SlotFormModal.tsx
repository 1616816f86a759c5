// 发布时段: one day, or a weekly pattern — the weekdays × the times of the day × how many weeks —
// with the seats of each slot and whether a booking needs approval (a hall for a meeting).
import { App, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { weekdayLabels } from '../../../../contracts/places.ts';
import { api } from '../../../shared/api.ts';
import { dayToPicker, pickerDay } from '../../../shared/format.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';

interface Values {
  title: string;
  capacity: number;
  needsApproval: boolean;
  fromDate: Dayjs;
  weeks: number;
  weekdays: number[];
  times: { from: string; to: string }[];
}

const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const CLOCK_END = /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
const presets = ['阅览座位', '心理咨询（一对一）', '会议室（需审批）', '活动室'];

export function SlotFormModal({ placeId, from, onClose, onDone }: { placeId: number; from: string; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      form={form}
      title="发布预约时段"
      okText="发布"
      onCancel={onClose}
      modal={{ width: 620, destroyOnHidden: true }}
      intro={<p>按周重复：在开始日期起的每一周，所选星期的每个时段各发布一个。同名、同一开始时间的时段已存在的会跳过。时间均为北京时间。</p>}
      formProps={{ initialValues: { title: '阅览座位', capacity: 20, needsApproval: false, fromDate: dayToPicker(from), weeks: 1, weekdays: [1, 2, 3, 4, 5, 6, 7], times: [{ from: '09:00', to: '12:00' }] } }}
      onSubmit={async (v) => {
        const done = await api.post('/api/places/:id/slots', {
          params: { id: placeId },
          body: {
            title: v.title.trim(),
            capacity: v.capacity,
            needsApproval: v.needsApproval,
            fromDate: pickerDay(v.fromDate),
            weeks: v.weeks,
            weekdays: v.weekdays,
            times: v.times.map((t) => ({ from: t.from.trim(), to: t.to.trim() })),
          },
        });
        message.success(`已发布 ${done.created} 个时段${done.skipped ? `，跳过已存在的 ${done.skipped} 个` : ''}`);
        onDone();
      }}
    >
      <Form.Item name="title" label="时段名称" rules={[{ required: true, whitespace: true, message: '请填写时段名称' }, { max: 30, message: '最多 30 个字' }]}>
        <Input list="slot-title-presets" placeholder="如 阅览座位、心理咨询、会议厅" />
      </Form.Item>
      <datalist id="slot-title-presets">{presets.map((p) => <option key={p} value={p} />)}</datalist>
      <Space size="large" wrap>
        <Form.Item name="capacity" label="每个时段可预约人数" rules={[{ required: true, message: '请填写人数' }]}>
          <InputNumber min={1} max={500} precision={0} />
        </Form.Item>
        <Form.Item name="needsApproval" label="预约需审批" valuePropName="checked">
          <Switch checkedChildren="需审批" unCheckedChildren="不需要" />
        </Form.Item>
      </Space>
      <Space size="large" wrap>
        <Form.Item name="fromDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="weeks" label="重复几周">
          <Select style={{ width: 120 }} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 周` }))} />
        </Form.Item>
      </Space>
      <Form.Item name="weekdays" label="星期" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一天' }]}>
        <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: weekdayLabels[d] }))} />
      </Form.Item>
      <Form.List name="times" rules={[{ validator: async (_, v: unknown[]) => (v && v.length > 0 ? undefined : Promise.reject(new Error('请添加至少一个时段'))) }]}>
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label="每天的时段" required>
            {fields.map((f) => (
              <Space key={f.key} align="baseline">
                <Form.Item name={[f.name, 'from']} rules={[{ required: true, pattern: CLOCK, message: '如 09:00' }]}>
                  <Input aria-label="开始时间" placeholder="09:00" style={{ width: 100 }} />
                </Form.Item>
                <span>至</span>
                <Form.Item name={[f.name, 'to']} rules={[{ required: true, pattern: CLOCK_END, message: '如 12:00' }]}>
                  <Input aria-label="结束时间" placeholder="12:00" style={{ width: 100 }} />
                </Form.Item>
                {fields.length > 1 && <a onClick={() => remove(f.name)}>删除</a>}
              </Space>
            ))}
            <div>
              <a onClick={() => add({ from: '14:00', to: '17:00' })}>+ 添加时段</a>
            </div>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
    </FormModal>
  );
}
