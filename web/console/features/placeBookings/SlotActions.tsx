// What staff do with one slot from the calendar: read its bookings (names masked), change its capacity.
import { useEffect, useState } from 'react';
import { App, Drawer, Form, InputNumber, Table } from 'antd';
import type { z } from 'zod';
import type { Slot, staffBooking } from '../../../../contracts/place-bookings.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatMinute, formatSpan } from '../../../shared/format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { bookingStateTags } from './bookingLabels.ts';

type StaffBooking = z.infer<typeof staffBooking>;

export function SlotBookingsDrawer({ slot, onClose }: { slot: Slot; onClose: () => void }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<StaffBooking[]>();
  useEffect(() => {
    api
      .get('/api/place-bookings', { query: { slotId: slot.id, pageSize: 200 } })
      .then((p) => setRows(p.items))
      .catch((err: unknown) => message.error(errorMessage(err)));
  }, [slot.id, message]);
  return (
    <Drawer open title={`${slot.title} · ${formatSpan(slot.startsAt, slot.endsAt, { weekday: true })}`} width={560} onClose={onClose}>
      <Table<StaffBooking>
        size="small"
        rowKey="id"
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: '还没有人预约' }}
        columns={[
          { title: '姓名', dataIndex: 'memberName' },
          { title: '会员号', dataIndex: 'memberNo', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
          { title: '状态', dataIndex: 'state', render: (v: string) => <StateTag tags={bookingStateTags} value={v} /> },
          { title: '签到时间', dataIndex: 'checkedInAt', render: (v: string | null) => formatMinute(v) },
        ]}
      />
    </Drawer>
  );
}

export function CapacityModal({ slot, onClose, onDone }: { slot: Slot; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ capacity: number }>();
  return (
    <FormModal
      form={form}
      title="修改可预约人数"
      okText="保存"
      onCancel={onClose}
      intro={<p>已占用 {slot.booked} 个名额，可预约人数不能少于 {slot.booked}。</p>}
      formProps={{ initialValues: { capacity: slot.capacity } }}
      onSubmit={async ({ capacity }) => {
        await api.patch('/api/place-slots/:id', { params: { id: slot.id }, body: { capacity } });
        onDone();
      }}
    >
      <Form.Item name="capacity" label="可预约人数" rules={[{ required: true, message: '请填写可预约人数' }]}>
        <InputNumber min={Math.max(1, slot.booked)} max={500} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
