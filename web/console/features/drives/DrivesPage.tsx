// 建会行动: the founding drives run by the unions of the caller's subtree — each with its dates, state,
// targets and unions founded; 新建行动 (a town, county or city union's staff) with its goals.
import '../../components/common.css';
import './drives.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { driveStatusLabels, gigIndustries, type DriveSummary } from '../../../../contracts/drives.ts';
import { gigGroupLabels } from '../../../../contracts/enterprise-facts-common.ts';
import { api } from '../../../shared/api.ts';
import { formatCount, pickerDay } from '../../../shared/format.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useMe, useSession } from '../../session.tsx';
import { useDriveWriter } from './driveParts.tsx';

const statusColors = { draft: 'default', active: 'processing', closed: 'success' } as const;

export function DrivesPage() {
  const navigate = useNavigate();
  const canWrite = useDriveWriter(useSession());
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const list = usePagedList('/api/drives', { query: {} }, { showTotal: (t) => `共 ${formatCount(t)} 项行动` });
  const runsDrives = ['city', 'county', 'town'].includes(me.org.level);

  const columns: TableProps<DriveSummary>['columns'] = [
    {
      title: '行动',
      render: (_, d) => (
        <div className="two-line">
          <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/drives/${d.id}`)}>
            {d.title}
          </Button>
          <Typography.Text type="secondary" className="small">
            {d.org.name}
          </Typography.Text>
        </div>
      ),
    },
    { title: '期间', width: 210, responsive: ['md'], render: (_, d) => `${d.startsOn} 至 ${d.endsOn}` },
    { title: '状态', width: 90, render: (_, d) => <Tag color={statusColors[d.status]}>{driveStatusLabels[d.status]}</Tag> },
    { title: '建会对象', width: 100, align: 'right', responsive: ['sm'], render: (_, d) => formatCount(d.targets) },
    { title: '已建会', width: 90, align: 'right', render: (_, d) => <strong>{formatCount(d.founded)}</strong> },
  ];

  return (
    <>
      <ListPage<DriveSummary>
        title="建会行动"
        extra={
          canWrite && runsDrives && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建行动
            </Button>
          )
        }
        intro={
          canWrite && !runsDrives ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message="建会行动由镇街、县区或地市工会开展；本单位可查看下级工会的行动。" />
          ) : undefined
        }
        list={list}
        columns={columns}
        emptyText="管理范围内还没有建会行动"
        testId="drives"
      />
      {creating && (
        <NewDriveModal
          orgId={me.org.id}
          orgName={me.org.name}
          onCancel={() => setCreating(false)}
          onDone={(id) => {
            setCreating(false);
            navigate(`/drives/${id}`);
          }}
        />
      )}
    </>
  );
}

interface NewDriveValues {
  title: string;
  period: [Dayjs, Dayjs];
  unions?: number;
  members?: number;
  groupIndustry?: string;
  groupTarget?: number;
}

function NewDriveModal({ orgId, orgName, onCancel, onDone }: { orgId: number; orgName: string; onCancel: () => void; onDone: (id: number) => void }) {
  const [form] = Form.useForm<NewDriveValues>();
  return (
    <FormModal<NewDriveValues>
      form={form}
      title="新建建会行动"
      okText="新建"
      onCancel={onCancel}
      intro={<Typography.Paragraph type="secondary">开展单位：{orgName}</Typography.Paragraph>}
      onSubmit={async (v) => {
        const goals: { key: 'unions' | 'members' | 'group'; industry?: (typeof gigIndustries)[number]; target: number }[] = [];
        if (v.unions) goals.push({ key: 'unions', target: v.unions });
        if (v.members) goals.push({ key: 'members', target: v.members });
        if (v.groupIndustry && v.groupTarget) goals.push({ key: 'group', industry: v.groupIndustry as (typeof gigIndustries)[number], target: v.groupTarget });
        const d = await api.post('/api/drives', {
          body: { orgId, title: v.title.trim(), startsOn: pickerDay(v.period[0]), endsOn: pickerDay(v.period[1]), status: 'active', goals },
        });
        onDone(d.id);
      }}
    >
      <Form.Item name="title" label="行动名称" rules={[{ required: true, whitespace: true, message: '请填写行动名称' }, { min: 2, max: 60, message: '2–60 个字' }]}>
        <Input maxLength={60} placeholder="如：2026年非公有制企业工会强基工程建会行动" />
      </Form.Item>
      <Form.Item name="period" label="行动期间" rules={[{ required: true, message: '请选择开始和结束日期' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap size={16}>
        <Form.Item name="unions" label="新建工会目标（家）">
          <InputNumber min={1} max={1000000} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="members" label="新增会员目标（人）">
          <InputNumber min={1} max={1000000} style={{ width: 140 }} />
        </Form.Item>
      </Space>
      <Space wrap size={16}>
        <Form.Item name="groupIndustry" label="重点群体">
          <Select allowClear style={{ width: 160 }} placeholder="不设" options={gigIndustries.map((i) => ({ value: i, label: gigGroupLabels[i] ?? i }))} />
        </Form.Item>
        <Form.Item name="groupTarget" label="重点群体入会目标（人）">
          <InputNumber min={1} max={1000000} style={{ width: 140 }} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}
