// 劳动法律监督员: the certified supervisors of the caller's subtree — certificate, union, training date,
// valid until (an expired certificate marked) — with 登记, 修改, 停用 / 恢复 for admins and clerks, and a
// sample 提示函 from the supervisor's union to an employer, opened as a PDF.
import '../../components/common.css';
import { useState } from 'react';
import { App, Alert, Button, Form, Grid, Input, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { createSupervisorBody, type SupervisorView } from '../../../../contracts/legal.ts';
import { api, apiUrl } from '../../../shared/api.ts';
import { dayToPicker, formatCount, pickerDay } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { LinkActions } from '../../components/LinkActions.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { zodRule } from '../../rules.ts';
import { ActiveToggle, activeLabels, type ActiveStatus, useLegalWriter } from './legalParts.tsx';
import type { Dayjs } from 'dayjs';

interface Filters {
  orgId?: number | undefined;
  status: ActiveStatus;
  q?: string | undefined;
}

export function SupervisorsPage() {
  const canWrite = useLegalWriter(useSession());
  const [filters, setFilters] = useState<Filters>({ status: 'active' });
  const [editing, setEditing] = useState<SupervisorView | 'new'>();
  const [letterFor, setLetterFor] = useState<SupervisorView>();
  const list = usePagedList('/api/legal/supervisors', { query: { ...filters } }, { showSizeChanger: true, showTotal: (t) => `共 ${formatCount(t)} 名` });
  const narrow = !Grid.useBreakpoint().sm;
  const change = (next: Partial<Filters>) => setFilters((f) => ({ ...f, ...next }));

  const actionsOf = (s: SupervisorView) => (
    <LinkActions
      actions={[
        { label: '提示函样稿', onClick: () => setLetterFor(s) },
        canWrite && { label: '修改', onClick: () => setEditing(s) },
      ]}
    />
  );

  const columns: TableProps<SupervisorView>['columns'] = [
    {
      title: '监督员',
      render: (_, s) => (
        <div className="two-line">
          <div>
            <strong>{s.name}</strong>
            {!s.active && <Tag style={{ marginLeft: 6 }}>已停用</Tag>}
          </div>
          <Typography.Text type="secondary" className="small">
            {s.org.name}
            {s.workplace ? ` · ${s.workplace}` : ''}
          </Typography.Text>
          {narrow && (
            <>
              <div className="small">
                <span className="mono">{s.certificateNo}</span> · 有效期至 {s.validUntil} {!s.certificateValid && <Tag color="red">已过期</Tag>}
              </div>
              {actionsOf(s)}
            </>
          )}
        </div>
      ),
    },
    { title: '证书编号', width: 160, responsive: ['sm'], render: (_, s) => <span className="mono small">{s.certificateNo}</span> },
    { title: '培训日期', width: 110, responsive: ['md'], render: (_, s) => <span className="small">{s.trainedOn}</span> },
    {
      title: '有效期至',
      width: 130,
      responsive: ['sm'],
      render: (_, s) => (
        <Space size={4}>
          <span className="small">{s.validUntil}</span>
          {!s.certificateValid && <Tag color="red">已过期</Tag>}
        </Space>
      ),
    },
    { title: '操作', width: 200, responsive: ['sm'], render: (_, s) => actionsOf(s) },
  ];

  return (
    <>
      <ListPage<SupervisorView>
        title="劳动法律监督员"
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              登记监督员
            </Button>
          )
        }
        intro={!canWrite && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="登记和修改监督员须由单位管理员或经办人操作" />}
        filters={
          <>
            <OrgFilter aria-label="所属工会" placeholder="所属工会（默认全部）" width={240} value={filters.orgId} onChange={(orgId) => change({ orgId })} />
            <LabelSelect<ActiveStatus> aria-label="状态" allowClear={false} style={{ width: 110 }} values={['active', 'inactive', 'all']} labels={activeLabels} value={filters.status} onChange={(status) => change({ status: status ?? 'active' })} />
            <ListSearch aria-label="姓名或证书编号" placeholder="姓名或证书编号" style={{ width: 200 }} value={filters.q} reload={list.reload} onSearch={(q) => change({ q })} />
          </>
        }
        list={list}
        columns={columns}
        emptyText="没有符合条件的监督员"
        testId="supervisors"
      />
      {editing && (
        <SupervisorFormModal
          supervisor={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onDone={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
      {letterFor && <LetterPreviewModal supervisor={letterFor} onClose={() => setLetterFor(undefined)} />}
    </>
  );
}

interface Values {
  orgId: number;
  name: string;
  certificateNo: string;
  trainedOn: Dayjs;
  validUntil: Dayjs;
  workplace?: string;
}

function SupervisorFormModal({ supervisor: s, onDone, onCancel }: { supervisor?: SupervisorView | undefined; onDone: () => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useIdempotentPost('/api/legal/supervisors');

  async function submit(v: Values) {
    const fields = { name: v.name, certificateNo: v.certificateNo, trainedOn: pickerDay(v.trainedOn), validUntil: pickerDay(v.validUntil) };
    if (s) {
      await api.patch('/api/legal/supervisors/:id', { params: { id: s.id }, body: { ...fields, workplace: v.workplace?.trim() || null } });
      message.success('已保存');
    } else {
      const out = await create.post({ body: { orgId: v.orgId, ...fields, ...(v.workplace?.trim() ? { workplace: v.workplace.trim() } : {}) } });
      if (out.kind !== 'done') throw new Error(out.message);
      message.success(`已登记监督员 ${out.answer.name}`);
    }
    onDone();
  }

  return (
    <FormModal<Values>
      form={form}
      title={s ? `修改监督员：${s.name}` : '登记劳动法律监督员'}
      okText={s ? '保存' : '登记'}
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 520, destroyOnHidden: true }}
      formProps={{
        initialValues: s ? { orgId: s.org.id, name: s.name, certificateNo: s.certificateNo, trainedOn: dayToPicker(s.trainedOn), validUntil: dayToPicker(s.validUntil), workplace: s.workplace ?? undefined } : undefined,
      }}
      intro={
        s && (
          <Space style={{ marginBottom: 12 }}>
            <span>状态：{s.active ? '在册' : '已停用'}</span>
            <ActiveToggle
              active={s.active}
              what="监督员"
              onChange={async (active) => {
                await api.patch('/api/legal/supervisors/:id', { params: { id: s.id }, body: { active } });
                onDone();
              }}
            />
          </Space>
        )
      }
    >
      {s ? (
        <Form.Item label="所属工会">{s.org.name}</Form.Item>
      ) : (
        <Form.Item name="orgId" label="所属工会" rules={[{ required: true, message: '请选择所属工会' }]}>
          <OrgSearchSelect aria-label="所属工会" />
        </Form.Item>
      )}
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
        <Input maxLength={30} autoComplete="off" />
      </Form.Item>
      <Form.Item name="certificateNo" label="《工会劳动法律监督员证》编号" rules={[{ required: true, message: '请填写证书编号' }, zodRule(createSupervisorBody.shape.certificateNo)]}>
        <Input maxLength={32} className="mono" />
      </Form.Item>
      <Space wrap size={16}>
        <Form.Item name="trainedOn" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
          <DatePicker aria-label="培训日期" />
        </Form.Item>
        <Form.Item
          name="validUntil"
          label="有效期至"
          dependencies={['trainedOn']}
          rules={[
            { required: true, message: '请选择有效期' },
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | undefined) => {
                const trained = getFieldValue('trainedOn') as Dayjs | undefined;
                if (value && trained && pickerDay(value) <= pickerDay(trained)) throw new Error('有效期须晚于培训日期');
              },
            }),
          ]}
        >
          <DatePicker aria-label="有效期至" />
        </Form.Item>
      </Space>
      <Form.Item name="workplace" label="工作单位或职务" rules={[{ max: 100, message: '最多 100 字' }]}>
        <Input maxLength={100} placeholder="如：某某公司工会主席" />
      </Form.Item>
    </FormModal>
  );
}

