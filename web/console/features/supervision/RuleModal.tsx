// 答复期限与文号 (admins): a union's reply deadline — its own, the nearest superior union's, or the
// default 15 working days — set for its subtree, and its own prefix of letter numbers.
import { useEffect, useState } from 'react';
import { App, Descriptions, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { putRuleBody, type RuleView } from '../../../../contracts/supervision.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useSession } from '../../session.tsx';
import { zodRule } from '../../rules.ts';

interface Values {
  orgId: number;
  replyDays: number;
  dayKind: 'working' | 'calendar';
  prefix: string;
}

const sourceWords = (r: RuleView) => (r.source === 'own' ? '本工会设置' : r.source === 'inherited' ? `沿用${r.fromOrg?.name ?? '上级'}的设置` : '默认：15 个工作日');

export function RuleModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form) ?? me?.org.id;
  const [rule, setRule] = useState<RuleView>();
  useEffect(() => {
    if (!orgId) return;
    let live = true;
    api
      .get('/api/supervision/rules', { query: { orgId } })
      .then((r) => {
        if (!live) return;
        setRule(r);
        form.setFieldsValue({ replyDays: r.replyDays, dayKind: r.dayKind, prefix: r.prefix });
      })
      .catch((err: unknown) => live && message.error(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [orgId, form, message]);

  async function submit(v: Values) {
    const saved = await api.put('/api/supervision/rules', { body: { orgId: v.orgId, replyDays: v.replyDays, dayKind: v.dayKind, prefix: v.prefix.trim() } });
    setRule(saved);
    message.success('已保存');
    onClose();
  }

  return (
    <FormModal<Values>
      form={form}
      title="答复期限与文号"
      okText="保存"
      onSubmit={submit}
      onCancel={onClose}
      modal={{ width: 560, destroyOnHidden: true }}
      formProps={{ initialValues: { orgId: me?.org.id } }}
      intro={
        <Typography.Paragraph type="secondary">
          用人单位（或收文部门）自收到文书之日起的书面答复期限。各地条例不同（如有的地方为 60 日），由工会为本级及下级设置；下级未设置的沿用最近上级的设置。
        </Typography.Paragraph>
      }
    >
      <Form.Item name="orgId" label="工会" rules={[{ required: true, message: '请选择工会' }]}>
        <OrgSearchSelect aria-label="工会" initialLabel={me?.org.name} />
      </Form.Item>
      {rule && (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }} styles={{ label: { color: 'rgba(0, 0, 0, 0.72)' } }}>
          <Descriptions.Item label="现行规则">{`${rule.replyDays} 个${rule.dayKind === 'working' ? '工作日' : '自然日'}（${sourceWords(rule)}）`}</Descriptions.Item>
        </Descriptions>
      )}
      <Form.Item name="replyDays" label="答复期限天数" rules={[{ required: true, message: '请填写天数' }]}>
        <InputNumber min={1} max={120} precision={0} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name="dayKind" label="计算方式" rules={[{ required: true }]}>
        <Radio.Group options={[{ value: 'working', label: '工作日（按工作日历，含调休）' }, { value: 'calendar', label: '自然日' }]} />
      </Form.Item>
      <Form.Item name="prefix" label="文号前缀" rules={[{ required: true, message: '请填写文号前缀' }, zodRule(putRuleBody.shape.prefix.unwrap())]} extra="如“从工监”：提示函编为〔2026〕从工监提字第1号，意见书为“意”，建议书为“建”，移送函为“移”">
        <Input maxLength={8} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}
