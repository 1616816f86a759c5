// 名册导入: download the template, pick a union of the scope, upload with a progress bar (upload,
// then reading and importing), the result with the error workbook; recent imports; 导出 of the
// chosen union's members.
import './rosters.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Progress, Row, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { memberGroupLabels, memberGroups, memberStatusLabels, memberStatuses, type MemberGroup, type MemberStatus } from '../../../../contracts/members.ts';
import type { OrgSummary } from '../../../../contracts/orgs.ts';
import {
  ROSTER_MAX_FILE_BYTES,
  ROSTER_MAX_ROWS,
  rosterJobStatusLabels,
  rosterRowErrors,
  type RosterJob,
  type RosterRowError,
} from '../../../../contracts/rosters.ts';
import { api, errorMessage, type Page } from '../../../shared/api.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useMe, useSession } from '../../session.tsx';
import { ExportMembersButton } from '../../components/ExportMembersButton.tsx';
import { downloadFile } from '../../../shared/download.ts';
import { uploadRoster, type UploadHandle } from './uploadRoster.ts';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

const statusColors: Record<RosterJob['status'], string> = { queued: 'default', reading: 'processing', importing: 'processing', done: 'success', failed: 'error' };
const RECENT_PAGE_SIZE = 10;
const isRunning = (j: RosterJob | undefined) => !!j && (j.status === 'queued' || j.status === 'reading' || j.status === 'importing');

function canTakeMembers(o: OrgSummary): string | undefined {
  if (o.status === 'closed') return '已撤销';
  if (o.level !== 'grassroots' && o.level !== 'town') return '请选择基层工会或镇街工会';
  return undefined;
}

