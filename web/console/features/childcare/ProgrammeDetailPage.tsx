// One childcare programme: its facts and actions (发布, 立即录取 after the window — the system allocates
// by itself within a minute of the close —, 结束, and once it has ended 立即删除儿童信息 for an admin of
// the running union), the children enrolled — masked, with 查看完整信息 for the running union's own
// staff (a reason, audited), 信息已删除 once deleted — and the sessions, each opening its roster (点名与接送).
import '../../components/common.css';
import '../../components/detail.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Modal, Space, Table, Typography } from 'antd';
import { RETENTION_DAYS, programmeKindLabels, type ChildDetails, type ProgrammeDetail, type StaffEnrolment } from '../../../../contracts/childcare.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatClock, formatCount, formatDate, formatDay, formatMinute, formatWhen } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { enrolmentStatusTags, programmeStatusTags } from './childcareParts.tsx';

export function ProgrammeDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`childcare programme ${id}`, () => api.get('/api/childcare/programmes/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="托管项目不存在或不在您的管理范围内" back={{ to: '/childcare', label: '返回亲子托管' }}>
      {(p) => <ProgrammeView p={p} reload={detail.reload} />}
    </DetailPage>
  );
}

function ProgrammeView({ p, reload }: { p: ProgrammeDetail; reload: () => Promise<void> }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const canWrite = session.hasRole('admin') || session.hasRole('clerk');
  const ownUnion = session.me?.org.id === p.org.id;
  const enrolments = usePagedList('/api/childcare/programmes/:id/enrolments', { params: { id: p.id }, query: {} }, { showTotal: (t) => `共 ${formatCount(t)} 名儿童` });
  const [revealing, setRevealing] = useState<StaffEnrolment>();
  const [revealed, setRevealed] = useState<ChildDetails>();
  const [purging, setPurging] = useState(false);
  const windowClosed = new Date(p.signupClosesAt) <= new Date();
  const ended = p.lastSessionEndsAt !== null && new Date(p.lastSessionEndsAt) <= new Date();
  const canPurge = ownUnion && session.hasRole('admin') && ended && !p.purgedAt;

  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      message.success(what);
      await reload();
      await enrolments.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const allocate = () =>
    modal.confirm({
      title: '立即录取',
      content: `报名截止后系统会自动录取，无需操作；如需马上出结果可立即录取。报名人数不超过名额（${p.capacity}）时全部录取；超过时按发布时承诺的种子公开抽签，其余进入候补。每个家庭都会收到短信。`,
      okText: '立即录取',
      onOk: () => act('已完成录取', () => api.post('/api/childcare/programmes/:id/allocate', { params: { id: p.id } })),
    });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<PageTitle>{p.title}</PageTitle>}
        extra={
          canWrite && (
            <Space wrap>
              {p.status === 'draft' && (
                <Button type="primary" onClick={() => void act('已发布', () => api.post('/api/childcare/programmes/:id/publish', { params: { id: p.id } }))}>
                  发布
                </Button>
              )}
              {p.status === 'published' && !p.allocatedAt && (
                <Button type="primary" disabled={!windowClosed} title={windowClosed ? undefined : '报名截止后系统自动录取'} onClick={allocate}>
                  立即录取 / 抽签
                </Button>
              )}
              {p.status === 'published' && <Button onClick={() => void act('已结束', () => api.post('/api/childcare/programmes/:id/close', { params: { id: p.id } }))}>结束项目</Button>}
              {canPurge && (
                <Button danger onClick={() => setPurging(true)}>
                  立即删除儿童信息
                </Button>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="状态">
            <StateTag tags={programmeStatusTags} value={p.status} />
          </Descriptions.Item>
          <Descriptions.Item label="类型">{programmeKindLabels[p.kind]}</Descriptions.Item>
          <Descriptions.Item label="举办工会">{p.org.name}</Descriptions.Item>
          <Descriptions.Item label="地点">{p.place ? `${p.place.name}（${p.place.address}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label="招收年龄">{`${p.ageMin}–${p.ageMax} 岁`}</Descriptions.Item>
          <Descriptions.Item label="名额">{p.capacity}</Descriptions.Item>
          <Descriptions.Item label="报名时间">{`${formatMinute(p.signupOpensAt)} 至 ${formatMinute(p.signupClosesAt)}`}</Descriptions.Item>
          <Descriptions.Item label="报名情况">
            {`待抽签 ${p.counts.pending}，已录取 ${p.counts.enrolled}，候补 ${p.counts.waitlisted}，${p.counts.notDrawn ? `未中签 ${p.counts.notDrawn}，` : ''}已取消 ${p.counts.cancelled}`}
          </Descriptions.Item>
          <Descriptions.Item label="抽签种子承诺">
            <Typography.Text code copyable className="small">
              {p.seedCommitment}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="录取时间">{p.allocatedAt ? formatMinute(p.allocatedAt) : p.status === 'published' ? '报名截止后系统自动录取，结果短信通知家庭' : '未录取'}</Descriptions.Item>
          <Descriptions.Item label="儿童信息">
            <span data-testid="retention">{p.purgedAt ? `已按约定于 ${formatDate(p.purgedAt)} 删除` : retentionText(p)}</span>
          </Descriptions.Item>
        </Descriptions>
        {p.description && <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{p.description}</Typography.Paragraph>}
      </Card>

      <Card title={<SectionTitle>报名儿童</SectionTitle>}>
        <Table<StaffEnrolment>
          rowKey="id"
          size="middle"
          data-testid="childcare-enrolments"
          loading={enrolments.loading}
          dataSource={enrolments.data.items}
          pagination={enrolments.pagination}
          locale={{ emptyText: '还没有报名' }}
          columns={[
            {
              title: '儿童',
              render: (_, e) =>
                e.purgedAt ? (
                  <Typography.Text type="secondary" data-testid="child-name">
                    {e.childNameMasked}
                  </Typography.Text>
                ) : (
                  <span data-testid="child-name">{e.childNameMasked}</span>
                ),
            },
            { title: '监护人电话', responsive: ['md'], render: (_, e) => e.guardianPhoneMasked },
            { title: '状态', render: (_, e) => <StateTag tags={enrolmentStatusTags} value={e.status} /> },
            { title: '候补', width: 70, render: (_, e) => (e.status === 'waitlisted' && e.waitlistNo ? `第 ${e.waitlistNo} 位` : '') },
            { title: '报名时间', responsive: ['md'], render: (_, e) => <span className="small">{formatMinute(e.createdAt)}</span> },
            {
              title: '完整信息',
              render: (_, e) =>
                e.purgedAt ? (
                  <Typography.Text type="secondary" className="small">
                    已删除
                  </Typography.Text>
                ) : ownUnion ? (
                  <Button size="small" onClick={() => setRevealing(e)}>
                    查看
                  </Button>
                ) : (
                  <Typography.Text type="secondary" className="small">
                    仅举办工会可查看
                  </Typography.Text>
                ),
            },
          ]}
        />
      </Card>

      <Card title={<SectionTitle>{`活动场次（共 ${p.sessions.length} 次）`}</SectionTitle>}>
        <Table
          rowKey="id"
          size="small"
          dataSource={p.sessions}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: '时间', render: (_, s) => `${formatWhen(s.startsAt, { weekday: true })}–${formatClock(s.endsAt)}` },
            {
              title: '点名与接送',
              render: (_, s) => (
                <Button size="small" type="link" onClick={() => navigate(`/childcare/sessions/${s.id}`)}>
                  打开点名册
                </Button>
              ),
            },
          ]}
        />
      </Card>

      <ReasonModal
        open={!!revealing}
        title={`查看 ${revealing?.childNameMasked ?? ''} 的完整信息`}
        okText="查看"
        warning="儿童个人信息仅用于托管照护，查看将记入审计日志。"
        label="查看原因"
        required="请填写查看原因"
        placeholder="如 核对过敏情况"
        onClose={() => setRevealing(undefined)}
        onSubmit={async (reason) => {
          const d = await api.post('/api/childcare/enrolments/:id/reveal', { params: { id: revealing!.id }, body: { reason } });
          setRevealing(undefined);
          setRevealed(d);
        }}
      />
      <ReasonModal
        open={purging}
        title="立即删除儿童信息"
        okText="删除"
        cancelText="不删除"
        warning={`将删除本项目全部 ${p.counts.pending + p.counts.enrolled + p.counts.waitlisted + p.counts.notDrawn + p.counts.cancelled} 名儿童的姓名、健康情况、监护人和接送人信息，无法恢复；报名状态和出勤统计保留。仍在候补的家庭会先收到未中签短信。`}
        label="删除原因"
        required="请填写删除原因"
        placeholder="如 家长要求提前删除"
        onClose={() => setPurging(false)}
        onSubmit={async (reason) => {
          await api.post('/api/childcare/programmes/:id/purge', { params: { id: p.id }, body: { reason } });
          setPurging(false);
          message.success('儿童信息已删除');
          await reload();
          await enrolments.reload();
        }}
      />
      <Modal open={!!revealed} title="儿童完整信息" footer={null} onCancel={() => setRevealed(undefined)}>
        {revealed && (
          <Descriptions size="small" column={1} data-testid="revealed-child">
            <Descriptions.Item label="姓名">{revealed.childName}</Descriptions.Item>
            <Descriptions.Item label="出生年份">{revealed.birthYear}</Descriptions.Item>
            <Descriptions.Item label="学校年级">{`${revealed.school} ${revealed.grade}`}</Descriptions.Item>
            <Descriptions.Item label="监护人">{`${revealed.guardianName} ${revealed.guardianPhone}`}</Descriptions.Item>
            <Descriptions.Item label="过敏情况">{revealed.allergies || '无'}</Descriptions.Item>
            <Descriptions.Item label="健康情况">{revealed.healthNotes || '无'}</Descriptions.Item>
            <Descriptions.Item label="紧急联系人">{`${revealed.emergencyName} ${revealed.emergencyPhone}`}</Descriptions.Item>
            <Descriptions.Item label="可接送人">{revealed.pickupAdults.map((a) => `${a.name}（${a.relation}）${a.phone}`).join('；')}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </Space>
  );
}

/** When the children's data will be deleted: 180 days after the last day (Beijing), as the consent text promises. */
function retentionText(p: ProgrammeDetail): string {
  if (!p.lastSessionAt) return `托管结束 ${RETENTION_DAYS} 天后自动删除`;
  const day = new Date(Date.parse(`${formatDay(p.lastSessionAt)}T00:00:00Z`) + RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
  return `托管结束 ${RETENTION_DAYS} 天后自动删除（${formatDate(day)}）`;
}
