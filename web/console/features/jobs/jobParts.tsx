// Parts of the 岗位 and 招聘会 pages: who may write, the wage as words, the status tag, the skill picker
// (searching the taxonomy: GET /api/skills) and the publish form (发布岗位) used by the list and a fair.
import { useEffect, useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  JOB_SKILLS_MAX,
  jobEmploymentLabels,
  jobEmployments,
  jobShiftLabels,
  jobShifts,
  jobStatusLabels,
  wageUnitLabels,
  wageUnits,
  type JobDetail,
  type JobSummary,
} from '../../../../contracts/jobs.ts';
import { skillLevelLabel, skillLevels } from '../../../../contracts/skills.ts';
import { api } from '../../../shared/api.ts';
import { formatCount, pickerDay } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import type { useSession } from '../../session.tsx';

export function useJobWriter(session: ReturnType<typeof useSession>): boolean {
  return session.hasRole('admin') || session.hasRole('clerk');
}

/** "5,000–7,000 元/月" */
export function wageText(j: Pick<JobSummary, 'wageMin' | 'wageMax' | 'wageUnit'>): string {
  const range = j.wageMin === j.wageMax ? formatCount(j.wageMin) : `${formatCount(j.wageMin)}–${formatCount(j.wageMax)}`;
  return `${range} ${wageUnitLabels[j.wageUnit]}`;
}

const statusColors = { open: 'processing', closed: 'success', withdrawn: 'default' } as const;

export function JobStatusTag({ job }: { job: Pick<JobSummary, 'status' | 'isExpired'> }) {
  if (job.status === 'open' && job.isExpired) return <Tag color="warning">已过有效期</Tag>;
  return <Tag color={statusColors[job.status]}>{jobStatusLabels[job.status]}</Tag>;
}

interface SkillOption {
  value: number;
  label: string;
}

