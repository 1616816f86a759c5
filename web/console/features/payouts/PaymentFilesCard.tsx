// 付款文件 of a bank campaign: make one of every payout ready to go (payer account remembered per
// campaign in this browser), download it for the bank (audited), upload the bank's return file
// (回单) — refused whole with the lines at fault when any line does not match.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, FileAddOutlined, UploadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { RETURN_FILE_HEADERS, type paymentFile } from '../../../../contracts/payouts.ts';
import type { BodyOf } from '../../../../contracts/api-routes.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';

type PaymentFile = z.infer<typeof paymentFile>;

interface Payer {
  payerName: string;
  payerAccount: string;
  payerBank: string;
  purpose?: string;
}

const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
const payerKey = (campaignId: number) => `gh.payer.${campaignId}`;

function rememberedPayer(campaignId: number, files: PaymentFile[], orgName: string): Payer {
  const last = files[0];
  if (last) return { payerName: last.payerName, payerAccount: last.payerAccount, payerBank: last.payerBank };
  try {
    const saved = localStorage.getItem(payerKey(campaignId)) ?? localStorage.getItem('gh.payer');
    if (saved) return JSON.parse(saved) as Payer;
  } catch {
    // nothing remembered
  }
  return { payerName: orgName, payerAccount: '', payerBank: '' };
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取文件'));
    r.readAsDataURL(file);
  });
}

