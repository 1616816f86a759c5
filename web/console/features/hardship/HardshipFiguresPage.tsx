// 解困脱困数据: for any union of the scope and a year — files by status, entered and exited per
// month, the exit rate, aid paid, and the exit target with progress, for the union and each of its
// direct subordinate unions (the 阳江 deployment is measured against these targets).
import '../../components/common.css';
import './hardship.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, Col, Empty, Form, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { AimOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { todayInBeijing } from '../../../shared/format.ts';
import { hardshipStatusLabels, hardshipStatuses, type HardshipFigures } from '../../../../contracts/hardship.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useMe, useSession } from '../../session.tsx';
import { EChart } from '../../components/EChart.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { formatPercent, formatYuan } from './hardshipLabels.ts';

// figures in these colours are 24 px: 3:1 on white at least (the orange is 4.8:1, the green 3.5:1)
const ENTERED = '#b35900';
const EXITED = '#2f9e44';
const STATUS_COLORS = [ENTERED, '#1f5fbf', '#2f9e44', '#0c8599'];

type Row = HardshipFigures['children'][number];

export function HardshipFiguresPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const thisYear = Number(todayInBeijing().slice(0, 4));
  const [orgId, setOrgId] = useState<number>();
  const [year, setYear] = useState(thisYear);
  const [fig, setFig] = useState<HardshipFigures>();
  const [loading, setLoading] = useState(false);
  const [target, setTarget] = useState<{ orgId: number; name: string; exits: number | null }>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setFig(await api.get('/api/hardship/figures', { query: { orgId, year } }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [orgId, year, message]);

  useEffect(() => {
    void load();
  }, [load]);

  const months = useMemo(() => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`), [year]);
  const byMonth = useMemo(() => {
    const at = (m: string) => fig?.byMonth.find((x) => x.month === m);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['建档', '脱困'], top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '建档', type: 'bar', data: months.map((m) => at(m)?.entered ?? 0), itemStyle: { color: ENTERED } },
        { name: '脱困', type: 'bar', data: months.map((m) => at(m)?.exited ?? 0), itemStyle: { color: EXITED } },
      ],
    };
  }, [fig, months]);
  const byStatus = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 户（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          name: '户数',
          radius: ['40%', '68%'],
          top: -20,
          label: { formatter: '{b}\n{c} 户' },
          data: hardshipStatuses.map((s, i) => ({ name: hardshipStatusLabels[s], value: fig?.byStatus[s] ?? 0, itemStyle: { color: STATUS_COLORS[i] } })),
        },
      ],
    }),
    [fig],
  );

  async function saveTarget(exits: number) {
    if (!target) return;
    try {
      await api.put('/api/hardship/targets', { body: { orgId: target.orgId, year, exits } });
      message.success(`已设置${target.name}${year}年脱困目标：${exits} 户`);
      setTarget(undefined);
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const progressCell = (r: { target: number | null; exited: number; progress: number | null }) =>
    r.target === null ? (
      <Typography.Text type="secondary">未设目标</Typography.Text>
    ) : (
      <Tooltip title={`已脱困 ${r.exited} 户 / 目标 ${r.target} 户`}>
        <Progress percent={Math.round((r.progress ?? (r.exited > 0 ? 1 : 0)) * 100)} aria-label="脱困目标完成率" size="small" status={r.progress !== null && r.progress >= 1 ? 'success' : 'active'} />
      </Tooltip>
    );

  const total = fig ? hardshipStatuses.reduce((s, k) => s + fig.byStatus[k], 0) : 0;
  const self = fig ? { org: fig.org, ...fig.target } : undefined;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="hs-page">
      <Card
        className="hs-head-card"
        title={<PageTitle>解困脱困数据</PageTitle>}
        extra={
          <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/hardship')}>
            困难职工档案
          </Button>
        }
      >
        <div className="hs-filters">
          <OrgSearchSelect
            aria-label="统计范围"
            placeholder={`${me.org.name}（全部）`}
            allowClear
            status="all"
            style={{ width: 280 }}
            value={orgId}
            onChange={(id) => setOrgId(id)}
          />
          <Select<number>
            aria-label="年份"
            style={{ width: 110 }}
            value={year}
            onChange={setYear}
            options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y} 年` }))}
          />
          <Typography.Text type="secondary">{fig ? `${fig.org.name}及下级组织` : ''}</Typography.Text>
        </div>
        <Row gutter={[16, 16]} className="hs-figures" data-testid="hardship-totals">
          <Col xs={12} sm={8} lg={4}>
            <Statistic title="在档户数" value={fig ? fig.byStatus.filed + fig.byStatus.in_relief : 0} suffix="户" loading={loading && !fig} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title={`${year}年建档`} value={fig?.entered ?? 0} suffix="户" valueStyle={{ color: ENTERED }} loading={loading && !fig} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title={`${year}年脱困`} value={fig?.exited ?? 0} suffix="户" valueStyle={{ color: EXITED }} loading={loading && !fig} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Tooltip title="脱困率 = 该年脱困户数 ÷（年初在档户数 + 该年建档户数）">
              <Statistic title="脱困率" value={fig ? formatPercent(fig.exitRate) : '—'} loading={loading && !fig} />
            </Tooltip>
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic title={`${year}年帮扶金额（元）`} value={fig ? formatYuan(fig.aidTotalFen) : '0.00'} loading={loading && !fig} />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Statistic
              title="脱困目标"
              value={fig?.target.target ?? '未设'}
              suffix={fig?.target.target !== null && fig?.target.target !== undefined ? '户' : undefined}
              loading={loading && !fig}
            />
          </Col>
        </Row>
      </Card>
      {fig && total === 0 && fig.byMonth.length === 0 ? (
        <Card>
          <Empty description="这个范围内还没有困难职工档案" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={<SectionTitle>{year}年按月建档与脱困（户）</SectionTitle>} size="small">
              <EChart option={byMonth} title={`${year}年按月建档与脱困户数`} rowHeader="月份" testId="chart-hardship-month" />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={<SectionTitle>档案状态（全部年份）</SectionTitle>} size="small">
              <EChart option={byStatus} title="各状态的档案户数（全部年份）" rowHeader="档案状态" testId="chart-hardship-status" />
            </Card>
          </Col>
        </Row>
      )}
      <Card title={<SectionTitle>{year}年脱困目标与完成情况</SectionTitle>} size="small">
        <Table<Row>
          rowKey={(r) => String(r.org.id)}
          size="small"
          loading={loading}
          scroll={{ x: 640 }}
          pagination={false}
          dataSource={self ? [self, ...(fig?.children ?? [])] : []}
          locale={{ emptyText: '没有数据' }}
          columns={[
            { title: '工会', render: (_, r) => (r.org.id === fig?.org.id ? <Typography.Text strong>{r.org.name}（合计）</Typography.Text> : r.org.name) },
            { title: '目标（户）', dataIndex: 'target', width: 100, align: 'right', render: (v: number | null) => (v === null ? '—' : v) },
            { title: '已脱困（户）', dataIndex: 'exited', width: 110, align: 'right' },
            { title: '在档（户）', dataIndex: 'open', width: 100, align: 'right' },
            { title: '完成率', width: 180, render: (_, r) => progressCell(r) },
            ...(isAdmin
              ? [
                  {
                    title: '操作',
                    width: 100,
                    render: (_: unknown, r: Row) => (
                      <Button type="link" size="small" icon={<AimOutlined />} onClick={() => setTarget({ orgId: r.org.id, name: r.org.name, exits: r.target })}>
                        设目标
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {target && <TargetModal name={target.name} year={year} exits={target.exits} onOk={saveTarget} onCancel={() => setTarget(undefined)} />}
    </Space>
  );
}

function TargetModal(props: { name: string; year: number; exits: number | null; onOk: (exits: number) => Promise<void>; onCancel: () => void }) {
  const [form] = Form.useForm<{ exits: number }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={`设置脱困目标：${props.name}`}
      okText="保存"
      confirmLoading={busy}
      onCancel={props.onCancel}
      onOk={() =>
        void form.validateFields().then(async (v) => {
          setBusy(true);
          await props.onOk(v.exits);
          setBusy(false);
        }).catch(() => undefined)
      }
    >
      <Form form={form} layout="vertical" initialValues={{ exits: props.exits ?? undefined }}>
        <Form.Item name="exits" label={`${props.year}年计划脱困户数（含下级组织）`} rules={[{ required: true, message: '请填写目标户数' }]}>
          <InputNumber min={0} max={1_000_000} precision={0} addonAfter="户" style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
