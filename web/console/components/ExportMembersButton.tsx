// 导出: the members of a union's subtree (or of the whole scope) as an xlsx with masked personal
// data. A button any page can place beside its union picker.
import type { MemberGroup, MemberStatus } from '../../../contracts/members.ts';
import { ExportButton } from './ExportButton.tsx';

interface Props {
  orgId?: number | undefined;
  status?: MemberStatus | 'all';
  group?: MemberGroup | undefined;
  /** only one employer's members (the member list opened from its enterprise file) */
  enterpriseId?: number | undefined;
  label?: string;
}

export function ExportMembersButton({ orgId, status = 'active', group, enterpriseId, label = '导出' }: Props) {
  return (
    <ExportButton
      url="/api/members/export"
      query={{ status, orgId, group, enterpriseId }}
      fileName="会员名册.xlsx"
      done="已导出（身份证号、手机号已脱敏；本次导出已记入审计日志）"
      tip="导出为 Excel：身份证号、手机号仅显示脱敏值；导出记入审计日志"
    >
      {label}
    </ExportButton>
  );
}
