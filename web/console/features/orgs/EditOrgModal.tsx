// 修改: a union's attributes; only what changed is sent, and a cleared field is sent as null.
import { App, Form } from 'antd';
import { api } from '../../../shared/api.ts';
import { dayToPicker, pickerDay } from '../../../shared/format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgFormFields, textOrUndefined, type OrgFormValues } from './OrgFormFields.tsx';
import type { OrgModalProps } from './orgLabels.ts';

export function EditOrgModal({ org, onCancel, onDone }: OrgModalProps) {
  const [form] = Form.useForm<OrgFormValues>();
  const { message } = App.useApp();

  async function submit(v: OrgFormValues) {
    const next = {
      name: v.name.trim(),
      kind: v.kind,
      federationType: v.kind === 'federation' ? (v.federationType ?? null) : null,
      chairName: textOrUndefined(v.chairName) ?? null,
      creditCode: textOrUndefined(v.creditCode) ?? null,
      regionCode: textOrUndefined(v.regionCode) ?? null,
      industry: textOrUndefined(v.industry) ?? null,
      foundedOn: v.foundedOn ? pickerDay(v.foundedOn) : null,
    };
    // only the fields that changed: entries of `next`, so the patch is a part of it
    const patch = Object.fromEntries(Object.entries(next).filter(([k, value]) => org[k as keyof typeof next] !== value)) as Partial<typeof next>;
    if (Object.keys(patch).length === 0) {
      message.info('没有修改任何内容');
      onCancel();
      return;
    }
    const saved = await api.patch('/api/orgs/:id', { params: { id: org.id }, body: patch });
    message.success('已保存');
    await onDone(saved);
  }

  return (
    <FormModal<OrgFormValues>
      form={form}
      title={`修改：${org.name}`}
      okText="保存"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 760, maskClosable: false }}
      formProps={{
        initialValues: {
          name: org.name,
          kind: org.kind,
          federationType: org.federationType ?? undefined,
          chairName: org.chairName ?? undefined,
          creditCode: org.creditCode ?? undefined,
          regionCode: org.regionCode ?? undefined,
          industry: org.industry ?? undefined,
          foundedOn: org.foundedOn ? dayToPicker(org.foundedOn) : undefined,
        },
      }}
    >
      <OrgFormFields />
    </FormModal>
  );
}
