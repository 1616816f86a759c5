// 评分卡: pick a grassroots union and a year; one row per indicator in green (达标), red (未达标), yellow
// (待审核: waiting for evidence or under review) or grey (不适用). A union's own staff submit self-assessments
// (提交自评) and upload evidence (上传材料, through POST /api/file-evidence?assessmentId=); a county or
// higher admin designates 模范职工之家 from the card.
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { CardRow, ScoreCard } from '../../../../contracts/strengthening.ts';
import { api, errorMessage, newIdempotencyKey } from '../../../shared/api.ts';
import { uploadFile } from '../../../shared/upload.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { assessmentStateTags, cardStateTags, targetText, thisYear, valueText, yearOptions } from './labels.ts';
import './strengthening.css';

/** Evidence goes to the file-evidence route of the enterprise file (multipart, field `file`). */
async function uploadEvidence(assessmentId: number, file: File): Promise<void> {
  await uploadFile('/api/file-evidence', file, { query: { assessmentId }, idempotencyKey: newIdempotencyKey() });
}

export function ScoreCardPage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const orgId = Number(search.get('orgId')) || undefined;
  const [year, setYear] = useState(Number(search.get('year')) || thisYear());
  const [card, setCard] = useState<ScoreCard>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!orgId) return;
    setProblem(undefined);
    try {
      setCard(await api.get('/api/strengthening/cards/:orgId', { params: { orgId }, query: { year } }));
    } catch (err) {
      setCard(undefined);
      setProblem(errorMessage(err));
    }
  }, [orgId, year]);
  useEffect(() => {
    void load();
  }, [load]);

  async function run(what: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await what();
      message.success(done);
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const submit = (r: CardRow) =>
    run(() => api.post('/api/strengthening/assessments', { body: { orgId: orgId!, indicatorId: r.indicatorId } }), '已提交自评，请上传证明材料，等待上级工会审核');
  const upload = (r: CardRow, file: File) => run(() => uploadEvidence(r.assessment!.id, file), '证明材料已上传');
  const designate = () => run(() => api.post('/api/strengthening/model-homes', { body: { orgId: orgId!, year } }), '已评定为模范职工之家');

  const selfAction = (r: CardRow) => {
    if (r.measure !== 'self' || !card?.mayAssess) return r.assessment ? <StateTag tags={assessmentStateTags} value={r.assessment.state} /> : null;
    const a = r.assessment;
    return (
      <Space wrap>
        {a && <StateTag tags={assessmentStateTags} value={a.state} />}
        {(!a || a.state === 'rejected') && (
          <Button size="small" type="primary" disabled={busy} onClick={() => void submit(r)}>
            {a ? '重新提交自评' : '提交自评'}
          </Button>
        )}
        {a && a.state !== 'approved' && (
          <Upload accept="image/jpeg,image/png,image/webp,application/pdf" showUploadList={false} beforeUpload={(f) => (void upload(r, f), false)}>
            <Button size="small" disabled={busy}>上传材料</Button>
          </Upload>
        )}
      </Space>
    );
  };

  return (
    <Card title={<PageTitle>评分卡</PageTitle>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgSearchSelect
          aria-label="基层工会"
          style={{ width: 320, maxWidth: '100%' }}
          value={orgId}
          initialLabel={card?.org.name}
          placeholder="输入基层工会名称查找"
          disabledReason={(o) => (o.level === 'grassroots' ? undefined : '评分卡针对基层工会')}
          onChange={(id) => setSearch(id ? { orgId: String(id), year: String(year) } : {})}
        />
        <Select aria-label="年度" style={{ width: 120 }} options={yearOptions()} value={year} onChange={setYear} />
      </Space>
      {!orgId && <Empty description="请选择一个基层工会查看其评分卡" />}
      {problem && <Alert type="error" showIcon message={problem} />}
      {card && (
        <>
          {!card.set ? (
            <Alert type="info" showIcon message={`${card.year} 年还没有适用于该工会的指标体系：请上级工会在"评价指标"中发布或改编。`} />
          ) : (
            <>
              <Space size="large" wrap style={{ marginBottom: 16 }}>
                <Statistic title="得分" value={card.score ?? '—'} suffix={card.score === null ? undefined : '分'} />
                <Statistic title="模范职工之家分数线" value={card.set.modelHomeMinScore} suffix="分" />
                <div>
                  <Typography.Text type="secondary">适用指标：</Typography.Text>
                  {card.set.name}（{card.set.org.name}）{card.set.isExample && <Tag color="orange">示例</Tag>}
                </div>
                {card.modelHomes.map((h) => (
                  <Tag key={h.level} color="gold">模范职工之家（{h.level === 'county' ? '县级' : h.level === 'city' ? '市级' : '省级'}，{h.designatedOn}）</Tag>
                ))}
                {card.mayDesignate && (
                  <Button disabled={busy || card.score === null || card.score < card.set.modelHomeMinScore} onClick={() => void designate()}>
                    评定为模范职工之家
                  </Button>
                )}
              </Space>
              <Table<CardRow>
                data-testid="score-card"
                rowKey="indicatorId"
                size="small"
                pagination={false}
                scroll={{ x: 820 }}
                dataSource={card.rows}
                rowClassName={(r) => `card-row card-row-${r.state}`}
                columns={[
                  { title: '指标', dataIndex: 'name' },
                  { title: '权重', dataIndex: 'weight', width: 70 },
                  { title: '当前', width: 90, render: (_, r) => (r.measure === 'self' ? (r.assessment ? `材料 ${r.assessment.evidenceCount} 份` : '未提交') : valueText(r.unit, r.value)) },
                  { title: '达标线', width: 100, render: (_, r) => (r.measure === 'self' ? '审核通过' : targetText(r.unit, r.target)) },
                  { title: '结果', width: 90, render: (_, r) => (r.measure === 'self' && !r.assessment ? <Tag color="gold">待提交</Tag> : <StateTag tags={cardStateTags} value={r.state} />) },
                  {
                    title: '自评',
                    render: (_, r) => (
                      <Space direction="vertical" size={2}>
                        {selfAction(r)}
                        {r.measure === 'self' && r.evidenceHint && <Typography.Text type="secondary">{r.evidenceHint}</Typography.Text>}
                        {r.assessment?.state === 'rejected' && <Typography.Text type="danger">退回原因：{r.assessment.reviewReason}</Typography.Text>}
                      </Space>
                    ),
                  },
                ]}
              />
            </>
          )}
        </>
      )}
    </Card>
  );
}
