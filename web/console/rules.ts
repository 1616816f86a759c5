// Form rules shared by the console's forms. Field checks reuse the contract schemas, so the browser
// says what the server would say before the request is sent.
import type { FormRule } from 'antd';
import type { z } from 'zod';

/** An antd rule that runs one zod schema on a non-empty value and shows its first message. */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** The server's rule for new passwords (isStrongPassword): 10+ characters, letters and digits. */
export const passwordRules: FormRule[] = [
  { required: true, message: '请输入新密码' },
  {
    validator: async (_, value: string | undefined) => {
      if (!value) return;
      if (value.length < 10 || !/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) {
        throw new Error('密码至少 10 位，且需包含字母和数字');
      }
    },
  },
];
