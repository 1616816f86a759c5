// 发布帮扶活动: one form for a campaign — its kind and publishing union (that union's subtree is the
// reach), who may apply (target groups, age, months of membership) and with which documents, the
// application window, quota and per-award amount, the budget and its unit, the payout channel, the
// review levels (each with its reviewing union and deadline), the lottery, the notice (公示) period
// and the amount above which a payout needs a second person's approval.
import '../../components/common.css';
import './campaigns.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import { ArrowDownOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { fromPicker, pickerNow } from '../../../shared/format.ts';
import {
  budgetUnitLabels,
  budgetUnits,
  campaignKindLabels,
  campaignKinds,
  campaignTargetGroupLabels,
  campaignTargetGroups,
  channelOfUnit,
  createCampaignBody,
  payoutChannelLabels,
  payoutChannels,
  requiredDocument,
  reviewerTierLabels,
  reviewerTiers,
  type ReviewerTier,
  type BudgetUnit,
  type CampaignKind,
  type CreateCampaignInput,
  type PayoutChannel,
} from '../../../../contracts/campaigns.ts';
import type { MemberGroup } from '../../../../contracts/members.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { MemberAgeItem } from '../../components/RangeItem.tsx';
import { zodRule } from '../../rules.ts';
import { useMe } from '../../session.tsx';
import { formatAmount, toApiAmount, unitSuffix } from './campaignLabels.ts';
import { PageTitle } from '../../components/PageTitle.tsx';

/** Documents members are most often asked for, with the codes the API keeps them under. */
const commonDocuments: { key: string; label: string }[] = [
  { key: 'admission_letter', label: '录取通知书' },
  { key: 'hardship_proof', label: '困难证明' },
  { key: 'id_card', label: '身份证' },
  { key: 'household_register', label: '户口簿' },
  { key: 'income_proof', label: '收入证明' },
  { key: 'medical_proof', label: '病历或诊断证明' },
  { key: 'student_card', label: '学生证' },
];

interface LevelValues {
  name: string;
  reviewerOrgId?: number | null;
  reviewerTier?: ReviewerTier | null;
  deadlineDays: number;
}

interface Values {
  title: string;
  kind: CampaignKind;
  orgId: number;
  description?: string;
  targetGroups: MemberGroup[];
  minMembershipMonths?: number | null;
  minAge?: number | null;
  maxAge?: number | null;
  documents: string[];
  otherDocuments?: { label: string }[];
  window: [Dayjs, Dayjs];
  quota: number;
  awardAmount: number;
  budgetUnit: BudgetUnit;
  budgetTotal: number;
  payoutChannel: PayoutChannel;
  secondApprovalAbove?: number | null;
  lottery: boolean;
  noticeDays: number;
  levels: LevelValues[];
}

const TIME = 'YYYY-MM-DD HH:mm';
const opt = (v: number | null | undefined) => (v == null ? undefined : v);

function initialValues(orgId: number, orgName: string): Partial<Values> {
  const opens = pickerNow().startOf('minute');
  return {
    kind: 'tuition',
    orgId,
    targetGroups: [],
    documents: [],
    window: [opens, opens.add(30, 'day').hour(18).minute(0)],
    budgetUnit: 'yuan',
    payoutChannel: 'bank',
    lottery: false,
    noticeDays: 5,
    levels: [
      { name: '基层工会初审', reviewerOrgId: null, deadlineDays: 5 },
      { name: `${orgName}复审`, reviewerOrgId: orgId, deadlineDays: 7 },
    ],
  };
}

