// 招聘会 (春送岗位): the fairs held by the unions of the caller's subtree — date and time (Beijing),
// where (a place, an address or a live link), employers, jobs and headcount; 新建招聘会 (admins and clerks).
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Form, Input, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { fairStatusLabels, type FairSummary } from '../../../../contracts/jobs.ts';
import { api } from '../../../shared/api.ts';
import { formatCount, pickerDay } from '../../../shared/format.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useMe, useSession } from '../../session.tsx';
import { useJobWriter } from './jobParts.tsx';

/** Where a fair is: its place, address and/or live link, in words. */
export function fairWhere(f: Pick<FairSummary, 'place' | 'address' | 'liveUrl'>): string {
  return [f.place?.name, f.address, f.liveUrl ? '网上直播' : undefined].filter(Boolean).join(' · ');
}

export function FairsPage() {
  const navigate = useNavigate();
  const me = useMe();
  const canWrite = useJobWriter(useSession());
  const [creating, setCreating] = useState(false);
  const list = usePagedList('/api/job-fairs', { query: {} }, { showTotal: (t) => `共 ${formatCount(t)} 场招聘会` });

  const columns: TableProps<FairSummary>['columns'] = [
    {
      title: '招聘会',
      render: (_, f) => (
        <div className="two-line">
          <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/job-fairs/${f.id}`)}>
            {f.title}
          </Button>
          <Typography.Text type="secondary" className="small">
            {f.org.name}
          </Typography.Text>
        </div>
      ),
    },
    { title: '时间', width: 190, render: (_, f) => `${f.heldOn} ${f.startsAt}–${f.endsAt}` },
    { title: '地点', width: 200, responsive: ['lg'], render: (_, f) => fairWhere(f) },
    { title: '参会单位', width: 90, align: 'right', responsive: ['sm'], render: (_, f) => formatCount(f.employers) },
    { title: '岗位', width: 70, align: 'right', responsive: ['sm'], render: (_, f) => formatCount(f.jobs) },
    { title: '招聘人数', width: 90, align: 'right', responsive: ['md'], render: (_, f) => formatCount(f.headcount) },
    { title: '状态', width: 90, render: (_, f) => <Tag color={f.status === 'cancelled' ? 'default' : 'processing'}>{fairStatusLabels[f.status]}</Tag> },
  ];

  return (
    <>
      <ListPage<FairSummary>
        title="招聘会"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建招聘会
            </Button>
          )
        }
        list={list}
        columns={columns}
        emptyText="管理范围内还没有招聘会"
        testId="job-fairs"
      />
      {creating && (
        <NewFairModal
          orgId={me.org.id}
          orgName={me.org.name}
          onCancel={() => setCreating(false)}
          onDone={(id) => {
            setCreating(false);
            navigate(`/job-fairs/${id}`);
          }}
        />
      )}
    </>
  );
}

interface NewFairValues {
  title: string;
  heldOn: Dayjs;
  hours: [Dayjs, Dayjs];
  address?: string;
  liveUrl?: string;
}

function NewFairModal({ orgId, orgName, onCancel, onDone }: { orgId: number; orgName: string; onCancel: () => void; onDone: (id: number) => void }) {
  const [form] = Form.useForm<NewFairValues>();
  return (
    <FormModal<NewFairValues>
      form={form}
      title="新建招聘会"
      okText="新建"
      onCancel={onCancel}
      intro={<Typography.Paragraph type="secondary">举办单位：{orgName}。地址和直播链接至少填一项；时间为北京时间。</Typography.Paragraph>}
      onSubmit={async (v) => {
        const f = await api.post('/api/job-fairs', {
          body: {
            orgId,
            title: v.title.trim(),
            heldOn: pickerDay(v.heldOn),
            startsAt: v.hours[0].format('HH:mm'),
            endsAt: v.hours[1].format('HH:mm'),
            ...(v.address?.trim() ? { address: v.address.trim() } : {}),
            ...(v.liveUrl?.trim() ? { liveUrl: v.liveUrl.trim() } : {}),
          },
        });
        onDone(f.id);
      }}
    >
      <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { min: 2, max: 60, message: '2–60 个字' }]}>
        <Input maxLength={60} placeholder="如：2027年春风行动暨春送岗位招聘会" />
      </Form.Item>
      <Form.Item name="heldOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="hours" label="时间" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
        <DatePicker.RangePicker picker="time" format="HH:mm" minuteStep={5} />
      </Form.Item>
      <Form.Item name="address" label="地址" rules={[{ max: 120, message: '不超过 120 个字' }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="liveUrl" label="直播链接" rules={[{ pattern: /^https:\/\//, message: '直播链接须为 https:// 开头的网址' }]}>
        <Input maxLength={500} placeholder="https://" />
      </Form.Item>
    </FormModal>
  );
}
