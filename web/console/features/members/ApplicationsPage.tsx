// 入会审核: the applications routed to the caller's subtree, oldest first; why each went to its union;
// approve one or many, or reject with a reason the worker will read. Reviewers and admins decide.
import '../../components/common.css';
import './members.css';
import { useState } from 'react';
import { App, Button, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { Application } from '../../../../contracts/members.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { ageOn, formatCount, formatDateTime } from '../../../shared/format.ts';
import { LinkActions } from '../../components/LinkActions.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { DeclineModal } from '../../components/DeclineModal.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { applicationStatusColors, applicationStatusLabels, channelLabels, routeRuleLabels } from './memberLabels.ts';

type StatusFilter = 'pending' | 'approved' | 'rejected' | 'all';

export function ApplicationsPage() {
  const { message, modal } = App.useApp();
  const { hasRole } = useSession();
  const canDecide = hasRole('admin') || hasRole('reviewer');
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [orgId, setOrgId] = useState<number>();
  const list = usePagedList(
    '/api/members/applications',
    { query: { status, orgId } },
    { showSizeChanger: true, showTotal: (t) => `共 ${formatCount(t)} 份` },
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState<number | 'many'>();
  const [rejecting, setRejecting] = useState<Application>();
  const { data, reload } = list;

  async function approve(a: Application) {
    setBusy(a.id);
    try {
      const done = await api.post('/api/members/applications/:id/approve', { params: { id: a.id } });
      message.success(`已通过：${a.name}，会员号 ${done.memberNo ?? ''}`);
      setSelected((s) => s.filter((id) => id !== a.id));
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  }

  async function approveSelected() {
    setBusy('many');
    try {
      const r = await api.post('/api/members/applications/approve', { body: { ids: selected } });
      setSelected([]);
      if (r.skipped.length === 0) {
        message.success(`已通过 ${r.approved.length} 份申请`);
      } else {
        const names = new Map(data.items.map((a) => [a.id, a.name]));
        modal.warning({
          title: `已通过 ${r.approved.length} 份，${r.skipped.length} 份未通过`,
          content: (
            <ul className="skipped-list">
              {r.skipped.map((s) => (
                <li key={s.id}>
                  {names.get(s.id) ?? `#${s.id}`}：{s.message}
                </li>
              ))}
            </ul>
          ),
          okText: '知道了',
        });
      }
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  }

  async function reject(a: Application, reason: string) {
    await api.post('/api/members/applications/:id/reject', { params: { id: a.id }, body: { reason } });
    message.success(`已驳回：${a.name}`);
    setRejecting(undefined);
    setSelected((s) => s.filter((id) => id !== a.id));
    await reload();
  }

  const columns: TableProps<Application>['columns'] = [
    {
      title: '申请时间',
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string, a) => (
        <div className="two-line">
          <div>{formatDateTime(v)}</div>
          <Typography.Text type="secondary" className="small">
            {channelLabels[a.channel] ?? a.channel}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '申请人',
      width: 140,
      render: (_, a) => (
        <div className="two-line">
          <div>
            <strong>{a.name}</strong>{' '}
            <Typography.Text type="secondary">
              {a.sex === 'male' ? '男' : '女'} · {ageOn(a.birthDate)} 岁
            </Typography.Text>
          </div>
          <span className="mono small">{a.phoneMasked ?? '—'}</span>
        </div>
      ),
    },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: '工作单位 / 平台',
      width: 170,
      render: (_, a) => (a.gigPlatform ? `${a.gigPlatform}（平台）` : (a.employerName ?? '—')),
    },
    {
      title: '分配到的工会及原因',
      render: (_, a) => (
        <div className="route-cell">
          <Space size={6} wrap>
            <strong>{a.org.name}</strong>
            <Tag bordered={false} color="blue">
              {routeRuleLabels[a.routeRule] ?? a.routeRule}
            </Tag>
          </Space>
          <Typography.Paragraph type="secondary" className="route-reason" ellipsis={{ rows: 2, tooltip: a.routeReason }}>
            {a.routeReason}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 140,
      render: (v: string, a) => (
        <div>
          <Tag color={applicationStatusColors[v]}>{applicationStatusLabels[v] ?? v}</Tag>
          {a.memberNo && <div className="mono small">{a.memberNo}</div>}
          {a.rejectReason && (
            <Tooltip title={a.rejectReason}>
              <Typography.Text type="danger" ellipsis className="small">
                {a.rejectReason}
              </Typography.Text>
            </Tooltip>
          )}
        </div>
      ),
    },
    ...(canDecide
      ? [
          {
            title: '操作',
            width: 110,
            render: (_: unknown, a: Application) =>
              a.status === 'pending' ? (
                <LinkActions
                  actions={[
                    { label: '通过', loading: busy === a.id, onClick: () => void approve(a) },
                    { label: '驳回', danger: true, onClick: () => setRejecting(a) },
                  ]}
                />
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <ListPage<Application>
        title="入会审核"
        extra={!canDecide && <Typography.Text type="secondary">您的角色可以查看，审核需审核员或单位管理员</Typography.Text>}
        filters={
          <>
            <Segmented<StatusFilter>
              value={status}
              onChange={(v) => {
                setStatus(v);
                setSelected([]);
              }}
              options={[
                { value: 'pending', label: '待审核' },
                { value: 'approved', label: '已通过' },
                { value: 'rejected', label: '已驳回' },
                { value: 'all', label: '全部' },
              ]}
            />
            <OrgFilter aria-label="所属组织" placeholder="申请加入的组织（默认全部）" width={280} value={orgId} onChange={setOrgId} />
            {canDecide && status === 'pending' && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                disabled={selected.length === 0}
                loading={busy === 'many'}
                onClick={() => void approveSelected()}
              >
                批量通过{selected.length ? `（${selected.length}）` : ''}
              </Button>
            )}
          </>
        }
        list={list}
        columns={columns}
        emptyText={status === 'pending' ? '没有待审核的入会申请' : '没有符合条件的申请'}
        table={{
          scroll: { x: 1100 },
          rowSelection:
            canDecide && status === 'pending'
              ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), columnWidth: 40 }
              : undefined,
        }}
      />
      <DeclineModal
        open={!!rejecting}
        title={rejecting ? `驳回入会申请：${rejecting.name}` : '驳回入会申请'}
        okText="确认驳回"
        note={<Typography.Paragraph type="secondary">驳回原因将以短信告知申请人，并显示在其手机上的入会进度中。请写清楚如何补正。</Typography.Paragraph>}
        label="驳回原因"
        placeholder="如：工作单位不在本街道，请选择实际工作地点后重新申请"
        onSubmit={(reason) => (rejecting ? reject(rejecting, reason) : Promise.resolve())}
        onCancel={() => setRejecting(undefined)}
      />
    </>
  );
}
