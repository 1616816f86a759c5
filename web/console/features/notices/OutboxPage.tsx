// 通知发件箱 (admins): the SMS and WeChat notices the platform sent in the scope, newest first, with
// recipients masked; filter by a full phone number. In the demo the built-in sender only records
// here, so login codes can be read on this page.
import '../../components/common.css';
import { useState } from 'react';
import { Input, Typography } from 'antd';
import type { TableProps } from 'antd';
import { mobilePhone } from '../../../../contracts/members.ts';
import { noticeKindLabel, type Notice } from '../../../../contracts/notices.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { StateTag, type StateTags } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';

const statusTags: StateTags = { pending: { label: '待发送', color: 'default' }, sent: { label: '已发送', color: 'green' }, failed: { label: '发送失败', color: 'red' } };

export function OutboxPage() {
  const [to, setTo] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const list = usePagedList('/api/outbox', { query: { to } }, {
    showSizeChanger: true,
    showTotal: (t) => `共 ${formatCount(t)} 条`,
  });

  const columns: TableProps<Notice>['columns'] = [
    { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '渠道', dataIndex: 'channel', width: 70, render: (v: string) => (v === 'sms' ? '短信' : '微信') },
    { title: '收件人', dataIndex: 'to', width: 120, render: (v: string) => <span className="mono">{v}</span> },
    { title: '类别', dataIndex: 'kind', width: 170, render: (v: string) => noticeKindLabel(v) },
    { title: '内容', dataIndex: 'body' },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: string) => <StateTag tags={statusTags} value={v} />,
    },
  ];

  return (
    <ListPage<Notice>
      title="通知发件箱"
      extra={<Typography.Text type="secondary">收件人已脱敏；按完整手机号可筛选</Typography.Text>}
      filters={
        <>
          <Input.Search
            aria-label="按手机号筛选"
            placeholder="完整的 11 位手机号"
            allowClear
            inputMode="numeric"
            maxLength={11}
            style={{ width: 260 }}
            status={problem ? 'error' : undefined}
            onSearch={(v) => {
              const q = v.trim();
              if (q && !mobilePhone.safeParse(q).success) {
                setProblem('请输入完整的 11 位手机号');
                return;
              }
              setProblem(undefined);
              if ((q || undefined) === to) void list.reload(); // the same search again refreshes the list
              else setTo(q || undefined);
            }}
          />
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
        </>
      }
      list={list}
      columns={columns}
      emptyText={to ? '没有发给该号码的通知' : '暂无通知'}
    />
  );
}
