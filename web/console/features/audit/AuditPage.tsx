// 审计日志: log-ins, failed log-ins and every write in the caller's scope, newest first, each one a
// sentence: huazhou 于 2026-12-06 10:00 修改了普惠活动「…」的名额：100 → 120 (Beijing time).
import { useState } from 'react';
import { Input, Select, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import { auditActor, auditWhat } from '../../../../contracts/audit-sentences.ts';
import { auditActionLabels as actionLabels, type auditEntry } from '../../../../contracts/audit.ts';
import { formatMinute } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { StateTag, type StateTags } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';

type AuditEntry = z.infer<typeof auditEntry>;

const outcomeTags: StateTags = { ok: { color: 'success', label: '成功' }, failed: { color: 'error', label: '失败' }, denied: { color: 'warning', label: '拒绝' } };

export function AuditPage() {
  const [action, setAction] = useState<string>();
  const [actorName, setActorName] = useState('');
  const list = usePagedList('/api/audit', { query: { action, actorName: actorName.trim() } }, {
    showSizeChanger: true,
    showTotal: (t) => `共 ${t} 条`,
  });

  const columns: TableProps<AuditEntry>['columns'] = [
    {
      title: '记录',
      render: (_, e) => (
        <span>
          <Typography.Text strong>{auditActor(e)}</Typography.Text> 于 <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text> {auditWhat(e, formatMinute)}
        </span>
      ),
    },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 80,
      render: (v: string) => <StateTag tags={outcomeTags} value={v} />,
    },
    { title: 'IP 地址', dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <ListPage<AuditEntry>
      title="审计日志"
      filters={
        <>
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
              if (v.trim() === actorName.trim()) void list.reload(); // the same search again refreshes the list
              else setActorName(v);
            }}
          />
        </>
      }
      list={list}
      columns={columns}
      emptyText="没有符合条件的记录"
    />
  );
}
