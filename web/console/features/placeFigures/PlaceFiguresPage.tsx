// 阵地数据: the places of any union of the scope and a period — places in service, visits, bookings and
// no-shows, problems and the hours to resolve them, childcare — as number cards; places by kind,
// visits by day or month, bookings against no-shows and problems as charts; one row per union below
// the chosen one as a table — and the same as an Excel report upward.
import '../../components/common.css';
import './placeFigures.css';
import { useMemo, useState } from 'react';
import { Card, Col, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { PlaceUnionRow } from '../../../../contracts/place-figures.ts';
import { placeKindLabels } from '../../../../contracts/places.ts';
import { orgLevelLabels } from '../../../../contracts/orgs.ts';
import { api, apiUrl } from '../../../shared/api.ts';
import { formatPickerDay, pickerDay, pickerNow } from '../../../shared/format.ts';
import { EChart } from '../../components/EChart.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FiguresFilters, useFigures, type Period } from '../../components/FiguresFilters.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

// colours of figures, bars and lines: 3:1 on white at least
const BLUE = '#1f5fbf';
const GREEN = '#2f8a3e';
const RED = '#c92a2a';
const ORANGE = '#b35900';
const GREY = '#6b6b6b';

const grid = { left: 8, right: 24, top: 32, bottom: 8, containLabel: true };
const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`);

export function PlaceFiguresPage() {
  const [orgId, setOrgId] = useState<number>();
  const [period, setPeriod] = useState<Period>(() => [pickerNow().startOf('year'), pickerNow()]);

  const query = useMemo(() => ({ orgId, from: pickerDay(period[0]), to: pickerDay(period[1]) }), [orgId, period]);
  const { data: fig, loading } = useFigures(() => api.get('/api/places/figures', { query }), [query]);

  const byKind = useMemo(() => {
    const rows = fig?.places.byKind ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid,
      yAxis: { type: 'category', data: rows.map((k) => placeKindLabels[k.kind]), inverse: true },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '在用', type: 'bar', stack: 'places', data: rows.map((k) => k.inService), itemStyle: { color: BLUE }, barMaxWidth: 24 },
        { name: '已停用', type: 'bar', stack: 'places', data: rows.map((k) => k.closed), itemStyle: { color: GREY }, barMaxWidth: 24 },
        { name: '已并入', type: 'bar', stack: 'places', data: rows.map((k) => k.merged), itemStyle: { color: ORANGE }, barMaxWidth: 24 },
      ],
    };
  }, [fig]);
  const visits = useMemo(() => {
    const series = fig?.visits.series ?? [];
    const byDay = fig?.visits.unit === 'day';
    return {
      tooltip: { trigger: 'axis' },
      grid: { ...grid, top: 16 },
      xAxis: { type: 'category', data: series.map((s) => (byDay ? s.period.slice(5) : `${Number(s.period.slice(5))}月`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '到访人次', type: 'line', data: series.map((s) => s.count), itemStyle: { color: BLUE }, areaStyle: { opacity: 0.12 } }],
    };
  }, [fig]);
  const bookings = useMemo(() => {
    const b = fig?.bookings;
    return {
      tooltip: { trigger: 'axis' },
      grid: { ...grid, top: 16 },
      xAxis: { type: 'category', data: ['预约', '已签到', '未到', '已取消'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: '人次',
          type: 'bar',
          barMaxWidth: 40,
          label: { show: true, position: 'top' },
          data: [
            { value: b?.booked ?? 0, itemStyle: { color: BLUE } },
            { value: b?.checkedIn ?? 0, itemStyle: { color: GREEN } },
            { value: b?.noShows ?? 0, itemStyle: { color: RED } },
            { value: b?.cancelled ?? 0, itemStyle: { color: GREY } },
          ],
        },
      ],
    };
  }, [fig]);
  const problems = useMemo(() => {
    const p = fig?.problems;
    return {
      tooltip: { trigger: 'axis' },
      grid: { ...grid, top: 16 },
      xAxis: { type: 'category', data: ['期间报告', '期间处理', '当前未处理', '当前超期'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: '问题数',
          type: 'bar',
          barMaxWidth: 40,
          label: { show: true, position: 'top' },
          data: [
            { value: p?.reported ?? 0, itemStyle: { color: ORANGE } },
            { value: p?.resolved ?? 0, itemStyle: { color: GREEN } },
            { value: p?.open ?? 0, itemStyle: { color: BLUE } },
            { value: p?.overdue ?? 0, itemStyle: { color: RED } },
          ],
        },
      ],
    };
  }, [fig]);

  const cardLoading = loading && !fig;
  const stat = (title: string, value: number | string | undefined, suffix?: string, color?: string, tip?: string) => {
    const s = <Statistic title={title} value={value ?? 0} suffix={suffix} valueStyle={color ? { color } : undefined} loading={cardLoading} />;
    return (
      <Col xs={12} sm={8} lg={4}>
        {tip ? <Tooltip title={tip}>{s}</Tooltip> : s}
      </Col>
    );
  };
  const sum = (pick: (r: PlaceUnionRow) => number) => (fig?.byUnion ?? []).reduce((s, r) => s + pick(r), 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="pf-page">
      <Card
        title={<PageTitle>阵地数据</PageTitle>}
        extra={
          <ExportButton
            url={apiUrl('/api/places/figures.xlsx')}
            query={query}
            fileName="阵地数据.xlsx"
            done="已导出 Excel（本次导出已记入审计日志）"
            tip="导出为 Excel（概览、按类型、到访、按下级工会），用于向上级报送"
          />
        }
      >
        <FiguresFilters
          orgId={orgId}
          onOrgChange={setOrgId}
          period={period}
          onPeriodChange={(p) => p && setPeriod(p)}
          periodLabel="统计日期"
          caption={fig ? `${fig.org.name}及下级组织的阵地，${formatPickerDay(period[0])}至${formatPickerDay(period[1])}` : ''}
        />
        <Row gutter={[16, 16]} className="pf-figures" data-testid="place-figures-totals">
          {stat('在用阵地', fig?.places.inService, '个', BLUE, `另有已停用 ${fig?.places.closed ?? 0} 个、并入其他阵地（重复登记）${fig?.places.merged ?? 0} 个`)}
          {stat('到访', fig?.visits.count, '人次', undefined, `${fig?.visits.distinctVisitors ?? 0} 名职工；扫门口二维码 ${fig?.visits.door ?? 0} 人次，工作人员扫会员卡 ${fig?.visits.card ?? 0} 人次`)}
          {stat('预约', fig?.bookings.booked, '人次', undefined, `预约率 ${percent(fig?.bookings.utilisation)}（预约数 ÷ 名额 ${fig?.bookings.capacity ?? 0}）；到场率 ${percent(fig?.bookings.checkinRate)}`)}
          {stat('预约未到', fig?.bookings.noShows, '人次', RED, '时段结束仍未签到的预约')}
          {stat('问题报告', fig?.problems.reported, '条', undefined, `期间处理 ${fig?.problems.resolved ?? 0} 条；当前未处理 ${fig?.problems.open ?? 0} 条，其中超期 ${fig?.problems.overdue ?? 0} 条`)}
          {stat('处理用时中位数', fig?.problems.medianHoursToResolve ?? '—', fig?.problems.medianHoursToResolve === null ? undefined : '小时', GREEN, '期间处理的问题，从报告到处理的小时数的中位数')}
          {stat('托管报名', fig?.childcare.enrolments, '名儿童', undefined, `${fig?.childcare.programmes ?? 0} 个托管项目，名额 ${fig?.childcare.places ?? 0} 个，已录取 ${fig?.childcare.enrolled ?? 0} 名`)}
          {stat('托管出勤率', percent(fig?.childcare.attendanceRate), undefined, GREEN, `${fig?.childcare.sessions ?? 0} 个场次的点名中出勤的比例`)}
          {stat('当前未处理问题', fig?.problems.open, '条', ORANGE, '不限统计日期')}
          {stat('当前超期问题', fig?.problems.overdue, '条', RED, '已超过处理期限仍未处理（不限统计日期）')}
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<SectionTitle>阵地按类型</SectionTitle>} size="small">
            <EChart option={byKind} title="各类型阵地数（在用、已停用、已并入）" rowHeader="类型" testId="chart-place-kind" height={300} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<SectionTitle>{fig?.visits.unit === 'month' ? '到访（按月）' : '到访（按日）'}</SectionTitle>} size="small">
            <EChart option={visits} title={fig?.visits.unit === 'month' ? '每月到访人次' : '每日到访人次'} rowHeader={fig?.visits.unit === 'month' ? '月份' : '日期'} testId="chart-place-visits" height={300} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<SectionTitle>预约与未到</SectionTitle>} size="small">
            <EChart option={bookings} title="预约、签到、未到、取消人次" rowHeader="项目" testId="chart-place-bookings" height={280} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<SectionTitle>问题报告</SectionTitle>} size="small">
            <EChart option={problems} title="问题报告与处理" rowHeader="项目" testId="chart-place-problems" height={280} />
          </Card>
        </Col>
      </Row>
      <Card title={<SectionTitle>按下级工会</SectionTitle>} size="small">
        <Table<PlaceUnionRow>
          rowKey={(r) => `${r.org.id}-${r.isSelf}`}
          size="small"
          loading={loading}
          scroll={{ x: 860 }}
          pagination={false}
          dataSource={fig?.byUnion ?? []}
          locale={{ emptyText: '没有数据' }}
          summary={() =>
            fig && fig.byUnion.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                {[sum((r) => r.places), sum((r) => r.visits), sum((r) => r.bookings), sum((r) => r.noShows), sum((r) => r.problems), sum((r) => r.problemsOpen)].map((n, i) => (
                  <Table.Summary.Cell key={i} index={i + 2} align="right">
                    <Typography.Text strong>{n}</Typography.Text>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
          columns={[
            { title: '工会', render: (_, r) => (r.isSelf ? <Typography.Text strong>{r.org.name}（本级）</Typography.Text> : `${r.org.name}（含下级）`) },
            { title: '层级', width: 110, render: (_, r) => orgLevelLabels[r.level] },
            { title: '在用阵地', dataIndex: 'places', width: 90, align: 'right' },
            { title: '到访人次', dataIndex: 'visits', width: 90, align: 'right' },
            { title: '预约', dataIndex: 'bookings', width: 80, align: 'right' },
            { title: '预约未到', dataIndex: 'noShows', width: 90, align: 'right' },
            { title: '问题报告', dataIndex: 'problems', width: 90, align: 'right' },
            { title: '未处理问题', dataIndex: 'problemsOpen', width: 100, align: 'right' },
          ]}
        />
        <Typography.Paragraph type="secondary" className="pf-note">
          到访、预约和问题报告按统计日期计；在用阵地和未处理问题是此刻的数。没有阵地、期间也没有数据的下级工会不列出。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
