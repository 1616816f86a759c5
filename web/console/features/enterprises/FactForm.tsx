// 记录新情况: one form per fact kind of the enterprise file (一企一档). The kinds offered are those the
// caller may record (the town's staff: all; the employer's own union: not the name, address or union
// link); dates are Beijing days picked with the kit's DatePicker; a contract's dates and a union's
// legal number (81…) are checked as typed. The write sends the key's current fact as `basedOn`, so a
// change someone else made meanwhile is refused (该事项刚被他人更新) instead of overwritten.
import { useState } from 'react';
import { App, Checkbox, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import type { EnterpriseFile } from '../../../../contracts/enterprise-facts.ts';
import {
  committeeLabels, contractTypeLabels, employerFactKinds, factKey, factKindLabels, industrySections, openAffairsForms,
  ownershipLabels, townOnlyFactKinds, unionCoverageLabels, unionFactKinds, type FactKind,
} from '../../../../contracts/enterprise-facts-common.ts';
import { isValidCreditCode } from '../../../../contracts/china-codes.ts';
import { gigPlatformNames } from '../../../../contracts/members.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { DatePicker } from '../../components/DatePicker.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { pickerDay, pickerNow } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';

type Values = Record<string, unknown> & { kind: FactKind; asOf: Dayjs; note?: string; isCorrection?: boolean };

const dayField = (v: unknown) => (v ? pickerDay(v as Dayjs) : undefined);
const notFuture = (d: Dayjs) => d.isAfter(pickerNow(), 'day');

/** The kinds the caller may record on this file. */
export function kindsFor(file: EnterpriseFile): FactKind[] {
  const employer = employerFactKinds.filter((k) => file.canEdit.town || !(townOnlyFactKinds as readonly string[]).includes(k));
  return [...employer, ...(file.union ? unionFactKinds : [])];
}

/** The fact's value from the form's fields. */
function valueOf(kind: FactKind, v: Record<string, unknown>, file: EnterpriseFile): Record<string, unknown> {
  const opt = (x: unknown) => (x === undefined || x === null || x === '' ? undefined : x);
  switch (kind) {
    case 'identity': return { name: v.name, creditCode: opt(v.creditCode) };
    case 'industry': return { section: v.section, detail: opt(v.detail) };
    case 'ownership': return { ownership: v.ownership };
    case 'size': return { employees: v.employees, women: opt(v.women), gigWorkers: opt(v.gigWorkers) };
    case 'address': return { address: v.address, townId: file.town.id };
    case 'platforms': return { platforms: v.platforms ?? [] };
    case 'union': return { orgId: opt(v.orgId) ?? null, coverage: opt(v.coverage) };
    case 'chair': return { name: v.name };
    case 'founded': return { foundedOn: dayField(v.foundedOn) };
    case 'legalPerson': return v.registered ? { registered: true, number: v.number, registeredOn: dayField(v.registeredOn) } : { registered: false };
    case 'committee': return { committee: v.committee, established: v.established ?? false, members: opt(v.members) };
    case 'collectiveContract':
      return { type: v.type, signedOn: dayField(v.signedOn), startsOn: dayField(v.startsOn), expiresOn: dayField(v.expiresOn), coveredWorkers: v.coveredWorkers };
    case 'openAffairs': return { implemented: v.implemented ?? false, form: opt(v.form) };
    case 'workersCongress': return { heldOn: dayField(v.heldOn), delegates: v.delegates, womenDelegates: opt(v.womenDelegates) };
    case 'funds':
      return { year: v.year, remittedFen: Math.round(Number(v.remittedYuan) * 100), dueFen: v.dueYuan == null ? undefined : Math.round(Number(v.dueYuan) * 100) };
  }
}

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

function KindFields({ kind }: { kind: FactKind }) {
  const req = (label: string) => [{ required: true, message: `请填写${label}` }];
  const date = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? req(label) : []}>
      <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
    </Form.Item>
  );
  const people = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? req(label) : []}>
      <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} addonAfter="人" />
    </Form.Item>
  );
  switch (kind) {
    case 'identity':
      return (
        <>
          <Form.Item name="name" label="单位名称" rules={[...req('单位名称'), { min: 2, max: 100, message: '名称为 2–100 个字' }]}><Input /></Form.Item>
          <Form.Item
            name="creditCode"
            label="统一社会信用代码"
            rules={[{ validator: async (_, v: string | undefined) => {
              if (!v) return;
              const code = v.trim().toUpperCase();
              if (code.startsWith('81')) throw new Error('81 开头的是工会的代码，请填写用人单位的代码');
              if (!isValidCreditCode(code)) throw new Error('统一社会信用代码格式或校验位不正确');
            } }]}
          >
            <Input maxLength={18} placeholder="18 位，可不填" />
          </Form.Item>
        </>
      );
    case 'industry':
      return (
        <>
          <Form.Item name="section" label="行业门类" rules={req('行业门类')}>
            <Select options={Object.entries(industrySections).map(([value, label]) => ({ value, label: `${value} ${label}` }))} />
          </Form.Item>
          <Form.Item name="detail" label="行业细分" rules={[{ max: 40, message: '不超过 40 个字' }]}><Input placeholder="如：珠宝首饰" /></Form.Item>
        </>
      );
    case 'ownership':
      return <Form.Item name="ownership" label="登记注册类型" rules={req('登记注册类型')}><Select options={options(ownershipLabels)} /></Form.Item>;
    case 'size':
      return <>{people('employees', '职工人数')}{people('women', '其中女职工', false)}{people('gigWorkers', '其中新就业形态劳动者', false)}</>;
    case 'address':
      return <Form.Item name="address" label="地址" rules={[...req('地址'), { min: 2, max: 120, message: '地址为 2–120 个字' }]}><Input /></Form.Item>;
    case 'platforms':
      return <Form.Item name="platforms" label="服务的平台"><Select mode="multiple" options={gigPlatformNames.map((p) => ({ value: p, label: p }))} /></Form.Item>;
    case 'union':
      return (
        <>
          <Form.Item name="orgId" label="所属工会" extra="不选表示尚未建会"><OrgSearchSelect allowClear aria-label="所属工会" disabledReason={(o) => (o.level !== 'grassroots' ? '只能选择基层工会' : undefined)} /></Form.Item>
          <Form.Item name="coverage" label="建会方式"><Select allowClear options={options(unionCoverageLabels)} /></Form.Item>
        </>
      );
    case 'chair':
      return <Form.Item name="name" label="工会主席" rules={[...req('主席姓名'), { min: 2, max: 20, message: '姓名为 2–20 个字' }]}><Input /></Form.Item>;
    case 'founded':
      return date('foundedOn', '建会日期');
    case 'legalPerson':
      return (
        <>
          <Form.Item name="registered" label="已取得工会法人资格" valuePropName="checked"><Switch /></Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.registered !== b.registered}>
            {({ getFieldValue }) => getFieldValue('registered') ? (
              <>
                <Form.Item
                  name="number"
                  label="工会法人统一社会信用代码"
                  rules={[...req('代码'), { validator: async (_, v: string | undefined) => {
                    const code = (v ?? '').trim().toUpperCase();
                    if (code && (!code.startsWith('81') || !isValidCreditCode(code))) throw new Error('应为 81 开头的 18 位代码，且校验位正确');
                  } }]}
                >
                  <Input maxLength={18} placeholder="81 开头的 18 位代码" />
                </Form.Item>
                {date('registeredOn', '登记日期')}
              </>
            ) : null}
          </Form.Item>
        </>
      );
    case 'committee':
      return (
        <>
          <Form.Item name="committee" label="委员会" rules={req('委员会')}><Select options={options(committeeLabels)} /></Form.Item>
          <Form.Item name="established" label="已成立" valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="members" label="委员人数"><InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} addonAfter="名" /></Form.Item>
        </>
      );
    case 'collectiveContract':
      return (
        <>
          <Form.Item name="type" label="合同类型" rules={req('合同类型')}><Select options={options(contractTypeLabels)} /></Form.Item>
          {date('signedOn', '签订日期')}
          <Form.Item
            name="startsOn"
            label="生效日期"
            dependencies={['signedOn']}
            rules={[...req('生效日期'), ({ getFieldValue }) => ({ validator: async (_, v: Dayjs | undefined) => {
              const signed = getFieldValue('signedOn') as Dayjs | undefined;
              if (v && signed && signed.isAfter(v, 'day')) throw new Error('签订日期不能晚于生效日期');
            } })]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="expiresOn"
            label="到期日期"
            dependencies={['startsOn']}
            rules={[...req('到期日期'), ({ getFieldValue }) => ({ validator: async (_, v: Dayjs | undefined) => {
              const starts = getFieldValue('startsOn') as Dayjs | undefined;
              if (v && starts && v.isBefore(starts, 'day')) throw new Error('到期日期不能早于生效日期');
            } })]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          {people('coveredWorkers', '覆盖职工')}
        </>
      );
    case 'openAffairs':
      return (
        <>
          <Form.Item name="implemented" label="已实行厂务公开" valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="form" label="公开形式"><Select allowClear options={openAffairsForms.map((f) => ({ value: f, label: f }))} /></Form.Item>
        </>
      );
    case 'workersCongress':
      return (
        <>
          {date('heldOn', '召开日期')}
          <Form.Item name="delegates" label="代表人数" rules={req('代表人数')}><InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} addonAfter="名" /></Form.Item>
          <Form.Item name="womenDelegates" label="其中女职工代表"><InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} addonAfter="名" /></Form.Item>
        </>
      );
    case 'funds':
      return (
        <>
          <Form.Item name="year" label="年度" rules={req('年度')}><InputNumber min={1949} max={2200} precision={0} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="remittedYuan" label="已上缴经费" rules={req('已上缴经费')}><InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter="元" /></Form.Item>
          <Form.Item name="dueYuan" label="应上缴经费"><InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter="元" /></Form.Item>
        </>
      );
  }
}

