// What the two registers' pages share: the 在册 / 已停用 filter's words, who may write, and the
// 停用 / 恢复 button with its confirmation.
import { App, Button, Popconfirm } from 'antd';
import { LEGAL_WRITE_ROLES } from '../../../../contracts/legal.ts';
import { errorMessage } from '../../../shared/api.ts';
import type { useSession } from '../../session.tsx';

export type ActiveStatus = 'active' | 'inactive' | 'all';
export const activeLabels: Record<ActiveStatus, string> = { active: '在册', inactive: '已停用', all: '全部' };

/** Admins and clerks add, edit and deactivate entries. */
export function useLegalWriter(session: ReturnType<typeof useSession>): boolean {
  return LEGAL_WRITE_ROLES.some((r) => session.hasRole(r));
}

/** 停用 (with a confirmation: no new assignments) or 恢复. */
export function ActiveToggle({ active, what, onChange }: { active: boolean; what: string; onChange: (active: boolean) => Promise<void> }) {
  const { message } = App.useApp();
  const run = async (next: boolean) => {
    try {
      await onChange(next);
      message.success(next ? '已恢复' : '已停用');
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  if (!active) return <Button onClick={() => void run(true)}>恢复</Button>;
  return (
    <Popconfirm title={`停用该${what}？`} description="停用后不再出现在在册名单中，可随时恢复。" okText="停用" okButtonProps={{ danger: true }} cancelText="不停用" onConfirm={() => run(false)}>
      <Button danger>停用</Button>
    </Popconfirm>
  );
}
