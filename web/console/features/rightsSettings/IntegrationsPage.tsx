// 系统对接: the integration accounts through which the 12351 platform or a partner system pushes calls
// as tickets (POST /api/integration/tickets with a bearer token), each scoped to its union's subtree.
// Admins list them, create one — its token shown once, with a copy button and a warning, only its
// hash kept — and revoke one (at once, with a confirmation).
import '../../components/common.css';
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { createdIntegrationAccount, integrationAccount } from '../../../../contracts/tickets.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatMinute } from '../../../shared/format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { usePagedList } from '../../components/usePagedList.ts';

type Account = z.infer<typeof integrationAccount>;
type Created = z.infer<typeof createdIntegrationAccount>;

export function IntegrationsPage() {
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created>();
  const list = usePagedList('/api/tickets/integrations', { query: { orgId: orgId === undefined ? undefined : String(orgId) } }, { showTotal: (t) => `共 ${formatCount(t)} 个` });

  const revoke = async (a: Account) => {
    try {
      await api.post('/api/tickets/integrations/:id/revoke', { params: { id: a.id } });
      message.success(`已停用 ${a.name}`);
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: TableProps<Account>['columns'] = [
    {
      title: '对接系统',
      render: (_, a) => (
        <div className="two-line">
          <div>
            <strong>{a.name}</strong>
          </div>
          <Typography.Text type="secondary" className="small">
            {a.org.name}
          </Typography.Text>
        </div>
      ),
    },
    { title: '开通时间', width: 170, responsive: ['sm'], render: (_, a) => <span className="small">{formatMinute(a.createdAt)}</span> },
    { title: '状态', width: 180, render: (_, a) => (a.revokedAt ? <Tag>已停用 {formatMinute(a.revokedAt)}</Tag> : <Tag color="green">使用中</Tag>) },
    {
      title: '操作',
      width: 100,
      render: (_, a) =>
        !a.revokedAt && (
          <Popconfirm title={`停用“${a.name}”？`} description="停用立即生效，对方系统用该令牌推送的工单将被拒绝；不能恢复，需要时请新建账号。" okText="停用" okButtonProps={{ danger: true }} cancelText="不停用" onConfirm={() => revoke(a)}>
            <Button type="link" danger aria-label={`停用 ${a.name}`}>
              停用
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <ListPage<Account>
        title="系统对接"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建对接账号
          </Button>
        }
        intro={
          <Typography.Paragraph type="secondary">
            12351 平台或合作单位的系统用对接令牌推送来电工单（请求头 Authorization: Bearer 令牌、Idempotency-Key），工单只能分派到账号所属工会及其下级。
          </Typography.Paragraph>
        }
        filters={<OrgFilter aria-label="所属工会" placeholder="所属工会（默认本级及下级）" width={260} value={orgId} onChange={setOrgId} />}
        list={list}
        columns={columns}
        emptyText="还没有对接账号"
        testId="integrations"
      />
      {creating && (
        <CreateModal
          onCancel={() => setCreating(false)}
          onDone={(a) => {
            setCreating(false);
            setCreated(a);
            list.reload();
          }}
        />
      )}
      <Modal
        open={created !== undefined}
        title={`对接令牌：${created?.name ?? ''}`}
        okText="我已保存令牌"
        cancelButtonProps={{ style: { display: 'none' } }}
        closable={false}
        maskClosable={false}
        onOk={() => setCreated(undefined)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="令牌只显示这一次" description="关闭后无法再次查看（平台只保存令牌的摘要）。请立即复制并交给对方系统的管理员妥善保存；遗失或泄露时请停用该账号并新建。" />
        <Typography.Paragraph copyable={{ text: created?.token ?? '', tooltips: ['复制令牌', '已复制'] }} className="mono" data-testid="integration-token" style={{ wordBreak: 'break-all', fontSize: 15 }}>
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

function CreateModal({ onCancel, onDone }: { onCancel: () => void; onDone: (a: Created) => void }) {
  const [form] = Form.useForm<{ orgId: number; name: string }>();
  return (
    <FormModal<{ orgId: number; name: string }>
      form={form}
      title="新建对接账号"
      okText="新建并显示令牌"
      onCancel={onCancel}
      modal={{ destroyOnHidden: true }}
      onSubmit={async (v) => onDone(await api.post('/api/tickets/integrations', { body: { orgId: v.orgId, name: v.name.trim() } }))}
    >
      <Form.Item name="orgId" label="所属工会" rules={[{ required: true, message: '请选择所属工会' }]}>
        <OrgSearchSelect aria-label="所属工会" />
      </Form.Item>
      <Form.Item name="name" label="对接系统名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { min: 2, max: 50, message: '2–50 个字' }]}>
        <Input maxLength={50} placeholder="如：12351 省级平台" />
      </Form.Item>
    </FormModal>
  );
}
