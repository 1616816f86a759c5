// 代为申请: staff apply for a member of their subtree (as on 送温暖 visits) by member number, with a
// note of the visit and the required documents (photos shrunk to fit); one Idempotency-Key per
// attempt, kept for its retries, so a retry after a lost answer never applies twice.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { CampaignDetail } from '../../../../contracts/campaigns.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { ACCEPT_ATTRIBUTE, formatBytes, pickDocument, shareOf, toUpload, type PickedDocument } from '../../../shared/files.ts';

export function OnBehalfModal({ campaign, open, onClose, onDone }: { campaign: CampaignDetail; open: boolean; onClose: () => void; onDone: (id: number) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ memberNo: string; statement?: string }>();
  const [docs, setDocs] = useState<Record<string, PickedDocument>>({});
  const [problem, setProblem] = useState<string>();
  const { post, busy } = useIdempotentPost('/api/campaigns/:id/applications-on-behalf');
  const required = campaign.requiredDocuments;

  async function pick(key: string, file: File | undefined) {
    if (!file) return;
    setProblem(undefined);
    try {
      const d = await pickDocument(file, key, shareOf(required.length));
      setDocs((m) => ({ ...m, [key]: d }));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  }

  async function submit(v: { memberNo: string; statement?: string }) {
    setProblem(undefined);
    const missing = required.filter((d) => !docs[d.key]);
    if (missing.length) return setProblem(`请上传：${missing.map((d) => d.label).join('、')}`);
    const out = await post({
      params: { id: campaign.id },
      body: {
        memberNo: v.memberNo.trim(),
        statement: v.statement?.trim() || undefined,
        documents: required.length ? required.map((d) => toUpload(docs[d.key]!)) : undefined,
      },
    });
    if (out.kind === 'done') {
      message.success(`已代为申请（申请编号 ${out.answer.id}），会员将收到短信通知`);
      setDocs({});
      form.resetFields();
      onDone(out.answer.id);
    } else if (out.kind === 'refused') {
      setProblem(out.message);
    } else {
      setProblem(`${out.message}。结果未确认：请再点“提交申请”重试，不会重复申请`);
    }
  }

  return (
    <Modal
      open={open}
      title={`代为申请：${campaign.title}`}
      okText="提交申请"
      cancelText="取消"
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={560}
    >
      <Typography.Paragraph type="secondary">为本辖区的会员代为申请（如走访送温暖时），申请同样逐级审核；会员可在手机上查看进度。</Typography.Paragraph>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="memberNo" label="会员号" rules={[{ required: true, whitespace: true, message: '请输入会员号' }]} extra="在“会员管理”中可按姓名查到会员号">
          <Input placeholder="如 M4403050000123" maxLength={32} style={{ maxWidth: 280 }} />
        </Form.Item>
        <Form.Item name="statement" label="申请说明">
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="走访情况、家庭困难情况等" />
        </Form.Item>
        {required.map((d) => (
          <Form.Item key={d.key} label={d.label} required>
            <Space wrap>
              <Button icon={<UploadOutlined />} onClick={() => document.getElementById(`behalf-doc-${d.key}`)?.click()}>
                {docs[d.key] ? '换一个文件' : '选择文件'}
              </Button>
              {docs[d.key] && (
                <Typography.Text type="secondary">
                  {docs[d.key]!.fileName}（{formatBytes(docs[d.key]!.bytes)}）
                </Typography.Text>
              )}
            </Space>
            <input
              id={`behalf-doc-${d.key}`}
              type="file"
              accept={ACCEPT_ATTRIBUTE}
              style={{ display: 'none' }}
              aria-label={d.label}
              onChange={(e) => {
                void pick(d.key, e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
