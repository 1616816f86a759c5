// 活动数据: visits (访问人数, distinct members who opened an activity) and participants (参与人数,
// confirmed sign-ups, checked in or not) for any union of the scope and any period — totals, by
// month and by kind as charts, per activity as a table — and the same as Excel for the report upward.
import '../../components/common.css';
import './activities.css';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Col, Empty, Row, Space, Statistic, Table, Tag } from 'antd';
import { activityKindLabels, type ActivityKind, type ActivityStats } from '../../../../contracts/activities.ts';
import { api, apiUrl } from '../../../shared/api.ts';
import { formatCount, formatDay, formatPickerDay, pickerDay } from '../../../shared/format.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { FiguresFilters, useFigures, type Period } from '../../components/FiguresFilters.tsx';
import { EChart } from '../../components/EChart.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

type Item = ActivityStats['items'][number];

const VISITS = '#1f5fbf';
const PARTICIPANTS = '#d7262e';

const STATS_PAGE_SIZE = 20;

export function ActivityStatsPage() {
  const navigate = useNavigate();
  const [orgId, setOrgId] = useState<number>();
  const [period, setPeriod] = useState<Period | null>(null);
  const [page, setPage] = useState(1);

  const query = useMemo(
    () => ({ orgId, from: period ? pickerDay(period[0]) : undefined, to: period ? pickerDay(period[1]) : undefined }),
    [orgId, period],
  );
  const { data: stats, loading } = useFigures(() => api.get('/api/activities/stats', { query: { ...query, page, pageSize: STATS_PAGE_SIZE } }), [query, page]);

  const byMonth = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['访问人数', '参与人数'], top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: (stats?.byMonth ?? []).map((m) => `${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5))}月`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '访问人数', type: 'bar', data: (stats?.byMonth ?? []).map((m) => m.visits), itemStyle: { color: VISITS } },
        { name: '参与人数', type: 'bar', data: (stats?.byMonth ?? []).map((m) => m.participants), itemStyle: { color: PARTICIPANTS } },
      ],
    }),
    [stats],
  );
  const byKind = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['访问人数', '参与人数'], top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      yAxis: { type: 'category', data: (stats?.byKind ?? []).map((k) => `${activityKindLabels[k.kind]}（${k.activities}）`) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '访问人数', type: 'bar', data: (stats?.byKind ?? []).map((k) => k.visits), itemStyle: { color: VISITS } },
        { name: '参与人数', type: 'bar', data: (stats?.byKind ?? []).map((k) => k.participants), itemStyle: { color: PARTICIPANTS } },
      ],
    }),
    [stats],
  );

  const t = stats?.totals;
  const empty = stats !== undefined && stats.total === 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        className="act-head-card"
        title={<PageTitle>活动数据</PageTitle>}
        extra={
          <ExportButton
            url={apiUrl('/api/activities/stats/export')}
            query={query}
            fileName="活动统计.xlsx"
            done="已导出 Excel（本次导出已记入审计日志）"
            tip="导出为 Excel，用于向上级报送"
          />
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
            setPeriod(p);
            setPage(1);
          }}
          periodLabel="活动开始日期"
          allowClear
          caption={
            <>
              {stats ? `${stats.org.name}及下级组织发布的活动` : ''}
              {period ? `，${formatPickerDay(period[0])}至${formatPickerDay(period[1])}开始` : '，全部时间'}
            </>
          }
        />
        <Row gutter={[16, 16]} className="act-figures" data-testid="stats-totals">
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="活动数" value={t?.activities ?? 0} loading={loading && !stats} />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Statistic title="访问人数" value={t?.visits ?? 0} loading={loading && !stats} valueStyle={{ color: VISITS }} />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Statistic title="参与人数" value={t?.participants ?? 0} loading={loading && !stats} valueStyle={{ color: PARTICIPANTS }} />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Statistic title="已签到" value={t?.checkedIn ?? 0} loading={loading && !stats} />
          </Col>
          <Col xs={12} sm={8} lg={5}>
            <Statistic title="名额" value={t?.places ?? 0} loading={loading && !stats} />
          </Col>
        </Row>
      </Card>
      {empty ? (
        <Card>
          <Empty description="这个范围和时段内没有活动" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={<SectionTitle>按月（活动开始月份）</SectionTitle>} size="small">
              <EChart option={byMonth} title="按月的访问人数与参与人数" rowHeader="活动开始月份" testId="chart-by-month" />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={<SectionTitle>按类别（括号内为活动数）</SectionTitle>} size="small">
              <EChart option={byKind} title="按类别的访问人数与参与人数" rowHeader="类别（活动数）" testId="chart-by-kind" />
            </Card>
          </Col>
        </Row>
      )}
      <Card title={<SectionTitle>各活动</SectionTitle>} size="small">
        <Table<Item>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={stats?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: '没有活动' }}
          pagination={{ current: page, pageSize: STATS_PAGE_SIZE, total: stats?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${formatCount(n)} 个活动` }}
          columns={[
            {
              title: '活动名称',
              dataIndex: 'title',
              render: (v: string, i) => (
                <Button type="link" size="small" className="cell-link act-title-link" onClick={() => navigate(`/activities/${i.id}`)}>
                  {v}
                </Button>
              ),
            },
            { title: '类别', dataIndex: 'kind', width: 80, render: (k: ActivityKind) => <Tag bordered={false}>{activityKindLabels[k]}</Tag> },
            { title: '发布单位', dataIndex: 'orgName', width: 200, ellipsis: true },
            { title: '开始日期', dataIndex: 'startsAt', width: 110, render: (v: string) => formatDay(v) },
            { title: '名额', dataIndex: 'places', width: 70, align: 'right', render: formatCount },
            { title: '访问人数', dataIndex: 'visits', width: 90, align: 'right', render: formatCount },
            { title: '参与人数', dataIndex: 'participants', width: 90, align: 'right', render: formatCount },
            { title: '已签到', dataIndex: 'checkedIn', width: 80, align: 'right', render: formatCount },
          ]}
          summary={() =>
            t && stats && stats.total > 1 ? (
              <Table.Summary.Row className="act-sum-row">
                <Table.Summary.Cell index={0} colSpan={4}>
                  合计（{formatCount(t.activities)} 个活动）
                </Table.Summary.Cell>
                {[t.places, t.visits, t.participants, t.checkedIn].map((n, i) => (
                  <Table.Summary.Cell key={i} index={4 + i} align="right">
                    {formatCount(n)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