export function PaymentFilesCard(props: {
  campaignId: number;
  orgName: string;
  /** One page of the campaign's payment files, newest first. */
  files: { items: PaymentFile[]; total: number };
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  ready: number;
  missingAccount: number;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [making, setMaking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [returnProblem, setReturnProblem] = useState<string>();
  const [form] = Form.useForm<Payer>();

  async function make(values: Payer) {
    setBusy(true);
    setProblem(undefined);
    try {
      const body: BodyOf<'POST', '/api/campaigns/:id/payment-files'> = { payerName: values.payerName.trim(), payerAccount: values.payerAccount.replace(/\s/g, ''), payerBank: values.payerBank.trim(), purpose: values.purpose?.trim() || undefined };
      const f = await api.post('/api/campaigns/:id/payment-files', { params: { id: props.campaignId }, body });
      localStorage.setItem(payerKey(props.campaignId), JSON.stringify({ payerName: body.payerName, payerAccount: body.payerAccount, payerBank: body.payerBank }));
      localStorage.setItem('gh.payer', JSON.stringify({ payerName: body.payerName, payerAccount: body.payerAccount, payerBank: body.payerBank }));
      message.success(`已生成付款文件：${f.lineCount} 笔，合计 ${yuan(f.totalAmount)}。请下载后交银行办理。`);
      setMaking(false);
      props.onChanged();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function upload(fileId: number, file: File) {
    setReturnProblem(undefined);
    try {
      const r = await api.post('/api/payment-files/:id/returns', { params: { id: fileId }, body: { fileName: file.name.slice(0, 200), fileBase64: await toBase64(file) } });
      message.success(`回单已登记：到账 ${r.confirmed} 笔，失败 ${r.failed} 笔，退票 ${r.returned} 笔${r.unchanged ? `，${r.unchanged} 笔与此前一致` : ''}`);
      props.onChanged();
    } catch (err) {
      setReturnProblem(errorMessage(err));
    }
  }

  return (
    <Card
      className="po-files"
      title="付款文件（银行转账）"
      size="small"
      extra={
        props.canWrite && (
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            disabled={props.ready === 0}
            onClick={() => {
              form.setFieldsValue(rememberedPayer(props.campaignId, props.files.items, props.orgName));
              setMaking(true);
            }}
            data-testid="make-payment-file"
          >
            生成付款文件（{props.ready} 笔）
          </Button>
        )
      }
    >
      {props.missingAccount > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`${props.missingAccount} 人尚未登记收款银行卡，暂不能写入付款文件；请提醒会员在手机上“我的 — 银行卡”中登记。`} />
      )}
      {returnProblem && <Alert type="error" showIcon closable style={{ marginBottom: 12 }} message="回单未登记（整份回单未做任何处理）" description={returnProblem} onClose={() => setReturnProblem(undefined)} />}
      <Table<PaymentFile>
        rowKey="id"
        size="small"
        dataSource={props.files.items}
        pagination={{ current: props.page, pageSize: props.pageSize, total: props.files.total, showSizeChanger: false, hideOnSinglePage: true, onChange: props.onPage }}
        locale={{ emptyText: '还没有付款文件' }}
        scroll={{ x: 860 }}
        columns={[
          { title: '文件', dataIndex: 'fileName', render: (v: string, f) => <Typography.Text title={`SHA-256 ${f.sha256}`}>{v}</Typography.Text> },
          { title: '笔数', dataIndex: 'lineCount', width: 70, align: 'right', render: (n: number) => formatCount(n) },
          { title: '金额', dataIndex: 'totalAmount', width: 130, align: 'right', render: yuan },
          {
            title: '银行回单结果',
            width: 150,
            render: (_, f) =>
              f.settledCount === 0 ? (
                <Typography.Text type="secondary">未登记（共 {formatCount(f.lineCount)} 笔）</Typography.Text>
              ) : (
                <Space size={4} wrap>
                  {f.succeededCount > 0 && <Tag color="green">成功 {formatCount(f.succeededCount)}</Tag>}
                  {f.failedCount > 0 && <Tag color="red">失败/退票 {formatCount(f.failedCount)}</Tag>}
                  {f.settledCount < f.lineCount && <Tag>待登记 {formatCount(f.lineCount - f.settledCount)}</Tag>}
                </Space>
              ),
          },
          { title: '生成', width: 200, render: (_, f) => `${f.createdBy} ${formatDateTime(f.createdAt)}` },
          {
            title: '操作',
            width: 230,
            fixed: 'right',
            render: (_, f) => (
              <Space size={4} wrap>
                <Button size="small" icon={<DownloadOutlined />} href={`/api/payment-files/${f.id}/download`} disabled={!props.canWrite}>
                  下载
                </Button>
                {props.canWrite && (
                  <Upload
                    accept=".xlsx"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void upload(f.id, file);
                      return false;
                    }}
                  >
                    <Button size="small" icon={<UploadOutlined />}>
                      上传银行回单
                    </Button>
                  </Upload>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        银行回单为 .xlsx，表头：{RETURN_FILE_HEADERS.join('、')}；处理结果填“成功”“失败”或“退票”。同一回单重复上传不会重复登记。
      </Typography.Paragraph>
      <Modal
        title="生成付款文件"
        open={making}
        okText="生成"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setMaking(false)}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`将写入 ${props.ready} 笔已可发放的银行转账；每笔生成新的业务参考号。付款文件含完整收款账号，下载会记入审计日志。`} />
        {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={problem} />}
        <Form form={form} layout="vertical" onFinish={(v) => void make(v)} preserve={false}>
          <Form.Item name="payerName" label="付款户名" rules={[{ required: true, min: 2, max: 60, message: '请填写付款户名（2–60 字）' }]}>
            <Input placeholder="如：化州市总工会" />
          </Form.Item>
          <Form.Item name="payerAccount" label="付款账号" rules={[{ required: true, pattern: /^[0-9\s]{8,40}$/, message: '付款账号应为 8–32 位数字' }]}>
            <Input inputMode="numeric" placeholder="工会的对公账号" />
          </Form.Item>
          <Form.Item name="payerBank" label="付款开户行" rules={[{ required: true, min: 2, max: 60, message: '请填写付款开户行' }]}>
            <Input placeholder="如：中国工商银行化州支行" />
          </Form.Item>
          <Form.Item name="purpose" label="用途" extra="不填则为活动名称（最多 30 字）" rules={[{ max: 30, message: '最多 30 字' }]}>
            <Input placeholder="如：2026年金秋助学金" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
