// 导入单位: the template, the upload, then how many employers went in and every row that did not, with
// its column and reason (a code or a name already registered, or repeated in the file, is reported and
// nothing is updated) — and the rows not taken as an Excel file to fix and upload again (下载错误清单).
import { useRef, useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { EnterpriseImportAnswer } from '../../../../contracts/enterprises-register.ts';
import { apiUrl, errorMessage, newIdempotencyKey, routeUrl } from '../../../shared/api.ts';
import { downloadFile } from '../../../shared/download.ts';
import { formatCount } from '../../../shared/format.ts';
import { uploadFile } from '../../../shared/upload.ts';

export function EnterpriseImport({ onClose }: { onClose: (changed: boolean) => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<{ a: EnterpriseImportAnswer; key: string }>();
  const [fetchingErrors, setFetchingErrors] = useState(false);
  const key = useRef(newIdempotencyKey());
  const input = useRef<HTMLInputElement>(null);

  async function run() {
    if (!file) return;
    setBusy(true);
    try {
      const a = await uploadFile('/api/enterprises/import', file, { idempotencyKey: key.current });
      setAnswer({ a, key: key.current });
      if (a.created > 0) message.success(`已导入 ${formatCount(a.created)} 个单位`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function downloadErrors() {
    if (!file || !answer) return;
    setFetchingErrors(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      await downloadFile(routeUrl('/api/enterprises/import/errors', undefined, { key: answer.key }), `单位导入错误清单-${file.name}`, { form });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setFetchingErrors(false);
    }
  }

  const a = answer?.a;
  return (
    <Modal open title="从 Excel 导入单位" width={760} onCancel={() => onClose((a?.created ?? 0) > 0)} footer={<Button onClick={() => onClose((a?.created ?? 0) > 0)}>关闭</Button>} destroyOnHidden>
      <Typography.Paragraph>
        按模板填写，每行一个单位，单位名称、所在镇街必填。校验通过的行写入；有错误的行不写入并逐行列出，可下载错误清单改正后重新上传这些行。已在档案中的信用代码或名称会列出，不会修改原有档案。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} onClick={() => void downloadFile(apiUrl('/api/enterprises/import-template'), '单位导入模板.xlsx').catch((err: unknown) => message.error(errorMessage(err)))}>
          下载模板
        </Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx"
          hidden
          aria-label="选择 Excel 文件"
          onChange={(e) => {
            setFile(e.target.files?.[0]);
            setAnswer(undefined);
            key.current = newIdempotencyKey();
          }}
        />
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>选择文件</Button>
        <span>{file?.name ?? '未选择文件'}</span>
        <Button type="primary" disabled={!file || answer !== undefined} loading={busy} onClick={() => void run()}>导入</Button>
      </Space>
      {a && (
        <div data-testid="import-result">
          <Alert
            type={a.errorRows === 0 ? 'success' : a.created > 0 ? 'warning' : 'error'}
            showIcon
            message={`共 ${formatCount(a.rows)} 行：导入 ${formatCount(a.created)} 个单位${a.errorRows > 0 ? `，${formatCount(a.errorRows)} 行未导入` : ''}`}
            description={
              a.errorRows > 0 && (
                <>
                  <div>下载错误清单（只含未导入的行，附原行号和原因），改正后上传错误清单即可。</div>
                  <Button icon={<DownloadOutlined />} loading={fetchingErrors} style={{ marginTop: 8 }} onClick={() => void downloadErrors()}>
                    下载错误清单
                  </Button>
                </>
              )
            }
          />
          {a.errors.length > 0 && (
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
              dataSource={a.errors}
              pagination={{ pageSize: 10 }}
              columns={[{ title: '行号', dataIndex: 'row', width: 70 }, { title: '列', dataIndex: 'column', width: 140 }, { title: '原因', dataIndex: 'message' }]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
