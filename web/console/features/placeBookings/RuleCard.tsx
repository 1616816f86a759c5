// 预约规则 of one place: per-member limits, the cancel deadline, and how many no-shows within how
// many days suspend booking for how long.
import { useEffect } from 'react';
import { App, Button, Card, Form, InputNumber, Space } from 'antd';
import type { BookingRule } from '../../../../contracts/place-bookings.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';

const fields: { name: keyof BookingRule; label: string; unit: string; min: number; max: number }[] = [
  { name: 'maxUpcoming', label: '每人最多同时有几个未到期的预约', unit: '个', min: 1, max: 20 },
  { name: 'maxPerDay', label: '每人每天最多预约', unit: '个时段', min: 1, max: 10 },
  { name: 'cancelBeforeMinutes', label: '开始前多少分钟截止取消', unit: '分钟', min: 0, max: 10080 },
  { name: 'noShowLimit', label: '未到几次暂停预约', unit: '次', min: 1, max: 20 },
  { name: 'noShowWindowDays', label: '未到次数的统计天数', unit: '天内', min: 1, max: 365 },
  { name: 'suspendDays', label: '暂停预约天数', unit: '天', min: 1, max: 365 },
];

export function RuleCard({ placeId }: { placeId: number }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BookingRule>();
  const { busy, submit } = useSubmit();
  useEffect(() => {
    api
      .get('/api/places/:id/booking-rule', { params: { id: placeId } })
      .then((r) => form.setFieldsValue(r))
      .catch((err: unknown) => message.error(errorMessage(err)));
  }, [placeId, form, message]);
  return (
    <Card size="small" style={{ maxWidth: 640 }}>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 14 }}
        onFinish={(v) =>
          submit(async () => {
            form.setFieldsValue(await api.put('/api/places/:id/booking-rule', { params: { id: placeId }, body: v }));
            message.success('预约规则已保存');
          })
        }
      >
        {fields.map((f) => (
          <Form.Item key={f.name} label={f.label} required>
            <Space>
              <Form.Item name={f.name} noStyle rules={[{ required: true, message: '请填写' }]}>
                <InputNumber aria-label={f.label} min={f.min} max={f.max} precision={0} />
              </Form.Item>
              <span>{f.unit}</span>
            </Space>
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={busy}>
          保存规则
        </Button>
      </Form>
    </Card>
  );
}
