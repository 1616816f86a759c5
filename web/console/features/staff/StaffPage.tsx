// 工作人员账号: the accounts of the caller's subtree; create, change roles or disable, reset password.
import { useState } from 'react';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { staffRoleLabels } from '../../../../contracts/auth.ts';
import type { StaffAccount } from '../../../../contracts/staff.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { LinkActions } from '../../components/LinkActions.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useMe } from '../../session.tsx';
import { CreateStaffModal, EditStaffModal, ResetPasswordModal } from './StaffModals.tsx';
import { roleColors } from './roles.ts';

type Dialog = { kind: 'create' } | { kind: 'edit'; staff: StaffAccount } | { kind: 'password'; staff: StaffAccount };

export function StaffPage() {
  const me = useMe();
  const [orgId, setOrgId] = useState<number>();
  const [q, setQ] = useState<string>();
  const list = usePagedList('/api/staff', { query: { orgId, q } }, {
    showSizeChanger: true,
    showTotal: (t) => `共 ${t} 个账号`,
  });
  const [dialog, setDialog] = useState<Dialog>();

  const columns: TableProps<StaffAccount>['columns'] = [
    {
      title: '姓名',
      dataIndex: 'displayName',
      render: (v: string, s) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{v}</Typography.Text>
          <Typography.Text type="secondary">{s.username}</Typography.Text>
        </Space>
      ),
    },
    { title: '所属单位', dataIndex: ['org', 'name'] },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: StaffAccount['roles']) => (
        <Space size={[0, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} color={roleColors[r]} bordered={false}>
              {staffRoleLabels[r]}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      width: 110,
      render: (_, s) => (
        <Space size={[0, 4]} wrap>
          {s.isActive ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>}
          {s.isLocked && (
            <Tooltip title="连续输错密码已被锁定，重置密码可立即解锁">
              <Tag color="warning">已锁定</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '从未登录') },
    {
      title: '操作',
      width: 150,
      render: (_, s) => (
        <LinkActions
          actions={[
            { label: '编辑', onClick: () => setDialog({ kind: 'edit', staff: s }) },
            { label: '重置密码', onClick: () => setDialog({ kind: 'password', staff: s }) },
          ]}
        />
      ),
    },
  ];

  const done = () => {
    setDialog(undefined);
    void list.reload();
  };

  return (
    <>
      <ListPage<StaffAccount>
        title="工作人员账号"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            新建账号
          </Button>
        }
        filters={
          <>
            <OrgFilter aria-label="按单位筛选" placeholder={`全部单位（${me.scope.orgName}及下级）`} width={360} value={orgId} onChange={setOrgId} />
            <ListSearch aria-label="按姓名或用户名筛选" placeholder="姓名或用户名" style={{ width: 240 }} value={q} reload={list.reload} onSearch={setQ} />
          </>
        }
        list={list}
        columns={columns}
        emptyText="没有符合条件的账号"
      />
      {dialog?.kind === 'create' && <CreateStaffModal onCancel={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'edit' && (
        <EditStaffModal staff={dialog.staff} isSelf={dialog.staff.id === me.id} onCancel={() => setDialog(undefined)} onDone={done} />
      )}
      {dialog?.kind === 'password' && <ResetPasswordModal staff={dialog.staff} onCancel={() => setDialog(undefined)} onDone={done} />}
    </>
  );
}
