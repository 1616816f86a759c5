// 招聘会 详情: when and where (the live link if any), its employers with their jobs and headcount, its
// jobs; 发布岗位 into the fair, 导入岗位 from Excel (the template; checked first, every bad row listed and
// nothing written, the refused file back with its errors marked), 取消招聘会 with a reason.
import '../../components/common.css';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { fairStatusLabels, type FairDetail, type JobImportAnswer, type JobSummary } from '../../../../contracts/jobs.ts';
import { api, apiUrl, errorMessage, newIdempotencyKey, routeUrl } from '../../../shared/api.ts';
import { downloadFile } from '../../../shared/download.ts';
import { formatCount } from '../../../shared/format.ts';
import { uploadFile } from '../../../shared/upload.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useMe, useSession } from '../../session.tsx';
import { JobFormModal, JobStatusTag, useJobWriter, wageText } from './jobParts.tsx';
import { fairWhere } from './FairsPage.tsx';

export function FairDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`job fair ${id}`, () => api.get('/api/job-fairs/:id', { params: { id: String(id) } }), { keep: true });
  return (
    <DetailPage detail={detail} notFound="招聘会不存在或不在您的管理范围内" back={{ to: '/job-fairs', label: '返回招聘会' }}>
      {(f) => <FairView fair={f} onChanged={detail.reload} />}
    </DetailPage>
  );
}

