// A lawyer of the register: who, where, what they take on and which unions they serve; the phone
// masked, shown in full only with a reason (audited); 修改 and 停用 / 恢复 for admins and clerks.
import '../../components/common.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { legalAreaLabels, revealLawyerBody, type LawyerView } from '../../../../contracts/legal.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { useSession } from '../../session.tsx';
import { zodRule } from '../../rules.ts';
import { LawyerFormModal } from './LawyerFormModal.tsx';
import { ActiveToggle, useLegalWriter } from './legalParts.tsx';

export function LawyerDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`lawyer ${id}`, () => api.get('/api/legal/lawyers/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="律师不存在或不在您的管理范围内" back={{ to: '/legal/lawyers', label: '返回法律援助律师' }}>
      {(l) => <LawyerView lawyer={l} onChanged={detail.setData} />}
    </DetailPage>
  );
}

function LawyerView({ lawyer: l, onChanged }: { lawyer: LawyerView; onChanged: (l: LawyerView) => void }) {
  const navigate = useNavigate();
  const canWrite = useLegalWriter(useSession());
  const [editing, setEditing] = useState(false);
  const [revealing, setRevealing] = useState(false);
  return (
    <Card>
      <Button type="link" icon={<ArrowLeftOutlined />} className="cell-link" onClick={() => navigate('/legal/lawyers')}>
        返回法律援助律师
      </Button>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 12, margin: '8px 0 16px' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="lawyer-name">
            {l.name}
          </Typography.Title>
          <Space size={4} wrap style={{ marginTop: 6 }}>
            <Tag color={l.active ? 'green' : 'default'}>{l.active ? '在册' : '已停用'}</Tag>
            {l.areas.map((a) => (
              <Tag key={a} color="blue" bordered={false}>
                {legalAreaLabels[a]}
              </Tag>
            ))}
          </Space>
        </div>
        {canWrite && (
          <Space wrap>
            <Button onClick={() => setEditing(true)}>修改</Button>
            <ActiveToggle active={l.active} what="律师" onChange={async (active) => onChanged(await api.patch('/api/legal/lawyers/:id', { params: { id: l.id }, body: { active } }))} />
          </Space>
        )}
      </div>
      <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} bordered size="small">
        <Descriptions.Item label="律师事务所">{l.firm}</Descriptions.Item>
        <Descriptions.Item label="执业证号">
          <span className="mono">{l.licenceNo}</span>
        </Descriptions.Item>
        <Descriptions.Item label="手机号">
          <Space>
            <span className="mono" data-testid="lawyer-phone">
              {l.phoneMasked}
            </span>
            <Button size="small" icon={<EyeOutlined />} onClick={() => setRevealing(true)}>
              查看完整号码
            </Button>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="登记单位">{l.org.name}</Descriptions.Item>
        <Descriptions.Item label="服务的工会" span={2}>
          {l.servedUnions.length > 0 ? l.servedUnions.map((u) => u.name).join('、') : '未指定'}
        </Descriptions.Item>
        <Descriptions.Item label="备注" span={2}>
          {l.note ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label="登记时间">{formatDateTime(l.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="最近修改">{formatDateTime(l.updatedAt)}</Descriptions.Item>
      </Descriptions>
      {editing && (
        <LawyerFormModal
          lawyer={l}
          onCancel={() => setEditing(false)}
          onDone={(next) => {
            setEditing(false);
            onChanged(next);
          }}
        />
      )}
      <RevealPhoneModal lawyer={l} open={revealing} onClose={() => setRevealing(false)} />
    </Card>
  );
}

/** The full phone, asked with a reason that goes to the audit log. */
function RevealPhoneModal({ lawyer, open, onClose }: { lawyer: LawyerView; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [phone, setPhone] = useState<string>();
  const close = () => {
    setPhone(undefined);
    form.resetFields();
    onClose();
  };
  async function reveal() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      setPhone((await api.post('/api/legal/lawyers/:id/reveal', { params: { id: lawyer.id }, body: { reason: v.reason.trim() } })).phone);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      title={`查看完整手机号：${lawyer.name}`}
      open={open}
      onCancel={close}
      onOk={phone ? close : () => void reveal().catch(() => undefined)}
      okText={phone ? '关闭' : '确认查看'}
      cancelButtonProps={{ style: phone ? { display: 'none' } : undefined }}
      confirmLoading={busy}
      destroyOnHidden
    >
      {phone ? (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="手机号">
            <span className="mono">{phone}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Form form={form} layout="vertical" preserve={false}>
          <Typography.Paragraph type="secondary">查看完整号码将记入审计日志。</Typography.Paragraph>
          <Form.Item name="reason" label="查看原因" rules={[{ required: true, whitespace: true, message: '请填写查看原因' }, zodRule(revealLawyerBody.shape.reason)]}>
            <Input placeholder="如：联系律师承办维权案件" maxLength={200} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
