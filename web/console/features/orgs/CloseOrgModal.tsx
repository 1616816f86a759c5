// 撤销: closing an empty union, with the reason kept on record.
import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { closeOrgBody, type OrgDetail } from '../../../../contracts/orgs.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { zodRule } from '../../rules.ts';

interface Props {
  org: OrgDetail;
  onCancel: () => void;
  onDone: (org: OrgDetail) => void | Promise<void>;
}

export function CloseOrgModal({ org, onCancel, onDone }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit() {
    const { reason } = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const closed = await api.post<OrgDetail>(`/api/orgs/${org.id}/close`, { reason: reason.trim() });
      message.success(`已撤销：${org.name}`);
      await onDone(closed);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title="撤销工会组织"
      okText="确认撤销"
      okButtonProps={{ danger: true }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      confirmLoading={busy}
      maskClosable={false}
    >
      <Typography.Paragraph>
        撤销 <Typography.Text strong>{org.name}</Typography.Text>
        后，该组织不再出现在组织架构中（打开“显示已撤销”可查看），撤销记录与原因会保留。
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">只能撤销没有在册会员、也没有未撤销下级组织的工会。</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical">
        <Form.Item
          label="撤销原因"
          name="reason"
          rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }, zodRule(closeOrgBody.shape.reason)]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：企业注销，工会随之撤销（2–200 字）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
