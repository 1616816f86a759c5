// One hardship file: what every staff role sees (masked name, union, status line, aid), and behind
// “查看详情（将记录审计）” what only admins and reviewers read — why, who, the plan, the visits.
import '../members/members.css';
import './hardship.css';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  hardshipCauseLabels,
  hardshipNextStatus,
  hardshipStatusLabels,
  incomeBandLabels,
  type HardshipFileDetails,
  type HardshipFileView,
  type HardshipStatus,
} from '../../../../contracts/hardship.ts';
import { payoutStateLabels, type PayoutState } from '../../../../contracts/payouts.ts';
import { ApiError, api, errorMessage } from '../../../shared/api.ts';
import { useSession } from '../../session.tsx';
import { DETAIL_ROLES_NOTE, formatYuan, statusColors } from './hardshipLabels.ts';

const statusActionLabels: Record<HardshipStatus, string> = {
  filed: '',
  in_relief: '开始帮扶',
  exited: '登记脱困',
  followed_up: '登记回访',
};

type ModalKind = 'status' | 'visit' | 'aid' | null;

export function HardshipDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const canRecordAid = hasRole('admin') || hasRole('reviewer') || hasRole('clerk');
  const [file, setFile] = useState<HardshipFileView>();
  const [details, setDetails] = useState<HardshipFileDetails>();
  const [error, setError] = useState<ApiError>();
  const [revealing, setRevealing] = useState(false);
  const [modal, setModal] = useState<ModalKind>(null);

  const load = useCallback(async () => {
    try {
      setFile(await api.get<HardshipFileView>(`/api/hardship/files/${id}`));
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else message.error(errorMessage(err));
    }
  }, [id, message]);

  useEffect(() => {
    void load();
  }, [load]);

  async function reveal() {
    setRevealing(true);
    try {
      setDetails(await api.get<HardshipFileDetails>(`/api/hardship/files/${id}/details`));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRevealing(false);
    }
  }

  /** After a change: the new view, and the details again if they were open (another audited read). */
  async function changed(next: HardshipFileView) {
    setFile(next);
    setModal(null);
    if (details) await reveal();
  }

  if (error) return <Result status={error.status === 404 ? '404' : 'error'} title={error.message} extra={<Button onClick={() => navigate('/hardship')}>返回档案列表</Button>} />;
  if (!file) return <Spin size="large" className="page-center" />;

  const canReadDetails = file.canReadDetails;
  const shownName = details ? details.memberName : file.memberName;
  const next = hardshipNextStatus[file.status];
  const locked = (
    <div className="hs-locked">
      {canReadDetails ? (
        <Space direction="vertical">
          <Typography.Text type="secondary">此部分涉及困难职工隐私，查看将记入审计日志。</Typography.Text>
          <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()}>
            查看详情（将记录审计）
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">
          <LockOutlined /> {DETAIL_ROLES_NOTE}
        </Typography.Text>
      )}
    </div>
  );

  const tabs = [
    {
      key: 'basic',
      label: '基本情况',
      children: (
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small" bordered labelStyle={{ whiteSpace: 'nowrap' }}>
          <Descriptions.Item label="会员">{shownName}</Descriptions.Item>
          <Descriptions.Item label="会员号">{file.memberNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="所在工会">{file.org.name}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={statusColors[file.status]}>{hardshipStatusLabels[file.status]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="建档日期">{file.filedOn}</Descriptions.Item>
          <Descriptions.Item label="开始帮扶">{file.reliefStartedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="脱困日期">{file.exitedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="回访日期">{file.followedUpOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="累计帮扶">
            <span className="hs-num">{formatYuan(file.aidTotalFen)} 元（{file.aidCount} 次）</span>
          </Descriptions.Item>
          <Descriptions.Item label="走访">{file.visitCount} 次</Descriptions.Item>
          {details && (
            <>
              <Descriptions.Item label="致困原因" span={2}>
                <Space wrap size={4}>
                  {details.causes.map((c) => (
                    <Tag key={c} color="volcano" bordered={false}>
                      {hardshipCauseLabels[c]}
                    </Tag>
                  ))}
                </Space>
                {details.causeNote && <div style={{ marginTop: 4 }}>{details.causeNote}</div>}
              </Descriptions.Item>
              <Descriptions.Item label="家庭人口">{details.householdSize} 人</Descriptions.Item>
              <Descriptions.Item label="家庭月收入">{incomeBandLabels[details.incomeBand]}</Descriptions.Item>
              {details.exitReason && (
                <Descriptions.Item label="脱困原因" span={2}>
                  {details.exitReason}
                </Descriptions.Item>
              )}
            </>
          )}
        </Descriptions>
      ),
    },
    {
      key: 'household',
      label: '家庭成员',
      children: details ? (
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={details.household}
          locale={{ emptyText: '未登记家庭成员' }}
          columns={[
            { title: '关系', dataIndex: 'relation', width: 80 },
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '年龄', dataIndex: 'age', width: 70, render: (v: number | null) => (v === null ? '—' : `${v} 岁`) },
            { title: '健康状况', dataIndex: 'healthNote', render: (v: string) => v || '—' },
            { title: '职业 / 就学', dataIndex: 'occupationNote', render: (v: string) => v || '—' },
          ]}
        />
      ) : (
        locked
      ),
    },
    {
      key: 'aid',
      label: '帮扶记录/走访',
      children: (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card
            size="small"
            title="帮扶记录"
            extra={
              canRecordAid && (
                <Button size="small" onClick={() => setModal('aid')}>
                  记录帮扶
                </Button>
              )
            }
          >
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 480 }}
              dataSource={file.aid}
              locale={{ emptyText: '还没有帮扶记录' }}
              columns={[
                { title: '日期', dataIndex: 'givenOn', width: 110 },
                { title: '来源', dataIndex: 'source' },
                { title: '金额（元）', dataIndex: 'amountFen', width: 120, align: 'right', render: (v: number) => <span className="hs-num">{formatYuan(v)}</span> },
                {
                  title: '发放记录',
                  dataIndex: 'payoutId',
                  width: 150,
                  render: (v: number | null, a: HardshipFileView['aid'][number]) =>
                    v === null ? (
                      '—'
                    ) : a.payoutCampaignId ? (
                      <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/campaigns/${a.payoutCampaignId}/payouts`)}>
                        发放 #{v}
                        {a.payoutState ? `（${payoutStateLabels[a.payoutState as PayoutState] ?? a.payoutState}）` : ''}
                      </Button>
                    ) : (
                      <Tag color="blue">发放 #{v}</Tag>
                    ),
                },
                ...(details
                  ? [{ title: '备注', key: 'note', render: (_: unknown, a: { id: number }) => details.aidNotes.find((n) => n.id === a.id)?.note ?? '—' }]
                  : []),
              ]}
            />
          </Card>
          <Card
            size="small"
            title="走访记录"
            extra={
              canReadDetails && (
                <Button size="small" onClick={() => setModal('visit')}>
                  记录走访
                </Button>
              )
            }
          >
            {details ? (
              details.visits.length === 0 ? (
                <Empty description="还没有走访记录" />
              ) : (
                <Timeline
                  items={details.visits.map((v) => ({
                    color: v.kind === 'follow_up' ? 'green' : 'blue',
                    children: (
                      <div>
                        <Typography.Text strong>
                          {v.visitedOn} {v.kind === 'follow_up' ? '脱困回访' : '走访'}
                        </Typography.Text>
                        <Typography.Text type="secondary"> · {v.visitors}</Typography.Text>
                        <div>{v.notes}</div>
                      </div>
                    ),
                  }))}
                />
              )
            ) : (
              locked
            )}
          </Card>
        </Space>
      ),
    },
    {
      key: 'plan',
      label: '解困计划',
      children: details ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap size={4}>
            {details.planMeasures.length === 0 ? <Typography.Text type="secondary">未填写帮扶措施</Typography.Text> : details.planMeasures.map((m) => <Tag key={m}>{m}</Tag>)}
          </Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{details.planText || '未填写解困计划'}</Typography.Paragraph>
        </Space>
      ) : (
        locked
      ),
    },
    {
      key: 'history',
      label: '状态历程',
      children: (
        <Timeline
          items={file.history.map((h) => {
            const reason = details?.history.find((x) => x.id === h.id)?.reason;
            return {
              color: statusColors[h.toStatus],
              children: (
                <div>
                  <Typography.Text strong>
                    {h.on} {hardshipStatusLabels[h.toStatus]}
                  </Typography.Text>
                  {h.by && <Typography.Text type="secondary"> · {h.by}</Typography.Text>}
                  {reason && <div>{reason}</div>}
                </div>
              ),
            };
          })}
        />
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="hs-page">
      <Card
        className="hs-head-card"
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate('/hardship')} />
            <span>困难职工档案 · {shownName}</span>
            <Tag color={statusColors[file.status]}>{hardshipStatusLabels[file.status]}</Tag>
          </Space>
        }
        extra={
          canReadDetails && (
            <Space wrap>
              {!details && (
                <Button type="primary" ghost icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()}>
                  查看详情（将记录审计）
                </Button>
              )}
              <Button icon={<EditOutlined />} onClick={() => navigate(`/hardship/${file.id}/edit`)}>
                修改档案
              </Button>
              {next && (
                <Button type="primary" onClick={() => setModal('status')}>
                  {statusActionLabels[next]}
                </Button>
              )}
            </Space>
          )
        }
      >
        {details ? (
          <Alert type="warning" showIcon message="您正在查看困难职工的隐私信息，本次查看已记入审计日志，请勿截屏或外传。" />
        ) : (
          !canReadDetails && <Alert type="info" showIcon message={DETAIL_ROLES_NOTE} />
        )}
        <Tabs items={tabs} style={{ marginTop: 8 }} />
      </Card>
      {modal === 'status' && next && <StatusModal file={file} name={shownName} next={next} onDone={changed} onCancel={() => setModal(null)} />}
      {modal === 'visit' && <VisitModal file={file} name={shownName} onDone={changed} onCancel={() => setModal(null)} />}
      {modal === 'aid' && <AidModal file={file} name={shownName} onDone={changed} onCancel={() => setModal(null)} />}
    </Space>
  );
}

interface ModalProps {
  file: HardshipFileView;
  /** the member's name as shown on the page (full once the details are open) */
  name: string;
  onDone: (f: HardshipFileView) => Promise<void>;
  onCancel: () => void;
}

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function useSubmit(onDone: ModalProps['onDone']) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    run: async (call: () => Promise<HardshipFileView>, done: string) => {
      setBusy(true);
      try {
        await onDone(await call());
        message.success(done);
      } catch (err) {
        message.error(errorMessage(err));
      } finally {
        setBusy(false);
      }
    },
  };
}

function StatusModal({ file, name, next, onDone, onCancel }: ModalProps & { next: HardshipStatus }) {
  const [form] = Form.useForm<{ on: Dayjs; reason?: string; visitors?: string }>();
  const { busy, run } = useSubmit(onDone);
  const needsReason = next === 'exited' || next === 'followed_up';
  const title = `${statusActionLabels[next]}：${name}`;
  return (
    <Modal
      open
      title={title}
      okText="确定"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() =>
        void form.validateFields().then((v) =>
          run(
            () => api.post(`/api/hardship/files/${file.id}/status`, { status: next, on: v.on.format('YYYY-MM-DD'), reason: v.reason, visitors: v.visitors }),
            `已${statusActionLabels[next]}`,
          ),
        ).catch(() => undefined)
      }
    >
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }}>
        <Form.Item name="on" label={next === 'exited' ? '脱困日期' : next === 'followed_up' ? '回访日期' : '开始帮扶日期'} rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        {next === 'followed_up' && (
          <Form.Item name="visitors" label="回访人员" rules={[{ required: true, whitespace: true, message: '请填写回访人员' }]}>
            <Input maxLength={100} placeholder="如：王主席、李干事" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={next === 'exited' ? '脱困原因' : next === 'followed_up' ? '回访情况' : '说明（可不填）'}
          rules={needsReason ? [{ required: true, whitespace: true, message: next === 'exited' ? '请填写脱困原因' : '请填写回访情况' }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={next === 'exited' ? '如：本人稳定就业，家庭月收入超过当地低收入标准' : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VisitModal({ file, name, onDone, onCancel }: ModalProps) {
  const [form] = Form.useForm<{ visitedOn: Dayjs; visitors: string; notes: string }>();
  const { busy, run } = useSubmit(onDone);
  return (
    <Modal
      open
      title={`记录走访：${name}`}
      okText="保存"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() =>
        void form.validateFields().then((v) =>
          run(() => api.post(`/api/hardship/files/${file.id}/visits`, { visitedOn: v.visitedOn.format('YYYY-MM-DD'), visitors: v.visitors, notes: v.notes }), '已记录走访'),
        ).catch(() => undefined)
      }
    >
      <Form form={form} layout="vertical" initialValues={{ visitedOn: dayjs() }}>
        <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="visitors" label="走访人员" rules={[{ required: true, whitespace: true, message: '请填写走访人员' }]}>
          <Input maxLength={100} placeholder="如：王主席、李干事" />
        </Form.Item>
        <Form.Item name="notes" label="走访情况" rules={[{ required: true, whitespace: true, message: '请填写走访情况' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AidModal({ file, name, onDone, onCancel }: ModalProps) {
  const [form] = Form.useForm<{ yuan: number; givenOn: Dayjs; source: string; note?: string; payoutId?: number }>();
  const { busy, run } = useSubmit(onDone);
  return (
    <Modal
      open
      title={`记录帮扶：${name}`}
      okText="保存"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() =>
        void form.validateFields().then((v) =>
          run(
            () =>
              api.post(`/api/hardship/files/${file.id}/aid`, {
                amountFen: Math.round(v.yuan * 100),
                givenOn: v.givenOn.format('YYYY-MM-DD'),
                source: v.source,
                note: v.note || undefined,
                payoutId: v.payoutId || undefined,
              }),
            '已记录帮扶',
          ),
        ).catch(() => undefined)
      }
    >
      <Form form={form} layout="vertical" initialValues={{ givenOn: dayjs() }}>
        <Form.Item name="yuan" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
          <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="givenOn" label="发放日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
        </Form.Item>
        <Form.Item name="source" label="来源" rules={[{ required: true, whitespace: true, message: '请填写来源' }]}>
          <Input maxLength={100} placeholder="如：送温暖、金秋助学、医疗救助" />
        </Form.Item>
        <Form.Item name="payoutId" label="点对点发放记录编号（可不填）">
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注（仅管理员、审核员可见）">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
