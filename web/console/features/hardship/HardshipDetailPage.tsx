// One hardship file: what every staff role sees (masked name, union, status line, aid), and behind
// “查看详情（将记录审计）” what only admins and reviewers read — why, who, the plan, the visits.
import '../../components/common.css';
import './hardship.css';
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined, LockOutlined } from '@ant-design/icons';
import {
  hardshipCauseLabels,
  hardshipNextStatus,
  hardshipStatusLabels,
  incomeBandLabels,
  type HardshipFileDetails,
  type HardshipFileView,
} from '../../../../contracts/hardship.ts';
import { payoutStateLabels, type PayoutState } from '../../../../contracts/payouts.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { useSession } from '../../session.tsx';
import { DETAIL_ROLES_NOTE, formatYuan, statusColors } from './hardshipLabels.ts';
import { AidModal, StatusModal, VisitModal, statusActionLabels } from './HardshipModals.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

type ModalKind = 'status' | 'visit' | 'aid' | null;

/** One list of the 帮扶记录/走访 tab, with its button to add to it where the caller may. */
function RecordsCard({ title, add, children }: { title: string; add: false | { label: string; onClick: () => void }; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={<SectionTitle>{title}</SectionTitle>}
      extra={
        add && (
          <Button size="small" onClick={add.onClick}>
            {add.label}
          </Button>
        )
      }
    >
      {children}
    </Card>
  );
}

export function HardshipDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const canRecordAid = hasRole('admin') || hasRole('reviewer') || hasRole('clerk');
  const detail = useDetail(`hardship file ${id}`, () => api.get('/api/hardship/files/:id', { params: { id: String(id) } }));
  const [details, setDetails] = useState<HardshipFileDetails>();
  const [revealing, setRevealing] = useState(false);
  const [modal, setModal] = useState<ModalKind>(null);

  async function reveal() {
    setRevealing(true);
    try {
      setDetails(await api.get('/api/hardship/files/:id/details', { params: { id: String(id) } }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRevealing(false);
    }
  }

  /** After a change: the new view, and the details again if they were open (another audited read). */
  async function changed(next: HardshipFileView) {
    detail.setData(next);
    setModal(null);
    if (details) await reveal();
  }

  const view = (file: HardshipFileView) => {
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
            <RecordsCard title="帮扶记录" add={canRecordAid && { label: '记录帮扶', onClick: () => setModal('aid') }}>
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
            </RecordsCard>
            <RecordsCard title="走访记录" add={canReadDetails && { label: '记录走访', onClick: () => setModal('visit') }}>
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
            </RecordsCard>
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
              <PageTitle>困难职工档案 · {shownName}</PageTitle>
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
  };

  return (
    <DetailPage detail={detail} notFound="档案不存在或不在您的管理范围内" back={{ to: '/hardship', label: '返回档案列表' }}>
      {view}
    </DetailPage>
  );
}