export interface FactFormProps {
  file: EnterpriseFile;
  /** the kind to open with */
  kind?: FactKind | undefined;
  onDone: () => void;
  onCancel: () => void;
}

export function FactForm({ file, kind: initialKind, onDone, onCancel }: FactFormProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kinds = kindsFor(file);
  const [kind, setKind] = useState<FactKind>(initialKind && kinds.includes(initialKind) ? initialKind : kinds[0]!);
  const employerPost = useIdempotentPost('/api/enterprises/:id/facts');
  const unionPost = useIdempotentPost('/api/orgs/:id/union-facts');
  const onUnion = (unionFactKinds as readonly string[]).includes(kind);

  async function submit(v: Values) {
    const value = valueOf(kind, v, file);
    const key = factKey(kind, value);
    const body = { kind, value, asOf: pickerDay(v.asOf), note: v.note || undefined, isCorrection: v.isCorrection ?? false, basedOn: file.currentFacts[key] ?? null };
    const out = onUnion
      ? await unionPost.post({ params: { id: file.union!.id }, body })
      : await employerPost.post({ params: { id: file.id }, body });
    if (out.kind !== 'done') throw new Error(out.message);
    message.success(`已记录：${factKindLabels[kind]}`);
    onDone();
  }

  return (
    <FormModal<Values>
      form={form}
      title="记录新情况"
      okText="记录"
      onSubmit={submit}
      onCancel={onCancel}
      intro="每次记录都保留在历史中；情况变化请直接记录，录错了请勾选“更正错误的记录”。"
      modal={{ width: 560, destroyOnHidden: true }}
      formProps={{ initialValues: { kind, asOf: pickerNow() } as Values, onValuesChange: (c: Partial<Values>) => c.kind && setKind(c.kind) }}
    >
      <Form.Item name="kind" label="事项" rules={[{ required: true }]}>
        <Select options={kinds.map((k) => ({ value: k, label: factKindLabels[k] }))} />
      </Form.Item>
      <KindFields kind={kind} />
      <Form.Item name="asOf" label="情况截至（或自）日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="说明" rules={[{ max: 200, message: '不超过 200 个字' }]}><Input.TextArea rows={2} /></Form.Item>
      <Form.Item name="isCorrection" valuePropName="checked"><Checkbox>更正错误的记录（不是情况变化）</Checkbox></Form.Item>
    </FormModal>
  );
}
