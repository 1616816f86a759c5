// One problem a worker reported on a place: what, where, when, the photo (each view audited), the
// reporter's phone masked (查看完整号码 with a reason, audited, to call them back), the deadline and
// whether the overdue reminder and the escalation to the level above went out; 处理 with a note that
// the reporter receives by SMS.
import '../../components/detail.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Modal, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, EyeOutlined } from '@ant-design/icons';
import { placeProblemKindLabels, revealReporterBody, type PlaceProblemDetail } from '../../../../contracts/place-status.ts';
import { PLACE_REVEAL_ROLES, placeKindLabels } from '../../../../contracts/places.ts';
import { api, apiUrl, errorMessage } from '../../../shared/api.ts';
import { formatMinute } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { RevealPhoneModal } from '../../components/RevealPhoneModal.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { useSession } from '../../session.tsx';
import { dueText, problemStateTags } from './labels.ts';

function ResolveModal({ problem, open, onClose, onDone }: { problem: PlaceProblemDetail; open: boolean; onClose: () => void; onDone: (p: PlaceProblemDetail) => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const submit = async ({ note }: { note: string }) => {
    setBusy(true);
    setRefusal(undefined);
    try {
      onDone(await api.post('/api/place-problems/:id/resolve', { params: { id: problem.id }, body: { note: note.trim() } }));
    } catch (err) {
      setRefusal(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="处理阵地问题" okText="确认已处理" okButtonProps={{ loading: busy }} cancelText="取消" onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
        <Typography.Paragraph type="secondary">
          处理情况将以短信告知报告人；{problem.placeName}的其他问题都处理后，阵地上的“有人报告”提示随之消失。
        </Typography.Paragraph>
        <Form.Item
          name="note"
          label="处理情况"
          rules={[
            { required: true, whitespace: true, message: '请填写处理情况' },
            { min: 2, max: 200, message: '处理情况应为 2–200 字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：已联系站点补充桶装水，今天下午送到" />
        </Form.Item>
        {refusal && <Alert type="error" showIcon message={refusal} />}
      </Form>
    </Modal>
  );
}

function ProblemView({ p, onChanged }: { p: PlaceProblemDetail; onChanged: (p: PlaceProblemDetail) => void }) {
  // the reveal route admits the writers' roles (PLACE_REVEAL_ROLES)
  const { me } = useSession();
  const canReveal = !!me?.roles.some((r) => (PLACE_REVEAL_ROLES as readonly string[]).includes(r));
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [resolving, setResolving] = useState(false);
  const [revealing, setRevealing] = useState(false);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Button type="link" icon={<ArrowLeftOutlined />} className="cell-link" onClick={() => navigate('/place-problems')}>
          返回阵地问题
        </Button>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space direction="vertical" size={4}>
            <Typography.Title level={1} className="detail-head-title" data-testid="problem-title">
              {p.placeName}：{placeProblemKindLabels[p.kind]}
            </Typography.Title>
            <Space size={4} wrap>
              <StateTag tags={problemStateTags} value={p.state} />
              {p.overdue && <Tag color="red">已超期</Tag>}
              {p.state === 'open' && p.escalatedAt && <Tag color="volcano">已提请上级督办</Tag>}
            </Space>
          </Space>
          <Space wrap>
            <Button onClick={() => navigate(`/places/${p.placeId}/desk`)}>阵地值守台</Button>
            {p.canResolve && (
              <Button type="primary" icon={<CheckOutlined />} onClick={() => setResolving(true)} data-testid="resolve-problem">
                处理
              </Button>
            )}
          </Space>
        </Space>
      </Card>
      <Card title="报告内容">
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label="阵地">
            {p.placeName}（{placeKindLabels[p.placeKind]}）
          </Descriptions.Item>
          <Descriptions.Item label="地址">{p.address}</Descriptions.Item>
          <Descriptions.Item label="运营工会">{p.orgName}</Descriptions.Item>
          <Descriptions.Item label="问题">{placeProblemKindLabels[p.kind]}</Descriptions.Item>
          <Descriptions.Item label="具体情况" span={2}>
            {p.text}
          </Descriptions.Item>
          <Descriptions.Item label="报告人手机">
            <Space wrap size={8}>
              <span className="mono" data-testid="reporter-phone">
                {p.reporterPhone}
              </span>
              {canReveal && (
                <Button size="small" icon={<EyeOutlined />} onClick={() => setRevealing(true)} data-testid="reveal-reporter">
                  查看完整号码
                </Button>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="报告时间">{formatMinute(p.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="处理期限">{dueText(p.dueAt)}</Descriptions.Item>
          {p.remindedAt && <Descriptions.Item label="超期提醒">{formatMinute(p.remindedAt)} 已提醒运营工会</Descriptions.Item>}
          {p.escalatedAt && (
            <Descriptions.Item label="上级督办">
              <span data-testid="problem-escalated">
                {formatMinute(p.escalatedAt)} {p.escalatedToOrgName ? `已提请${p.escalatedToOrgName}督办` : '已超期一天（无上级工会）'}
              </span>
            </Descriptions.Item>
          )}
          {p.state === 'resolved' && (
            <>
              <Descriptions.Item label="处理时间">{formatMinute(p.resolvedAt)}</Descriptions.Item>
              <Descriptions.Item label="处理人">{p.resolvedBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="处理情况" span={2}>
                <span data-testid="resolution-note">{p.resolutionNote}</span>
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        {p.hasPhoto && (
          <div style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">照片（查看记入审计日志）</Typography.Text>
            <div>
              <Image src={apiUrl('/api/place-problems/:id/photo', { params: { id: p.id } })} alt={`${p.placeName}问题照片`} width={240} data-testid="problem-photo" />
            </div>
          </div>
        )}
      </Card>
      <RevealPhoneModal
        open={revealing}
        onClose={() => setRevealing(false)}
        title={`查看报告人手机：${p.placeName}`}
        label="报告人手机"
        placeholder="如：回电核实问题详情"
        reasonSchema={revealReporterBody.shape.reason}
        reveal={async (reason) => (await api.post('/api/place-problems/:id/reveal', { params: { id: p.id }, body: { reason } })).phone}
        testId="reporter-phone-full"
      />
      <ResolveModal
        problem={p}
        open={resolving}
        onClose={() => setResolving(false)}
        onDone={(done) => {
          setResolving(false);
          void message.success('已处理，已短信告知报告人');
          onChanged(done);
        }}
      />
    </Space>
  );
}

export function PlaceProblemPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`place-problem ${id}`, () => api.get('/api/place-problems/:id', { params: { id } }));
  const [fresh, setFresh] = useState<PlaceProblemDetail>();
  return (
    <DetailPage detail={detail} notFound="阵地问题不存在或不在您的管理范围内" back={{ to: '/place-problems', label: '返回阵地问题' }}>
      {(p) => <ProblemView p={fresh?.id === p.id ? fresh : p} onChanged={setFresh} />}
    </DetailPage>
  );
}
