// 公示 and 抽签 of a campaign: start the notice for the approved applications (the budget is
// reserved then, all or nothing), the masked list members see with its end date and open
// objections, and the objections to resolve (异议成立 disqualifies and releases the budget);
// the lottery when the approved exceed the quota, drawn from the seed committed at publication.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Radio, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import type { CampaignDetail, noticeResponse, objectionSchema, ObjectionStatus } from '../../../../contracts/campaigns.ts';
import { api } from '../../../shared/api.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { LotteryFrame, useConfirmedWrite, useLottery } from '../../components/DrawParts.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { formatCount, formatDateTime, formatWhen } from '../../../shared/format.ts';
import { formatAmount, statusColors } from './campaignLabels.ts';
import { SectionTitle } from '../../components/PageTitle.tsx';

type Notice = z.infer<typeof noticeResponse>;
type NoticeEntry = Notice['items'][number];
type Objection = z.infer<typeof objectionSchema>;

const objectionColors: Record<ObjectionStatus, string> = { open: 'orange', upheld: 'red', dismissed: 'green' };

function ResolveModal({ objection, onClose, onDone }: { objection: Objection | undefined; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ outcome: 'upheld' | 'dismissed'; reason: string }>();
  const { busy, problem, submit } = useSubmit();
  return (
    <Modal open={objection !== undefined} title="处理异议" okText="确定" cancelText="取消" okButtonProps={{ loading: busy }} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      {objection && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ outcome: 'dismissed' }}
          onFinish={(v) =>
            submit(async () => {
              await api.post('/api/campaign-objections/:id/resolve', { params: { id: objection.id }, body: { outcome: v.outcome, reason: v.reason.trim() } });
              onDone();
            })
          }
        >
          <Typography.Paragraph>
            对申请 {objection.applicationId} 的异议（{objection.lodgedBy ?? '会员'} 于 {formatDateTime(objection.lodgedAt)} 提出）：
            <br />
            <Typography.Text strong>{objection.reason}</Typography.Text>
          </Typography.Paragraph>
          {problem && <Alert type="error" message={problem} style={{ marginBottom: 16 }} />}
          <Form.Item name="outcome" label="核实结果" rules={[{ required: true }]}>
            <Radio.Group>
              <Space direction="vertical">
                <Radio value="dismissed">异议不成立（公示期满后确定资助）</Radio>
                <Radio value="upheld">异议成立（取消资助资格，释放预算，通知申请人）</Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="reason" label="处理意见" rules={[{ required: true, whitespace: true, message: '请填写处理意见' }, { min: 2, message: '至少 2 个字' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：经入户核实，家庭情况属实" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

const objectionFilters: { value: ObjectionStatus | 'all'; label: string }[] = [
  { value: 'open', label: '待处理' },
  { value: 'upheld', label: '异议成立' },
  { value: 'dismissed', label: '异议不成立' },
  { value: 'all', label: '全部' },
];

function Objections({ campaignId, tick, onChanged }: { campaignId: number; tick: number; onChanged: () => void }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<ObjectionStatus | 'all'>('open');
  const list = usePagedList('/api/campaigns/:id/objections', { params: { id: campaignId }, query: { status } }, { showSizeChanger: false });
  const [resolving, setResolving] = useState<Objection>();
  // the notice changed (started, an objection resolved): load the page shown again
  const { reload } = list;
  const seenTick = useRef(tick);
  useEffect(() => {
    if (seenTick.current === tick) return;
    seenTick.current = tick;
    void reload();
  }, [tick, reload]);

  const columns: TableProps<Objection>['columns'] = [
    { title: '申请编号', dataIndex: 'applicationId', width: 90, render: (v: number) => <span className="mono">{v}</span> },
    { title: '异议理由', dataIndex: 'reason', render: (v: string) => <div className="cmp-statement">{v}</div> },
    { title: '提出人', dataIndex: 'lodgedBy', width: 90, render: (v: string | null) => v ?? '—' },
    { title: '提出时间', dataIndex: 'lodgedAt', width: 160, render: (v: string) => formatDateTime(v) },
    {
      title: '处理',
      width: 220,
      render: (_, o) =>
        o.status === 'open' ? (
          <Button size="small" type="primary" ghost onClick={() => setResolving(o)}>
            处理异议
          </Button>
        ) : (
          <div className="two-line">
            <Tag color={objectionColors[o.status]}>{o.statusLabel}</Tag>
            <Typography.Text type="secondary" className="small">
              {o.resolution}（{formatDateTime(o.resolvedAt)}）
            </Typography.Text>
          </div>
        ),
    },
  ];
  return (
    <>
      <Space className="cmp-toolbar" wrap>
        <SectionTitle style={{ margin: 0 }}>异议</SectionTitle>
        <Segmented<ObjectionStatus | 'all'> value={status} onChange={setStatus} options={objectionFilters} />
      </Space>
      <PagedTable<Objection> list={list} columns={columns} emptyText={status === 'open' ? '没有待处理的异议' : '没有异议'} width={800} />
      <ResolveModal
        objection={resolving}
        onClose={() => setResolving(undefined)}
        onDone={() => {
          setResolving(undefined);
          message.success('异议已处理，已通知相关会员');
          onChanged();
        }}
      />
    </>
  );
}

const NOTICE_PAGE_SIZE = 50;

export function NoticePanel({ campaign, canWrite, onChanged }: { campaign: CampaignDetail; canWrite: boolean; onChanged: () => void }) {
  const [page, setPage] = useState(1);
  const [tick, setTick] = useState(0);
  const { data: notice, problem } = useDetail(`notice ${campaign.id} ${page} ${tick}`, () =>
    api.get('/api/campaigns/:id/notice', { params: { id: campaign.id }, query: { page, pageSize: NOTICE_PAGE_SIZE } }),
    { keep: true },
  );
  const { busy, confirm } = useConfirmedWrite();

  const approved = campaign.counts?.approved ?? 0;
  const u = campaign.budgetUnit;

  function start() {
    const left = campaign.budgetTotal - campaign.budgetReserved;
    const content = (
      <>
        <p>
          审核通过的 {formatCount(approved)} 份申请进入公示，公示 {campaign.noticeDays} 天，会员可看到脱敏名单并提出异议。
        </p>
        <p>
          进入公示即占用预算：每人 {formatAmount(campaign.awardAmount, u)}，共 {formatAmount(campaign.awardAmount * approved, u)}；预算剩余 {formatAmount(left, u)}。超出预算时本次全部不进入公示。
        </p>
      </>
    );
    confirm({ title: '开始公示？', content, okText: '开始公示' }, async () => {
      const r = await api.post('/api/campaigns/:id/notice', { params: { id: campaign.id }, body: {} });
      setTick((n) => n + 1);
      onChanged();
      return `已公示 ${formatCount(r.applications)} 份申请，占用预算 ${formatAmount(r.reserved, u)}，${formatWhen(r.noticeEndsAt)} 公示期满`;
    });
  }

  const columns: TableProps<NoticeEntry>['columns'] = [
    { title: '序号', width: 64, render: (_, __, i) => (page - 1) * NOTICE_PAGE_SIZE + i + 1 },
    { title: '姓名', dataIndex: 'name', width: 110 },
    { title: '所在工会', dataIndex: 'orgName', ellipsis: true },
    { title: '资助', dataIndex: 'awardAmount', width: 120, align: 'right', render: (v: number) => <span className="num">{formatAmount(v, u)}</span> },
    { title: '公示期满', dataIndex: 'noticeEndsAt', width: 150, render: (v: string) => formatWhen(v) },
    { title: '状态', dataIndex: 'status', width: 150, render: (_, e) => <Tag color={statusColors[e.status]}>{e.statusLabel}</Tag> },
    {
      title: '待处理异议',
      dataIndex: 'openObjections',
      width: 100,
      align: 'right',
      render: (v: number | null) => (v ? <Tag color="orange">{v} 条</Tag> : <Typography.Text type="secondary">无</Typography.Text>),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {canWrite && campaign.status === 'published' && (
        <Alert
          type={approved > 0 ? 'info' : 'success'}
          showIcon
          message={approved > 0 ? `有 ${formatCount(approved)} 份申请已审核通过，待公示` : '没有待公示的申请'}
          description={
            campaign.lottery && approved > campaign.quota && !campaign.drawnAt
              ? `审核通过的人数超过名额（${formatCount(campaign.quota)} 人），请先在“抽签”中抽签，中签者进入公示。`
              : `公示 ${campaign.noticeDays} 天；期满无异议（或异议不成立）的确定资助，然后在“发放”中发放。`
          }
          action={
            approved > 0 && (
              <Button type="primary" loading={busy} onClick={start} data-testid="start-notice">
                开始公示
              </Button>
            )
          }
        />
      )}
      {problem && <Alert type="error" message={problem.message} />}
      {!notice && !problem && <Spin />}
      {notice &&
        (notice.items.length ? (
          <Table<NoticeEntry>
            rowKey="applicationId"
            size="small"
            columns={columns}
            dataSource={notice.items}
            scroll={{ x: 820 }}
            data-testid="notice-table"
            pagination={{
              current: page,
              pageSize: NOTICE_PAGE_SIZE,
              total: notice.total,
              showSizeChanger: false,
              onChange: setPage,
              showTotal: (t) => `公示 ${formatCount(t)} 人（姓名已脱敏，与会员看到的一致）`,
            }}
          />
        ) : (
          <Empty description="还没有公示" />
        ))}
      <Objections campaignId={campaign.id} tick={tick} onChanged={() => setTick((n) => n + 1)} />
    </Space>
  );
}

export function LotteryPanel({ campaign, canDraw, onDrawn }: { campaign: CampaignDetail; canDraw: boolean; onDrawn: () => void }) {
  const lottery = useLottery(
    `draw ${campaign.id}`,
    () => api.get('/api/campaigns/:id/draw', { params: { id: campaign.id } }),
    () => api.post('/api/campaigns/:id/draw', { params: { id: campaign.id } }),
    onDrawn,
  );
  const approved = campaign.counts?.approved ?? 0;
  const waiting = (campaign.counts?.in_review ?? 0) + (campaign.counts?.returned ?? 0);
  const due = Date.now() >= Date.parse(campaign.applyClosesAt);
  const hint = !due
    ? `申请截止（${formatWhen(campaign.applyClosesAt)}）且全部审核完成后抽签；目前审核通过 ${formatCount(approved)} 人，名额 ${formatCount(campaign.quota)} 人`
    : waiting > 0
      ? `还有 ${formatCount(waiting)} 份申请在审核中或退回补充，全部审核完成后才能抽签`
      : approved > campaign.quota
        ? `审核通过 ${formatCount(approved)} 人，超过名额 ${formatCount(campaign.quota)} 人，需抽签`
        : `审核通过 ${formatCount(approved)} 人，未超过名额 ${formatCount(campaign.quota)} 人，不需抽签，可直接公示`;
  const button = {
    shown: canDraw && campaign.status === 'published' && !lottery.record.data?.drawnAt,
    ready: due && waiting === 0 && approved > campaign.quota,
    hint,
    ask: `在审核通过的 ${formatCount(approved)} 份申请中公开抽取剩余名额，未中签的申请人将收到通知；结果不能撤回。`,
    done: '抽签完成，中签者可进入公示',
  };

  return (
    <LotteryFrame lottery={lottery} classNames={['cmp-desc', 'cmp-hash']} pending="抽签后公布；任何人可验证 sha256(种子) 等于上面的承诺，并据此复算结果" button={button}>
      {(record) =>
        record.drawnAt && (
          <Card size="small" title={`${formatDateTime(record.drawnAt)} 抽签 · ${formatCount(record.places)} 个名额`}>
            <Space direction="vertical" size={4}>
              <span>参加抽签 {formatCount(record.entryIds.length)} 人（申请编号升序，可据此复算）</span>
              <span>中签 {formatCount(record.winners.length)} 人</span>
              <Typography.Text type="secondary" className="small mono">
                中签申请编号：{record.winners.join('、') || '无'}
              </Typography.Text>
            </Space>
          </Card>
        )
      }
    </LotteryFrame>
  );
}
