// 积分流水: the points operations of the staff member's subtree (发放 / 兑换 / 过期 / 撤销), newest
// first, by union, kind and period of days; each opens in a drawer with who got what and the reverse
// action; the same list as Excel (audited); and 按规则过期 below.
import './points.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, Grid, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { pointOperationKinds, pointOperationLabels, type PointOperationKind } from '../../../../contracts/points.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime, formatWhen, pickerDay } from '../../../shared/format.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useMe, useSession } from '../../session.tsx';
import { downloadFile } from '../../../shared/download.ts';
import { ExpireCard } from './ExpireCard.tsx';
import { OperationDrawer, type LedgerItem } from './OperationDrawer.tsx';
import { kindColors } from './OperationParts.tsx';

const PAGE_SIZE = 20;

export function PointsLedgerPage() {
  const me = useMe();
  const { message } = App.useApp();
  const { hasRole, canExport } = useSession();
  const canWrite = hasRole('admin') || hasRole('clerk');
  const [params, setParams] = useSearchParams();
  const [orgId, setOrgId] = useState<number>();
  const [kind, setKind] = useState<PointOperationKind>();
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: LedgerItem[]; total: number }>();
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [reload, setReload] = useState(0);
  const [open, setOpen] = useState<LedgerItem>();

  const filters = useMemo(
    () => ({ orgId, kind, from: period ? pickerDay(period[0]) : undefined, to: period ? pickerDay(period[1]) : undefined }),
    [orgId, kind, period],
  );

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<{ items: LedgerItem[]; total: number }>('/api/points/operations', { ...filters, page, pageSize: PAGE_SIZE })
      .then((d) => live && setData(d))
      .catch((err: unknown) => message.error(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [filters, page, reload, message]);

  // ?op=12 opens operation 12 once it is on the page (a link, or the page reloaded with the drawer open)
  const linked = useRef(Number(params.get('op')) || undefined);
  useEffect(() => {
    const inPage = linked.current === undefined ? undefined : data?.items.find((i) => i.id === linked.current);
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

  function refilter(f: () => void) {
    f();
    setPage(1);
  }

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

  async function exportXlsx() {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined) q.set(k, String(v));
    setExporting(true);
    try {
      await downloadFile(`/api/points/operations/export?${q.toString()}`, '积分流水.xlsx');
      message.success('已导出 Excel（本次导出已记入审计日志）');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="pt-page pt-ledger">
      <Card
        title="积分流水"
        extra={
          <Tooltip title={canExport ? '按当前筛选导出为 Excel（最多 100,000 条）' : '只读账号不能导出'}>
            <Button icon={<DownloadOutlined />} loading={exporting} disabled={!canExport} onClick={() => void exportXlsx()}>
              导出 Excel
            </Button>
          </Tooltip>
        }
      >
        <Space wrap className="pt-filters">
          <OrgSearchSelect
            aria-label="单位"
            placeholder={`${me.org.name}（全部）`}
            allowClear
            status="all"
            style={{ width: 280, maxWidth: '100%' }}
            value={orgId}
            onChange={(id) => refilter(() => setOrgId(id))}
          />
          <Select<PointOperationKind>
            aria-label="类型"
            placeholder="全部类型"
            allowClear
            style={{ width: 120 }}
            value={kind}
            onChange={(k) => refilter(() => setKind(k))}
            options={pointOperationKinds.map((k) => ({ value: k, label: pointOperationLabels[k] }))}
          />
          <DatePicker.RangePicker
            aria-label="操作日期"
            style={{ maxWidth: '100%' }}
            placeholder={['操作日期从', '至']}
            value={period}
            onChange={(v) => refilter(() => setPeriod(v?.[0] && v[1] ? [v[0], v[1]] : null))}
          />
        </Space>
        <Table<LedgerItem>
          rowKey="id"
          size="middle"
          loading={loading}
          data-testid="points-ledger"
          dataSource={data?.items ?? []}
          scroll={compact ? undefined : { x: 1100 }}
          tableLayout={compact ? 'fixed' : undefined}
          style={{ marginTop: 16 }}
          locale={{ emptyText: '没有符合条件的积分操作' }}
          onRow={(item) => ({ onClick: () => show(item), style: { cursor: 'pointer' } })}
          columns={compact ? compactColumns : columns}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (n) => `共 ${formatCount(n)} 项操作`,
            onChange: setPage,
          }}
        />
        <Typography.Text type="secondary">日期按北京时间；兑换记在会员所在工会名下。点一行查看领取或扣减积分的会员。</Typography.Text>
      </Card>
      <ExpireCard canWrite={canWrite} onExpired={() => setReload((n) => n + 1)} />
      <OperationDrawer item={open} canWrite={canWrite} onClose={() => show(undefined)} onReversed={() => setReload((n) => n + 1)} />
    </div>
  );
}