function JobResult({ job }: { job: RosterJob }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (job.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        message="整个文件未导入"
        description={
          <>
            {job.error?.message ?? '导入失败'}
            {job.imported > 0 && <div>中断前已导入 {formatCount(job.imported)} 人；重新上传同一文件即可补齐，已导入的不会重复。</div>}
          </>
        }
      />
    );
  }
  const counts = Object.entries(job.errorCounts) as [RosterRowError, number][];
  return (
    <div className="roster-result">
      <Row gutter={16}>
        <Col span={6}><Statistic title="新入会" value={job.imported} valueStyle={{ color: '#237804' }} /></Col>
        <Col span={6}><Statistic title="重新入会（会员号不变）" value={job.rejoined} /></Col>
        <Col span={6}><Statistic title="已是本会会员（跳过）" value={job.skipped} /></Col>
        <Col span={6}><Statistic title="有错误、未导入" value={job.errorRows} valueStyle={job.errorRows ? { color: '#cf1322' } : undefined} /></Col>
      </Row>
      {counts.length > 0 && (
        <div className="roster-errors">
          <Space wrap size={[8, 8]}>
            {counts.map(([code, n]) => (
              <Tag key={code} color="red" bordered={false}>
                {(rosterRowErrors[code] ?? code).split(/[（(，：；]/)[0]} × {formatCount(n)}
              </Tag>
            ))}
          </Space>
          {job.hasErrorFile && (
            <div>
              <Button
                type="primary"
                danger
                icon={<DownloadOutlined />}
                loading={busy}
                onClick={() => {
                  setBusy(true);
                  downloadFile(`/api/rosters/${job.id}/errors`, `名册错误明细-${job.id}.xlsx`)
                    .catch((err: unknown) => message.error(errorMessage(err)))
                    .finally(() => setBusy(false));
                }}
              >
                下载错误明细（原始各列 + 错误原因）
              </Button>
              <Typography.Text type="secondary" className="roster-hint">
                改正后重新上传即可；已导入的人不会重复导入。错误明细保留 24 小时。
              </Typography.Text>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

export function RosterPage() {
  const { message } = App.useApp();
  const me = useMe();
  const { hasRole } = useSession();
  const mayImport = hasRole('admin') || hasRole('clerk');
  const [org, setOrg] = useState<{ id: number; name: string }>();
  const [uploadPercent, setUploadPercent] = useState<number>();
  const [fileName, setFileName] = useState<string>();
  const [job, setJob] = useState<RosterJob>();
  const [problem, setProblem] = useState<string>();
  const [recent, setRecent] = useState<Page<RosterJob>>({ items: [], total: 0 });
  const [recentPage, setRecentPage] = useState(1);
  const [exportStatus, setExportStatus] = useState<MemberStatus | 'all'>('active');
  const [exportGroup, setExportGroup] = useState<MemberGroup>();
  const handle = useRef<UploadHandle>(undefined);

  const loadRecent = useCallback(() => {
    api
      .get('/api/rosters', { query: { orgId: org?.id, page: recentPage, pageSize: RECENT_PAGE_SIZE } })
      .then(setRecent)
      .catch(() => setRecent({ items: [], total: 0 }));
  }, [org?.id, recentPage]);
  useEffect(loadRecent, [loadRecent]);
  useEffect(() => () => handle.current?.abort(), []);

  // Poll the job while it runs.
  const jobId = job?.id;
  const running = isRunning(job);
  useEffect(() => {
    if (!jobId || !running) return undefined;
    const timer = setInterval(() => {
      api
        .get('/api/rosters/:jobId', { params: { jobId } })
        .then((j) => {
          setJob(j);
          if (!isRunning(j)) loadRecent();
        })
        .catch((err: unknown) => setProblem(errorMessage(err)));
    }, 800);
    return () => clearInterval(timer);
  }, [jobId, running, loadRecent]);

  function start(file: File) {
    if (!org) return void message.warning('请先选择要导入的工会');
    if (!/\.xlsx$/i.test(file.name)) return void message.error('请上传 .xlsx 格式的名册（旧版 .xls 请先另存为 .xlsx）');
    if (file.size > ROSTER_MAX_FILE_BYTES) return void message.error('文件超过 20 MB，请拆分后分批上传');
    setProblem(undefined);
    setJob(undefined);
    setFileName(file.name);
    setUploadPercent(0);
    handle.current = uploadRoster(org.id, file, me.csrfToken, setUploadPercent);
    handle.current.done
      .then((j) => {
        setJob(j);
        loadRecent();
      })
      .catch((err: unknown) => setProblem(errorMessage(err)))
      .finally(() => {
        setUploadPercent(undefined);
        handle.current = undefined;
      });
  }

  const uploading = uploadPercent !== undefined;
  const columns: TableProps<RosterJob>['columns'] = [
    { title: '上传时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '工会', dataIndex: ['org', 'name'], ellipsis: true },
    { title: '文件', dataIndex: 'fileName', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: RosterJob['status'], j) => <Tag color={statusColors[s]}>{isRunning(j) ? `${rosterJobStatusLabels[s]} ${j.percent}%` : rosterJobStatusLabels[s]}</Tag>,
    },
    {
      title: '结果',
      width: 260,
      render: (_: unknown, j) =>
        j.status === 'failed'
          ? <Typography.Text type="danger" ellipsis>{j.error?.message}</Typography.Text>
          : `新入会 ${formatCount(j.imported)}，跳过 ${formatCount(j.skipped)}，错误 ${formatCount(j.errorRows)}`,
    },
    {
      title: '',
      width: 110,
      render: (_: unknown, j) =>
        j.hasErrorFile && mayImport ? (
          <Button
            size="small"
            type="link"
            onClick={() => void downloadFile(`/api/rosters/${j.id}/errors`, `名册错误明细-${j.id}.xlsx`).catch((err: unknown) => message.error(errorMessage(err)))}
          >
            错误明细
          </Button>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" size={16} className="roster-page">
      <Card
        title={<PageTitle>名册导入</PageTitle>}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/api/rosters/template', '会员名册模板.xlsx').catch((err: unknown) => message.error(errorMessage(err)))}>
            下载名册模板
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          整个企业的职工可以用名册一次入会：按模板填写姓名、身份证号、手机号、工作单位，选择工会后上传（.xlsx，不超过 20 MB、{formatCount(ROSTER_MAX_ROWS)} 行）。
          校验通过的行直接成为会员并发放会员号和电子会员证；有错误的行不导入，可下载错误明细改正后重新上传，已导入的人不会重复导入。
        </Typography.Paragraph>
        {!mayImport && <Alert type="info" showIcon message="只有单位管理员或经办人可以导入名册。" className="roster-alert" />}
        <Space wrap className="roster-pick">
          <span>导入到：</span>
          <OrgSearchSelect
            value={org?.id}
            onChange={(id, o) => {
              setOrg(id && o ? { id, name: o.name } : undefined);
              setRecentPage(1);
            }}
            disabledReason={canTakeMembers}
            placeholder="输入工会名称查找，如“石湾”"
            style={{ width: 420 }}
            allowClear
            aria-label="导入到的工会"
          />
        </Space>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          multiple={false}
          disabled={!mayImport || !org || uploading || running}
          beforeUpload={(file) => {
            start(file);
            return Upload.LIST_IGNORE;
          }}
          className="roster-drop"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{org ? `将名册拖到这里，或点击选择文件，导入到 ${org.name}` : '请先选择要导入的工会'}</p>
          <p className="ant-upload-hint">仅限 .xlsx；身份证号一列请设为文本格式</p>
        </Upload.Dragger>

        {(uploading || job || problem) && <Divider />}
        {uploading && (
          <div className="roster-progress">
            <Typography.Text>正在上传 {fileName}</Typography.Text>
            <Progress percent={uploadPercent} status="active" aria-label="上传进度" />
          </div>
        )}
        {problem && <Alert type="error" showIcon message="上传未被接受，未写入任何数据" description={problem} />}
        {job && (
          <div className="roster-progress">
            <Space>
              <Typography.Text strong>{job.fileName}</Typography.Text>
              <Tag color={statusColors[job.status]}>{rosterJobStatusLabels[job.status]}</Tag>
              {job.totalRows !== null && <Typography.Text type="secondary">共 {formatCount(job.totalRows)} 行</Typography.Text>}
            </Space>
            {job.status !== 'failed' && (
              <Progress
                percent={job.percent}
                aria-label="导入进度"
                status={running ? 'active' : 'success'}
                format={(p) => (job.status === 'reading' ? `读取校验 ${formatCount(job.readRows)} 行` : `${p}%`)}
              />
            )}
            {!running && <JobResult job={job} />}
          </div>
        )}
      </Card>

      <Card title={<SectionTitle>导出会员名册</SectionTitle>} size="small">
        <Space wrap>
          <span>{org ? org.name : `${me.org.name}（全部下级）`}</span>
          <Select<MemberStatus | 'all'>
            value={exportStatus}
            onChange={setExportStatus}
            style={{ width: 120 }}
            options={[{ value: 'all', label: '全部状态' }, ...memberStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }))]}
            aria-label="会员状态"
          />
          <Select<MemberGroup>
            value={exportGroup}
            onChange={setExportGroup}
            allowClear
            placeholder="全部群体"
            style={{ width: 140 }}
            options={memberGroups.map((g) => ({ value: g, label: memberGroupLabels[g] }))}
            aria-label="群体"
          />
          <ExportMembersButton orgId={org?.id} status={exportStatus} group={exportGroup} />
          <Typography.Text type="secondary">身份证号、手机号仅导出脱敏值</Typography.Text>
        </Space>
      </Card>

      <Card title={<SectionTitle>最近的导入</SectionTitle>} size="small">
        <Table<RosterJob> rowKey="id" size="small" columns={columns} dataSource={recent.items}
          pagination={{ current: recentPage, pageSize: RECENT_PAGE_SIZE, total: recent.total, showSizeChanger: false, hideOnSinglePage: true, onChange: setRecentPage }} locale={{ emptyText: '还没有导入记录' }} />
      </Card>
    </Space>
  );
}