/** One skill of the taxonomy, searched by name, synonym or code as the clerk types. */
function SkillSelect({ value, onChange, occupations, initial, ariaLabel }: { value?: number; onChange?: (v: number | undefined) => void; occupations?: boolean; initial?: SkillOption; ariaLabel: string }) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<SkillOption[]>(initial ? [initial] : []);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void api
        .get('/api/skills', { query: { q: q.trim() || undefined, rank: occupations ? 'occupation' : 'skill' } })
        .then((r) => {
          if (live) setOptions(r.items.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` })));
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, occupations]);
  return (
    <Select
      showSearch
      allowClear
      aria-label={ariaLabel}
      value={value}
      onChange={(v) => onChange?.(v)}
      filterOption={false}
      onSearch={setQ}
      options={options}
      placeholder={occupations ? '搜索职业名称或编码' : '搜索技能，如 叉车、电工'}
      style={{ width: 260 }}
    />
  );
}

export interface JobFormValues {
  orgId?: number;
  employerName: string;
  title: string;
  occupationId?: number;
  townId?: number;
  address: string;
  wageMin: number;
  wageMax: number;
  wageUnit: (typeof wageUnits)[number];
  shift: (typeof jobShifts)[number];
  employment: (typeof jobEmployments)[number];
  headcount: number;
  validUntil: Dayjs;
  contactName?: string;
  contactPhone?: string;
  skills: { skillId?: number; minLevel: number; essential: boolean }[];
}

/** 发布岗位: for the caller's union (or one picked), optionally in a fair; the skills picked from the taxonomy. */
export function JobFormModal({ orgId, orgName, fairId, onCancel, onDone }: { orgId: number; orgName: string; fairId?: number; onCancel: () => void; onDone: (job: JobDetail) => void }) {
  const [form] = Form.useForm<JobFormValues>();
  const { post } = useIdempotentPost('/api/jobs');
  return (
    <FormModal<JobFormValues>
      form={form}
      title="发布岗位"
      okText="发布"
      onCancel={onCancel}
      modal={{ width: 720 }}
      formProps={{ initialValues: { orgId, wageUnit: 'month', shift: 'day', employment: 'fulltime', headcount: 1, skills: [{ minLevel: 2, essential: true }] } }}
      intro={<Typography.Paragraph type="secondary">代用人单位发布；工作地点须在发布工会的管辖范围内。联系人电话加密保存，对会员脱敏显示。</Typography.Paragraph>}
      onSubmit={async (v) => {
        const out = await post({
          body: {
            orgId: v.orgId ?? orgId,
            employerName: v.employerName.trim(),
            title: v.title.trim(),
            ...(v.occupationId ? { occupationId: v.occupationId } : {}),
            townId: v.townId!,
            address: v.address.trim(),
            wageMin: v.wageMin,
            wageMax: v.wageMax,
            wageUnit: v.wageUnit,
            shift: v.shift,
            employment: v.employment,
            headcount: v.headcount,
            validUntil: pickerDay(v.validUntil),
            ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}),
            ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}),
            ...(fairId ? { fairId } : {}),
            skills: v.skills.filter((s) => s.skillId).map((s) => ({ skillId: s.skillId!, minLevel: s.minLevel, essential: s.essential })),
          },
        });
        if (out.kind !== 'done') throw new Error(out.message);
        onDone(out.answer);
      }}
    >
      <Form.Item name="orgId" label="发布工会" extra={`默认：${orgName}`}>
        <OrgSearchSelect aria-label="发布工会" initialLabel={orgName} />
      </Form.Item>
      <Space wrap size={16} align="start">
        <Form.Item name="employerName" label="用人单位" rules={[{ required: true, whitespace: true, message: '请填写用人单位' }, { min: 2, max: 100, message: '2–100 个字' }]}>
          <Input maxLength={100} style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="title" label="岗位名称" rules={[{ required: true, whitespace: true, message: '请填写岗位名称' }, { min: 2, max: 40, message: '2–40 个字' }]}>
          <Input maxLength={40} style={{ width: 260 }} placeholder="如：叉车司机" />
        </Form.Item>
      </Space>
      <Form.Item name="occupationId" label="职业（职业分类大典）">
        <SkillSelect occupations ariaLabel="职业" />
      </Form.Item>
      <Form.Item label="技能要求" required extra={`至少一项必备，最多 ${JOB_SKILLS_MAX} 项；等级按新八级（学徒工至首席技师）`}>
        <Form.List name="skills">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'skillId']} rules={[{ required: true, message: '请选择技能' }]}>
                    <SkillSelect ariaLabel={`第 ${i + 1} 项技能`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'minLevel']}>
                    <Select aria-label={`第 ${i + 1} 项技能的最低等级`} style={{ width: 150 }} options={skillLevels.map((l) => ({ value: l, label: skillLevelLabel(l) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'essential']} valuePropName="checked">
                    <Checkbox>必备</Checkbox>
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 项技能`} onClick={() => remove(f.name)} />
                </Space>
              ))}
              {fields.length < JOB_SKILLS_MAX && (
                <Button icon={<PlusOutlined />} onClick={() => add({ minLevel: 2, essential: false })}>
                  添加技能
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form.Item>
      <Space wrap size={16} align="start">
        <Form.Item name="townId" label="工作地点（镇街）" rules={[{ required: true, message: '请选择镇（街道）' }]}>
          <OrgSearchSelect aria-label="工作地点所在镇街" style={{ width: 260 }} disabledReason={(o) => (o.level === 'town' ? undefined : '请选择镇（街道）')} />
        </Form.Item>
        <Form.Item name="address" label="详细地址" rules={[{ required: true, whitespace: true, message: '请填写地址' }, { min: 2, max: 120, message: '2–120 个字' }]}>
          <Input maxLength={120} style={{ width: 300 }} />
        </Form.Item>
      </Space>
      <Space wrap size={16} align="start">
        <Form.Item name="wageMin" label="工资下限（元）" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={1} max={1_000_000} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item
          name="wageMax"
          label="工资上限（元）"
          dependencies={['wageMin']}
          rules={[
            { required: true, message: '请填写' },
            ({ getFieldValue }) => ({ validator: (_, v: number | undefined) => (v === undefined || v >= (getFieldValue('wageMin') as number) ? Promise.resolve() : Promise.reject(new Error('工资下限不能高于上限'))) }),
          ]}
        >
          <InputNumber min={1} max={1_000_000} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="wageUnit" label="计薪方式">
          <Select style={{ width: 110 }} options={wageUnits.map((u) => ({ value: u, label: wageUnitLabels[u] }))} />
        </Form.Item>
      </Space>
      <Space wrap size={16} align="start">
        <Form.Item name="shift" label="班次">
          <Select style={{ width: 150 }} options={jobShifts.map((s) => ({ value: s, label: jobShiftLabels[s] }))} />
        </Form.Item>
        <Form.Item name="employment" label="用工形式">
          <Select style={{ width: 120 }} options={jobEmployments.map((s) => ({ value: s, label: jobEmploymentLabels[s] }))} />
        </Form.Item>
        <Form.Item name="headcount" label="招聘人数" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={1} max={10_000} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="validUntil" label="有效期至" rules={[{ required: true, message: '请选择日期（180 天内）' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Space wrap size={16} align="start">
        <Form.Item name="contactName" label="联系人" rules={[{ max: 30, message: '不超过 30 个字' }]}>
          <Input maxLength={30} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8})$/, message: '11 位手机号或带区号的固定电话' }]}>
          <Input maxLength={13} style={{ width: 180 }} />
        </Form.Item>
      </Space>
    </FormModal>
  );
}
