// 建会: founding a union directly under the selected one.
import { Alert, App, Form, Select } from 'antd';
import type { OrgDetail } from '../../../../contracts/orgs.ts';
import type { BodyOf } from '../../../../contracts/api-routes.ts';
import { api } from '../../../shared/api.ts';
import { pickerDay } from '../../../shared/format.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgFormFields, textOrUndefined, type OrgFormValues } from './OrgFormFields.tsx';
import { childLevelsOf, defaultKindFor, levelOptions, type OrgLevel, type OrgModalProps } from './orgLabels.ts';

export function FoundOrgModal({ parent, onCancel, onDone }: Omit<OrgModalProps, 'org'> & { parent: OrgDetail }) {
  const [form] = Form.useForm<OrgFormValues>();
  const { message } = App.useApp();
  const levels = childLevelsOf(parent.level);
  const firstLevel: OrgLevel = levels[0] ?? 'grassroots';

  async function submit(v: OrgFormValues) {
    const body: BodyOf<'POST', '/api/orgs'> = {
      parentId: parent.id,
      name: v.name.trim(),
      level: v.level ?? firstLevel, // required by the field's rule
      kind: v.kind,
      federationType: v.kind === 'federation' ? v.federationType : undefined,
      chairName: textOrUndefined(v.chairName),
      creditCode: textOrUndefined(v.creditCode),
      regionCode: textOrUndefined(v.regionCode),
      industry: textOrUndefined(v.industry),
      foundedOn: v.foundedOn ? pickerDay(v.foundedOn) : undefined,
    };
    const org = await api.post('/api/orgs', { body });
    message.success(`已建会：${org.name}`);
    await onDone(org);
  }

  return (
    <FormModal<OrgFormValues>
      form={form}
      title="建会：新建下级工会"
      okText="确认建会"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 760, maskClosable: false }}
      intro={<Alert type="info" showIcon message={`上级组织：${parent.name}`} style={{ marginBottom: 16 }} />}
      formProps={{
        initialValues: { level: firstLevel, kind: defaultKindFor(firstLevel) },
        onValuesChange: (changed: Partial<OrgFormValues>) => {
          if (changed.level) form.setFieldValue('kind', defaultKindFor(changed.level));
        },
      }}
    >
      <OrgFormFields
        levelField={
          <Form.Item
            label="组织层级"
            name="level"
            rules={[{ required: true, message: '请选择组织层级' }]}
            tooltip={`“${parent.name}”之下可建立的层级`}
          >
            <Select options={levelOptions(levels)} />
          </Form.Item>
        }
      />
    </FormModal>
  );
}
