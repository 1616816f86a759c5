// One member, masked: facts, the card, an open transfer, and the history as a timeline; the actions
// the caller's roles allow (变更状态 and 发起转接 for admins and clerks, 查看完整身份证号 and 更换手机号 for admins and
// reviewers).
import '../../components/common.css';
import './members.css';
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined, MobileOutlined, SwapOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { memberEvent, MemberDetail, MemberGroup, MemberStatus } from '../../../../contracts/members.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { useSession } from '../../session.tsx';
import { PhoneModal, RevealModal, StatusModal, TransferModal } from './MemberActionModals.tsx';
import {
  actorKindLabels,
  eventKindLabels,
  memberGroupLabels,
  memberStatusColors,
  memberStatusLabels,
  transferStatusLabels,
} from './memberLabels.ts';

type MemberEvent = z.infer<typeof memberEvent>;

const cardStatusLabels: Record<string, string> = { active: '有效', revoked: '已停用', suspended: '已暂停' };

function describeEvent(e: MemberEvent): string {
  const parts: string[] = [];
  if (e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus) {
    parts.push(`${memberStatusLabels[e.fromStatus as MemberStatus] ?? e.fromStatus} → ${memberStatusLabels[e.toStatus as MemberStatus] ?? e.toStatus}`);
  }
  if (e.fromOrg && e.toOrg) parts.push(`${e.fromOrg.name} → ${e.toOrg.name}`);
  else if (e.toOrg) parts.push(e.toOrg.name);
  if (e.reason) {
    const label = e.kind === 'card_issued' ? '卡号 ' : e.kind === 'joined' || e.kind === 'rejoined' ? '分配说明：' : e.kind === 'phone_changed' ? '' : '原因：';
    parts.push(label + e.reason);
  }
  return parts.join('；');
}

interface Props {
  memberId: number | undefined;
  onClose(): void;
  /** Something changed: the list should reload. */
  onChanged(): void;
}

export function MemberDrawer({ memberId, onClose, onChanged }: Props) {
  const { hasRole } = useSession();
  const [member, setMember] = useState<MemberDetail>();
  const [problem, setProblem] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [modal, setModal] = useState<'status' | 'reveal' | 'transfer' | 'phone'>();
  const canWrite = hasRole('admin') || hasRole('clerk');
  const canReveal = hasRole('admin') || hasRole('reviewer');

  const load = useCallback(async (id: number) => {
    setLoading(true);
    setProblem(undefined);
    try {
      setMember(await api.get('/api/members/:id', { params: { id } }));
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setMember(undefined);
    if (memberId !== undefined) void load(memberId);
  }, [memberId, load]);

  function done() {
    setModal(undefined);
    if (memberId !== undefined) void load(memberId);
    onChanged();
  }

  const m = member?.id === memberId ? member : undefined;
  const isActive = m?.status === 'active';
  return (
    <Drawer
      title={m ? `${m.name}（${m.memberNo ?? '无会员号'}）` : '会员详情'}
      open={memberId !== undefined}
      onClose={onClose}
      width={620}
      className="member-drawer"
      extra={
        m && (
          <Space>
            {canReveal && (
              <Button icon={<MobileOutlined />} onClick={() => setModal('phone')} disabled={m.status === 'left' || m.status === 'deceased'}>
                更换手机号
              </Button>
            )}
            {canReveal && (
              <Button icon={<EyeOutlined />} onClick={() => setModal('reveal')}>
                查看完整身份证号
              </Button>
            )}
          </Space>
        )
      }
      footer={
        m &&
        canWrite && (
          <Space>
            <Button icon={<UserSwitchOutlined />} onClick={() => setModal('status')}>
              变更状态
            </Button>
            <Button
              icon={<SwapOutlined />}
              onClick={() => setModal('transfer')}
              disabled={!isActive}
              title={isActive ? undefined : '只有状态为“正常”的会员可以转接'}
            >
              发起转接
            </Button>
          </Space>
        )
      }
    >
      {problem && <Alert type="error" showIcon message={problem} />}
      {loading && !m && (
        <div className="page-center">
          <Spin />
        </div>
      )}
      {m && (
        <>
          {m.openTransfer && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              message={`会员关系转接${transferStatusLabels[m.openTransfer.status] ?? m.openTransfer.status}`}
              description={`${m.openTransfer.fromOrg.name} → ${m.openTransfer.toOrg.name}，${formatDateTime(m.openTransfer.createdAt)} 发起`}
            />
          )}
          <Descriptions column={2} size="small" bordered className="member-facts">
            <Descriptions.Item label="会员号">{m.memberNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={memberStatusColors[m.status]}>{memberStatusLabels[m.status]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="性别">{m.sex === 'male' ? '男' : '女'}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{formatDate(m.birthDate)}</Descriptions.Item>
            <Descriptions.Item label="身份证号" span={2}>
              <Typography.Text className="mono">{m.idNumberMasked}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="手机号" span={2}>
              {m.phoneMasked ?? '未登记'}
            </Descriptions.Item>
            <Descriptions.Item label="所属工会" span={2}>
              {m.org.name}
            </Descriptions.Item>
            <Descriptions.Item label={m.gigPlatform ? '所在平台' : '工作单位'} span={2}>
              {m.gigPlatform ?? m.employerName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="入会日期">{formatDate(m.joinedOn)}</Descriptions.Item>
            <Descriptions.Item label="群体">
              {m.groups.length ? m.groups.map((g: MemberGroup) => <Tag key={g}>{memberGroupLabels[g]}</Tag>) : '—'}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} className="drawer-section">
            电子会员证
          </Typography.Title>
          {m.card ? (
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="卡号">{m.card.cardNo}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <Tag color={m.card.status === 'active' ? 'green' : 'default'}>{cardStatusLabels[m.card.status] ?? m.card.status}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="联名银行卡" span={2}>
                {m.card.bankName ? `${m.card.bankName} ${m.card.bankCardMasked ?? ''}` : '未关联'}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未发放会员证" />
          )}

          <Typography.Title level={5} className="drawer-section">
            会籍历史
          </Typography.Title>
          <Timeline
            className="member-history"
            items={[...m.history].reverse().map((e) => ({
              key: e.id,
              color: e.kind === 'status' || e.kind === 'card_revoked' || e.kind === 'transfer_rejected' ? 'orange' : 'blue',
              children: (
                <div>
                  <Space size={8} wrap>
                    <strong>{eventKindLabels[e.kind] ?? e.kind}</strong>
                    <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                    <Typography.Text type="secondary">{actorKindLabels[e.actorKind] ?? e.actorKind}</Typography.Text>
                  </Space>
                  {describeEvent(e) && <div className="member-history-detail">{describeEvent(e)}</div>}
                </div>
              ),
            }))}
          />
          <StatusModal member={m} open={modal === 'status'} onClose={() => setModal(undefined)} onDone={done} />
          <RevealModal member={m} open={modal === 'reveal'} onClose={() => setModal(undefined)} />
          <TransferModal member={m} open={modal === 'transfer'} onClose={() => setModal(undefined)} onDone={done} />
          <PhoneModal member={m} open={modal === 'phone'} onClose={() => setModal(undefined)} onDone={done} />
        </>
      )}
    </Drawer>
  );
}
