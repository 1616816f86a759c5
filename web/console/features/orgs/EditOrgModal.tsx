// 修改: a union's attributes; only what changed is sent, and a cleared field is sent as null.
import { useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import type { OrgDetail } from '../../../../contracts/orgs.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { dayToPicker, pickerDay } from '../../../shared/format.ts';
import { OrgFormFields, textOrUndefined, type OrgFormValues } from './OrgFormFields.tsx';

interface Props {
  org: OrgDetail;
  onCancel: () => void;
  onDone: (org: OrgDetail) => void | Promise<void>;
}

export function EditOrgModal({ org, onCancel, onDone }: Props) {
  const [form] = Form.useForm<OrgFormValues>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit() {
    const v = await form.validateFields();
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
    const patch = Object.fromEntries(
      Object.entries(next).filter(([k, value]) => org[k as keyof typeof next] !== value),
    );
    if (Object.keys(patch).length === 0) {
      message.info('没有修改任何内容');
      onCancel();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.patch<OrgDetail>(`/api/orgs/${org.id}`, patch);
      message.success('已保存');
      await onDone(saved);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`修改：${org.name}`}
      okText="保存"
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      confirmLoading={busy}
      width={760}
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: org.name,
          kind: org.kind,
          federationType: org.federationType ?? undefined,
          chairName: org.chairName ?? undefined,
          creditCode: org.creditCode ?? undefined,
          regionCode: org.regionCode ?? undefined,
          industry: org.industry ?? undefined,
          foundedOn: org.foundedOn ? dayToPicker(org.foundedOn) : undefined,
        }}
      >
        <OrgFormFields />
      </Form>
    </Modal>
  );
}
