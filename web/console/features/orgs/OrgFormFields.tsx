// The attribute fields shared by 建会 and 修改, checked with the contract's own field schemas.
import type { ReactNode } from 'react';
import { isValidCreditCode } from '../../../../contracts/china-codes.ts';
import { Col, Form, Input, Row, Select } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import type { Dayjs } from 'dayjs';
import { pickerNow } from '../../../shared/format.ts';
import { federationTypeLabels, foundOrgBody, type federationTypes } from '../../../../contracts/orgs.ts';
import { zodRule } from '../../rules.ts';
import { kindOptions, type OrgKind, type OrgLevel } from './orgLabels.ts';

export type FederationType = (typeof federationTypes)[number];

export interface OrgFormValues {
  name: string;
  level?: OrgLevel;
  kind: OrgKind;
  federationType?: FederationType;
  chairName?: string;
  creditCode?: string;
  regionCode?: string;
  industry?: string;
  foundedOn?: Dayjs;
}

const fields = foundOrgBody.shape;
const federationOptions = (Object.keys(federationTypeLabels) as FederationType[]).map((t) => ({
  value: t,
  label: federationTypeLabels[t],
}));

/** A form value as the API wants it: trimmed text, or undefined when left empty. */
export function textOrUndefined(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** The fields in two columns, so the whole form fits on a laptop screen; `levelField` leads when founding. */
export function OrgFormFields({ levelField }: { levelField?: ReactNode }) {
  const kind = Form.useWatch<OrgKind | undefined>('kind');
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item
          label="工会名称"
          name="name"
          rules={[{ required: true, whitespace: true, message: '请输入工会名称' }, zodRule(fields.name)]}
          extra="填写全称，如“化州市石湾街道某某有限公司工会委员会”"
        >
          <Input maxLength={100} showCount />
        </Form.Item>
      </Col>
      {levelField && <Col span={12}>{levelField}</Col>}
      <Col span={12}>
        <Form.Item label="组织类型" name="kind" rules={[{ required: true, message: '请选择组织类型' }]}>
          <Select options={kindOptions} />
        </Form.Item>
      </Col>
      {kind === 'federation' && (
        <Col span={12}>
          <Form.Item
            label="工会联合会类型"
            name="federationType"
            rules={[{ required: true, message: '请选择工会联合会类型' }]}
          >
            <Select options={federationOptions} placeholder="镇街、村、社区、园区、行业或平台" />
          </Form.Item>
        </Col>
      )}
      <Col span={12}>
        <Form.Item label="工会主席" name="chairName" rules={[zodRule(fields.chairName)]}>
          <Input maxLength={50} placeholder="选填" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          label="统一社会信用代码"
          name="creditCode"
          normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
          rules={[
            zodRule(fields.creditCode),
            {
              validator: async (_, v: string | undefined) => {
                if (v && v.length === 18 && !isValidCreditCode(v)) throw new Error('统一社会信用代码校验位不正确，请核对');
              },
            },
          ]}
          tooltip="工会法人资格证书上的 18 位代码，以 81 开头"
        >
          <Input maxLength={18} placeholder="选填，18 位，以 81 开头" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          label="行政区划代码"
          name="regionCode"
          normalize={(v: string) => v.replace(/\s/g, '')}
          rules={[zodRule(fields.regionCode)]}
          tooltip="县级 6 位，如 440982；镇街 9 位，如 440982005"
        >
          <Input maxLength={9} placeholder="选填，6 位或 9 位数字" inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="所属行业" name="industry" rules={[zodRule(fields.industry)]}>
          <Input maxLength={50} placeholder="选填，如“交通运输”" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item label="成立日期" name="foundedOn">
          <DatePicker style={{ width: '100%' }} placeholder="选填" disabledDate={(d) => d.isAfter(pickerNow(), 'day')} />
        </Form.Item>
      </Col>
    </Row>
  );
}
