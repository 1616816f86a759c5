// 新建托管项目: the running union, title, kind, ages, places, the sign-up window and the sessions as a
// weekly pattern (first and last day, weekdays, from–to in Beijing time); saved as a draft.
import { Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef } from 'react';
import { programmeKindLabels, programmeKinds, type ProgrammeDetail, type ProgrammeKind } from '../../../../contracts/childcare.ts';
import { api, newIdempotencyKey } from '../../../shared/api.ts';
import { fromPicker, pickerDay } from '../../../shared/format.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useSession } from '../../session.tsx';
import { WEEKDAY_LABELS } from './childcareParts.tsx';

interface Values {
  orgId: number;
  title: string;
  kind: ProgrammeKind;
  description?: string;
  ageMin: number;
  ageMax: number;
  capacity: number;
  window: [Dayjs, Dayjs];
  days: [Dayjs, Dayjs];
  weekdays: number[];
  from: Dayjs;
  to: Dayjs;
}

export function ProgrammeFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (p: ProgrammeDetail) => void }) {
  const [form] = Form.useForm<Values>();
  const { me } = useSession();
  const key = useRef(newIdempotencyKey());
  const submit = async (v: Values) => {
    const p = await api.post('/api/childcare/programmes', {
      headers: { 'idempotency-key': key.current },
      body: {
        orgId: v.orgId,
        title: v.title.trim(),
        kind: v.kind,
        description: v.description?.trim() ?? '',
        ageMin: v.ageMin,
        ageMax: v.ageMax,
        capacity: v.capacity,
        signupOpensAt: fromPicker(v.window[0]),
        signupClosesAt: fromPicker(v.window[1]),
        schedule: { firstDay: pickerDay(v.days[0]), lastDay: pickerDay(v.days[1]), weekdays: v.weekdays, from: v.from.format('HH:mm'), to: v.to.format('HH:mm'), skipDays: [] },
      },
    });
    onCreated(p);
  };
  return (
    <FormModal<Values>
      form={form}
      title="新建托管项目"
      okText="保存为草稿"
      onSubmit={submit}
      onCancel={onClose}
      modal={{ width: 640 }}
      intro={<p>保存后为草稿，核对场次后再发布；发布后会员可在报名时间内为孩子报名。</p>}
      formProps={{ initialValues: { orgId: me?.org.id, kind: 'weekend', ageMin: 7, ageMax: 10, capacity: 30, weekdays: [6] } }}
    >
      <Form.Item name="orgId" label="举办工会" rules={[{ required: true, message: '请选择举办工会' }]}>
        <OrgSearchSelect initialLabel={me?.org.name} aria-label="举办工会" />
      </Form.Item>
      <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }, { min: 2, max: 80, message: '名称为 2–80 个字' }]}>
        <Input placeholder="如 寒假“小候鸟”托管" />
      </Form.Item>
      <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
        <Select options={programmeKinds.map((k) => ({ value: k, label: programmeKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="description" label="介绍" rules={[{ max: 2000, message: '最多 2000 个字' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="ageMin" label="最小年龄" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={17} />
        </Form.Item>
        <Form.Item name="ageMax" label="最大年龄" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={0} max={17} />
        </Form.Item>
        <Form.Item name="capacity" label="名额" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={1} max={2000} />
        </Form.Item>
      </Space>
      <Form.Item name="window" label="报名时间（北京时间）" rules={[{ required: true, message: '请选择报名时间' }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item name="days" label="活动日期（第一次至最后一次）" rules={[{ required: true, message: '请选择活动日期' }]}>
        <DatePicker.RangePicker />
      </Form.Item>
      <Form.Item name="weekdays" label="每周" rules={[{ required: true, message: '请至少选一天' }]}>
        <Checkbox.Group options={WEEKDAY_LABELS.map((label, i) => ({ label, value: i + 1 }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="from" label="开始时间" rules={[{ required: true, message: '请选择' }]}>
          <DatePicker picker="time" format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Form.Item name="to" label="结束时间" rules={[{ required: true, message: '请选择' }]}>
          <DatePicker picker="time" format="HH:mm" minuteStep={5} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}
