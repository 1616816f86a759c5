// 会员管理: the members of the caller's subtree, masked; filters for union, status, group, join date
// and a name or full phone number, and one employer's members (`?enterpriseId=`, which the enterprise
// file's member count opens: its name shown as a filter the clerk removes); a row opens the drawer.
import '../../components/common.css';
import './members.css';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CloseOutlined } from '@ant-design/icons';
import { ExportMembersButton } from '../../components/ExportMembersButton.tsx';
import { Button, Space, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { memberGroups, memberStatuses, type MemberGroup, type MemberStatus, type MemberSummary } from '../../../../contracts/members.ts';
import { formatCount, pickerDay } from '../../../shared/format.ts';
import { api } from '../../../shared/api.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { LinkActions } from '../../components/LinkActions.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { ListSearch } from '../../components/ListSearch.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { MemberDrawer } from './MemberDrawer.tsx';
import { memberGroupLabels, memberStatusColors, memberStatusLabels } from './memberLabels.ts';

interface Filters {
  orgId?: number | undefined;
  status: MemberStatus | 'all';
  group?: MemberGroup | undefined;
  joined?: [Dayjs, Dayjs] | undefined;
  q?: string | undefined;
}

const PHONE_PART = /^1\d{0,9}$/;

export function MembersPage() {
  const [filters, setFilters] = useState<Filters>({ status: 'all' });
  const [openId, setOpenId] = useState<number>();
  const [searchHint, setSearchHint] = useState<string>();
  // one employer's members: the id lives in the address (the enterprise file links to it)
  const [search, setSearch] = useSearchParams();
  const enterpriseParam = search.get('enterpriseId');
  const enterpriseId = enterpriseParam && /^[1-9][0-9]{0,15}$/.test(enterpriseParam) ? Number(enterpriseParam) : undefined;
  const employer = useDetail(`enterprise ${enterpriseId ?? '-'}`, async () => (enterpriseId === undefined ? null : api.get('/api/enterprises/:id', { params: { id: enterpriseId } })));
  const clearEmployer = () =>
    setSearch(
      (prev) => {
        const out = new URLSearchParams(prev);
        out.delete('enterpriseId');
        return out;
      },
      { replace: true },
    );
  const list = usePagedList(
    '/api/members',
    {
      query: {
        enterpriseId,
        orgId: filters.orgId,
        status: filters.status,
        group: filters.group,
        joinedFrom: filters.joined ? pickerDay(filters.joined[0]) : undefined,
        joinedTo: filters.joined ? pickerDay(filters.joined[1]) : undefined,
        q: filters.q,
      },
    },
    { showSizeChanger: true, showTotal: (t) => `共 ${formatCount(t)} 名会员` },
  );

  function change(next: Partial<Filters>) {
    setFilters((f) => ({ ...f, ...next }));
  }

  const columns: TableProps<MemberSummary>['columns'] = [
    { title: '会员号', dataIndex: 'memberNo', width: 130, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      render: (v: string, m) => (
        <Space size={4}>
          <Button type="link" size="small" className="cell-link" onClick={() => setOpenId(m.id)}>
            {v}
          </Button>
          <Typography.Text type="secondary">{m.sex === 'male' ? '男' : '女'}</Typography.Text>
        </Space>
      ),
    },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 170, render: (v: string) => <span className="mono">{v}</span> },
    { title: '手机号', dataIndex: 'phoneMasked', width: 115, render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    {
      title: '所属工会 / 工作单位',
      render: (_, m) => (
        <div className="two-line">
          <div>{m.org.name}</div>
          <Typography.Text type="secondary" className="small">
            {m.gigPlatform ? `${m.gigPlatform}（平台）` : (m.employerName ?? '—')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '群体',
      dataIndex: 'groups',
      width: 120,
      render: (gs: MemberGroup[]) => gs.map((g) => <Tag key={g}>{memberGroupLabels[g]}</Tag>),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (s: MemberStatus) => <Tag color={memberStatusColors[s]}>{memberStatusLabels[s]}</Tag>,
    },
    { title: '入会日期', dataIndex: 'joinedOn', width: 105 },
    {
      title: '操作',
      width: 64,
      render: (_, m) => <LinkActions actions={[{ label: '详情', onClick: () => setOpenId(m.id) }]} />,
    },
  ];

  return (
    <>
      <ListPage<MemberSummary>
        title="会员管理"
        extra={
          <Space>
            <Typography.Text type="secondary">个人信息已脱敏显示</Typography.Text>
            <ExportMembersButton orgId={filters.orgId} status={filters.status} group={filters.group} enterpriseId={enterpriseId} label="导出名册" />
          </Space>
        }
        filters={
          <>
            {enterpriseId !== undefined && (
              <Button data-testid="members-employer-filter" icon={<CloseOutlined />} iconPosition="end" title="清除工作单位筛选" onClick={clearEmployer}>
                工作单位：{employer.data?.name ?? `编号 ${enterpriseId}`}
              </Button>
            )}
            <OrgFilter aria-label="所属组织" placeholder="所属组织（默认全部）" closedToo width={260} value={filters.orgId} onChange={(orgId) => change({ orgId })} />
            <LabelSelect<MemberStatus, 'all'>
              aria-label="状态"
              allowClear={false}
              first={{ value: 'all', label: '全部状态' }}
              style={{ width: 120 }}
              values={memberStatuses}
              labels={memberStatusLabels}
              value={filters.status}
              onChange={(status = 'all') => change({ status })}
            />
            <LabelSelect<MemberGroup> aria-label="群体" placeholder="全部群体" style={{ width: 140 }} values={memberGroups} labels={memberGroupLabels} value={filters.group} onChange={(group) => change({ group })} />
            <DatePicker.RangePicker
              aria-label="入会日期"
              placeholder={['入会日期从', '至']}
              value={filters.joined}
              onChange={(v) => change({ joined: v?.[0] && v[1] ? [v[0], v[1]] : undefined })}
              allowEmpty={[false, false]}
            />
            <ListSearch
              aria-label="查找会员"
              placeholder="姓名，或完整手机号"
              style={{ width: 240 }}
              value={filters.q}
              reload={list.reload}
              accept={(q) => {
                // The server matches a phone number only in full (it is stored hashed).
                const partPhone = q !== undefined && PHONE_PART.test(q) && q.length < 11;
                setSearchHint(partPhone ? '手机号需输入完整的 11 位' : undefined);
                return !partPhone;
              }}
              onSearch={(q) => change({ q })}
              status={searchHint ? 'warning' : undefined}
            />
            {searchHint && <Typography.Text type="warning">{searchHint}</Typography.Text>}
          </>
        }
        list={list}
        columns={columns}
        emptyText="没有符合条件的会员"
        table={{ scroll: { x: 1080 }, onRow: (m) => ({ onDoubleClick: () => setOpenId(m.id) }) }}
      />
      <MemberDrawer memberId={openId} onClose={() => setOpenId(undefined)} onChanged={() => void list.reload()} />
    </>
  );
}
