// One operation of 积分流水 in a drawer: its facts, who got what (the member entries, paged by the
// server: name, member number, union, points — no ID numbers or phones) and the reverse action.
import { useEffect, useState } from 'react';
import { Alert, Drawer, Grid, Table, Typography, type TableColumnsType } from 'antd';
import type { z } from 'zod';
import type { pointOperationEntry, pointOperationListItem } from '../../../../contracts/points.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { OperationFacts, ReverseAction, type PointOperation } from './OperationParts.tsx';

export type LedgerItem = z.infer<typeof pointOperationListItem>;
type Entry = z.infer<typeof pointOperationEntry>;

const PAGE_SIZE = 20;

function EntriesTable({ op }: { op: PointOperation }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: Entry[]; total: number }>();
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get('/api/points/operations/:id/entries', { params: { id: op.id }, query: { page, pageSize: PAGE_SIZE } })
      .then((d) => live && (setData(d), setProblem(undefined)))
      .catch((err: unknown) => live && setProblem(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [op.id, page]);

  // a phone: the member's name, number and union in one column
  const compact = Grid.useBreakpoint().sm === false;
  const points = (v: number) => <span className={v < 0 ? 'pt-minus' : 'pt-plus'}>{v > 0 ? `+${formatCount(v)}` : `−${formatCount(-v)}`}</span>;
  const columns: TableColumnsType<Entry> = [
    { title: '姓名', dataIndex: 'name', width: 90 },
    { title: '会员号', dataIndex: 'memberNo', width: 150, render: (v: string | null) => v ?? '—' },
    { title: '所在工会', dataIndex: 'orgName', render: (v: string | null) => v ?? <Typography.Text type="secondary">已转出本管理范围</Typography.Text> },
    {
      title: '积分',
      dataIndex: 'amount',
      width: 90,
      align: 'right',
      render: points,
    },
  ];
  const compactColumns: TableColumnsType<Entry> = [
    {
      title: '会员',
      key: 'member',
      render: (_, e) => (
        <div className="pt-compact">
          <span>
            {e.name} <Typography.Text type="secondary">{e.memberNo ?? ''}</Typography.Text>
          </span>
          <Typography.Text type="secondary">{e.orgName ?? '已转出本管理范围'}</Typography.Text>
        </div>
      ),
    },
    { title: '积分', dataIndex: 'amount', width: 80, align: 'right', render: points },
  ];

  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        会员明细（{formatCount(op.memberCount)} 人）
      </Typography.Title>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      <Table<Entry>
        size="small"
        rowKey="memberId"
        loading={loading}
        data-testid="points-entries"
        dataSource={data?.items ?? []}
        locale={{ emptyText: '没有会员账户的变动' }}
        columns={compact ? compactColumns : columns}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${formatCount(n)} 人`,
          onChange: setPage,
        }}
      />
    </>
  );
}

/** The drawer of one operation; `item` is the list's row (with the org and who did it), or nothing while closed. */
export function OperationDrawer({ item, canWrite, onClose, onReversed }: { item: LedgerItem | undefined; canWrite: boolean; onClose: () => void; onReversed: () => void }) {
  const [op, setOp] = useState<PointOperation | undefined>(item);
  useEffect(() => setOp(item), [item]);
  return (
    <Drawer
      open={item !== undefined}
      onClose={onClose}
      title={item ? `积分操作 ${item.id}` : ''}
      width={720}
      className="pt-drawer"
      destroyOnHidden
    >
      {item && op && (
        <>
          <OperationFacts op={op} orgName={item.orgName} actorName={item.actorName} narrow />
          <ReverseAction
            key={op.id}
            op={op}
            canWrite={canWrite}
            onReversed={(now) => {
              setOp(now);
              onReversed();
            }}
          />
          <EntriesTable key={op.id} op={op} />
        </>
      )}
    </Drawer>
  );
}
