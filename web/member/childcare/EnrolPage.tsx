// 为孩子报名: the child (name, birth year, sex, school and grade), the guardian (默认本人), allergies and
// health notes, an emergency contact, the adults who may pick the child up, and — apart from
// everything else — the guardian's consent to the collection of a minor's data (PIPL Art. 28, 31),
// with the text of what is collected, why, who sees it and how long it is kept. Without the tick the
// form is not sent and nothing is stored.
import './childcare.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Form, Input, Result, Selector, TextArea } from 'antd-mobile';
import type { EnrolInput, MyEnrolment } from '../../../contracts/childcare.ts';
import { ApiError } from '../../shared/api.ts';
import { api } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { useIdempotentPost } from '../../shared/useIdempotentPost.ts';
import { DetailPage } from '../components/DetailPage.tsx';
import { ConsentItem, FormNotice, SubmitFooter, requiredMatching, useSubmit } from '../components/forms.tsx';
import { agesText } from './labels.ts';

interface Values {
  childName: string;
  birthYear: string;
  sex?: string[];
  school?: string;
  grade?: string;
  guardianName?: string;
  guardianPhone?: string;
  allergies?: string;
  healthNotes?: string;
  emergencyName: string;
  emergencyPhone: string;
  adult1Name: string;
  adult1Relation: string;
  adult1Phone: string;
  adult2Name?: string;
  adult2Relation?: string;
  adult2Phone?: string;
  consent?: boolean;
}

const PHONE = /^1[3-9][0-9]{9}$/;
const fieldOfError: Record<string, keyof Values> = { childcare_age_out_of_range: 'birthYear', childcare_child_already_enrolled: 'childName', childcare_consent_required: 'consent' };
const trimmed = (s: string | undefined) => s?.trim() ?? '';

function bodyOf(v: Values): EnrolInput {
  const adults = [{ name: trimmed(v.adult1Name), relation: trimmed(v.adult1Relation), phone: trimmed(v.adult1Phone) }];
  if (trimmed(v.adult2Name)) adults.push({ name: trimmed(v.adult2Name), relation: trimmed(v.adult2Relation), phone: trimmed(v.adult2Phone) });
  return {
    childName: trimmed(v.childName),
    birthYear: Number(v.birthYear),
    sex: (v.sex?.[0] as 'male' | 'female' | undefined) ?? null,
    school: trimmed(v.school),
    grade: trimmed(v.grade),
    ...(trimmed(v.guardianName) ? { guardianName: trimmed(v.guardianName) } : {}),
    ...(trimmed(v.guardianPhone) ? { guardianPhone: trimmed(v.guardianPhone) } : {}),
    allergies: trimmed(v.allergies),
    healthNotes: trimmed(v.healthNotes),
    emergencyName: trimmed(v.emergencyName),
    emergencyPhone: trimmed(v.emergencyPhone),
    pickupAdults: adults,
    consent: v.consent === true,
  };
}

