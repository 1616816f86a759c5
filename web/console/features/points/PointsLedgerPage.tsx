// 积分流水: the points operations of the staff member's subtree (发放 / 兑换 / 过期 / 撤销), newest
// first, by union, kind and period of days; each opens in a drawer with who got what and the reverse
// action; the same list as Excel (audited); and 按规则过期 below.
import './points.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Grid, Tag, Typography, type TableColumnsType } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import type { Dayjs } from 'dayjs';
import { pointOperationKinds, pointOperationLabels, type PointOperationKind } from '../../../../contracts/points.ts';
import { formatCount, formatDateTime, formatWhen, pickerDay } from '../../../shared/format.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useMe, useSession } from '../../session.tsx';
import { ExpireCard } from './ExpireCard.tsx';
import { OperationDrawer, type LedgerItem } from './OperationDrawer.tsx';
import { kindColors } from './OperationParts.tsx';

export function PointsLedgerPage() {
  const me = useMe();
  const { hasRole } = useSession();
  const canWrite = hasRole('admin') || hasRole('clerk');
  const [params, setParams] = useSearchParams();
  const [orgId, setOrgId] = useState<number>();
  const [kind, setKind] = useState<PointOperationKind>();
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const [open, setOpen] = useState<LedgerItem>();
  const filters = { orgId, kind, from: period ? pickerDay(period[0]) : undefined, to: period ? pickerDay(period[1]) : undefined };
  // a new filter is another list, back on its page 1 (usePagedList)
  const list = usePagedList('/api/points/operations', { query: filters }, { showSizeChanger: false, showTotal: (n) => `共 ${formatCount(n)} 项操作` });
  const { data } = list;

  // ?op=12 opens operation 12 once it is on the page (a link, or the page reloaded with the drawer open)
  const linked = useRef(Number(params.get('op')) || undefined);
  useEffect(() => {
    const inPage = linked.current === undefined ? undefined : data.items.find((i) => i.id === linked.current);
    if (inPage) {
      linked.current = undefined;
      setOpen(inPage);
    }
  }, [data]);

  const show = useCallback(
    (item: LedgerItem | undefined) => {
      setOpen(item);
      setParams(item ? { op: String(item.id) } : {}, { replace: true });
    },
    [setParams],
  );

  // a phone: one column with the kind, time and reason, and one with the points
  const compact = Grid.useBreakpoint().md === false;
  const kindTags = (i: LedgerItem) => (
    <>
      <Tag color={kindColors[i.kind]}>{pointOperationLabels[i.kind]}</Tag>
      {i.reversedByOperationId != null && <Tag>已撤销</Tag>}
    </>
  );
  const columns: TableColumnsType<LedgerItem> = [
    { title: '编号', dataIndex: 'id', width: 72 },
    { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 132,
      render: (_: PointOperationKind, i) => kindTags(i),
    },
    { title: '单位', dataIndex: 'orgName', width: 220, ellipsis: true },
    { title: '会员人数', dataIndex: 'memberCount', width: 96, align: 'right', render: (v: number) => formatCount(v) },
    { title: '积分合计', dataIndex: 'amount', width: 110, align: 'right', render: (v: number) => formatCount(v) },
    { title: '事由', dataIndex: 'reason', ellipsis: true },
    { title: '经办人', dataIndex: 'actorName', width: 140, ellipsis: true },
    {
      title: '',
      key: 'open',
      width: 70,
      fixed: 'right',
      render: (_, i) => (
        <Button type="link" size="small" onClick={(e) => (e.stopPropagation(), show(i))}>
          查看
        </Button>
      ),
    },
  ];
  const compactColumns: TableColumnsType<LedgerItem> = [
    {
      title: '操作',
      key: 'what',
      render: (_, i) => (
        <div className="pt-compact">
          <div>
            {kindTags(i)}
            {/* month, day and time; the drawer has the full time */}
            <Typography.Text type="secondary">{formatWhen(i.createdAt)}</Typography.Text>
          </div>
          <Typography.Text ellipsis>{i.reason}</Typography.Text>
          <Typography.Text type="secondary" ellipsis>
            {i.orgName} · {i.actorName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '积分',
      key: 'amount',
      width: 96,
      align: 'right',
      render: (_, i) => (
        <>
          <div>{formatCount(i.amount)}</div>
          <Typography.Text type="secondary">{formatCount(i.memberCount)} 人</Typography.Text>
        </>
      ),
    },
  ];

  return (
    <div className="pt-page pt-ledger">
      <ListPage<LedgerItem>
        title="积分流水"
        extra={
          <ExportButton
            url="/api/points/operations/export"
            query={filters}
            fileName="积分流水.xlsx"
            done="已导出 Excel（本次导出已记入审计日志）"
            tip="按当前筛选导出为 Excel（最多 100,000 条）"
          />
        }
        filters={
          <>
            <OrgFilter aria-label="单位" placeholder={`${me.org.name}（全部）`} closedToo width={280} value={orgId} onChange={setOrgId} />
            <LabelSelect<PointOperationKind> aria-label="类型" placeholder="全部类型" style={{ width: 120 }} values={pointOperationKinds} labels={pointOperationLabels} value={kind} onChange={setKind} />
            <DatePicker.RangePicker
              aria-label="操作日期"
              style={{ maxWidth: '100%' }}
              placeholder={['操作日期从', '至']}
              value={period}
              onChange={(v) => setPeriod(v?.[0] && v[1] ? [v[0], v[1]] : null)}
            />
          </>
        }
        list={list}
        columns={compact ? compactColumns : columns}
        emptyText="没有符合条件的积分操作"
        testId="points-ledger"
        table={{
          scroll: compact ? undefined : { x: 1100 },
          tableLayout: compact ? 'fixed' : undefined,
          onRow: (item) => ({ onClick: () => show(item), style: { cursor: 'pointer' } }),
        }}
        after={<Typography.Text type="secondary">日期按北京时间；兑换记在会员所在工会名下。点一行查看领取或扣减积分的会员。</Typography.Text>}
      />
      <ExpireCard canWrite={canWrite} onExpired={() => void list.reload()} />
      <OperationDrawer item={open} canWrite={canWrite} onClose={() => show(undefined)} onReversed={() => void list.reload()} />
    </div>
  );
}
