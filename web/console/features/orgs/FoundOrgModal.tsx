// 建会: founding a union directly under the selected one.
import { useState } from 'react';
import { Alert, App, Form, Modal, Select } from 'antd';
import type { OrgDetail } from '../../../../contracts/orgs.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { pickerDay } from '../../../shared/format.ts';
import { OrgFormFields, textOrUndefined, type OrgFormValues } from './OrgFormFields.tsx';
import { childLevelsOf, defaultKindFor, levelOptions, type OrgLevel } from './orgLabels.ts';

interface Props {
  parent: OrgDetail;
  onCancel: () => void;
  onDone: (org: OrgDetail) => void | Promise<void>;
}

export function FoundOrgModal({ parent, onCancel, onDone }: Props) {
  const [form] = Form.useForm<OrgFormValues>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const levels = childLevelsOf(parent.level);
  const firstLevel: OrgLevel = levels[0] ?? 'grassroots';

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const org = await api.post<OrgDetail>('/api/orgs', {
        parentId: parent.id,
        name: v.name.trim(),
        level: v.level,
        kind: v.kind,
        federationType: v.kind === 'federation' ? v.federationType : undefined,
        chairName: textOrUndefined(v.chairName),
        creditCode: textOrUndefined(v.creditCode),
        regionCode: textOrUndefined(v.regionCode),
        industry: textOrUndefined(v.industry),
        foundedOn: v.foundedOn ? pickerDay(v.foundedOn) : undefined,
      });
      message.success(`已建会：${org.name}`);
      await onDone(org);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title="建会：新建下级工会"
      okText="确认建会"
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      confirmLoading={busy}
      width={760}
      maskClosable={false}
    >
      <Alert type="info" showIcon message={`上级组织：${parent.name}`} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        initialValues={{ level: firstLevel, kind: defaultKindFor(firstLevel) }}
        onValuesChange={(changed: Partial<OrgFormValues>) => {
          if (changed.level) form.setFieldValue('kind', defaultKindFor(changed.level));
        }}
      >
        <OrgFormFields
          levelField={
            <Form.Item
              label="组织层级"
              name="level"
              rules={[{ required: true, message: '请选择组织层级' }]}
              tooltip={`“${parent.name}”之下可建立的层级`}
            >
              <Select options={levelOptions(levels)} />
            </Form.Item>
          }
        />
      </Form>
    </Modal>
  );
}
