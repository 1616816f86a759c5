// 一函两书 in figures, as one self-contained card: a subtree's cases by state and outcome, the letters
// issued, the replies on time and the wages recovered, for a period (default: this year). Shown on
// the supervision list and usable on any figures page (give it orgId, from, to).
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { caseOutcomeLabels, caseStateLabels, letterKindLabels, type SupervisionFigures as Figures } from '../../../../contracts/supervision.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { formatYuan } from './supervisionParts.tsx';

export function SupervisionFigures({ orgId, from, to, title = '一函两书统计' }: { orgId?: number | undefined; from?: string | undefined; to?: string | undefined; title?: string }) {
  const [figures, setFigures] = useState<Figures>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    setProblem(undefined);
    api
      .get('/api/supervision/figures', { query: { orgId, from, to } })
      .then((f) => live && setFigures(f))
      .catch((err: unknown) => live && setProblem(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [orgId, from, to]);

  return (
    <Card
      size="small"
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{title}</Typography.Title>}
      extra={figures && <Typography.Text type="secondary">{`${figures.org.name}，${formatDate(figures.from)}至${formatDate(figures.to)}`}</Typography.Text>}
      data-testid="supervision-figures"
      style={{ marginBottom: 16 }}
    >
      {problem ? (
        <Alert type="error" showIcon message={problem} />
      ) : !figures ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          <Row gutter={[16, 12]}>
            <Col xs={12} md={4}>
              <Statistic title="新建案件" value={figures.casesOpened} formatter={(v) => formatCount(Number(v))} />
            </Col>
            {figures.lettersIssued.map((l) => (
              <Col xs={12} md={3} key={l.kind}>
                <Statistic title={`发出${letterKindLabels[l.kind]}`} value={l.count} />
              </Col>
            ))}
            <Col xs={12} md={4}>
              <Statistic title="按期答复 / 已送达" value={`${figures.replies.onTime} / ${figures.replies.delivered}`} />
            </Col>
            <Col xs={24} md={4}>
              <Statistic title="追回工资" value={formatYuan(figures.wagesRecoveredFen)} />
            </Col>
          </Row>
          <Space wrap size={[4, 8]} style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">按状态：</Typography.Text>
            {figures.byState.filter((s) => s.count > 0).map((s) => (
              <Tag key={s.state} bordered={false}>{`${caseStateLabels[s.state]} ${s.count}`}</Tag>
            ))}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>结案结果：</Typography.Text>
            {figures.byOutcome.map((o) => (
              <Tag key={o.outcome} bordered={false}>{`${caseOutcomeLabels[o.outcome]} ${o.count}`}</Tag>
            ))}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{`惠及职工 ${formatCount(figures.workersCovered)} 人`}</Typography.Text>
          </Space>
        </>
      )}
    </Card>
  );
}
