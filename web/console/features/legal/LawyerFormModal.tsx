// 登记律师 / 修改律师: one dialog for both. The keeping union is picked when adding (fixed after); the
// unions served are the keeper itself and its direct subordinate unions; the phone is written in full
// once and shown masked afterwards (left empty when editing: unchanged).
import { useEffect, useState } from 'react';
import { App, Checkbox, Form, Input, Select } from 'antd';
import { legalAreaLabels, legalAreas, lawyerPhone, licenceNo, type LawyerView, type LegalArea } from '../../../../contracts/legal.ts';
import { api } from '../../../shared/api.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { zodRule } from '../../rules.ts';

interface Values {
  orgId: number;
  name: string;
  firm: string;
  licenceNo: string;
  areas: LegalArea[];
  servedOrgIds: number[];
  phone?: string;
  note?: string;
}

/** The keeper and its direct subordinate unions, as the choices of 服务的工会. */
function useServedChoices(orgId: number | undefined, keeperName: string | undefined) {
  const [choices, setChoices] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    if (!orgId) {
      setChoices([]);
      return;
    }
    let live = true;
    api
      .get('/api/orgs/:id/children', { params: { id: orgId }, query: { pageSize: 200 } })
      .then((page) => {
        if (live) setChoices([{ value: orgId, label: keeperName ?? '本单位' }, ...page.items.map((o) => ({ value: o.id, label: o.name }))]);
      })
      .catch(() => live && setChoices([{ value: orgId, label: keeperName ?? '本单位' }]));
    return () => {
      live = false;
    };
  }, [orgId, keeperName]);
  return choices;
}

export function LawyerFormModal({ lawyer, onDone, onCancel }: { lawyer?: LawyerView | undefined; onDone: (l: LawyerView) => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useIdempotentPost('/api/legal/lawyers');
  const orgId = Form.useWatch('orgId', form) ?? lawyer?.org.id;
  const [keeperName, setKeeperName] = useState(lawyer?.org.name);
  const choices = useServedChoices(orgId, keeperName);

  async function submit(v: Values) {
    if (lawyer) {
      const answer = await api.patch('/api/legal/lawyers/:id', {
        params: { id: lawyer.id },
        body: { name: v.name, firm: v.firm, licenceNo: v.licenceNo, areas: v.areas, servedOrgIds: v.servedOrgIds, note: v.note?.trim() || null, ...(v.phone ? { phone: v.phone } : {}) },
      });
      message.success('已保存');
      onDone(answer);
      return;
    }
    const out = await create.post({ body: { orgId: v.orgId, name: v.name, firm: v.firm, licenceNo: v.licenceNo, areas: v.areas, servedOrgIds: v.servedOrgIds ?? [], phone: v.phone ?? '', ...(v.note?.trim() ? { note: v.note.trim() } : {}) } });
    if (out.kind !== 'done') throw new Error(out.message);
    message.success(`已登记律师 ${out.answer.name}`);
    onDone(out.answer);
  }

  return (
    <FormModal<Values>
      form={form}
      title={lawyer ? `修改律师：${lawyer.name}` : '登记法律援助律师'}
      okText={lawyer ? '保存' : '登记'}
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 600, destroyOnHidden: true }}
      formProps={{
        initialValues: lawyer
          ? { orgId: lawyer.org.id, name: lawyer.name, firm: lawyer.firm, licenceNo: lawyer.licenceNo, areas: lawyer.areas, servedOrgIds: lawyer.servedUnions.map((u) => u.id), note: lawyer.note ?? undefined }
          : { areas: [], servedOrgIds: [] },
      }}
    >
      {lawyer ? (
        <Form.Item label="登记单位">{lawyer.org.name}</Form.Item>
      ) : (
        <Form.Item name="orgId" label="登记单位" rules={[{ required: true, message: '请选择登记单位' }]} extra="该工会及其上级工会的工作人员可管理此律师">
          <OrgSearchSelect aria-label="登记单位" onChange={(_, org) => { setKeeperName(org?.name); form.setFieldValue('servedOrgIds', org ? [org.id] : []); }} />
        </Form.Item>
      )}
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
        <Input maxLength={30} autoComplete="off" />
      </Form.Item>
      <Form.Item name="firm" label="律师事务所" rules={[{ required: true, whitespace: true, message: '请填写律师事务所' }, { min: 2, max: 100, message: '2–100 个字' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="licenceNo" label="律师执业证号" rules={[{ required: true, message: '请填写执业证号' }, zodRule(licenceNo)]}>
        <Input maxLength={17} inputMode="numeric" className="mono" />
      </Form.Item>
      <Form.Item name="phone" label="手机号" rules={[...(lawyer ? [] : [{ required: true, message: '请填写手机号' }]), zodRule(lawyerPhone)]} extra={lawyer ? `现为 ${lawyer.phoneMasked}；不改请留空` : '加密保存，列表中脱敏显示'}>
        <Input maxLength={11} inputMode="tel" autoComplete="off" />
      </Form.Item>
      <Form.Item name="areas" label="擅长领域" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个领域' }]}>
        <Checkbox.Group options={legalAreas.map((a) => ({ value: a, label: legalAreaLabels[a] }))} />
      </Form.Item>
      <Form.Item name="servedOrgIds" label="服务的工会" extra={orgId ? '登记单位本身或其直属下级工会' : '先选择登记单位'}>
        <Select mode="multiple" aria-label="服务的工会" options={choices} optionFilterProp="label" disabled={!orgId} placeholder="可多选" />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 200, message: '最多 200 字' }]}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}
