// 申请入会: real-name joining in at most six inputs — name, ID number, then the employer (or the
// switch for no fixed employer, the platform and the town), and the consent. Sex and birth date are
// read from the ID number and shown, not asked. The answer names the union and says why.
import './membership.css';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Form } from 'antd-mobile';
import { alertDialog, confirmDialog } from '../components/dialogs.ts';
import { CheckCircleFill } from 'antd-mobile-icons';
import type { z } from 'zod';
import type { applicationSchema, joinResponse } from '../../../contracts/members.ts';
import { api } from '../../shared/api.ts';
import { ConsentItem, DocLink, FormNotice, SubmitFooter } from '../components/forms.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { formatDate } from '../../shared/format.ts';
import { checkIdNumber } from './idNumber.ts';
import { IdentityFields } from './IdentityFields.tsx';
import { ResultView } from './ResultView.tsx';
import { holdIdentity } from './identityHandoff.ts';
import { consentSummary, showPrivacyNotice } from './privacy.tsx';
import { WorkFields, workBody, workFieldOfError, useWorkForm, type WorkValues } from '../components/WorkFields.tsx';
import { PageLoading, useMemberSession, useWorker } from '../session.tsx';

type JoinResult = z.infer<typeof joinResponse>;
type Application = z.infer<typeof applicationSchema>;

interface Values extends WorkValues {
  name: string;
  idNumber: string;
  consent: boolean;
}

/** Which field a server error belongs to. */
const fieldOfError: Record<string, keyof Values> = {
  ...workFieldOfError,
  invalid_id_number: 'idNumber',
  under_age: 'idNumber',
  consent_required: 'consent',
};

/** Under the ID number: the sex and birth date read from it, or what will be read. */
function IdDerived({ idNumber }: { idNumber: string | undefined }) {
  const c = checkIdNumber(idNumber);
  if (c.kind !== 'ok') return <span>性别、出生日期将从身份证号自动识别</span>;
  return (
    <div className="m-field-ok" data-testid="id-derived">
      <CheckCircleFill aria-hidden /> {c.sex === 'male' ? '男' : '女'} · {formatDate(c.birthDate)}出生 · {c.age} 岁
    </div>
  );
}

export function JoinResultView({ result }: { result: JoinResult }) {
  const approved = result.status === 'approved';
  return (
    <ResultView
      testId="join-result"
      done={approved}
      title={approved ? '入会成功' : '申请已提交'}
      union={
        <>
          您将加入：<strong>{result.org.name}</strong>
        </>
      }
      tag={approved ? '已入会' : '待审核'}
      reason={result.reason}
      next={approved ? '会员号和电子会员证已发放，可在“我的”中查看。' : '工会审核后将以短信通知您，也可随时在“我的”中查看进度。'}
      actions={[
        { text: approved ? '查看我的会员信息' : '查看审核进度', to: '/me' },
        { text: '返回首页', to: '/' },
      ]}
    />
  );
}

export function JoinPage() {
  const navigate = useNavigate();
  const worker = useWorker();
  const { refresh } = useMemberSession();
  const { form, needName, submitting, problem, run } = useWorkForm<Values>(fieldOfError);
  const idNumber = Form.useWatch<string | undefined>('idNumber', form);
  const [result, setResult] = useState<JoinResult>();
  const [pending, setPending] = useState<Application | null | undefined>(undefined);

  // A worker whose application is being reviewed is shown its progress, not a second form.
  useEffect(() => {
    if (worker.member) return;
    api
      .get('/api/me/applications')
      .then((list) => setPending(list.items.find((a) => a.status === 'pending') ?? null))
      .catch(() => setPending(null));
  }, [worker.member]);

  useEffect(() => {
    if (!result && (worker.member || pending)) navigate('/me', { replace: true });
  }, [worker.member, pending, result, navigate]);

  const submit = (v: Values) =>
    run(
      async () => {
        const res = await api.post('/api/members/join', {
          body: { name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), ...workBody(v, needName), consent: v.consent },
        });
        setResult(res);
        void refresh();
      },
      (err) => {
        if (err.code === 'already_member') {
          // The ID number is a member's on another phone: carry what was typed to 更换手机号.
          holdIdentity({ name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase() });
          void confirmDialog({
            title: '您已是工会会员',
            content: err.message,
            confirmText: '转到本手机号',
            cancelText: '关闭',
            onConfirm: () => navigate('/me/phone'),
          });
          return true;
        }
        if (err.code === 'application_pending') {
          void alertDialog({ content: err.message, confirmText: '查看进度', onConfirm: () => navigate('/me') });
          return true;
        }
        return false;
      },
    );

  if (!result && pending === undefined && !worker.member) return <PageLoading />;

  return (
    <MemberScreen title="申请入会" onBack={() => navigate('/')}>
      {result ? (
        <JoinResultView result={result} />
      ) : (
        <>
          <div className="m-join-intro">
            <div className="m-join-intro-title">实名入会，约 1 分钟</div>
            <div className="m-join-intro-sub">提交后立即告诉您将加入哪个工会。登录手机：{worker.phoneMasked}</div>
            <Link className="m-join-intro-link" to="/me/phone">
              已是会员、换了新手机号？将会籍转到本手机号
            </Link>
          </div>
          <FormNotice>{problem?.message}</FormNotice>
          <Form
            form={form}
            layout="vertical"
            mode="card"
            onFinish={submit}
            initialValues={{ isGig: false, consent: false }}
            className="m-join-form"
            footer={<SubmitFooter loading={submitting}>提交入会申请</SubmitFooter>}
          >
            <Form.Header>本人信息</Form.Header>
            <IdentityFields form={form} idDescription={<IdDerived idNumber={idNumber} />} />
            <Form.Header>工作情况</Form.Header>
            <WorkFields form={form} needName={needName} />
            <ConsentItem
              className="m-consent m-join-consent"
              refusal="请阅读并同意个人信息处理告知"
              description={<div className="m-consent-summary">{consentSummary}</div>}
              large
            >
              我同意工会按上述方式处理我的身份证号等个人信息
            </ConsentItem>
            <div className="m-consent-link">
              <DocLink role="button" onOpen={showPrivacyNotice}>
                阅读《个人信息处理告知》全文
              </DocLink>
            </div>
          </Form>
        </>
      )}
    </MemberScreen>
  );
}
