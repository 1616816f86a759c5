// 工作日历: the year's public holidays and 调休 working days, which every ticket deadline counted in
// working days honours. Every staff role reads it; the province's staff admins add a day (a holiday,
// or a weekend worked) and remove one with a reason — the server refuses anyone else
// (calendar_admin_only), so the buttons are shown to them only.
import '../../components/common.css';
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { calendarDayKindLabels, calendarDayKinds, type CalendarDay, type CalendarDayKind } from '../../../../contracts/calendar.ts';
import { api } from '../../../shared/api.ts';
import { pickerDay, todayInBeijing } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useSession } from '../../session.tsx';
import type { Dayjs } from 'dayjs';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekdayOf = (day: string) => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** The province's staff admins change the calendar (one for the whole federation). */
export function useCalendarAdmin(): boolean {
  const { me, hasRole } = useSession();
  return hasRole('admin') && me?.scope.level === 'province';
}

export function CalendarPage() {
  const thisYear = Number(todayInBeijing().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CalendarDay>();
  const isAdmin = useCalendarAdmin();
  const { message } = App.useApp();
  const detail = useDetail(`calendar ${year}`, () => api.get('/api/calendar/days', { query: { year: String(year) } }));
  const data = detail.data;

  const columns: TableProps<CalendarDay>['columns'] = [
    { title: '日期', width: 150, render: (_, d) => <span className="mono">{d.day} {weekdayOf(d.day)}</span> },
    { title: '类型', width: 140, render: (_, d) => <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{calendarDayKindLabels[d.kind]}</Tag> },
    { title: '名称', render: (_, d) => d.name },
    { title: '说明', responsive: ['md'], render: (_, d) => <Typography.Text type="secondary" className="small">{d.note}</Typography.Text> },
    ...(isAdmin
      ? [{ title: '操作', width: 90, render: (_: unknown, d: CalendarDay) => <Button type="link" danger onClick={() => setRemoving(d)} aria-label={`删除 ${d.day}`}>删除</Button> }]
      : []),
  ];

  return (
    <Card
      title={<PageTitle testId="calendar-title">工作日历</PageTitle>}
      extra={
        <Space wrap>
          <Select aria-label="年份" value={year} style={{ width: 110 }} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y} 年` }))} onChange={setYear} />
          {isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加节假日或调休
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        工单的受理、退回和办结期限按工作日计算：周一至周五为工作日，下表中的节假日休息，调休日（周末）上班。
        {data && ` ${year} 年共 ${data.workingDays} 个工作日。`}
      </Typography.Paragraph>
      {!isAdmin && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="工作日历全省统一，由省总工会管理员维护；国务院公布次年放假安排后即可在此添加。" />}
      {detail.problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={detail.problem.message} />}
      <Table<CalendarDay>
        rowKey="day"
        size="middle"
        loading={!data && !detail.problem}
        dataSource={data?.days ?? []}
        columns={columns}
        pagination={false}
        locale={{ emptyText: `${year} 年尚未登记节假日` }}
        data-testid="calendar-days"
      />
      {adding && (
        <AddDayModal
          onCancel={() => setAdding(false)}
          onDone={(day) => {
            setAdding(false);
            message.success(`已保存 ${day}`);
            if (Number(day.slice(0, 4)) === year) void detail.reload();
            else setYear(Number(day.slice(0, 4)));
          }}
        />
      )}
      <ReasonModal
        open={removing !== undefined}
        title={`删除 ${removing?.day ?? ''} ${removing?.name ?? ''}`}
        okText="删除"
        warning="删除后该日按平常的周一至周五（工作日）或周末（休息日）计算；已计算的工单期限不变。"
        label="删除原因"
        required="请填写删除原因"
        placeholder="如：录入错误"
        onClose={() => setRemoving(undefined)}
        onSubmit={async (reason) => {
          await api.post('/api/calendar/days/:day/remove', { params: { day: removing!.day }, body: { reason } });
          setRemoving(undefined);
          message.success('已删除');
          await detail.reload();
        }}
      />
    </Card>
  );
}

interface Values {
  day: Dayjs;
  kind: CalendarDayKind;
  name: string;
  note?: string;
}

function AddDayModal({ onCancel, onDone }: { onCancel: () => void; onDone: (day: string) => void }) {
  const [form] = Form.useForm<Values>();
  return (
    <FormModal<Values>
      form={form}
      title="添加节假日或调休上班日"
      okText="保存"
      onCancel={onCancel}
      modal={{ destroyOnHidden: true }}
      formProps={{ initialValues: { kind: 'holiday' } }}
      intro={<Typography.Paragraph type="secondary">同一天已登记的，保存后以本次为准。调休上班日须为周六或周日。</Typography.Paragraph>}
      onSubmit={async (v) => {
        const day = pickerDay(v.day);
        await api.put('/api/calendar/days/:day', { params: { day }, body: { kind: v.kind, name: v.name.trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) } });
        onDone(day);
      }}
    >
      <Form.Item name="day" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker aria-label="日期" />
      </Form.Item>
      <Form.Item
        name="kind"
        label="类型"
        dependencies={['day']}
        rules={[
          { required: true, message: '请选择类型' },
          ({ getFieldValue }) => ({
            validator: async (_, kind: CalendarDayKind | undefined) => {
              const d = getFieldValue('day') as Dayjs | undefined;
              if (kind === 'workday' && d && !isWeekend(pickerDay(d))) throw new Error('调休上班日须为周六或周日');
            },
          }),
        ]}
      >
        <Select aria-label="类型" options={calendarDayKinds.map((k) => ({ value: k, label: calendarDayKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 30, message: '最多 30 字' }]}>
        <Input maxLength={30} placeholder="如：春节、春节调休" />
      </Form.Item>
      <Form.Item name="note" label="说明" rules={[{ max: 200, message: '最多 200 字' }]}>
        <Input maxLength={200} placeholder="如：国办发明电〔2026〕号文" />
      </Form.Item>
    </FormModal>
  );
}
