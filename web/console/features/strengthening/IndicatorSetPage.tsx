// 指标体系: its indicators, editable while a draft of the caller's own org — weights, bars and area
// targets, with the weights' total shown live (it must be 100) — 保存 writes them whole, 发布 publishes.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { indicatorMetricLabels, type IndicatorSetDetail } from '../../../../contracts/strengthening.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { setStatusTags } from './labels.ts';

type Row = IndicatorSetDetail['indicators'][number];

export function IndicatorSetPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const [set, setSet] = useState<IndicatorSetDetail>();
  const [rows, setRows] = useState<Row[]>([]);
  const [name, setName] = useState('');
  const [bar, setBar] = useState(90);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .get('/api/indicator-sets/:id', { params: { id: Number(id) } })
      .then((s) => {
        setSet(s);
        setRows(s.indicators);
        setName(s.name);
        setBar(s.modelHomeMinScore);
      })
      .catch((err: unknown) => setProblem(errorMessage(err)));
  }, [id]);

  if (!set) return <Card loading={!problem}>{problem && <Alert type="error" message={problem} />}</Card>;
  const editable = set.own && set.status === 'draft';
  const total = rows.reduce((s, r) => s + (r.weight || 0), 0);
  const change = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, n) => (n === i ? { ...r, ...patch } : r)));

  async function save(): Promise<boolean> {
    setBusy(true);
    setProblem(undefined);
    try {
      const body = {
        name,
        description: set!.description,
        modelHomeMinScore: bar,
        indicators: rows.map(({ id: _id, position: _p, ...r }) => r),
      };
      const s = await api.put('/api/indicator-sets/:id', { params: { id: set!.id }, body });
      setSet(s);
      setRows(s.indicators);
      message.success('已保存');
      return true;
    } catch (err) {
      setProblem(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (!(await save())) return;
    setBusy(true);
    try {
      const s = await api.post('/api/indicator-sets/:id/publish', { params: { id: set!.id } });
      setSet(s);
      message.success('已发布，下级基层工会的评分卡即按本指标计算');
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title={<PageTitle>{set.name}</PageTitle>}
      extra={
        editable && (
          <Space>
            <Button onClick={() => void save()} loading={busy}>保存</Button>
            <Popconfirm title="发布后不能再修改，确定发布？" okText="发布" cancelText="不发布" onConfirm={() => void publish()}>
              <Button type="primary" loading={busy} disabled={total !== 100}>发布</Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {set.isExample && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="这是示例指标，不是广东省总工会的正式评价指标" />}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="制定单位">{set.org.name}</Descriptions.Item>
        <Descriptions.Item label="年度">{set.year}</Descriptions.Item>
        <Descriptions.Item label="状态"><StateTag tags={setStatusTags} value={set.status} /></Descriptions.Item>
        {set.description && <Descriptions.Item label="说明" span={3}>{set.description}</Descriptions.Item>}
      </Descriptions>
      {editable && (
        <Space wrap style={{ marginBottom: 16 }}>
          <span>名称</span>
          <Input aria-label="名称" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} style={{ width: 280 }} />
          <span>模范职工之家分数线</span>
          <InputNumber aria-label="模范职工之家分数线" min={0} max={100} step={1} value={bar} onChange={(v) => setBar(v ?? 0)} />
        </Space>
      )}
      {!editable && <Typography.Paragraph>模范职工之家分数线：{set.modelHomeMinScore} 分</Typography.Paragraph>}
      <Alert
        data-testid="weight-total"
        type={total === 100 ? 'success' : 'error'}
        style={{ marginBottom: 16 }}
        message={total === 100 ? '权重合计 100' : `权重合计 ${total}，须为 100（还差 ${100 - total}）`}
      />
      {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={problem} />}
      <Table<Row>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 800 }}
        columns={[
          { title: '指标', dataIndex: 'name' },
          {
            title: '计分方式',
            width: 170,
            render: (_, r) => (r.measure === 'computed' ? `系统计算：${r.metric ? indicatorMetricLabels[r.metric] : ''}` : <Tag color="blue">自评（上级审核）</Tag>),
          },
          {
            title: '权重',
            width: 110,
            render: (_, r, i) =>
              editable ? <InputNumber aria-label={`${r.name}的权重`} min={1} max={100} value={r.weight} onChange={(v) => change(i, { weight: v ?? 0 })} /> : r.weight,
          },
          {
            title: '达标线',
            width: 130,
            render: (_, r, i) =>
              r.unit === 'bool' ? (
                '是'
              ) : editable ? (
                <InputNumber aria-label={`${r.name}的达标线（%）`} min={0} max={100} value={Math.round(r.target * 1000) / 10} addonAfter="%" onChange={(v) => change(i, { target: (v ?? 0) / 100 })} />
              ) : (
                `≥ ${Math.round(r.target * 1000) / 10}%`
              ),
          },
          { title: '区域达标率', width: 110, render: (_, r) => (r.areaTarget === null ? '—' : `≥ ${Math.round(r.areaTarget * 1000) / 10}%`) },
          { title: '材料要求', dataIndex: 'evidenceHint', render: (v: string | null) => v ?? '—' },
          ...(editable
            ? [{ title: '操作', width: 80, render: (_: unknown, _r: Row, i: number) => <Button size="small" type="link" danger onClick={() => setRows((rs) => rs.filter((_x, n) => n !== i))}>删除</Button> }]
            : []),
        ]}
      />
    </Card>
  );
}
