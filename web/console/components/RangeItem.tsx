// Two whole numbers as one form item, "最小 至 最大" (会员年龄, 子女年龄 …): each its own field of
// the form, left empty for no bound.
import type { ReactNode } from 'react';
import { Form, InputNumber, Space } from 'antd';

export interface RangeItemProps {
  label: string;
  extra?: ReactNode;
  /** the two fields' names, aria-labels and placeholders */
  from: { name: string; ariaLabel: string; placeholder: string };
  to: { name: string; ariaLabel: string; placeholder: string };
  min: number;
  max: number;
  /** after the second input (岁) */
  unit?: string;
}

export function RangeItem({ label, extra, from, to, min, max, unit }: RangeItemProps) {
  return (
    <Form.Item label={label} extra={extra}>
      <Space>
        <Form.Item name={from.name} noStyle>
          <InputNumber min={min} max={max} precision={0} placeholder={from.placeholder} aria-label={from.ariaLabel} />
        </Form.Item>
        <span>至</span>
        <Form.Item name={to.name} noStyle>
          <InputNumber min={min} max={max} precision={0} placeholder={to.placeholder} aria-label={to.ariaLabel} />
        </Form.Item>
        {unit && <span>{unit}</span>}
      </Space>
    </Form.Item>
  );
}

/** 会员年龄（周岁）: the member's age, 0–120, either bound left open. */
export function MemberAgeItem() {
  return <RangeItem label="会员年龄（周岁）" from={{ name: 'minAge', ariaLabel: '最小年龄', placeholder: '不限' }} to={{ name: 'maxAge', ariaLabel: '最大年龄', placeholder: '不限' }} min={0} max={120} />;
}