function toBody(v: Values): CreateCampaignInput {
  const docs = [
    ...commonDocuments.filter((d) => v.documents.includes(d.key)),
    ...(v.otherDocuments ?? []).filter((d) => d?.label?.trim()).map((d, i) => ({ key: `other_${i + 1}`, label: d.label.trim() })),
  ];
  return {
    title: v.title.trim(),
    kind: v.kind,
    orgId: v.orgId,
    description: v.description?.trim() || undefined,
    targetGroups: v.targetGroups.length ? v.targetGroups : undefined,
    minMembershipMonths: opt(v.minMembershipMonths),
    minAge: opt(v.minAge),
    maxAge: opt(v.maxAge),
    requiredDocuments: docs.length ? docs : undefined,
    applyOpensAt: fromPicker(v.window[0]),
    applyClosesAt: fromPicker(v.window[1]),
    quota: v.quota,
    awardAmount: toApiAmount(v.awardAmount, v.budgetUnit),
    budgetUnit: v.budgetUnit,
    budgetTotal: toApiAmount(v.budgetTotal, v.budgetUnit),
    payoutChannel: v.payoutChannel,
    secondApprovalAbove: v.secondApprovalAbove == null ? null : toApiAmount(v.secondApprovalAbove, v.budgetUnit),
    lottery: v.lottery,
    noticeDays: v.noticeDays,
    levels: v.levels.map((l) => ({
      name: l.name.trim(),
      reviewerOrgId: l.reviewerOrgId ?? null,
      ...(l.reviewerOrgId == null && l.reviewerTier ? { reviewerTier: l.reviewerTier } : {}),
      deadlineDays: l.deadlineDays,
    })),
  };
}

/** A level's reviewing union: empty for the applicant's own union; shows the name of an org picked before. */
function LevelOrgSelect(props: { value?: number | null; onChange?: (id: number | null) => void; labels: Record<number, string>; remember: (id: number, name: string) => void; 'aria-label': string }) {
  const { value, onChange, labels, remember } = props;
  return (
    <OrgSearchSelect
      aria-label={props['aria-label']}
      placeholder="申请人所在工会（基层初审）"
      allowClear
      style={{ width: 250 }}
      value={value ?? undefined}
      initialLabel={value != null ? labels[value] : undefined}
      onChange={(id, org) => {
        if (org) remember(org.id, org.name);
        onChange?.(id ?? null);
      }}
    />
  );
}

