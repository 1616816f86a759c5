// 姓名 and 身份证号 as a worker types them (joining, moving a membership to a new phone): the same
// rules and the same moment of checking everywhere.
import type { ReactNode } from 'react';
import { Form, Input } from 'antd-mobile';
import { checkIdNumber } from './idNumber.ts';

type FormInstance = ReturnType<typeof Form.useForm>[0];

export function IdentityFields({ form, idDescription }: { form: FormInstance; idDescription?: ReactNode }) {
  return (
    <>
      <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写真实姓名' }, { min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
        <Input placeholder="与身份证上的姓名一致" clearable autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label="身份证号"
        validateTrigger="onBlur"
        rules={[
          { required: true, message: '请填写身份证号' },
          {
            validator: async (_, v: string | undefined) => {
              const c = checkIdNumber(v);
              if (c.kind === 'invalid') throw new Error(c.message);
              if (v && c.kind === 'incomplete') throw new Error('身份证号应为 18 位');
            },
          },
        ]}
        description={idDescription}
      >
        <Input
          placeholder="18 位，末位可能是 X"
          maxLength={18}
          clearable
          autoComplete="off"
          onChange={(v) => {
            // Tell at once when all 18 characters are in, and clear a shown error as soon as it
            // is fixed — not at the next tap, where the form would shift under the finger.
            if (v.trim().length === 18 || form.getFieldError('idNumber').length > 0) {
              setTimeout(() => void form.validateFields(['idNumber']).catch(() => undefined), 0);
            }
          }}
        />
      </Form.Item>
    </>
  );
}
