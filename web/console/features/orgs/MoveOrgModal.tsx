// 调整隶属: moving a union and everything under it to another parent, picked by search.
import { useState } from 'react';
import { Alert, App, Form, Typography } from 'antd';
import { orgLevelLabels, type OrgSummary } from '../../../../contracts/orgs.ts';
import { api } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { canBeChildOf, type OrgModalProps } from './orgLabels.ts';

export function MoveOrgModal({ org, onCancel, onDone }: OrgModalProps) {
  const [form] = Form.useForm<{ newParentId?: number }>();
  const { message } = App.useApp();
  const [target, setTarget] = useState<OrgSummary>();
  const currentParent = org.ancestors.at(-1);

  function whyNot(p: OrgSummary): string | undefined {
    if (p.id === org.id) return '不能选择自身';
    if (p.id === org.parentId) return '当前上级';
    if (!canBeChildOf(org.level, p.level)) return '层级不符';
    return undefined;
  }

  async function submit() {
    if (!target) throw new Error('请选择新的上级组织');
    const moved = await api.post('/api/orgs/:id/move', { params: { id: org.id }, body: { newParentId: target.id } });
    message.success(`已将“${org.name}”调整到“${target.name}”之下`);
    await onDone(moved);
  }

  return (
    <FormModal
      form={form}
      title="调整隶属关系"
      okText="确认调整"
      onSubmit={submit}
      onCancel={onCancel}
      clearFailureOnChange
      modal={{ okButtonProps: { disabled: !target }, width: 640, maskClosable: false }}
      intro={
        <Typography.Paragraph>
          将 <Typography.Text strong>{org.name}</Typography.Text>
          {org.orgCount > 1 && `及其 ${formatCount(org.orgCount - 1)} 个下级组织`}（会员 {formatCount(org.memberCount)} 名）
          {currentParent ? `从“${currentParent.name}”` : ''}调整到新的上级组织之下。
        </Typography.Paragraph>
      }
    >
      <Form.Item
        label="新的上级组织"
        name="newParentId"
        required
        extra={`${orgLevelLabels[org.level]}只能隶属于更高层级的组织${org.level === 'grassroots' ? '或基层工会联合会' : ''}`}
      >
        <OrgSearchSelect autoFocus aria-label="新的上级组织" style={{ width: '100%' }} onChange={(_, o) => setTarget(o)} disabledReason={whyNot} />
      </Form.Item>
      {target && (
        <Alert
          type="warning"
          showIcon
          message={`确认后，“${org.name}”将隶属于“${target.name}”，上下级的会员统计随之变化。`}
        />
      )}
    </FormModal>
  );
}
