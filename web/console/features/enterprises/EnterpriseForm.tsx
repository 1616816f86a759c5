// 新增单位: an employer added by the town's (or a higher union's) staff with its first facts — name,
// credit code (checked as typed: 18 characters, the GB 32100 check character, not a union's 81…), the
// town, industry section, ownership, size and its date, address. A code or a name already registered
// is refused by the server, naming the employer when it is in the caller's scope.
import { App, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { isValidCreditCode } from '../../../../contracts/china-codes.ts';
import { industrySections, ownershipLabels, type IndustrySection, type Ownership } from '../../../../contracts/enterprise-facts-common.ts';
import type { EnterpriseSummary } from '../../../../contracts/enterprises-register.ts';
import { pickerDay, pickerNow } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';

interface Values {
  name: string;
  creditCode?: string;
  townId: number;
  industrySection?: IndustrySection;
  industryDetail?: string;
  ownership?: Ownership;
  employees?: number | null;
  employeesAsOf?: Dayjs | null;
  address?: string;
}

/** Why a typed credit code is wrong, or undefined when it is right (or empty). */
export function creditCodeProblem(raw: string | undefined): string | undefined {
  const code = (raw ?? '').trim().toUpperCase();
  if (code === '') return undefined;
  if (code.length !== 18) return `统一社会信用代码为 18 位，现为 ${code.length} 位`;
  if (code.startsWith('81')) return '81 开头的是工会自己的代码，请填写用人单位的代码';
  if (!isValidCreditCode(code)) return '代码有误：含不允许的字母（I、O、S、V、Z）或校验位（最后一位）不正确，请核对营业执照';
  return undefined;
}

export const sectionOptions = (Object.keys(industrySections) as IndustrySection[]).map((k) => ({ value: k, label: `${k} ${industrySections[k]}` }));
export const ownershipOptions = (Object.keys(ownershipLabels) as Ownership[]).map((k) => ({ value: k, label: ownershipLabels[k] }));

export function EnterpriseForm({ onDone, onCancel }: { onDone: (e: EnterpriseSummary) => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useIdempotentPost('/api/enterprises');
  const employees = Form.useWatch('employees', form);

  async function submit(v: Values) {
    const body = {
      name: v.name.trim(),
      townId: v.townId,
      ...(v.creditCode?.trim() ? { creditCode: v.creditCode.trim().toUpperCase() } : {}),
      ...(v.industrySection ? { industrySection: v.industrySection } : {}),
      ...(v.industryDetail?.trim() ? { industryDetail: v.industryDetail.trim() } : {}),
      ...(v.ownership ? { ownership: v.ownership } : {}),
      ...(v.employees != null ? { employees: v.employees } : {}),
      ...(v.employees != null && v.employeesAsOf ? { employeesAsOf: pickerDay(v.employeesAsOf) } : {}),
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
    };
    const out = await create.post({ body });
    if (out.kind !== 'done') throw new Error(out.message);
    message.success(`已登记 ${out.answer.name}`);
    onDone(out.answer);
  }

  return (
    <FormModal<Values>
      form={form}
      title="新增单位"
      okText="登记"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 680, destroyOnHidden: true }}
      intro={<p className="small">登记后可在单位档案中继续记录工会、集体合同等情况。信用代码或名称已在档案中的单位不能重复登记。</p>}
    >
      <Form.Item name="name" label="单位名称" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }, { min: 2, max: 100, message: '单位名称为 2–100 个字' }]}>
        <Input aria-label="单位名称" maxLength={100} placeholder="与营业执照一致，如：化州市某某电子有限公司" />
      </Form.Item>
      <Form.Item
        name="creditCode"
        label="统一社会信用代码"
        extra="18 位，见营业执照；暂时不知道可不填"
        validateTrigger={['onChange', 'onBlur']}
        rules={[{ validator: async (_, v: string | undefined) => { const p = creditCodeProblem(v); if (p) throw new Error(p); } }]}
      >
        <Input aria-label="统一社会信用代码" maxLength={18} autoComplete="off" style={{ width: 260, maxWidth: '100%', textTransform: 'uppercase' }} placeholder="如 91440982MA5XXXXXXX" />
      </Form.Item>
      <Form.Item name="townId" label="所在镇街" rules={[{ required: true, message: '请选择所在镇（街道）工会' }]} extra="管理范围内的镇（街道）工会">
        <OrgSearchSelect aria-label="所在镇街" placeholder="输入镇街名称查找，如“石湾”" disabledReason={(o) => (o.level === 'town' ? undefined : '请选择镇（街道）工会')} />
      </Form.Item>
      <Space wrap align="start" size={16}>
        <Form.Item name="industrySection" label="行业门类">
          <Select aria-label="行业门类" allowClear showSearch optionFilterProp="label" style={{ width: 300, maxWidth: '100%' }} options={sectionOptions} placeholder="GB/T 4754 门类" />
        </Form.Item>
        <Form.Item name="industryDetail" label="行业细类" rules={[{ max: 40, message: '最多 40 字' }]}>
          <Input aria-label="行业细类" maxLength={40} style={{ width: 200 }} placeholder="如：珠宝首饰" />
        </Form.Item>
      </Space>
      <Form.Item name="ownership" label="登记注册类型">
        <Select aria-label="登记注册类型" allowClear style={{ width: 240, maxWidth: '100%' }} options={ownershipOptions} placeholder="选择类型" />
      </Form.Item>
      <Space wrap align="start" size={16}>
        <Form.Item name="employees" label="职工人数">
          <InputNumber aria-label="职工人数" min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="employeesAsOf" label="人数截至日期" extra={employees != null ? '不填为今天' : undefined}>
          <DatePicker aria-label="人数截至日期" disabled={employees == null} disabledDate={(d) => d.isAfter(pickerNow(), 'day')} />
        </Form.Item>
      </Space>
      <Form.Item name="address" label="地址" rules={[{ min: 2, max: 120, message: '地址为 2–120 个字' }]}>
        <Input aria-label="地址" maxLength={120} />
      </Form.Item>
    </FormModal>
  );
}