export function EnrolPage() {
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const detail = useDetail(`childcare ${id}`, () => api.get('/api/me/childcare/programmes/:id', { params: { id } }));
  const [form] = Form.useForm<Values>();
  const { submitting, problem, run } = useSubmit(form, fieldOfError);
  const { post } = useIdempotentPost('/api/me/childcare/programmes/:id/enrolments');
  const [done, setDone] = useState<MyEnrolment>();

  const submit = (v: Values) =>
    run(async () => {
      const outcome = await post({ params: { id }, body: bodyOf(v) });
      if (outcome.kind === 'refused') throw new ApiError(outcome.code, outcome.message, 400);
      if (outcome.kind === 'unsure') throw new ApiError('network_error', outcome.message, 0);
      setDone(outcome.answer);
    });

  return (
    <DetailPage title="为孩子报名" detail={detail} back={`/childcare/${id}`} notFound="项目不存在或不面向您" backLabel="返回">
      {(p) =>
        done ? (
          <div className="m-scroll">
            <Result status="success" title="报名已提交" description={`${done.childNameMasked} 报名“${p.title}”，状态：待抽签。报名截止后录取，结果将以短信通知您。`} />
            <div className="cc-actions">
              <Button block color="primary" shape="rounded" onClick={() => navigate('/me/childcare')} data-testid="to-my-enrolments">
                查看我的报名
              </Button>
            </div>
          </div>
        ) : (
          <div className="m-scroll">
            <FormNotice testId="enrol-problem">{problem?.message}</FormNotice>
            <Form
              form={form}
              layout="vertical"
              mode="card"
              onFinish={submit}
              footer={
                <SubmitFooter loading={submitting} disabled={!p.signupOpen}>
                  提交报名
                </SubmitFooter>
              }
            >
              <Form.Header>
                {p.title}（招收 {agesText(p)}）
              </Form.Header>
              <Form.Item name="childName" label="孩子姓名" rules={[{ required: true, message: '请填写孩子姓名' }, { min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
                <Input placeholder="与户口本一致" autoComplete="off" />
              </Form.Item>
              <Form.Item name="birthYear" label="出生年份" rules={requiredMatching('请填写出生年份', /^(19|20)[0-9]{2}$/, '请填写 4 位年份，如 2018')}>
                <Input inputMode="numeric" placeholder="如 2018" maxLength={4} />
              </Form.Item>
              <Form.Item name="sex" label="性别（可不填）">
                <Selector options={[{ label: '男', value: 'male' }, { label: '女', value: 'female' }]} />
              </Form.Item>
              <Form.Item name="school" label="学校（可不填）" rules={[{ max: 60, message: '最多 60 个字' }]}>
                <Input placeholder="如 大塘镇中心小学" />
              </Form.Item>
              <Form.Item name="grade" label="年级（可不填）" rules={[{ max: 20, message: '最多 20 个字' }]}>
                <Input placeholder="如 二年级" />
              </Form.Item>
              <Form.Header>监护人</Form.Header>
              <Form.Item name="guardianName" label="监护人姓名（不填为本人）" description={`默认：${p.guardianDefault.name ?? '本人'}`} rules={[{ min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
                <Input placeholder={p.guardianDefault.name ?? ''} />
              </Form.Item>
              <Form.Item name="guardianPhone" label="监护人手机号（不填为本人）" description={`默认：${p.guardianDefault.phoneMasked}`} rules={[{ pattern: PHONE, message: '请输入 11 位手机号码' }]}>
                <Input type="tel" inputMode="tel" maxLength={11} />
              </Form.Item>
              <Form.Header>健康与安全</Form.Header>
              <Form.Item name="allergies" label="过敏情况（没有可不填）" rules={[{ max: 200, message: '最多 200 个字' }]}>
                <Input placeholder="如 花生、海鲜、青霉素" />
              </Form.Item>
              <Form.Item name="healthNotes" label="健康情况和注意事项（可不填）" rules={[{ max: 300, message: '最多 300 个字' }]}>
                <TextArea rows={2} placeholder="如 哮喘，随身带药" />
              </Form.Item>
              <Form.Item name="emergencyName" label="紧急联系人" rules={[{ required: true, message: '请填写紧急联系人' }, { min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="emergencyPhone" label="紧急联系人手机号" rules={requiredMatching('请填写紧急联系人手机号', PHONE, '请输入 11 位手机号码')}>
                <Input type="tel" inputMode="tel" maxLength={11} />
              </Form.Item>
              <Form.Header>可以接孩子的成年人</Form.Header>
              <Form.Item name="adult1Name" label="接送人姓名" rules={[{ required: true, message: '请至少填写一位接送人' }, { min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="adult1Relation" label="与孩子关系" rules={[{ required: true, message: '请填写关系，如 母亲' }, { max: 10, message: '最多 10 个字' }]}>
                <Input placeholder="如 母亲" />
              </Form.Item>
              <Form.Item name="adult1Phone" label="接送人手机号" rules={requiredMatching('请填写接送人手机号', PHONE, '请输入 11 位手机号码')}>
                <Input type="tel" inputMode="tel" maxLength={11} />
              </Form.Item>
              <Form.Item name="adult2Name" label="第二位接送人姓名（可不填）" rules={[{ min: 2, max: 30, message: '姓名为 2–30 个字' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="adult2Relation" label="与孩子关系" dependencies={['adult2Name']} rules={[({ getFieldValue }) => ({ required: !!trimmed(getFieldValue('adult2Name') as string), message: '请填写关系' })]}>
                <Input placeholder="如 父亲" />
              </Form.Item>
              <Form.Item
                name="adult2Phone"
                label="第二位接送人手机号"
                dependencies={['adult2Name']}
                rules={[({ getFieldValue }) => ({ required: !!trimmed(getFieldValue('adult2Name') as string), message: '请填写手机号' }), { pattern: PHONE, message: '请输入 11 位手机号码' }]}
              >
                <Input type="tel" inputMode="tel" maxLength={11} />
              </Form.Item>
              <Form.Header>儿童个人信息收集同意</Form.Header>
              <p className="cc-consent-text" id="cc-consent-text" data-testid="consent-text">
                {p.consentText}
              </p>
              <ConsentItem refusal="请监护人勾选同意，未同意不能报名，信息也不会被保存" className="cc-consent" large>
                我是孩子的监护人，已阅读并单独同意上述儿童个人信息的收集和使用
              </ConsentItem>
            </Form>
          </div>
        )
      }
    </DetailPage>
  );
}
