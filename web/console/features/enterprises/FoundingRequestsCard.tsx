// 建会意愿: members who asked their town to help found a union at their employer (我要建会 on the
// member site) — the employer, the town, how many colleagues have joined, how many asked, the note,
// whether the member agreed to be contacted. The member is masked; 查看会员 opens the member record,
// where staff reveal a phone with a reason (audited), as everywhere. Placed on its own page
// (/founding-requests) and meant for the founding-targets page too.
import '../../components/common.css';
import { useState, type ReactNode } from 'react';
import { Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { FoundingRequest } from '../../../../contracts/founding-requests.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { usePagedList } from '../../components/usePagedList.ts';

type Shown = 'open' | 'all';

/** `memberView`: the member record (the console passes its member drawer in); without it no 查看会员 button. */
export function FoundingRequestsCard({
  title,
  initialShown = 'open',
  memberView,
}: {
  title?: ReactNode;
  initialShown?: Shown;
  memberView?: (memberId: number | undefined, onClose: () => void) => ReactNode;
}) {
  const [shown, setShown] = useState<Shown>(initialShown);
  const [memberId, setMemberId] = useState<number>();
  const { data, loading, pagination } = usePagedList('/api/enterprises/founding-requests', { query: shown === 'open' ? { open: 'true' } : {} }, {
    showTotal: (t) => `共 ${formatCount(t)} 条`,
  });

  const columns: TableProps<FoundingRequest>['columns'] = [
    {
      title: '单位',
      key: 'enterprise',
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          <strong>{r.enterprise.name}</strong>
          {r.enterprise.creditCode && <span className="mono">{r.enterprise.creditCode}</span>}
        </Space>
      ),
    },
    { title: '所在镇街', dataIndex: ['town', 'name'], width: 200 },
    { title: '已入会同事', dataIndex: 'colleaguesJoined', width: 110, align: 'right', render: (v: number) => formatCount(v) },
    { title: '提出人数', dataIndex: 'requestsForEmployer', width: 90, align: 'right', render: (v: number) => formatCount(v) },
    { title: '会员', dataIndex: 'memberNameMasked', width: 90 },
    { title: '留言', dataIndex: 'note', render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: '可否联系',
      dataIndex: 'mayContact',
      width: 100,
      render: (v: boolean) => (v ? <Tag color="green">同意联系</Tag> : <Tag>暂不联系</Tag>),
    },
    { title: '提出时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
    ...(memberView ? [{
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_: unknown, r: FoundingRequest) => (
        <Button size="small" onClick={() => setMemberId(r.memberId)}>
          查看会员
        </Button>
      ),
    }] : []),
  ];

  return (
    <Card title={title ?? '会员建会意愿'} extra={<Segmented<Shown> aria-label="显示范围" value={shown} onChange={setShown} options={[{ label: '未处理', value: 'open' }, { label: '全部', value: 'all' }]} />}>
      <Typography.Paragraph type="secondary">
        会员在“我要建会”中提出的建会意愿。单位建立工会后自动不再列为未处理。需要联系会员时，在会员信息中说明原因后查看手机号。
      </Typography.Paragraph>
      <Table<FoundingRequest>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        locale={{ emptyText: shown === 'open' ? '管理范围内暂无未处理的建会意愿' : '管理范围内暂无建会意愿' }}
        pagination={pagination}
        scroll={{ x: 1000 }}
      />
      {memberView?.(memberId, () => setMemberId(undefined))}
    </Card>
  );
}
