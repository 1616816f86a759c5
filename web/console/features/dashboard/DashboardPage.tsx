// 一屏总览: the figures of any union of the scope for a period of whole months — tiles by area (value,
// 较上期, target), the members' 24-month line and joins/departures bars, the official figures beside the
// platform's, and the unions directly below side by side (sortable; behind target in red) — with the
// upward report (导出报表) and the big screen (大屏). Design: docs/design/enterprise-file.md §7, §9.
import '../../components/common.css';
import './dashboard.css';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { DesktopOutlined } from '@ant-design/icons';
import { officialFigureKeys, officialFigureLabels, officialFigureTiles, tileAreaNames, type DashboardArea, type DashboardChild, type DashboardTileValue } from '../../../../contracts/dashboard.ts';
import type { MemberSeries } from '../../../../contracts/member-figures.ts';
import { api, apiUrl } from '../../../shared/api.ts';
import { formatCount, formatDateTime, pickerNow } from '../../../shared/format.ts';
import { EChart } from '../../components/EChart.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FiguresFilters, useFigures, type Period } from '../../components/FiguresFilters.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { useSession } from '../../session.tsx';
import { changeText, tileText, unitSuffix } from './tileFormat.ts';

const BLUE = '#1f5fbf';
const GREEN = '#2f8a3e';
const RED = '#c92a2a';
const grid = { left: 8, right: 24, top: 32, bottom: 8, containLabel: true };
const monthOf = (d: Period[number]) => d.format('YYYY-MM');

interface OfficialRow {
  key: (typeof officialFigureKeys)[number];
  label: string;
  platform: DashboardTileValue | undefined;
}

