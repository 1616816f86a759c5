// Seeing a masked phone number in full (a place's keeper, the worker who reported a problem): the
// reason asked first — checked as the route checks it — then the number, the reveal audited by the
// server. The caller says whose number, which route reveals it, and the test id of the number shown.
import { useState } from 'react';
import { App, Descriptions, Form, Input, Modal, Typography } from 'antd';
import type { z } from 'zod';
import { errorMessage } from '../../shared/api.ts';
import { zodRule } from '../rules.ts';

export interface RevealPhoneModalProps {
  open: boolean;
  onClose: () => void;
  /** e.g. 查看站长电话：石湾职工书屋 */
  title: string;
  /** whose number, as the answer's label: 站长电话, 报告人手机 */
  label: string;
  placeholder: string;
  /** the route body's reason schema, so the form refuses what the server would */
  reasonSchema: z.ZodType;
  /** asks the server for the number with the reason */
  reveal: (reason: string) => Promise<string>;
  testId: string;
}

export function RevealPhoneModal({ open, onClose, title, label, placeholder, reasonSchema, reveal, testId }: RevealPhoneModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [phone, setPhone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setPhone(undefined);
    onClose();
  };
  async function ask() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      setPhone(await reveal(v.reason.trim()));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal title={title} open={open} onCancel={close} onOk={phone ? close : () => void ask().catch(() => undefined)} okText={phone ? '关闭' : '确认查看'} cancelText="取消" cancelButtonProps={phone ? { style: { display: 'none' } } : {}} confirmLoading={busy} destroyOnHidden>
      {phone ? (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={label}>
            <a className="mono" href={`tel:${phone}`} data-testid={testId}>
              {phone}
            </a>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Form form={form} layout="vertical" preserve={false}>
          <Typography.Paragraph type="secondary">查看完整号码将记入审计日志。</Typography.Paragraph>
          <Form.Item name="reason" label="查看原因" rules={[{ required: true, whitespace: true, message: '请填写查看原因' }, zodRule(reasonSchema)]}>
            <Input placeholder={placeholder} maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
