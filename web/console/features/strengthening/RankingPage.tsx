// 排名: a town ranks its grassroots unions by score; a county or above ranks its children (the mean of
// their unions' scores); beside it, per indicator, the share of the area's unions meeting it against the area target.
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { ranking } from '../../../../contracts/strengthening.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { thisYear, yearOptions } from './labels.ts';

type Ranking = z.output<typeof ranking>;

export function RankingPage() {
  const [orgId, setOrgId] = useState<number>();
  const [year, setYear] = useState(thisYear());
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Ranking>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!orgId) return;
    api
      .get('/api/strengthening/rankings', { query: { orgId, year, page, pageSize: 20 } })
      .then((r) => {
        setData(r);
        setProblem(undefined);
      })
      .catch((err: unknown) => setProblem(errorMessage(err)));
  }, [orgId, year, page]);

  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
  return (
    <Card title={<PageTitle>排名</PageTitle>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgSearchSelect aria-label="地区" style={{ width: 320, maxWidth: '100%' }} value={orgId} placeholder="输入镇街或县（市、区）工会名称" onChange={(id) => (setOrgId(id), setPage(1))} />
        <Select aria-label="年度" style={{ width: 120 }} options={yearOptions()} value={year} onChange={setYear} />
      </Space>
      {!orgId && <Empty description="请选择一个镇街或县级及以上工会" />}
      {problem && <Alert type="error" showIcon message={problem} />}
      {data && orgId && (
        <>
          <Typography.Paragraph type="secondary">
            {data.ranks === 'unions' ? `${data.org.name}所属基层工会按得分排名。` : `${data.org.name}的下级按其基层工会平均得分排名。`}
            {data.set ? `区域达标率按"${data.set.name}"计算。` : '该年度没有适用的指标体系。'}
          </Typography.Paragraph>
          <Table
            rowKey={(r) => r.org.id}
            size="small"
            dataSource={data.items}
            pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage }}
            columns={[
              { title: '名次', dataIndex: 'rank', width: 70 },
              {
                title: data.ranks === 'unions' ? '基层工会' : '下级',
                render: (_, r) => (data.ranks === 'unions' ? <Link to={`/strengthening/cards?orgId=${r.org.id}&year=${year}`}>{r.org.name}</Link> : r.org.name),
              },
              { title: '得分', dataIndex: 'score', width: 90, render: (v: number | null) => v ?? '—' },
              ...(data.ranks === 'children' ? [{ title: '计分工会数', dataIndex: 'unions', width: 110 }] : []),
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>区域达标率</Typography.Title>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={data.areaRates}
            columns={[
              { title: '指标', dataIndex: 'name' },
              { title: '达标工会', width: 120, render: (_, r) => `${r.met} / ${r.applicable}` },
              { title: '达标率', width: 90, render: (_, r) => pct(r.share) },
              { title: '区域目标', width: 100, render: (_, r) => (r.areaTarget === null ? '—' : `≥ ${pct(r.areaTarget)}`) },
              { title: '', width: 90, render: (_, r) => (r.reached === null ? null : r.reached ? <Tag color="green">已达到</Tag> : <Tag color="red">未达到</Tag>) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
