// 模范职工之家: the designations in the caller's subtree, by year; a designation is made from a union's 评分卡.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Select, Typography } from 'antd';
import type { z } from 'zod';
import type { modelHome } from '../../../../contracts/strengthening.ts';
import { formatCount } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { thisYear, yearOptions } from './labels.ts';

type Home = z.output<typeof modelHome> & { id?: number };
const levelLabels = { county: '县级', city: '市级', province: '省级' } as const;

export function ModelHomesPage() {
  const [year, setYear] = useState<number | undefined>(thisYear());
  const list = usePagedList('/api/strengthening/model-homes', { query: year ? { year } : {} }, { showTotal: (n) => `共 ${formatCount(n)} 家` });
  return (
    <ListPage<Home>
      title="模范职工之家"
      intro={<Typography.Paragraph type="secondary">县级及以上工会在基层工会的评分卡上评定（得分须达到指标体系的分数线），评定时的评分卡一并保存。</Typography.Paragraph>}
      filters={<Select aria-label="年度" allowClear placeholder="全部年度" style={{ width: 140 }} options={yearOptions()} value={year} onChange={setYear} />}
      list={list}
      rowKey={(h) => `${h.org.id}-${h.year}-${h.level}`}
      emptyText="还没有评定的模范职工之家。可在评分卡上评定。"
      columns={[
        { title: '基层工会', render: (_, h) => <Link to={`/strengthening/cards?orgId=${h.org.id}&year=${h.year}`}>{h.org.name}</Link> },
        { title: '年度', dataIndex: 'year', width: 80 },
        { title: '级别', dataIndex: 'level', width: 80, render: (v: keyof typeof levelLabels) => levelLabels[v] },
        { title: '评定单位', render: (_, h) => h.designatedBy.name },
        { title: '评定日期', dataIndex: 'designatedOn', width: 120 },
        { title: '评定时得分', dataIndex: 'score', width: 110 },
      ]}
    />
  );
}
