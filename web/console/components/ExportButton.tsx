// 导出 Excel: a list as an xlsx file, filtered as the page is; the server masks personal data and
// audits the export. Read-only accounts see the button disabled, with why.
import { useState, type ReactNode } from 'react';
import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage, type Query } from '../../shared/api.ts';
import { downloadFile } from '../../shared/download.ts';
import { useSession } from '../session.tsx';

interface Props {
  url: string;
  /** the page's filters; empty ones are left out */
  query: Query;
  fileName: string;
  /** the message once the file is saved */
  done: string;
  /** the tooltip for those who may export */
  tip: string;
  children?: ReactNode;
}

export function ExportButton({ url, query, fileName, done, tip, children = '导出 Excel' }: Props) {
  const { message } = App.useApp();
  const { canExport } = useSession();
  const [busy, setBusy] = useState(false);

  async function run() {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    setBusy(true);
    try {
      await downloadFile(`${url}?${params.toString()}`, fileName);
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Tooltip title={canExport ? tip : '只读账号不能导出'}>
      <Button icon={<DownloadOutlined />} loading={busy} disabled={!canExport} onClick={() => void run()}>
        {children}
      </Button>
    </Tooltip>
  );
}
