// 建会目标: employers without a union whose workers have joined the town's federation instead — once
// enough of them have (the threshold), the town's staff should go and found a union there — and
// 平台群体: a town's members of one platform (货拉拉, 美团 …) where the city has no federation of that
// industry yet. 加入行动 adds a listed target to an active founding drive (建会行动) in one click.
import '../../components/common.css';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Card, InputNumber, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import type { foundingTarget } from '../../../../contracts/members.ts';
import type { DriveSummary } from '../../../../contracts/drives.ts';
import { gigGroupLabels } from '../../../../contracts/enterprise-facts-common.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { usePagedList } from '../../components/usePagedList.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useSession } from '../../session.tsx';

type FoundingTarget = z.infer<typeof foundingTarget>;
type Kind = 'employer' | 'gig';

const DEFAULT_THRESHOLD = 25;

export function FoundingTargetsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const canWrite = session.hasRole('admin') || session.hasRole('clerk');
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const [kind, setKind] = useState<Kind>('employer');
  const [drives, setDrives] = useState<DriveSummary[]>([]);
  const [driveId, setDriveId] = useState<number>();
  const [added, setAdded] = useState<Set<string>>(new Set());
  const { data, loading, pagination } = usePagedList('/api/enterprises/founding-targets', { query: { threshold, kind } }, {
    showTotal: (t) => (kind === 'gig' ? `共 ${formatCount(t)} 个平台群体` : `共 ${formatCount(t)} 家单位`),
  });

  useEffect(() => {
    if (!canWrite) return;
    api.get('/api/drives', { query: { status: 'active', pageSize: '50' } })
      .then((r) => {
        setDrives(r.items);
        setDriveId((d) => d ?? r.items[0]?.id);
      })
      .catch(() => setDrives([]));
  }, [canWrite]);

  const keyOf = (t: FoundingTarget) => (t.enterprise ? `e${t.enterprise.id}` : `g${t.town.id}:${t.gig?.platform ?? ''}`);
  const nameOf = (t: FoundingTarget) => (t.enterprise ? t.enterprise.name : `${t.town.name} · ${t.gig?.platform ?? ''}`);

  async function join(t: FoundingTarget) {
    if (!driveId) return;
    try {
      await api.post('/api/drives/:id/targets', {
        params: { id: String(driveId) },
        body: t.enterprise ? { enterpriseId: t.enterprise.id } : { townId: t.town.id, platform: t.gig!.platform },
      });
      setAdded((s) => new Set(s).add(`${driveId}:${keyOf(t)}`));
      void message.success(`已将“${nameOf(t)}”加入建会行动`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  }

  const joinColumn: NonNullable<TableProps<FoundingTarget>['columns']>[number] = {
    title: '建会行动',
    width: 120,
    render: (_, t) =>
      added.has(`${driveId}:${keyOf(t)}`) ? (
        <Tag color="success">已加入</Tag>
      ) : (
        <Button size="small" disabled={!driveId} onClick={() => void join(t)} aria-label={`加入行动：${nameOf(t)}`}>
          加入行动
        </Button>
      ),
  };

  const employerColumns: TableProps<FoundingTarget>['columns'] = [
    { title: '单位名称', dataIndex: ['enterprise', 'name'] },
    { title: '统一社会信用代码', dataIndex: ['enterprise', 'creditCode'], width: 200, responsive: ['md'], render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { title: '会员现挂靠', dataIndex: ['town', 'name'], width: 280, responsive: ['sm'] },
    { title: '已入会职工', dataIndex: 'members', width: 120, align: 'right', render: (v: number) => <strong>{formatCount(v)}</strong> },
    ...(canWrite && drives.length > 0 ? [joinColumn] : []),
  ];
  const gigColumns: TableProps<FoundingTarget>['columns'] = [
    { title: '平台', render: (_, t) => <span>{t.gig?.platform} <Tag>{gigGroupLabels[t.gig?.industry ?? ''] ?? '其他'}</Tag></span> },
    { title: '所在镇街', dataIndex: ['town', 'name'] },
    { title: '已入会人数', dataIndex: 'members', width: 120, align: 'right', render: (v: number) => <strong>{formatCount(v)}</strong> },
    ...(canWrite && drives.length > 0 ? [joinColumn] : []),
  ];

  return (
    <Card title={<PageTitle>建会目标</PageTitle>}>
      <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Segmented<Kind>
          aria-label="目标类型"
          value={kind}
          onChange={setKind}
          options={[{ value: 'employer', label: '未建会单位' }, { value: 'gig', label: '平台群体' }]}
        />
        <Space wrap align="center">
          <Typography.Text>{kind === 'gig' ? '同一镇街、同一平台已有' : '尚未建会、已有'}</Typography.Text>
          <InputNumber
            aria-label="人数门槛"
            min={1}
            max={99999}
            value={threshold}
            onChange={(v) => {
              if (typeof v === 'number') setThreshold(v);
            }}
            style={{ width: 90 }}
          />
          <Typography.Text>{kind === 'gig' ? '名以上会员、本市尚无该行业工会联合会的平台群体' : '名以上职工入会的单位'}</Typography.Text>
          <Typography.Text type="secondary">
            {kind === 'gig' ? '—— 可组建平台（行业）工会联合会。' : '—— 这些职工暂挂在镇街工联会，单位建会后可整体转入。'}
          </Typography.Text>
        </Space>
        {canWrite && drives.length > 0 && (
          <Space wrap align="center">
            <Typography.Text>加入到：</Typography.Text>
            <Select aria-label="建会行动" style={{ minWidth: 280, maxWidth: '100%' }} value={driveId} onChange={setDriveId} options={drives.map((d) => ({ value: d.id, label: d.title }))} />
          </Space>
        )}
        {canWrite && drives.length === 0 && (
          <Typography.Text type="secondary">
            还没有进行中的建会行动，<Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate('/drives')}>去新建行动</Button>后可将目标一键加入。
          </Typography.Text>
        )}
      </Space>
      <Table<FoundingTarget>
        rowKey={keyOf}
        size="middle"
        loading={loading}
        columns={kind === 'gig' ? gigColumns : employerColumns}
        dataSource={data.items}
        locale={{ emptyText: kind === 'gig' ? `管理范围内暂无达到 ${threshold} 人的平台群体` : `管理范围内暂无达到 ${threshold} 人的未建会单位` }}
        pagination={pagination}
      />
    </Card>
  );
}
