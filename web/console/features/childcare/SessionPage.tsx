// A session's roster (点名册): every enrolled child (masked) with 出勤 / 缺勤, and at the end of the
// session who picked the child up — one of the adults the guardian listed, or another adult with a
// note — at what time (Beijing); the printable roster as Excel.
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { SessionRoster } from '../../../../contracts/childcare.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatClock, formatMinute, formatWhen } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useSession } from '../../session.tsx';

type Child = SessionRoster['children'][number];

export function SessionPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`childcare session ${id}`, () => api.get('/api/childcare/sessions/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="场次不存在或不在您的管理范围内" back={{ to: '/childcare', label: '返回亲子托管' }}>
      {(r) => <RosterView roster={r} reload={detail.reload} />}
    </DetailPage>
  );
}

function RosterView({ roster, reload }: { roster: SessionRoster; reload: () => Promise<void> }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const canWrite = session.hasRole('admin') || session.hasRole('clerk');
  const [picking, setPicking] = useState<Child>();
  const mark = async (c: Child, present: boolean) => {
    try {
      await api.put('/api/childcare/sessions/:id/attendance', { params: { id: roster.session.id }, body: { marks: [{ enrolmentId: c.enrolmentId, present }] } });
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const s = roster.session;
  return (
    <Card
      title={<PageTitle>{`${roster.programme.title} · ${formatWhen(s.startsAt, { weekday: true })}–${formatClock(s.endsAt)}`}</PageTitle>}
      extra={
        <Space wrap>
          <Button onClick={() => navigate(`/childcare/${roster.programme.id}`)}>返回项目</Button>
          <ExportButton url={`/api/childcare/sessions/${s.id}/roster.xlsx`} query={{}} fileName={`点名册-${roster.programme.title}.xlsx`} done="点名册已下载" tip="可打印的点名册；举办工会可见儿童全名和过敏情况，记入审计日志">
            下载点名册
          </ExportButton>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{`${roster.programme.orgName} · 录取 ${roster.children.length} 名儿童。点名后，孩子离开时登记接走的成年人和时间。`}</Typography.Paragraph>
      <Table<Child>
        rowKey="enrolmentId"
        size="middle"
        data-testid="childcare-roster"
        dataSource={roster.children}
        pagination={false}
        locale={{ emptyText: '还没有录取的儿童' }}
        columns={[
          { title: '儿童', render: (_, c) => c.childNameMasked },
          {
            title: '出勤',
            render: (_, c) => (
              <Radio.Group
                aria-label={`${c.childNameMasked} 出勤`}
                disabled={!canWrite}
                value={c.present === null ? undefined : c.present}
                onChange={(e) => void mark(c, e.target.value as boolean)}
                optionType="button"
                size="small"
                options={[
                  { label: '出勤', value: true },
                  { label: '缺勤', value: false },
                ]}
              />
            ),
          },
          {
            title: '接送',
            render: (_, c) =>
              c.pickedUpAt ? (
                <Space direction="vertical" size={0}>
                  <span>
                    {c.pickupNameMasked} {c.pickupAuthorised ? <Tag color="success">登记接送人</Tag> : <Tag color="warning">其他成年人</Tag>}
                  </span>
                  <Typography.Text type="secondary" className="small">
                    {formatMinute(c.pickedUpAt)}
                    {c.pickupNote ? ` · ${c.pickupNote}` : ''}
                  </Typography.Text>
                </Space>
              ) : c.present && canWrite ? (
                <Button size="small" onClick={() => setPicking(c)}>
                  登记接走
                </Button>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
      {picking && <PickupModal sessionId={s.id} child={picking} onClose={() => setPicking(undefined)} onDone={async () => { setPicking(undefined); await reload(); }} />}
    </Card>
  );
}

interface PickupValues {
  who: number | 'other';
  otherName?: string;
  note?: string;
}

function PickupModal({ sessionId, child, onClose, onDone }: { sessionId: number; child: Child; onClose: () => void; onDone: () => Promise<void> }) {
  const [form] = Form.useForm<PickupValues>();
  const who = Form.useWatch('who', form);
  const submit = async (v: PickupValues) => {
    await api.post('/api/childcare/sessions/:id/pickups', {
      params: { id: sessionId },
      body: v.who === 'other' ? { enrolmentId: child.enrolmentId, otherName: v.otherName!.trim(), note: v.note?.trim() ?? '' } : { enrolmentId: child.enrolmentId, adultIndex: v.who, note: v.note?.trim() ?? '' },
    });
    await onDone();
  };
  return (
    <FormModal<PickupValues> form={form} title={`登记 ${child.childNameMasked} 的接送人`} okText="登记" onSubmit={submit} onCancel={onClose} intro={<p>接走时间记为现在（北京时间）。</p>}>
      <Form.Item name="who" label="接走的成年人" rules={[{ required: true, message: '请选择接送人' }]}>
        <Select
          options={[
            ...child.authorisedAdults.map((a) => ({ value: a.index, label: `${a.nameMasked}（${a.relation}）` })),
            { value: 'other' as const, label: '其他成年人（须说明）' },
          ]}
        />
      </Form.Item>
      {who === 'other' && (
        <Form.Item name="otherName" label="接送人姓名" rules={[{ required: true, message: '请填写姓名' }, { min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="note" label="说明" rules={who === 'other' ? [{ required: true, message: '请说明，如 已电话联系监护人确认' }, { min: 2, max: 200 }] : [{ max: 200 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