function FairView({ fair, onChanged }: { fair: FairDetail; onChanged: () => void }) {
  const navigate = useNavigate();
  const me = useMe();
  const { message } = App.useApp();
  const canWrite = useJobWriter(useSession()) && fair.status !== 'cancelled';
  const [publishing, setPublishing] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<PageTitle>{fair.title}</PageTitle>}
        extra={
          <Space wrap>
            <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/job-fairs')}>
              返回招聘会
            </Button>
            {canWrite && (
              <Button type="primary" onClick={() => setPublishing(true)}>
                发布岗位
              </Button>
            )}
            {canWrite && (
              <Button danger onClick={() => setCancelling(true)}>
                取消招聘会
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Tag color={fair.status === 'cancelled' ? 'default' : 'processing'}>{fairStatusLabels[fair.status]}</Tag>
        </Space>
        {fair.cancelReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`招聘会已取消：${fair.cancelReason}`} />}
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
          <Descriptions.Item label="举办工会">{fair.org.name}</Descriptions.Item>
          <Descriptions.Item label="时间">
            {fair.heldOn} {fair.startsAt}–{fair.endsAt}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{fairWhere(fair) || '—'}</Descriptions.Item>
          {fair.liveUrl && (
            <Descriptions.Item label="直播链接">
              <Typography.Link href={fair.liveUrl} target="_blank" rel="noopener noreferrer">
                {fair.liveUrl}
              </Typography.Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="参会单位">{formatCount(fair.employers)}</Descriptions.Item>
          <Descriptions.Item label="岗位 · 招聘人数">
            {formatCount(fair.jobs)} · {formatCount(fair.headcount)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <SectionTitle>参会单位</SectionTitle>
        <Table
          size="small"
          rowKey={(e) => `${e.enterpriseId ?? ''}:${e.name}`}
          pagination={false}
          dataSource={fair.employerList}
          locale={{ emptyText: '还没有单位的岗位' }}
          columns={[
            { title: '单位', dataIndex: 'name' },
            { title: '岗位', width: 80, align: 'right', render: (_, e) => formatCount(e.jobs) },
            { title: '招聘人数', width: 100, align: 'right', render: (_, e) => formatCount(e.headcount) },
          ]}
        />
        <SectionTitle>岗位</SectionTitle>
        <Table<JobSummary>
          size="small"
          rowKey="id"
          pagination={{ pageSize: 20 }}
          dataSource={fair.jobList}
          locale={{ emptyText: '还没有岗位：发布岗位，或从 Excel 导入' }}
          columns={[
            {
              title: '岗位',
              render: (_, j) => (
                <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/jobs/${j.id}`)}>
                  {j.title}
                </Button>
              ),
            },
            { title: '单位', render: (_, j) => j.employer.name },
            { title: '工资', width: 170, responsive: ['md'], render: (_, j) => wageText(j) },
            { title: '人数', width: 70, align: 'right', render: (_, j) => formatCount(j.headcount) },
            { title: '状态', width: 110, render: (_, j) => <JobStatusTag job={j} /> },
          ]}
        />
      </Card>
      {canWrite && <FairImport fairId={fair.id} onImported={onChanged} />}
      {publishing && (
        <JobFormModal
          orgId={fair.org.id}
          orgName={fair.org.name || me.org.name}
          fairId={fair.id}
          onCancel={() => setPublishing(false)}
          onDone={() => {
            setPublishing(false);
            message.success('岗位已发布');
            onChanged();
          }}
        />
      )}
      <ReasonModal
        open={cancelling}
        title="取消招聘会"
        okText="取消招聘会"
        cancelText="返回"
        warning="取消后不能再向该招聘会发布或导入岗位；已发布的岗位仍在招聘。"
        label="原因"
        required="请填写原因"
        placeholder="如：因天气原因延期"
        onClose={() => setCancelling(false)}
        onSubmit={async (reason) => {
          await api.post('/api/job-fairs/:id/cancel', { params: { id: fair.id }, body: { reason } });
          setCancelling(false);
          onChanged();
        }}
      />
    </Space>
  );
}

/** 导入岗位: the template, the file checked first (a dry run), then written once per file. */
function FairImport({ fairId, onImported }: { fairId: number; onImported: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ answer: JobImportAnswer; written: boolean }>();
  const key = useRef(newIdempotencyKey());
  const input = useRef<HTMLInputElement>(null);

  async function run(write: boolean) {
    if (!file) return;
    setBusy(true);
    try {
      const answer = await uploadFile('/api/job-fairs/:id/import', file, { params: { id: fairId }, query: { dryRun: write ? '0' : '1' }, idempotencyKey: write ? key.current : newIdempotencyKey() });
      setResult({ answer, written: write && answer.ok });
      if (write && answer.ok) {
        message.success(`已导入 ${formatCount(answer.created)} 个岗位`);
        key.current = newIdempotencyKey();
        onImported();
      }
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function downloadErrors() {
    if (!file) return;
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      await downloadFile(routeUrl('/api/job-fairs/:id/import/errors', { id: fairId }), `招聘会岗位导入错误清单-${file.name}`, { form });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const a = result?.answer;
  return (
    <Card>
      <SectionTitle>从 Excel 导入岗位</SectionTitle>
      <Typography.Paragraph type="secondary">
        按模板填写，每行一个岗位；技能要求写作“叉车:4:必备;电工:2”。整个文件校验通过才会写入；有错误的行会逐行列出，一行也不会写入。
      </Typography.Paragraph>
      <Space wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(apiUrl('/api/job-fairs/import-template'), '招聘会岗位导入模板.xlsx').catch((err: unknown) => message.error(errorMessage(err)))}>
          下载模板
        </Button>
        <input ref={input} type="file" accept=".xlsx" hidden aria-label="选择 Excel 文件" onChange={(e) => { setFile(e.target.files?.[0]); setResult(undefined); key.current = newIdempotencyKey(); }} />
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
          选择文件
        </Button>
        <span>{file?.name ?? '未选择'}</span>
        <Button onClick={() => void run(false)} disabled={!file} loading={busy}>
          检查
        </Button>
        <Button type="primary" onClick={() => void run(true)} disabled={!file || (a !== undefined && !a.ok) || result?.written} loading={busy}>
          导入
        </Button>
      </Space>
      {a && (
        <div style={{ marginTop: 16 }} data-testid="import-result">
          {a.ok ? (
            <Alert type="success" showIcon message={result?.written ? `已导入 ${formatCount(a.created)} 个岗位` : `共 ${formatCount(a.rows)} 行，检查通过，可以导入`} />
          ) : (
            <Alert
              type="error"
              showIcon
              message={`共 ${formatCount(a.rows)} 行，其中 ${formatCount(a.errorCount)} 处错误，未写入任何数据。`}
              description={
                <Button icon={<DownloadOutlined />} style={{ marginTop: 8 }} onClick={() => void downloadErrors()}>
                  下载错误清单
                </Button>
              }
            />
          )}
          {a.errors.length > 0 && (
            <Table
              size="small"
              style={{ marginTop: 12 }}
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              dataSource={a.errors}
              pagination={{ pageSize: 20 }}
              columns={[{ title: '行号', dataIndex: 'row', width: 80 }, { title: '列', dataIndex: 'column', width: 120 }, { title: '原因', dataIndex: 'message' }]}
            />
          )}
        </div>
      )}
    </Card>
  );
}
