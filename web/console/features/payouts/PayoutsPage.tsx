// 发放管理: a campaign's payouts — the budget (total, reserved, committed to payouts), totals by state,
// 执行发放 for the awarded applications (one Idempotency-Key per attempt), 复核 by a second person for
// payouts above the threshold, the payment files of a bank campaign, recording an outcome, and
// 重新发放 for a failed or returned one. Without a campaign in the address: pick one.
import './payouts.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Radio, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { CampaignSummary } from '../../../../contracts/campaigns.ts';
import {
  formatAmount,
  payoutChannelLabels,
  payoutStateLabels,
  payoutStates,
  type paymentFileList,
  type PayoutItem,
  type payoutList,
  type PayoutState,
} from '../../../../contracts/payouts.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { useMe, useSession } from '../../session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PaymentFilesCard } from './PaymentFilesCard.tsx';

type PayoutList = z.infer<typeof payoutList>;
type PaymentFiles = z.infer<typeof paymentFileList>;

const FILES_PAGE_SIZE = 10;
const stateColors: Record<PayoutState, string> = { pending: 'default', approved: 'blue', sent: 'gold', confirmed: 'green', failed: 'red', returned: 'volcano' };

/** 发放管理 without a campaign: pick one of the scope's campaigns. */
export function PayoutCampaignPicker() {
  const navigate = useNavigate();
  const [campaigns, setCampaigns] = useState<CampaignSummary[]>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api
      .get('/api/campaigns', { query: { pageSize: 200, status: 'published' } })
      .then((p) => setCampaigns(p.items))
      .catch((err: unknown) => setProblem(errorMessage(err)));
  }, []);
  return (
    <div className="po-page">
      <Typography.Title level={1} className="page-heading">
        发放管理
      </Typography.Title>
      {problem && <Alert type="error" showIcon message={problem} />}
      <Card>
        <Typography.Paragraph>选择一个帮扶活动，查看它的发放记录：公示结束、无异议的申请可在这里生成发放，按积分、银行转账或实物点对点发到会员。</Typography.Paragraph>
        <Select
          showSearch
          style={{ width: '100%', maxWidth: 560 }}
          placeholder="选择帮扶活动"
          aria-label="帮扶活动"
          loading={campaigns === undefined && !problem}
          optionFilterProp="label"
          options={(campaigns ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.org.name}，${payoutChannelLabels[c.payoutChannel]}）` }))}
          onChange={(id: number) => navigate(`/campaigns/${id}/payouts`)}
          data-testid="payout-campaign-picker"
        />
      </Card>
    </div>
  );
}

function Figures({ data }: { data: PayoutList }) {
  const unit = (n: number) => formatAmount(n, data.channel);
  const by = (s: PayoutState) => data.totals.find((x) => x.state === s);
  return (
    <Row gutter={[16, 16]} className="po-figures">
      <Col xs={12} lg={4}>
        <Statistic title="预算总额" value={unit(data.budget.total)} />
      </Col>
      <Col xs={12} lg={4}>
        <Statistic title="已预留（公示与确定资助）" value={unit(data.budget.reserved)} />
      </Col>
      <Col xs={12} lg={4}>
        <Statistic title="已生成发放" value={unit(data.budget.paid)} valueStyle={{ color: '#cf1322' }} />
      </Col>
      <Col xs={12} lg={4}>
        <Statistic title="待生成发放（已确定资助）" value={`${formatCount(data.awardedWithoutPayout)} 人`} />
      </Col>
      <Col xs={24} lg={8}>
        <div className="po-states" aria-label="各状态合计">
          {data.totals.length === 0 && <Typography.Text type="secondary">尚无发放记录</Typography.Text>}
          {payoutStates
            .filter((s) => by(s))
            .map((s) => (
              <Tag key={s} color={stateColors[s]} bordered={false}>
                {payoutStateLabels[s]} {formatCount(by(s)!.count)} 笔 · {unit(by(s)!.amount)}
              </Tag>
            ))}
        </div>
      </Col>
    </Row>
  );
}

export function PayoutsPage() {
  const { id } = useParams();
  const campaignId = Number(id);
  const me = useMe();
  const { hasRole } = useSession();
  const { message, modal } = App.useApp();
  const canMake = hasRole('admin') || hasRole('clerk');
  const canCheck = hasRole('admin') || hasRole('reviewer');
  const [title, setTitle] = useState<{ title: string; orgName: string }>();
  const [data, setData] = useState<PayoutList>();
  const [files, setFiles] = useState<PaymentFiles>({ items: [], total: 0 });
  const [filesPage, setFilesPage] = useState(1);
  const [problem, setProblem] = useState<string>();
  const [state, setState] = useState<PayoutState | undefined>();
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [resultFor, setResultFor] = useState<PayoutItem>();
  const run = useIdempotentPost('/api/campaigns/:id/payouts/run');

  const load = useCallback(async () => {
    try {
      const [list, detail] = await Promise.all([
        api.get('/api/campaigns/:id/payouts', { params: { id: campaignId }, query: { state, q, page, pageSize: 50 } }),
        api.get('/api/campaigns/:id', { params: { id: campaignId } }),
      ]);
      setData(list);
      setTitle({ title: detail.title, orgName: detail.org.name });
      if (list.channel === 'bank' && canMake) {
        setFiles(await api.get('/api/campaigns/:id/payment-files', { params: { id: campaignId }, query: { page: filesPage, pageSize: FILES_PAGE_SIZE } }));
      }
      setProblem(undefined);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  }, [campaignId, state, q, page, canMake, filesPage]);

  useEffect(() => {
    void load();
  }, [load]);

  const myId = me.id;
  const approvable = useMemo(() => (data?.items ?? []).filter((p) => p.state === 'pending' && p.needsApproval && p.madeById !== myId).map((p) => p.id), [data, myId]);

  async function doRun() {
    const ok = await new Promise<boolean>((resolve) =>
      modal.confirm({
        title: '执行发放',
        content: `为 ${formatCount(data?.awardedWithoutPayout ?? 0)} 位已确定资助、尚未发放的会员各生成一笔发放。${data?.channel === 'points' ? '积分将立即入账；' : ''}${data?.secondApprovalAbove != null ? `超过 ${formatAmount(data.secondApprovalAbove, data.channel)} 的须另一名工作人员复核后才发出。` : ''}重复执行不会重复发放。`,
        okText: '执行发放',
        cancelText: '取消',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
    if (!ok) return;
    const out = await run.post({ params: { id: campaignId } });
    if (out.kind === 'done') {
      const r = out.answer;
      message.success(r.created === 0 ? '没有新的发放：已确定资助的会员都已生成发放' : `已生成 ${r.created} 笔发放${r.credited ? `，${r.credited} 笔积分已入账` : ''}${r.awaitingApproval ? `，${r.awaitingApproval} 笔等待复核` : ''}`);
      void load();
    } else if (out.kind === 'refused') message.error(out.message);
    else message.warning(`${out.message}。结果未知，请再点“执行发放”重试（不会重复发放）`);
  }

  async function approve(ids: number[]) {
    try {
      const r = await api.post('/api/campaigns/:id/payouts/approve', { params: { id: campaignId }, body: { payoutIds: ids } });
      message.success(`已复核 ${r.approved} 笔${r.credited ? `，${r.credited} 笔积分已入账` : ''}`);
      setSelected([]);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function retry(p: PayoutItem) {
    try {
      const r = await api.post('/api/payouts/:id/retry', { params: { id: p.id } });
      message.success(p.channel === 'bank' ? '已重新排入下一个付款文件（新的业务参考号）' : `已重新发放：${r.stateLabel}`);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const unit = (n: number) => (data ? formatAmount(n, data.channel) : String(n));

  return (
    <div className="po-page">
      <Space className="po-title" wrap>
        <Typography.Title level={1} className="page-heading" style={{ margin: 0 }}>
          发放管理
        </Typography.Title>
        {title && (
          <Typography.Text type="secondary">
            {title.title} · {title.orgName}
          </Typography.Text>
        )}
        {data && <Tag color="red">{payoutChannelLabels[data.channel]}</Tag>}
        {data?.secondApprovalAbove != null && <Tag>超过 {unit(data.secondApprovalAbove)} 须第二人复核</Tag>}
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      {data && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Figures data={data} />
            <Space style={{ marginTop: 16 }} wrap>
              {canMake && (
                <Button type="primary" icon={<SendOutlined />} loading={run.busy} disabled={data.awardedWithoutPayout === 0} onClick={() => void doRun()} data-testid="run-payouts">
                  执行发放（{formatCount(data.awardedWithoutPayout)} 人）
                </Button>
              )}
              {canCheck && (
                <Tooltip title={approvable.length === 0 ? '没有待您复核的发放（本人经办的须由他人复核）' : undefined}>
                  <Button
                    icon={<CheckCircleOutlined />}
                    disabled={(selected.length === 0 ? approvable.length : selected.length) === 0}
                    onClick={() => void approve(selected.length > 0 ? selected : approvable)}
                    data-testid="approve-payouts"
                  >
                    {selected.length > 0 ? `复核选中的 ${selected.length} 笔` : `复核全部待复核（${approvable.length} 笔）`}
                  </Button>
                </Tooltip>
              )}
              <Button icon={<ReloadOutlined />} onClick={() => void load()}>
                刷新
              </Button>
            </Space>
          </Card>
          {data.channel === 'bank' && canMake && (
            <div style={{ marginBottom: 16 }}>
              <PaymentFilesCard campaignId={campaignId} orgName={title?.orgName ?? ''} files={files} page={filesPage} pageSize={FILES_PAGE_SIZE} onPage={setFilesPage} ready={data.bankReady} missingAccount={data.bankMissingAccount} canWrite={canMake} onChanged={() => void load()} />
            </div>
          )}
          <Card size="small" title="发放记录">
            <Space style={{ marginBottom: 12 }} wrap>
              <Select
                allowClear
                placeholder="全部状态"
                aria-label="发放状态"
                style={{ width: 140 }}
                value={state}
                onChange={(v: PayoutState | undefined) => {
                  setPage(1);
                  setState(v);
                }}
                options={payoutStates.map((s) => ({ value: s, label: payoutStateLabels[s] }))}
              />
              <Input.Search allowClear placeholder="姓名、会员号或业务参考号" style={{ width: 260 }} onSearch={(v) => { setPage(1); setQ(v.trim() || undefined); }} />
            </Space>
            <Table<PayoutItem>
              rowKey="id"
              size="small"
              dataSource={data.items}
              scroll={{ x: 1300 }}
              rowSelection={canCheck ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (p) => ({ disabled: !(p.state === 'pending' && p.needsApproval && p.madeById !== myId) }) } : undefined}
              pagination={{ current: page, pageSize: 50, total: data.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${formatCount(n)} 笔` }}
              locale={{ emptyText: <Empty description={data.awardedWithoutPayout > 0 ? '还没有发放记录，点“执行发放”生成' : '还没有发放记录'} /> }}
              columns={[
                {
                  title: '会员',
                  width: 130,
                  fixed: 'left',
                  render: (_, p) => (
                    <div>
                      <div>{p.memberName}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.memberNo}
                      </Typography.Text>
                    </div>
                  ),
                },
                { title: '所在工会', dataIndex: 'orgName', width: 150, ellipsis: true },
                { title: '金额', dataIndex: 'amountText', width: 110, align: 'right' },
                {
                  title: '状态',
                  width: 120,
                  render: (_, p) => (
                    <Space size={2} direction="vertical">
                      <Tag color={stateColors[p.state]}>{p.stateLabel}</Tag>
                      {p.state === 'pending' && p.needsApproval && <Typography.Text type="warning" style={{ fontSize: 12 }}>待第二人复核</Typography.Text>}
                    </Space>
                  ),
                },
                { title: '收款账号', dataIndex: 'accountMasked', width: 130, render: (v: string | null, p) => v ?? (p.channel === 'bank' ? <Typography.Text type="danger">未登记</Typography.Text> : '—') },
                { title: '业务参考号', dataIndex: 'reference', width: 130, render: (v: string | null) => v ?? '—' },
                { title: '经办 / 复核', width: 150, render: (_, p) => `${p.madeBy}${p.approvedBy ? ` / ${p.approvedBy}` : ''}` },
                { title: '原因', dataIndex: 'lastReason', width: 160, ellipsis: true, render: (v: string | null) => v ?? '' },
                { title: '时间', width: 150, render: (_, p) => formatDateTime(p.confirmedAt ?? p.createdAt) },
                {
                  title: '操作',
                  width: 140,
                  fixed: 'right',
                  render: (_, p) =>
                    canMake && (
                      <Space size={4}>
                        {(p.state === 'failed' || p.state === 'returned') && (
                          <Button size="small" type="link" onClick={() => void retry(p)}>
                            重新发放
                          </Button>
                        )}
                        {p.channel !== 'points' && (p.state === 'sent' || (p.state === 'confirmed' && p.channel === 'bank')) && (
                          <Button size="small" type="link" onClick={() => setResultFor(p)}>
                            登记结果
                          </Button>
                        )}
                      </Space>
                    ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <ResultModal payout={resultFor} onClose={() => setResultFor(undefined)} onDone={() => { setResultFor(undefined); void load(); }} />
    </div>
  );
}

/** Staff record the outcome of a sent payout: handed over / paid, failed, returned (退票). */
function ResultModal({ payout, onClose, onDone }: { payout: PayoutItem | undefined; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ outcome: 'confirmed' | 'failed' | 'returned'; reason?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const goods = payout?.channel === 'goods';
  return (
    <FormModal
      form={form}
      title={payout ? `登记发放结果：${payout.memberName} ${payout.amountText}` : ''}
      okText="登记"
      open={!!payout}
      onCancel={onClose}
      onSubmit={async (v) => {
        if (!payout) return;
        await api.post('/api/payouts/:id/result', { params: { id: payout.id }, body: { outcome: v.outcome, reason: v.reason?.trim() || undefined } });
        message.success('已登记');
        onDone();
      }}
      failure="message"
      modal={{ destroyOnHidden: true }}
      formProps={{ preserve: false, initialValues: { outcome: payout?.state === 'confirmed' ? 'returned' : 'confirmed' } }}
    >
      <Form.Item name="outcome" label="结果">
        <Radio.Group
          options={
            payout?.state === 'confirmed'
              ? [{ value: 'returned', label: '退回（银行退票）' }]
              : [
                  { value: 'confirmed', label: goods ? '已领取（本人或代领）' : '已到账' },
                  { value: 'failed', label: goods ? '未能发放' : '转账失败' },
                  ...(goods ? [] : [{ value: 'returned', label: '退回（退票）' }]),
                ]
          }
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={outcome === 'confirmed' ? '备注（选填）' : '原因'}
        rules={[{ required: outcome !== 'confirmed', min: 2, max: 200, message: '请填写原因（2–200 字）' }]}
      >
        <Input.TextArea rows={2} placeholder={outcome === 'confirmed' ? (goods ? '如：由工会代领后转交' : '') : '如：户名与账号不符'} />
      </Form.Item>
    </FormModal>
  );
}