export function PublishCampaignPage() {
  const me = useMe();
  const [orgLabels, setOrgLabels] = useState<Record<number, string>>({ [me.org.id]: me.org.name });
  const remember = (id: number, name: string) => setOrgLabels((m) => (m[id] === name ? m : { ...m, [id]: name }));
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const unit: BudgetUnit = Form.useWatch('budgetUnit', form) ?? 'yuan';
  const quota = Form.useWatch('quota', form);
  const award = Form.useWatch('awardAmount', form);
  const budget = Form.useWatch('budgetTotal', form);
  const lottery = Form.useWatch('lottery', form);
  const needed = quota && award ? toApiAmount(award, unit) * quota : undefined;

  async function submit(v: Values) {
    setBusy(true);
    setProblem(undefined);
    try {
      const c = await api.post('/api/campaigns', { body: toBody(v) });
      message.success(`已发布：${c.title}`);
      navigate(`/campaigns/${c.id}`);
    } catch (err) {
      setProblem(errorMessage(err));
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<PageTitle>发布帮扶活动</PageTitle>} className="cmp-form-card">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues(me.org.id, me.org.name)}
        onFinish={(v) => void submit(v)}
        onFinishFailed={() => message.warning('还有内容需要填写或修改，请查看标红的项目')}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.budgetUnit) form.setFieldValue('payoutChannel', channelOfUnit[changed.budgetUnit]);
        }}
        scrollToFirstError
        requiredMark="optional"
        className="cmp-form"
      >
        {problem && <Alert type="error" showIcon message="未能发布" description={problem} style={{ marginBottom: 16 }} closable onClose={() => setProblem(undefined)} />}
        <Divider orientation="left" orientationMargin={0}>基本信息</Divider>
        <Form.Item
          name="title"
          label="活动名称"
          validateFirst
          rules={[{ required: true, whitespace: true, message: '请输入活动名称' }, { min: 2, message: '活动名称至少 2 个字' }, zodRule(createCampaignBody.shape.title)]}
        >
          <Input placeholder="如：2026 年化州市金秋助学" maxLength={100} showCount />
        </Form.Item>
        <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={campaignKinds.map((k) => ({ value: k, label: campaignKindLabels[k] }))} />
        </Form.Item>
        <Form.Item name="orgId" label="发布单位" extra="该工会及其下级组织的会员可以申请（活动范围）" rules={[{ required: true, message: '请选择发布单位' }]}>
          <OrgSearchSelect aria-label="发布单位" initialLabel={me.org.name} style={{ width: '100%', maxWidth: 420 }} onChange={(id, org) => org && remember(org.id, org.name)} />
        </Form.Item>
        <Form.Item name="description" label="活动说明" extra="资助对象、标准、申请须知、联系人和电话；会员在手机上看到">
          <Input.TextArea rows={4} maxLength={8000} showCount placeholder="如：资助本市困难职工子女 2026 年考入全日制普通高校，每人 2000 元……" />
        </Form.Item>

        <Divider orientation="left" orientationMargin={0}>申请条件与材料</Divider>
        <Form.Item name="targetGroups" label="面向群体" extra="不选为全体会员；选了则只有属于其中一类的会员可以申请">
          <Checkbox.Group options={campaignTargetGroups.map((g) => ({ value: g, label: campaignTargetGroupLabels[g] }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <MemberAgeItem />
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="minMembershipMonths" label="入会满">
              <InputNumber min={0} max={600} precision={0} addonAfter="个月" placeholder="不限" style={{ width: 200 }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="documents" label="须上传的材料" extra="每项材料会员上传一个文件（照片或 PDF）；最多 6 项">
          <Checkbox.Group options={commonDocuments.map((d) => ({ value: d.key, label: d.label }))} />
        </Form.Item>
        <Form.List name="otherDocuments">
          {(fields, { add, remove }) => (
            <div className="cmp-other-docs">
              {fields.map((f, i) => (
                <Space key={f.key} align="start">
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写材料名称' }, zodRule(requiredDocument.shape.label)]}>
                    <Input placeholder="材料名称，如“村（居）委会证明”" maxLength={50} style={{ width: 280 }} aria-label={`其他材料 ${i + 1}`} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={`删除其他材料 ${i + 1}`} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} disabled={fields.length >= 3}>
                其他材料
              </Button>
            </div>
          )}
        </Form.List>

        <Divider orientation="left" orientationMargin={0}>名额与预算</Divider>
        <Form.Item name="window" label="申请时间" rules={[{ required: true, message: '请选择申请时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format={TIME} placeholder={['申请开始', '申请截止']} />
        </Form.Item>
        <Form.Item name="budgetUnit" label="预算单位" rules={[{ required: true }]} extra="元：银行转账到会员登记的银行卡；积分：记入会员积分；物资：会员签收">
          <Radio.Group optionType="button" options={budgetUnits.map((u) => ({ value: u, label: budgetUnitLabels[u] }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="quota" label="资助名额" rules={[{ required: true, message: '请输入名额' }]}>
              <InputNumber min={1} max={1_000_000} precision={0} addonAfter="人" style={{ width: '100%' }} placeholder="如 50" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="awardAmount" label="每人资助" rules={[{ required: true, message: '请输入每人资助金额' }]}>
              <InputNumber min={unit === 'yuan' ? 0.01 : 1} max={1e10} precision={unit === 'yuan' ? 2 : 0} addonAfter={unitSuffix[unit]} style={{ width: '100%' }} placeholder="如 2000" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="budgetTotal" label="预算总额" rules={[{ required: true, message: '请输入预算总额' }]}>
              <InputNumber min={unit === 'yuan' ? 0.01 : 1} max={1e10} precision={unit === 'yuan' ? 2 : 0} addonAfter={unitSuffix[unit]} style={{ width: '100%' }} placeholder="如 100000" />
            </Form.Item>
          </Col>
        </Row>
        {needed !== undefined && (
          <Typography.Paragraph type={budget && toApiAmount(budget, unit) < needed ? 'warning' : 'secondary'} className="cmp-hint">
            名额 × 每人资助 = {formatAmount(needed, unit)}
            {budget ? `；预算 ${formatAmount(toApiAmount(budget, unit), unit)}${toApiAmount(budget, unit) < needed ? '，不够全部名额：公示时超出预算的部分不能进入公示' : ''}` : ''}
          </Typography.Paragraph>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="payoutChannel" label="发放渠道" rules={[{ required: true }]}>
              <Radio.Group>
                <Space direction="vertical">
                  {payoutChannels.map((ch) => (
                    <Radio key={ch} value={ch} disabled={ch !== channelOfUnit[unit]}>
                      {payoutChannelLabels[ch]}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="secondApprovalAbove" label="复核金额" tooltip="经办人执行发放后，单笔超过该金额的须由另一名管理员或审核员复核才发出" extra="单笔超过此数须第二人复核；不填为无需复核">
              <InputNumber min={0} max={1e10} precision={unit === 'yuan' ? 2 : 0} addonAfter={unitSuffix[unit]} placeholder="不需复核" style={{ width: 220 }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>逐级审核</Divider>
        <Typography.Paragraph type="secondary" className="cmp-hint">
          申请从第 1 级起逐级审核，每级通过后进入下一级；任一级可退回补充材料或不通过。审核单位不填为申请人所在工会（基层初审），也可选由申请人所在的镇（街道）、县（市、区）或地级市工会审核；指定单位时须为发布单位或其下级组织。
        </Typography.Paragraph>
        <Form.List name="levels">
          {(fields, { add, remove }) => (
            <div className="cmp-levels">
              {fields.map((f, i) => (
                <div key={f.key}>
                  {i > 0 && <ArrowDownOutlined className="cmp-level-arrow" />}
                  <div className="cmp-level" data-testid="level-row">
                    <Typography.Text strong className="cmp-level-no">
                      第 {i + 1} 级
                    </Typography.Text>
                    <Form.Item name={[f.name, 'name']} label="名称" rules={[{ required: true, whitespace: true, message: '请填写层级名称' }]}>
                      <Input placeholder="如：基层工会初审" maxLength={50} style={{ width: 170 }} aria-label={`第 ${i + 1} 级名称`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'reviewerOrgId']} label="审核单位">
                      <LevelOrgSelect labels={orgLabels} remember={remember} aria-label={`第 ${i + 1} 级审核单位`} />
                    </Form.Item>
                    <Form.Item noStyle dependencies={[['levels', f.name, 'reviewerOrgId']]}>
                      {() =>
                        form.getFieldValue(['levels', f.name, 'reviewerOrgId']) == null ? (
                          <Form.Item name={[f.name, 'reviewerTier']} label="或由申请人所在的" tooltip="全省（市）性的活动：逐级由申请人所在的镇（街道）、县（市、区）或地级市工会审核，不高于发布单位">
                            <Select<ReviewerTier>
                              allowClear
                              placeholder="本级工会（基层）"
                              aria-label={`第 ${i + 1} 级由申请人所在的哪级工会审核`}
                              style={{ width: 190 }}
                              options={reviewerTiers.map((t) => ({ value: t, label: reviewerTierLabels[t].replace('申请人所在的', '') }))}
                            />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                    <Form.Item name={[f.name, 'deadlineDays']} label="时限" rules={[{ required: true, message: '请填写时限' }]}>
                      <InputNumber min={1} max={90} precision={0} addonAfter="天" style={{ width: 110 }} aria-label={`第 ${i + 1} 级时限`} />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={`删除第 ${i + 1} 级`} onClick={() => remove(f.name)} disabled={fields.length === 1} className="cmp-level-remove" />
                  </div>
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', reviewerOrgId: null, deadlineDays: 7 })} disabled={fields.length >= 6} style={{ marginTop: 8 }}>
                添加一级
              </Button>
            </div>
          )}
        </Form.List>

        <Divider orientation="left" orientationMargin={0}>抽签与公示</Divider>
        <Form.Item name="lottery" label="超额抽签" valuePropName="checked" extra="审核通过的人数超过名额时公开抽签：发布时公布种子承诺，抽签后公布种子，任何人可复算">
          <Switch checkedChildren="抽签" unCheckedChildren="不抽签" />
        </Form.Item>
        {!lottery && (
          <Typography.Paragraph type="secondary" className="cmp-hint">
            不抽签时，审核通过的申请按预算进入公示，超出名额或预算的不能进入。
          </Typography.Paragraph>
        )}
        <Form.Item name="noticeDays" label="公示天数" rules={[{ required: true, message: '请填写公示天数' }]} extra="公示期间会员可看到脱敏名单并提出异议；期满无异议的确定资助，然后发放">
          <InputNumber min={1} max={30} precision={0} addonAfter="天" style={{ width: 160 }} />
        </Form.Item>

        <Space className="cmp-form-actions">
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            发布帮扶活动
          </Button>
          <Button size="large" onClick={() => navigate('/campaigns')}>
            返回列表
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
