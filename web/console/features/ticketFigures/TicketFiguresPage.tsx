// 维权统计: the rights work orders of any union of the scope and period — filed, closed, on-time
// rate, satisfaction, money recovered, overdue now as number cards; by channel, category and state
// as charts; the on-time rate of each level below the chosen union as a table — and the same as an
// Excel report upward. Tickets about an employer never count for that employer's own union.
import '../../components/common.css';
import './ticketFigures.css';
import { useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import type { TicketOnTimeRow } from '../../../../contracts/ticket-figures.ts';
import { ticketCategoryLabels, ticketChannelLabels, ticketStateLabels } from '../../../../contracts/tickets.ts';
import { orgLevelLabels } from '../../../../contracts/orgs.ts';
import { api, apiUrl } from '../../../shared/api.ts';
import { formatPickerDay, pickerDay, pickerNow } from '../../../shared/format.ts';
import { EChart } from '../../components/EChart.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FiguresFilters, useFigures, type Period } from '../../components/FiguresFilters.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

// colours of figures and bars: 3:1 on white at least
const BLUE = '#1f5fbf';
const GREEN = '#2f8a3e';
const RED = '#c92a2a';
const STATE_COLORS = ['#b35900', BLUE, '#6741d9', GREEN];

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
/** 123456 fen → "1,234.56" */
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function TicketFiguresPage() {
  const [orgId, setOrgId] = useState<number>();
  const [period, setPeriod] = useState<Period>(() => [pickerNow().startOf('year'), pickerNow()]);

  const query = useMemo(() => ({ orgId, from: pickerDay(period[0]), to: pickerDay(period[1]) }), [orgId, period]);
  const { data: fig, loading } = useFigures(() => api.get('/api/tickets/figures', { query }), [query]);

  const bars = (names: string[], values: number[], color: string, seriesName: string) => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    yAxis: { type: 'category', data: names, inverse: true },
    xAxis: { type: 'value', minInterval: 1 },
    series: [{ name: seriesName, type: 'bar', data: values, barMaxWidth: 28, itemStyle: { color }, label: { show: true, position: 'right' } }],
  });
  const byChannel = useMemo(
    () => bars((fig?.byChannel ?? []).map((c) => ticketChannelLabels[c.channel]), (fig?.byChannel ?? []).map((c) => c.count), BLUE, '工单数'),
    [fig],
  );
  const byCategory = useMemo(
    () => bars((fig?.byCategory ?? []).map((c) => ticketCategoryLabels[c.category]), (fig?.byCategory ?? []).map((c) => c.count), '#b35900', '工单数'),
    [fig],
  );
  const byState = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: '工单数',
          radius: ['40%', '68%'],
          top: -20,
          label: { formatter: '{b}\n{c} 件' },
          // a state with no tickets keeps its legend entry but draws no slice or label
          data: (fig?.byState ?? []).map((s, i) => ({ name: ticketStateLabels[s.state], value: s.count, itemStyle: { color: STATE_COLORS[i] }, label: { show: s.count > 0 }, labelLine: { show: s.count > 0 } })),
        },
      ],
    }),
    [fig],
  );

  const cardLoading = loading && !fig;
  const empty = fig !== undefined && fig.tickets === 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="tf-page">
      <Card
        title={<PageTitle>维权统计</PageTitle>}
        extra={
          <ExportButton
            url={apiUrl('/api/tickets/figures.xlsx')}
            query={query}
            fileName="维权统计.xlsx"
            done="已导出 Excel（本次导出已记入审计日志）"
            tip="导出为 Excel（概览、按渠道、按类别、按下级工会），用于向上级报送"
          />
        }
      >
        <FiguresFilters
          orgId={orgId}
          onOrgChange={setOrgId}
          period={period}
          onPeriodChange={(p) => p && setPeriod(p)}
          periodLabel="登记日期"
          caption={fig ? `${fig.org.name}及下级组织，${formatPickerDay(period[0])}至${formatPickerDay(period[1])}登记的工单` : ''}
        />
        <Row gutter={[16, 16]} className="tf-figures" data-testid="ticket-figures-totals">
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="登记工单" value={fig?.tickets ?? 0} suffix="件" loading={cardLoading} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="已办结" value={fig?.closed ?? 0} suffix="件" loading={cardLoading} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Tooltip title="按期办结率 = 在本级期限内（含挂起顺延、批准的延期）办结或转办的时钟 ÷（这些时钟 + 超期办结或仍超期的时钟）">
              <Statistic title="按期办结率" value={percent(fig?.onTime.onTimeRate ?? null)} valueStyle={{ color: GREEN }} loading={cardLoading} />
            </Tooltip>
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic
              title={`满意度（${fig?.ratedCount ?? 0} 人评价）`}
              value={fig?.averageRating === null || fig?.averageRating === undefined ? '—' : fig.averageRating.toFixed(2)}
              suffix={fig?.averageRating ? '分' : undefined}
              loading={cardLoading}
            />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="追回金额（元）" value={fig ? yuan(fig.recoveredFen) : '0.00'} valueStyle={{ color: BLUE }} loading={cardLoading} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Tooltip title="此刻已超过本级期限仍未办结的工单（不限登记日期；挂起的不计）">
              <Statistic title="当前超期" value={fig?.overdueNow ?? 0} suffix="件" valueStyle={{ color: RED }} loading={cardLoading} />
            </Tooltip>
          </Col>
        </Row>
        {fig && fig.reopened > 0 && <Typography.Paragraph type="secondary" className="tf-note">其中 {fig.reopened} 件因职工不满意由上一级工会重新办理。</Typography.Paragraph>}
      </Card>
      {empty ? (
        <Card>
          <Empty description="这个范围和时段内没有登记的维权工单" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={8}>
            <Card title={<SectionTitle>按渠道</SectionTitle>} size="small">
              <EChart option={byChannel} title="各渠道登记的工单数" rowHeader="渠道" testId="chart-ticket-channel" height={300} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={<SectionTitle>按类别</SectionTitle>} size="small">
              <EChart option={byCategory} title="各类别的工单数" rowHeader="类别" testId="chart-ticket-category" height={300} />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={<SectionTitle>按状态</SectionTitle>} size="small">
              <EChart option={byState} title="各状态的工单数" rowHeader="状态" testId="chart-ticket-state" height={300} />
            </Card>
          </Col>
        </Row>
      )}
      <Card title={<SectionTitle>按级按期办结率</SectionTitle>} size="small">
        <Table<TicketOnTimeRow>
          rowKey={(r) => `${r.org.id}-${r.isSelf}`}
          size="small"
          loading={loading}
          scroll={{ x: 720 }}
          pagination={false}
          dataSource={fig?.byLevel ?? []}
          locale={{ emptyText: '没有数据' }}
          summary={() =>
            fig && fig.byLevel.length > 1 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <Typography.Text strong>合计</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{fig.onTime.clocks}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{fig.onTime.onTime}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{fig.onTime.late}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Typography.Text strong>{percent(fig.onTime.onTimeRate)}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
          columns={[
            { title: '工会', render: (_, r) => (r.isSelf ? <Typography.Text strong>{r.org.name}（本级）</Typography.Text> : `${r.org.name}（含下级）`) },
            { title: '层级', width: 120, render: (_, r) => orgLevelLabels[r.level] },
            { title: '计入时钟', dataIndex: 'clocks', width: 100, align: 'right' },
            { title: '按期', dataIndex: 'onTime', width: 90, align: 'right' },
            { title: '超期', dataIndex: 'late', width: 90, align: 'right' },
            { title: '按期办结率', width: 120, align: 'right', render: (_, r) => percent(r.onTimeRate) },
          ]}
        />
        <Typography.Paragraph type="secondary" className="tf-note">
          每个工单在经过的每一级工会都有一个时钟：按期指在本级期限内办结或转办；超期包括超过期限才办结或转办的，以及仍在办理且已超期的；挂起中的和退回的不计入。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
