// 审计日志: log-ins, failed log-ins and every write in the caller's scope, newest first.
import { useState } from 'react';
import { Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import { auditActionLabels as actionLabels, auditTargetLabels as targetLabels, type auditEntry } from '../../../../contracts/audit.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { usePagedList } from '../../components/usePagedList.ts';

type AuditEntry = z.infer<typeof auditEntry>;

const outcomeTags: Record<string, { color: string; label: string }> = {
  ok: { color: 'success', label: '成功' },
  failed: { color: 'error', label: '失败' },
  denied: { color: 'warning', label: '拒绝' },
};

const reasonLabels: Record<string, string> = {
  wrong_password: '密码错误',
  unknown_user: '用户名不存在',
  locked: '账号已锁定',
  inactive: '账号已停用',
};

/** The detail of an entry in a line a person can read. */
function describeDetail(e: AuditEntry): string {
  const d = e.detail;
  const parts: string[] = [];
  if (typeof d.reason === 'string') parts.push(reasonLabels[d.reason] ?? `原因：${d.reason}`);
  if (d.locked === true) parts.push('已触发锁定');
  if (typeof d.name === 'string') parts.push(`名称：${d.name}`);
  if (typeof d.username === 'string' && e.actorKind === 'anonymous') parts.push(`尝试的用户名：${d.username}`);
  if (typeof d.orgsMoved === 'number') parts.push(`共 ${d.orgsMoved} 个组织`);
  if (parts.length > 0) return parts.join('；');
  const rest = Object.keys(d).length ? JSON.stringify(d) : '';
  return rest.length > 120 ? `${rest.slice(0, 120)}…` : rest;
}

export function AuditPage() {
  const [action, setAction] = useState<string>();
  const [actorName, setActorName] = useState('');
  const { data, loading, pagination, reload } = usePagedList<AuditEntry>('/api/audit', { action, actorName: actorName.trim() }, {
    showSizeChanger: true,
    showTotal: (t) => `共 ${t} 条`,
  });

  const columns: TableProps<AuditEntry>['columns'] = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 140,
      render: (v: string | null, e) => v ?? (e.actorKind === 'anonymous' ? <Typography.Text type="secondary">未登录用户</Typography.Text> : '—'),
    },
    { title: '操作', dataIndex: 'action', width: 130, render: (v: string) => actionLabels[v] ?? v },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 80,
      render: (v: string) => {
        const t = outcomeTags[v];
        return t ? <Tag color={t.color}>{t.label}</Tag> : <Tag>{v}</Tag>;
      },
    },
    {
      title: '对象',
      width: 110,
      render: (_, e) => (e.targetType ? `${targetLabels[e.targetType] ?? e.targetType} #${e.targetId ?? ''}` : '—'),
    },
    { title: '说明', render: (_, e) => describeDetail(e) },
    { title: 'IP 地址', dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card title="审计日志">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="按操作筛选"
          placeholder="全部操作"
          allowClear
          style={{ width: 180 }}
          value={action}
          onChange={(v: string | undefined) => setAction(v)}
          options={Object.entries(actionLabels).map(([value, label]) => ({ value, label }))}
        />
        <Input.Search
          aria-label="按操作人用户名筛选"
          placeholder="操作人用户名，如 huazhou"
          allowClear
          style={{ width: 260 }}
          onSearch={(v) => {
            if (v.trim() === actorName.trim()) void reload(); // the same search again refreshes the list
            else setActorName(v);
          }}
        />
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        locale={{ emptyText: '没有符合条件的记录' }}
        pagination={pagination}
      />
    </Card>
  );
}
