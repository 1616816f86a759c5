// 建立 / 修改困难职工档案: the member (new files only), why in hardship, the household, income and
// the relief plan. Editing opens the details first — an audited read, as on the detail page.
import './hardship.css';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Result, Select, Space, Spin, Typography } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { pickerDay, pickerNow } from '../../../shared/format.ts';
import {
  hardshipCauseLabels,
  hardshipCauses,
  incomeBandLabels,
  incomeBands,
  type HardshipCause,
  type IncomeBand,
} from '../../../../contracts/hardship.ts';
import type { BodyOf } from '../../../../contracts/api-routes.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { MemberSearchSelect } from '../../components/MemberSearchSelect.tsx';
import { useSession } from '../../session.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';

interface HouseholdValue {
  relation: string;
  name: string;
  age?: number | null;
  healthNote?: string;
  occupationNote?: string;
}

interface Values {
  memberId?: number;
  filedOn?: Dayjs;
  causes: HardshipCause[];
  causeNote?: string;
  householdSize: number;
  incomeBand: IncomeBand;
  household: HouseholdValue[];
  planText?: string;
  planMeasures: string[];
}

const MEASURES = ['送温暖', '金秋助学', '医疗救助', '就业援助', '技能培训', '生活补助', '低保衔接', '法律援助', '心理疏导'];

export function HardshipFormPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState(!editing);
  const [memberName, setMemberName] = useState<string>();
  const [saving, setSaving] = useState(false);
  const allowed = hasRole('admin') || hasRole('reviewer');

  useEffect(() => {
    if (!editing || !allowed) return;
    api
      .get('/api/hardship/files/:id/details', { params: { id } })
      .then((d) => {
        setMemberName(d.memberName);
        form.setFieldsValue({
          causes: d.causes,
          causeNote: d.causeNote,
          householdSize: d.householdSize,
          incomeBand: d.incomeBand,
          household: d.household,
          planText: d.planText,
          planMeasures: d.planMeasures,
        });
        setLoaded(true);
      })
      .catch((err: unknown) => message.error(errorMessage(err)));
  }, [editing, allowed, id, form, message]);

  if (!allowed) return <Result status="403" title="没有权限" subTitle="建立和修改困难职工档案需填写致困原因，仅单位管理员和审核员可操作。" />;

  async function save(v: Values) {
    setSaving(true);
    const household = (v.household ?? []).map((h) => ({
      relation: h.relation,
      name: h.name,
      ...(h.age !== undefined && h.age !== null ? { age: h.age } : {}),
      ...(h.healthNote ? { healthNote: h.healthNote } : {}),
      ...(h.occupationNote ? { occupationNote: h.occupationNote } : {}),
    }));
    const common: Omit<BodyOf<'POST', '/api/hardship/files'>, 'memberId' | 'filedOn'> = {
      causes: v.causes,
      causeNote: v.causeNote ?? '',
      householdSize: v.householdSize,
      incomeBand: v.incomeBand,
      household,
      planText: v.planText ?? '',
      planMeasures: v.planMeasures ?? [],
    };
    try {
      const out = editing
        ? await api.patch('/api/hardship/files/:id', { params: { id: String(id) }, body: common })
        : await api.post('/api/hardship/files', { body: { ...common, memberId: v.memberId!, filedOn: pickerDay(v.filedOn!) } });
      message.success(editing ? '档案已保存' : '档案已建立，该会员已标记为困难职工');
      navigate(`/hardship/${out.id}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card className="hs-page hs-form" title={<PageTitle>{editing ? `修改困难职工档案${memberName ? ` · ${memberName}` : ''}` : '建立困难职工档案'}</PageTitle>}>
      {!loaded ? (
        <Spin />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          initialValues={{ filedOn: pickerNow(), householdSize: 3, incomeBand: 'below_1000', causes: [], household: [], planMeasures: [] }}
          scrollToFirstError
        >
          {!editing && (
            <Space wrap size={16} align="start" style={{ width: '100%' }}>
              <Form.Item name="memberId" label="会员" rules={[{ required: true, message: '请选择会员' }]} style={{ minWidth: 300, maxWidth: '100%' }}>
                <MemberSearchSelect aria-label="会员" />
              </Form.Item>
              <Form.Item name="filedOn" label="建档日期" rules={[{ required: true, message: '请选择建档日期' }]}>
                <DatePicker disabledDate={(d) => d.isAfter(pickerNow(), 'day')} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="causes" label="致困原因（可多选）" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项致困原因' }]}>
            <Checkbox.Group options={hardshipCauses.map((c) => ({ value: c, label: hardshipCauseLabels[c] }))} />
          </Form.Item>
          <Form.Item name="causeNote" label="致困情况说明">
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：配偶患尿毒症，每周透析三次" />
          </Form.Item>
          <Space wrap size={16}>
            <Form.Item name="householdSize" label="家庭人口" rules={[{ required: true, message: '请填写家庭人口' }]}>
              <InputNumber min={1} max={20} addonAfter="人" />
            </Form.Item>
            <Form.Item name="incomeBand" label="家庭月收入" rules={[{ required: true, message: '请选择收入区间' }]}>
              <Select style={{ width: 160 }} options={incomeBands.map((b) => ({ value: b, label: incomeBandLabels[b] }))} />
            </Form.Item>
          </Space>
          <SectionTitle>家庭成员（会员本人以外）</SectionTitle>
          <Typography.Paragraph type="secondary" className="small">
            家庭成员姓名加密保存，列表和导出中不显示。
          </Typography.Paragraph>
          <Form.List name="household">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} className="hs-household-row">
                    <Form.Item name={[f.name, 'relation']} rules={[{ required: true, whitespace: true, message: '请填写关系' }]}>
                      <Input placeholder="关系，如 配偶" maxLength={20} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                      <Input placeholder="姓名" maxLength={50} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'age']}>
                      <InputNumber placeholder="年龄" min={0} max={120} style={{ width: 80 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'healthNote']}>
                      <Input placeholder="健康状况" maxLength={200} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'occupationNote']}>
                      <Input placeholder="职业 / 就学" maxLength={200} style={{ width: 150 }} />
                    </Form.Item>
                    <Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除此成员" onClick={() => remove(f.name)} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ relation: '', name: '' })} style={{ marginBottom: 24 }}>
                  添加家庭成员
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="planMeasures" label="帮扶措施">
            <Select mode="tags" maxCount={20} placeholder="选择或输入措施" options={MEASURES.map((m) => ({ value: m, label: m }))} />
          </Form.Item>
          <Form.Item name="planText" label="解困计划">
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：申请大病医疗救助，子女申请金秋助学，推荐参加春送岗位招聘会" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {editing ? '保存' : '建立档案'}
            </Button>
            <Button onClick={() => navigate(editing ? `/hardship/${id}` : '/hardship')}>取消</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
