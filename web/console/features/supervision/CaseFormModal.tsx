// 新建案件: the union that acts (its name is on the letters), the employer (name, town, the address
// the letters go to), the provisions breached, what was found, how many workers; the supervisors of
// the union's subtree with a valid certificate; and, when it comes from the 维权工单 of one employer,
// those tickets.
import { useEffect, useRef, useState } from 'react';
import { App, AutoComplete, Form, Input, InputNumber, Select } from 'antd';
import { caseSourceLabels, createCaseBody } from '../../../../contracts/supervision.ts';
import { ticketCategoryLabels } from '../../../../contracts/tickets.ts';
import { api } from '../../../shared/api.ts';
import { formatDate } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useSession } from '../../session.tsx';
import { zodRule } from '../../rules.ts';

interface Values {
  orgId: number;
  employerName: string;
  employerTownId: number;
  employerAddress?: string;
  provisions: string[];
  summary: string;
  workersCount: number;
  supervisorIds: number[];
  ticketIds: number[];
  source: 'supervisor' | 'staff';
}

type Option = { value: number; label: string };

/** The active supervisors with a valid certificate of the union's subtree. */
function useSupervisorChoices(orgId: number | undefined): Option[] {
  const [choices, setChoices] = useState<Option[]>([]);
  useEffect(() => {
    if (!orgId) return setChoices([]);
    let live = true;
    api
      .get('/api/legal/supervisors', { query: { orgId, status: 'active', pageSize: 200 } })
      .then((page) => live && setChoices(page.items.filter((s) => s.certificateValid).map((s) => ({ value: s.id, label: `${s.name}（${s.org.name}）` }))))
      .catch(() => live && setChoices([]));
    return () => {
      live = false;
    };
  }, [orgId]);
  return choices;
}