/** Asks for the employer (and what was found), then opens the sample 提示函 PDF in a new tab. */
function LetterPreviewModal({ supervisor: s, onClose }: { supervisor: SupervisorView; onClose: () => void }) {
  const [form] = Form.useForm<{ employer: string; matter?: string }>();
  return (
    <FormModal<{ employer: string; matter?: string }>
      form={form}
      title={`提示函样稿：${s.org.name}`}
      okText="生成 PDF"
      onCancel={onClose}
      modal={{ destroyOnHidden: true }}
      intro={<Typography.Paragraph type="secondary">以监督员 {s.name} 为联系人，生成致用人单位的《工会劳动法律监督提示函》样稿（不编号、不保存）。</Typography.Paragraph>}
      onSubmit={(v) => {
        const url = apiUrl('/api/legal/supervisors/:id/letter-preview', { params: { id: s.id }, query: { employer: v.employer.trim(), ...(v.matter?.trim() ? { matter: v.matter.trim() } : {}) } });
        window.open(url, '_blank', 'noopener');
        onClose();
      }}
    >
      <Form.Item name="employer" label="用人单位名称" rules={[{ required: true, whitespace: true, message: '请填写用人单位名称' }, { min: 2, max: 100, message: '2–100 个字' }]}>
        <Input maxLength={100} placeholder="如：某某制衣有限公司" />
      </Form.Item>
      <Form.Item name="matter" label="发现的问题" rules={[{ max: 300, message: '最多 300 字' }]}>
        <Input.TextArea rows={3} maxLength={300} placeholder="不填则用示例文字：未按劳动合同约定的时间足额支付劳动者工资" />
      </Form.Item>
    </FormModal>
  );
}
