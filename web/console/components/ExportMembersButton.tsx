// 导出: the members of a union's subtree (or of the whole scope) as an xlsx with masked personal
// data. A button any page can place beside its union picker.
import { useState } from 'react';
import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { MemberGroup, MemberStatus } from '../../../contracts/members.ts';
import { errorMessage } from '../../shared/api.ts';
import { useSession } from '../session.tsx';
import { downloadFile } from '../../shared/download.ts';

interface Props {
  orgId?: number | undefined;
  status?: MemberStatus | 'all';
  group?: MemberGroup | undefined;
  label?: string;
}

export function ExportMembersButton({ orgId, status = 'active', group, label = '导出' }: Props) {
  const { message } = App.useApp();
  const { canExport: allowed } = useSession();
  const [busy, setBusy] = useState(false);

  async function run() {
    const params = new URLSearchParams({ status });
    if (orgId) params.set('orgId', String(orgId));
    if (group) params.set('group', group);
    setBusy(true);
    try {
      await downloadFile(`/api/members/export?${params.toString()}`, '会员名册.xlsx');
      message.success('已导出（身份证号、手机号已脱敏；本次导出已记入审计日志）');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Tooltip title={allowed ? '导出为 Excel：身份证号、手机号仅显示脱敏值；导出记入审计日志' : '只读账号不能导出'}>
      <Button icon={<DownloadOutlined />} loading={busy} disabled={!allowed} onClick={() => void run()}>
        {label}
      </Button>
    </Tooltip>
  );
}