/** The union's subtree's tickets about the employer typed (same name). */
function useTicketChoices(orgId: number | undefined, employerName: string | undefined): Option[] {
  const [choices, setChoices] = useState<Option[]>([]);
  const name = employerName?.trim();
  useEffect(() => {
    if (!orgId || !name || name.length < 2) return setChoices([]);
    let live = true;
    const timer = setTimeout(() => {
      api
        .get('/api/tickets', { query: { orgId, view: 'subtree', pageSize: 200 } })
        .then(
          (page) =>
            live &&
            setChoices(
              page.items
                .filter((t) => t.employerName === name)
                .map((t) => ({ value: t.id, label: `工单 ${t.id}：${ticketCategoryLabels[t.category]}，${t.callerName}，${formatDate(t.createdAt)}` })),
            ),
        )
        .catch(() => live && setChoices([]));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [orgId, name]);
  return choices;
}

type Suggestion = { value: string; label: string; id: number; town: string };

/** Employers of the register whose name holds what is typed (GET /api/enterprises/suggest). */
function useEmployerSuggestions() {
  const [options, setOptions] = useState<Suggestion[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (text: string) => {
    clearTimeout(timer.current);
    const q = text.trim();
    if (q.length < 2) return setOptions([]);
    timer.current = setTimeout(() => {
      api
        .get('/api/enterprises/suggest', { query: { q, pageSize: 10 } })
        .then((page) => setOptions(page.items.map((e) => ({ value: e.name, label: `${e.name}（${e.townName}）`, id: e.id, town: e.townName }))))
        .catch(() => setOptions([]));
    }, 300);
  };
  return { options, search };
}

export function CaseFormModal({ onDone, onCancel }: { onDone: (id: number) => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const create = useIdempotentPost('/api/supervision/cases');
  const orgId = Form.useWatch('orgId', form);
  const employerName = Form.useWatch('employerName', form);
  const supervisors = useSupervisorChoices(orgId);
  const tickets = useTicketChoices(orgId, employerName);
  const employers = useEmployerSuggestions();
  const [picked, setPicked] = useState<Suggestion>();

  async function submit(v: Values) {
    const out = await create.post({
      body: {
        orgId: v.orgId,
        ...(picked && picked.value === v.employerName ? { enterpriseId: picked.id } : { employerName: v.employerName.trim(), employerTownId: v.employerTownId }),
        ...(v.employerAddress?.trim() ? { employerAddress: v.employerAddress.trim() } : {}),
        provisions: v.provisions.map((p) => p.trim()).filter(Boolean),
        summary: v.summary.trim(),
        workersCount: v.workersCount,
        supervisorIds: v.supervisorIds ?? [],
        ticketIds: v.ticketIds ?? [],
        source: v.source,
      },
    });
    if (out.kind !== 'done') throw new Error(out.message);
    message.success(`已新建监督案件：${out.answer.employerName}`);
    onDone(out.answer.id);
  }

  return (
    <FormModal<Values>
      form={form}
      title="新建劳动法律监督案件"
      okText="新建"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 680, destroyOnHidden: true }}
      formProps={{ initialValues: { orgId: me?.org.id, provisions: [], supervisorIds: [], ticketIds: [], source: 'supervisor' } }}
    >
      <Form.Item name="orgId" label="办案工会" rules={[{ required: true, message: '请选择办案工会' }]} extra="函件以该工会的名义发出">
        <OrgSearchSelect aria-label="办案工会" initialLabel={me?.org.name} onChange={() => form.setFieldsValue({ supervisorIds: [], ticketIds: [] })} />
      </Form.Item>
      <Form.Item
        name="employerName"
        label="用人单位名称"
        rules={[{ required: true, whitespace: true, message: '请填写用人单位名称' }, zodRule(createCaseBody.shape.employerName.unwrap())]}
        extra={picked && picked.value === employerName ? `单位名录中的单位，所在镇街：${picked.town}` : '输入名称可从单位名录中选择；名录中没有的，直接填写并选择所在镇街'}
      >
        <AutoComplete
          options={employers.options}
          onSearch={employers.search}
          onSelect={(_: string, option: Suggestion) => setPicked(option)}
          maxLength={100}
          placeholder="与营业执照一致"
        />
      </Form.Item>
      {!(picked && picked.value === employerName) && (
        <Form.Item name="employerTownId" label="用人单位所在镇街" rules={[{ required: true, message: '请选择所在镇街' }]}>
          <OrgSearchSelect aria-label="用人单位所在镇街" placeholder="输入镇街名称查找" />
        </Form.Item>
      )}
      <Form.Item name="employerAddress" label="用人单位地址" rules={[zodRule(createCaseBody.shape.employerAddress.unwrap())]} extra="函件送达地址；可稍后补充，但发函前必须填写">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="provisions" label="违反的法律条款" rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一条' }]} extra="每输入一条按回车，如《劳动合同法》第三十条">
        <Select mode="tags" aria-label="违反的法律条款" open={false} tokenSeparators={['；', ';']} placeholder="《劳动合同法》第三十条" />
      </Form.Item>
      <Form.Item name="summary" label="发现的问题" rules={[{ required: true, whitespace: true, message: '请填写发现的问题' }, zodRule(createCaseBody.shape.summary)]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder="如：拖欠 12 名职工 9 月至 10 月工资共计 18 万元" />
      </Form.Item>
      <Form.Item name="workersCount" label="涉及职工人数" rules={[{ required: true, message: '请填写涉及职工人数' }]}>
        <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="supervisorIds" label="承办监督员" extra={orgId ? (supervisors.length ? '办案工会及其下级工会在册、证书有效的监督员' : '办案工会及其下级工会暂无证书有效的监督员') : '先选择办案工会'}>
        <Select mode="multiple" aria-label="承办监督员" options={supervisors} optionFilterProp="label" disabled={!orgId} placeholder="可多选" />
      </Form.Item>
      <Form.Item name="ticketIds" label="来源工单" extra={tickets.length ? '同一用人单位的维权工单，可多选' : '办案工会及下级中暂无该用人单位的工单'}>
        <Select mode="multiple" aria-label="来源工单" options={tickets} optionFilterProp="label" disabled={tickets.length === 0} placeholder="可多选" />
      </Form.Item>
      <Form.Item name="source" label="发现人" extra="有来源工单时记为维权工单">
        <Select aria-label="发现人" style={{ width: 200 }} options={(['supervisor', 'staff'] as const).map((s) => ({ value: s, label: caseSourceLabels[s] }))} />
      </Form.Item>
    </FormModal>
  );
}
