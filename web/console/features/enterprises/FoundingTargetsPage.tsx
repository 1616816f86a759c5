// 建会目标: employers without a union whose workers have joined the town's federation instead — once
// enough of them have (the threshold), the town's staff should go and found a union there.
import '../../components/common.css';
import { useState } from 'react';
import { Card, InputNumber, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import type { foundingTarget } from '../../../../contracts/members.ts';
import { formatCount } from '../../../shared/format.ts';
import { usePagedList } from '../../components/usePagedList.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

type FoundingTarget = z.infer<typeof foundingTarget>;

const DEFAULT_THRESHOLD = 25;

export function FoundingTargetsPage() {
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const { data, loading, pagination } = usePagedList('/api/enterprises/founding-targets', { query: { threshold } }, {
    showTotal: (t) => `共 ${formatCount(t)} 家单位`,
  });

  const columns: TableProps<FoundingTarget>['columns'] = [
    { title: '单位名称', dataIndex: ['enterprise', 'name'] },
    { title: '统一社会信用代码', dataIndex: ['enterprise', 'creditCode'], width: 200, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { title: '会员现挂靠', dataIndex: ['town', 'name'], width: 280 },
    {
      title: '已入会职工',
      dataIndex: 'members',
      width: 120,
      align: 'right',
      render: (v: number) => <strong>{formatCount(v)}</strong>,
    },
  ];

  return (
    <Card title={<PageTitle>建会目标</PageTitle>}>
      <Space wrap align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>尚未建会、已有</Typography.Text>
        <InputNumber
          aria-label="人数门槛"
          min={1}
          max={99999}
          value={threshold}
          onChange={(v) => {
            if (typeof v === 'number') setThreshold(v);
          }}
          style={{ width: 90 }}
        />
        <Typography.Text>名以上职工入会的单位</Typography.Text>
        <Typography.Text type="secondary">—— 这些职工暂挂在镇街工联会，单位建会后可整体转入。</Typography.Text>
      </Space>
      <Table<FoundingTarget>
        rowKey={(t) => t.enterprise.id}
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        locale={{ emptyText: `管理范围内暂无达到 ${threshold} 人的未建会单位` }}
        pagination={pagination}
      />
    </Card>
  );
}
