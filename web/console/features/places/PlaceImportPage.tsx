// 阵地 Excel 导入: the template, the union the places belong to, the upload (checked first with a dry
// run), then either every bad row with its column and reason — nothing written — and the refused file
// to download with an 错误 column and its bad cells marked (下载错误清单), or the count written
// and the likely duplicates (within the file and against the register).
import '../../components/common.css';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { PlaceImportAnswer } from '../../../../contracts/places.ts';
import { apiUrl, errorMessage, newIdempotencyKey, routeUrl } from '../../../shared/api.ts';
import { downloadFile } from '../../../shared/download.ts';
import { formatCount } from '../../../shared/format.ts';
import { uploadFile } from '../../../shared/upload.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

export function PlaceImportPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<number>();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ answer: PlaceImportAnswer; written: boolean }>();
  const key = useRef(newIdempotencyKey());
  const input = useRef<HTMLInputElement>(null);

  async function run(write: boolean) {
    if (!orgId || !file) return;
    setBusy(true);
    try {
      const answer = await uploadFile('/api/places/import', file, { query: { orgId, dryRun: write ? '0' : '1' }, idempotencyKey: write ? key.current : newIdempotencyKey() });
      setResult({ answer, written: write && answer.ok });
      if (write && answer.ok) {
        message.success(`已导入 ${formatCount(answer.created)} 个阵地`);
        key.current = newIdempotencyKey();
      }
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const [fetchingErrors, setFetchingErrors] = useState(false);
  async function downloadErrors() {
    if (!orgId || !file) return;
    setFetchingErrors(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      await downloadFile(routeUrl('/api/places/import/errors', undefined, { orgId }), `阵地导入错误清单-${file.name}`, { form });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setFetchingErrors(false);
    }
  }

  const a = result?.answer;
  return (
    <Card title={<PageTitle>阵地 Excel 导入</PageTitle>} extra={<Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/places')}>返回阵地管理</Button>}>
      <Typography.Paragraph>
        按模板填写，每行一个阵地。整个文件校验通过才会写入；有错误的行会逐行列出，一行也不会写入，可下载错误清单改正后重新上传。开放时间可写“周一至周五 08:00-20:00；周六 09:00-17:00”“24小时”“节假日休息”。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(apiUrl('/api/places/import-template'), '阵地导入模板.xlsx').catch((err: unknown) => message.error(errorMessage(err)))}>
          下载模板
        </Button>
      </Space>
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item label="运营工会" required extra="导入的阵地都归这个工会运营">
          <OrgSearchSelect aria-label="运营工会" value={orgId} onChange={(id) => { setOrgId(id ?? undefined); setResult(undefined); }} />
        </Form.Item>
        <Form.Item label="Excel 文件" required>
          <input ref={input} type="file" accept=".xlsx" hidden aria-label="选择 Excel 文件" onChange={(e) => { setFile(e.target.files?.[0]); setResult(undefined); key.current = newIdempotencyKey(); }} />
          <Space wrap>
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>选择文件</Button>
            <span>{file?.name ?? '未选择'}</span>
          </Space>
        </Form.Item>
        <Space wrap>
          <Button onClick={() => void run(false)} disabled={!orgId || !file} loading={busy}>检查</Button>
          <Button type="primary" onClick={() => void run(true)} disabled={!orgId || !file || (a !== undefined && !a.ok) || result?.written} loading={busy}>导入</Button>
        </Space>
      </Form>
      {a && (
        <div style={{ marginTop: 24 }} data-testid="import-result">
          {a.ok ? (
            <Alert type="success" showIcon message={result?.written ? `已导入 ${formatCount(a.created)} 个阵地` : `共 ${formatCount(a.rows)} 行，检查通过，可以导入`} />
          ) : (
            <Alert
              type="error"
              showIcon
              message={`共 ${formatCount(a.rows)} 行，其中 ${formatCount(a.errorCount)} 处错误，未写入任何数据。`}
              description={
                <>
                  <div>下载错误清单：原文件加“错误”列，出错的单元格标红。在清单里直接改正（可按“错误”列筛选），保存后整份重新上传即可。</div>
                  <Button icon={<DownloadOutlined />} loading={fetchingErrors} style={{ marginTop: 8 }} onClick={() => void downloadErrors()}>
                    下载错误清单
                  </Button>
                </>
              }
            />
          )}
          {a.errors.length > 0 && (
            <>
              <SectionTitle>错误明细</SectionTitle>
              <Table size="small" rowKey={(e) => `${e.row}-${e.column}`} dataSource={a.errors} pagination={{ pageSize: 20 }}
                columns={[{ title: '行号', dataIndex: 'row', width: 80 }, { title: '列', dataIndex: 'column', width: 120 }, { title: '原因', dataIndex: 'message' }]} />
            </>
          )}
          {a.warnings.length > 0 && (
            <>
              <SectionTitle>可能重复（{formatCount(a.warningCount)}）</SectionTitle>
              <Table size="small" rowKey={(w) => `${w.row}`} dataSource={a.warnings} pagination={{ pageSize: 20 }}
                columns={[{ title: '行号', dataIndex: 'row', width: 80 }, { title: '名称', dataIndex: 'name' }, { title: '可能重复的', dataIndex: 'other' }, { title: '相距（米）', dataIndex: 'distanceM', width: 100 }]} />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
