// A rights ticket (维权工单) in the console: who called, about which employer, where it was routed and
// why; the caller masked with 查看完整信息 (audited) for the handler; the clock of every union it
// passed through; the trail; the result and ¥ recovered; 回访 and 质检 records. The step buttons show
// only when the server says the caller may take them (canAct, canDecideExtension, canCallback,
// canQualityCheck, canReveal).
import '../../components/common.css';
import './tickets.css';
import { useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { App, Button, Descriptions, Empty, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import {
  ticketActionLabels,
  ticketCategoryLabels,
  ticketChannelLabels,
  ticketDifficultyLabels,
  ticketTypeLabels,
  type TicketDetail,
} from '../../../../contracts/tickets.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatMinute } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailFrame } from '../../components/DetailFrame.tsx';
import { DetailPage } from '../../components/DetailPage.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { LawyerCard } from './LawyerCard.tsx';
import { TicketActionModal, type TicketAction } from './TicketActionModals.tsx';
import { Deadline, formatDue, formatFen, ticketStateTags } from './ticketParts.tsx';
import { useStepPost } from './useStepPost.ts';

export function TicketDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`ticket ${id}`, () => api.get('/api/tickets/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="工单不存在或不在您的管理范围内" back={{ to: '/tickets', label: '返回维权工单' }}>
      {(t) => <TicketView t={t} onChanged={detail.setData} />}
    </DetailPage>
  );
}

const outcomeLabels = { assigned: '已转办', returned: '已退回', closed: '已办结' } as const;
const extensionLabels = { requested: '待审批', approved: '已批准', rejected: '未批准' } as const;

function TicketView({ t, onChanged }: { t: TicketDetail; onChanged: (t: TicketDetail) => void }) {
  const { message } = App.useApp();
  const step = useStepPost(t.id);
  const reload = () => void api.get('/api/tickets/:id', { params: { id: t.id } }).then(onChanged);
  const [action, setAction] = useState<TicketAction>();
  const [tab, setTab] = useState('info');
  const open = t.clocks.find((c) => c.endedAt === null);
  const done = (next: TicketDetail, said: string) => {
    setAction(undefined);
    onChanged(next);
    message.success(said);
  };
  async function resume() {
    try {
      done(await step('/api/tickets/:id/resume', {}), '已恢复办理');
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const button = (a: TicketAction, label: string, primary = false) => (
    <Button key={a} type={primary ? 'primary' : 'default'} onClick={() => setAction(a)}>
      {label}
    </Button>
  );
  const actions = [
    ...(t.canAct && t.state === 'pending' ? [button('accept', '受理', true)] : []),
    ...(t.canAct && t.state !== 'paused' ? [button('assign', '转办')] : []),
    ...(t.canAct && t.state === 'in_progress' ? [button('close', '办结', true)] : []),
    ...(t.canAct && t.state !== 'paused' && open && new Date(open.returnDueAt) > new Date() ? [button('return', '退回')] : []),
    ...(t.canAct && t.state === 'in_progress' ? [button('pause', '挂起')] : []),
    ...(t.canAct && t.state === 'paused'
      ? [
          <Popconfirm key="resume" title="恢复办理？挂起的工作日将顺延到期限。" okText="恢复办理" cancelText="取消" onConfirm={() => resume()}>
            <Button type="primary">恢复办理</Button>
          </Popconfirm>,
        ]
      : []),
    ...(t.canAct && t.state !== 'pending' && open?.extension === null && !t.overdue ? [button('extension', '申请延期')] : []),
    ...(t.canDecideExtension ? [button('decide', '审批延期', true)] : []),
    ...(t.canCallback ? [button('callback', '记录回访', true)] : []),
    ...(t.canQualityCheck ? [button('quality', '质检')] : []),
  ];

  const info = (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="ticket-info">
        <Descriptions.Item label="来电人 / 申请人">
          <Space wrap>
            <span>{t.callerName}</span>
            <span className="mono">{t.callerPhone ?? ''}</span>
            {t.canReveal && (
              <Button size="small" type="link" onClick={() => setAction('reveal')}>
                查看完整信息
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="工作单位">
          {t.employerName ?? (t.gigPlatform ? `${t.gigPlatform}（新就业形态平台）` : '—')}
          {t.employerUnionConsent && <Tag style={{ marginLeft: 8 }}>同意由单位工会办理</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="办理工会">{t.org.name}</Descriptions.Item>
        <Descriptions.Item label="经办人">{t.handler?.name ?? '未指定'}</Descriptions.Item>
        <Descriptions.Item label="分派说明" span={2}>
          {t.routeReason}
        </Descriptions.Item>
        <Descriptions.Item label="反映内容" span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{t.description}</Typography.Paragraph>
        </Descriptions.Item>
        {t.result !== null && t.state === 'closed' && (
          <>
            <Descriptions.Item label="办理结果" span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{t.result}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label="追回金额">
              <span className="mono" data-testid="ticket-recovered">
                {formatFen(t.recoveredFen ?? 0)}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="办结时间">{formatMinute(t.closedAt)}</Descriptions.Item>
          </>
        )}
        {t.rating !== null && (
          <Descriptions.Item label="职工评价" span={2}>
            {t.rating} 分{t.ratingComment ? `：${t.ratingComment}` : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      <AttachmentList
        ticketId={t.id}
        attachments={t.attachments}
        canUpload={t.canAct}
        onUploaded={reload}
      />
      <LawyerCard ticket={t} onChanged={reload} />
      {t.followups.length > 0 && (
        <Descriptions bordered size="small" column={1} title="回访与质检" data-testid="ticket-followups">
          {t.followups.map((f) => (
            <Descriptions.Item key={f.id} label={`${f.kind === 'callback' ? '回访' : '质检'} · ${formatMinute(f.at)}`}>
              {f.kind === 'callback' ? (
                <span>
                  {f.reached ? <Tag color="green">已联系上</Tag> : <Tag>未联系上</Tag>}
                  {f.satisfaction !== null && <Tag color="blue">满意度 {f.satisfaction} 分</Tag>}
                  {f.note}
                </span>
              ) : (
                <span>
                  {f.pass ? <Tag color="green">质检通过</Tag> : <Tag color="red">质检退回</Tag>}
                  {f.reason}
                </span>
              )}
              <Typography.Text type="secondary" className="small">
                {' '}
                — {f.org.name} {f.staffName}
              </Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Space>
  );

  const clocks = (
    <Timeline
      data-testid="ticket-clocks"
      items={t.clocks.map((c) => ({
        color: c.endedAt === null ? (t.overdue ? 'red' : 'blue') : 'gray',
        children: (
          <div className="ticket-clock">
            <Typography.Text strong>{c.org.name}</Typography.Text> {c.endedAt === null ? <Tag color="blue">办理中</Tag> : c.outcome && <Tag>{outcomeLabels[c.outcome]}</Tag>}
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="收到">{formatMinute(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="受理期限">{formatDue(c.acceptDueAt)}</Descriptions.Item>
              <Descriptions.Item label="受理">{c.acceptedAt ? formatMinute(c.acceptedAt) : '未受理'}</Descriptions.Item>
              <Descriptions.Item label="退回期限">{formatDue(c.returnDueAt)}</Descriptions.Item>
              <Descriptions.Item label="办结期限">{formatDue(c.dueAt)}</Descriptions.Item>
              <Descriptions.Item label="挂起">{c.pausedAt ? `挂起中（${formatMinute(c.pausedAt)} 起）` : c.pausedDays > 0 ? `累计 ${c.pausedDays} 个工作日，已顺延` : '无'}</Descriptions.Item>
              <Descriptions.Item label="延期">
                {c.extension ? `${c.extension.days} 个工作日 · ${extensionLabels[c.extension.state]}（${c.extension.reason}）` : `未申请（上限 ${c.maxExtensionDays} 个工作日）`}
              </Descriptions.Item>
              <Descriptions.Item label="结束">{c.endedAt ? formatMinute(c.endedAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label="提醒 / 督办">
                {c.remindedAt ? `${formatMinute(c.remindedAt)} 临期提醒` : '—'}
                {c.escalatedAt ? `；${formatMinute(c.escalatedAt)} 超期提请${c.escalatedTo?.name ?? '上级'}督办` : ''}
              </Descriptions.Item>
            </Descriptions>
          </div>
        ),
      }))}
    />
  );

  const trail = (
    <Timeline
      data-testid="ticket-trail"
      items={t.steps.map((s) => ({
        children: (
          <div>
            <Space wrap size={[8, 0]}>
              <span className="mono small">{formatMinute(s.at)}</span>
              <Typography.Text strong>{ticketActionLabels[s.action]}</Typography.Text>
              <span>
                {s.org.name} · {s.actorName}
              </span>
              {s.toOrg && <span>→ {s.toOrg.name}</span>}
              {s.toStaff && <span>→ 经办人 {s.toStaff.name}</span>}
            </Space>
            {s.reason && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {s.reason}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );

  return (
    <DetailFrame
      className="ticket-detail"
      back={{ to: '/tickets', label: '返回维权工单' }}
      title={`工单 #${t.id} · ${ticketCategoryLabels[t.category]}`}
      titleTestId="ticket-title"
      tags={
        <>
          <StateTag tags={ticketStateTags} value={t.state} />
          {t.overdue && <Tag color="red">已超期</Tag>}
          <Tag>{ticketTypeLabels[t.type]}</Tag>
          <Tag>{ticketChannelLabels[t.channel]}</Tag>
          <Tag>难易：{ticketDifficultyLabels[t.difficulty]}</Tag>
          <Typography.Text type="secondary" className="small">
            登记于 {formatMinute(t.createdAt)}
          </Typography.Text>
        </>
      }
      actions={actions}
      figures={{
        className: 'ticket-figures',
        testId: 'ticket-figures',
        items: [
          { node: <Figure title="办理工会" value={t.org.name} />, wide: true },
          { node: <Figure title="本级办结期限" value={<Deadline t={t} />} /> },
          { node: <Figure title="追回金额" value={t.state === 'closed' ? formatFen(t.recoveredFen ?? 0) : '—'} /> },
        ],
      }}
      tabs={{
        activeKey: tab,
        onChange: setTab,
        items: [
          { key: 'info', label: '办理情况', children: info },
          { key: 'clocks', label: `各级时限（${t.clocks.length}）`, children: clocks },
          { key: 'trail', label: `办理轨迹（${t.steps.length}）`, children: t.steps.length > 0 ? trail : <Empty description="暂无" /> },
        ],
      }}
    >
      {action && <TicketActionModal ticket={t} action={action} step={step} onDone={done} onClose={() => setAction(undefined)} />}
    </DetailFrame>
  );
}

function Figure({ title, value }: { title: string; value: ReactNode }) {
  return (
    <div className="ticket-figure">
      <div className="ticket-figure-title">{title}</div>
      <div className="ticket-figure-value">{value}</div>
    </div>
  );
}