export function DashboardPage() {
  const { canExport } = useSession();
  const [orgId, setOrgId] = useState<number>();
  const [period, setPeriod] = useState<Period>(() => [pickerNow().startOf('year'), pickerNow()]);
  const [sort, setSort] = useState<string>('name');
  const [page, setPage] = useState(1);
  const query = useMemo(() => ({ orgId, from: monthOf(period[0]), to: monthOf(period[1]) }), [orgId, period]);
  const { data: d, loading } = useFigures(() => api.get('/api/dashboard', { query }), [query]);
  const { data: kids, loading: kidsLoading } = useFigures(() => api.get('/api/dashboard/children', { query: { ...query, sort, page, pageSize: 20 } }), [query, sort, page]);
  // the members' 24-month series (GET /api/dashboard/series): a failure leaves a clear empty state, not the page down
  const [series, setSeries] = useState<{ data?: MemberSeries; failed?: boolean }>({});
  useEffect(() => {
    let live = true;
    api
      .get('/api/dashboard/series', { query: { orgId, to: query.to } })
      .then((s) => live && setSeries({ data: s }))
      .catch(() => live && setSeries({ failed: true }));
    return () => {
      live = false;
    };
  }, [orgId, query.to]);

  const byArea = useMemo(() => {
    const m = new Map<DashboardArea, DashboardTileValue[]>();
    for (const t of d?.tiles ?? []) m.set(t.area, [...(m.get(t.area) ?? []), t]);
    return [...m];
  }, [d]);

  const line = useMemo(() => {
    const months = series.data?.months ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { ...grid, top: 16 },
      xAxis: { type: 'category', name: '月份', data: months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '会员数', type: 'line', data: months.map((m) => m.members), itemStyle: { color: BLUE }, areaStyle: { opacity: 0.12 } }],
    };
  }, [series]);
  const bars = useMemo(() => {
    const months = series.data?.months ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      xAxis: { type: 'category', name: '月份', data: months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '入会', type: 'bar', data: months.map((m) => m.joins), itemStyle: { color: GREEN }, barMaxWidth: 16 },
        { name: '退会', type: 'bar', data: months.map((m) => m.departures), itemStyle: { color: RED }, barMaxWidth: 16 },
      ],
    };
  }, [series]);

  const tileOf = (id: string) => d?.tiles.find((t) => t.id === id);
  const screenUrl = `/dashboard/screen${orgId ? `?orgId=${orgId}` : ''}`;
  const sortOrderOf = (key: string): SortOrder => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="dash-page">
      <Card
        title={<PageTitle>一屏总览</PageTitle>}
        extra={
          <Space wrap>
            {canExport && (
              <ExportButton
                url={apiUrl('/api/dashboard/report.xlsx')}
                query={query}
                fileName="一屏总览统计报表.xlsx"
                done="已导出报表（本次导出已记入审计日志）"
                tip="导出为 Excel：每个方面一张表，直属下级工会为行并有合计行，本期、上期、增减，用于向上级报送"
              >
                导出报表
              </ExportButton>
            )}
            <Link to={screenUrl} target="_blank" rel="noopener">
              <Button icon={<DesktopOutlined />}>大屏</Button>
            </Link>
          </Space>
        }
      >
        <FiguresFilters
          orgId={orgId}
          onOrgChange={(id) => {
            setOrgId(id);
            setPage(1);
          }}
          period={period}
          onPeriodChange={(p) => {
            if (p) setPeriod(p);
            setPage(1);
          }}
          periodLabel="统计月份"
          picker="month"
          caption={
            d
              ? `${d.org.name}及下级组织，${d.period.from} 至 ${d.period.to}（${d.period.months} 个月，上期 ${d.period.previousFrom} 至 ${d.period.previousTo}）；数据更新于 ${formatDateTime(d.computedAt)}`
              : '统计期间按整月计，最多 36 个月'
          }
        />
        {byArea.length === 0 && !loading && <Empty description="没有数据：请换一个统计范围或期间" />}
        {byArea.map(([area, tiles]) => (
          <section key={area} className="dash-area" aria-label={tileAreaNames[area]} data-testid={`dash-area-${area}`}>
            <SectionTitle className="dash-area-title">{tileAreaNames[area]}</SectionTitle>
            <Row gutter={[16, 16]}>
              {tiles.map((t) => {
                const ch = changeText(t.unit, t.value, t.previous);
                const behind = t.target !== undefined && t.target !== null && (t.value ?? 0) < t.target;
                return (
                  <Col key={t.id} xs={12} sm={8} lg={6} xl={4}>
                    <div className="dash-tile" data-testid={`tile-${t.id}`}>
                      <Statistic title={t.label} value={tileText(t.unit, t.value)} suffix={t.value === null ? undefined : unitSuffix(t.unit)} loading={loading && !d} valueStyle={behind ? { color: RED } : undefined} />
                      <Typography.Text className={`dash-change dash-change-${ch.dir}`}>{ch.text}</Typography.Text>
                      {t.target !== undefined && (
                        <Typography.Text type={behind ? 'danger' : 'secondary'} className="dash-target">
                          {t.target === null ? '未设目标' : `目标 ${tileText(t.unit, t.target)}${unitSuffix(t.unit)}${behind ? '，落后于目标' : ''}`}
                        </Typography.Text>
                      )}
                    </div>
                  </Col>
                );
              })}
            </Row>
          </section>
        ))}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<SectionTitle>会员数（近 24 个月）</SectionTitle>} size="small">
            {series.failed ? (
              <Empty description="会员月度数据暂不可用：会员统计尚未就绪，其余数据不受影响" />
            ) : (
              <EChart option={line} title="每月月末会员数" rowHeader="月份" testId="chart-dash-members" height={280} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<SectionTitle>入会与退会（近 24 个月）</SectionTitle>} size="small">
            {series.failed ? (
              <Empty description="会员月度数据暂不可用：会员统计尚未就绪，其余数据不受影响" />
            ) : (
              <EChart option={bars} title="每月入会与退会人数" rowHeader="月份" testId="chart-dash-flows" height={280} />
            )}
          </Card>
        </Col>
      </Row>

      <Card title={<SectionTitle>官方统计数与平台数</SectionTitle>} size="small" data-testid="dash-official">
        {d && d.official.years.length === 0 ? (
          <Typography.Text type="secondary">统计期间所在年度没有登记官方统计数（由本工会或上级工会的管理员登记）。</Typography.Text>
        ) : (
          <>
            <Alert type="info" showIcon message={d?.official.caption ?? ''} className="dash-caption" />
            <Table<OfficialRow>
              size="small"
              pagination={false}
              rowKey="key"
              scroll={{ x: 560 }}
              dataSource={officialFigureKeys.map((key) => ({ key, label: officialFigureLabels[key], platform: tileOf(officialFigureTiles[key]) }))}
              columns={[
                { title: '指标', dataIndex: 'label' },
                ...(d?.official.years ?? []).map((y) => ({
                  title: `官方数（${y.year} 年）`,
                  align: 'right' as const,
                  render: (_: unknown, r: OfficialRow) => (y[r.key] === null ? '—' : formatCount(y[r.key]!)),
                })),
                {
                  title: '平台数（本期）',
                  align: 'right' as const,
                  render: (_: unknown, r: OfficialRow) =>
                    r.platform ? tileText(r.platform.unit, r.platform.value) : <Tooltip title="平台尚未统计此项">—</Tooltip>,
                },
              ]}
            />
            {d?.official.years[0]?.source && <Typography.Paragraph type="secondary" className="dash-note">来源：{d.official.years.map((y) => `${y.year} 年 ${y.source ?? ''}`).join('；')}</Typography.Paragraph>}
          </>
        )}
      </Card>

      <Card title={<SectionTitle>直属下级工会对比</SectionTitle>} size="small">
        <Table<DashboardChild>
          rowKey={(r) => r.org.id}
          size="small"
          loading={kidsLoading}
          scroll={{ x: 240 + (kids?.tiles.length ?? 0) * 110 }}
          dataSource={kids?.items ?? []}
          locale={{ emptyText: '没有直属下级工会' }}
          rowClassName={(r) => (r.behind ? 'dash-behind' : '')}
          pagination={{ current: page, pageSize: 20, total: kids?.total ?? 0, showSizeChanger: false, showTotal: (n) => `共 ${n} 个` }}
          onChange={(p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? String(s.columnKey) : 'name';
            setSort(s?.order === 'descend' ? `-${key}` : key);
            setPage(s?.order || key === 'name' ? (p.current ?? 1) : 1);
          }}
          columns={[
            {
              title: '工会',
              key: 'name',
              fixed: 'left',
              width: 220,
              sorter: true,
              sortOrder: sortOrderOf('name'),
              render: (_, r) => (
                <Space size={4} wrap>
                  <span>{r.org.name}</span>
                  {r.behind && <Tag color="red">落后于目标</Tag>}
                </Space>
              ),
            },
            ...(kids?.tiles ?? []).map((t) => ({
              title: `${t.label}${unitSuffix(t.unit) ? `（${unitSuffix(t.unit)}）` : ''}`,
              key: t.id,
              width: 110,
              align: 'right' as const,
              sorter: true,
              sortOrder: sortOrderOf(t.id),
              render: (_: unknown, r: DashboardChild) => {
                const c = r.cells[t.id];
                if (!c) return '—';
                const text = tileText(t.unit, c.value);
                return c.target !== null ? (
                  <Tooltip title={`目标 ${tileText(t.unit, c.target)}${c.behind ? '，落后于目标' : ''}`}>
                    <span className={c.behind ? 'dash-red' : undefined}>{text}{c.behind ? '（未达标）' : ''}</span>
                  </Tooltip>
                ) : (
                  text
                );
              },
            })),
          ]}
        />
        <Typography.Paragraph type="secondary" className="dash-note">
          每行是该直属下级工会及其全部下级的数；红色为落后于目标（如脱困目标）。基层工会、在档困难职工为期末数，在用阵地为当前数，其余为期间内的数。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
