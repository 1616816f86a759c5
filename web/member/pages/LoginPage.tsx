// Member log-in by phone number and SMS code (POST /api/auth/sms-code, then /api/auth/member-login).
// Afterwards: back where the worker came from, else to joining (not a member yet) or 我的. On a demo
// server the page shows the code it "sent" and demo members to log in as.
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Form, Input, Toast, type InputRef } from 'antd-mobile';
import { api, ApiError, errorMessage } from '../../shared/api.ts';
import { ConsentItem, DocLink, FormNotice, keepFocus, requiredMatching, SubmitFooter, useSubmit } from '../components/forms.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { DemoLoginHint, readDemoCode, useDemoInfo } from '../components/DemoLoginHint.tsx';
import { showUserAgreement } from '../join/agreement.tsx';
import { showPrivacyNotice } from '../join/privacy.tsx';
import { useMemberSession } from '../session.tsx';

const PHONE = /^1[3-9]\d{9}$/;
const CODE = /^\d{6}$/;
const RESEND_SECONDS = 60;

interface Values {
  phone: string;
  code: string;
  consent: boolean;
}

/**
 * Fields are checked when left, but an error already shown goes away as soon as the value is
 * fixed — not at the next tap, where the form would shift under the finger.
 */
function clearErrorWhenFixed(form: ReturnType<typeof Form.useForm<Values>>[0], name: keyof Values) {
  return () => {
    if (form.getFieldError(name).length > 0) setTimeout(() => void form.validateFields([name]).catch(() => undefined), 0);
  };
}

export function LoginPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const { signedIn } = useMemberSession();
  const from = (location.state as { from?: string } | null)?.from;
  const [form] = Form.useForm<Values>();
  const [countdown, setCountdown] = useState(0);
  const [sending, setSending] = useState(false);
  const { submitting, problem, setProblem, run } = useSubmit(form);
  const demo = useDemoInfo();
  const [demoCode, setDemoCode] = useState<string>();
  /** After a code is sent: how many minutes it stays valid, said for as long as the page is open. */
  const [validMinutes, setValidMinutes] = useState<number>();
  const codeInput = useRef<InputRef>(null);

  useEffect(() => {
    if (countdown <= 0) return;
    const t = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(t);
  }, [countdown]);

  async function sendCode() {
    try {
      await form.validateFields(['phone']);
    } catch {
      return;
    }
    setSending(true);
    setProblem(undefined);
    setDemoCode(undefined);
    setValidMinutes(undefined);
    try {
      const phone = (form.getFieldValue('phone') as string).trim();
      const sent = await api.post('/api/auth/sms-code', { body: { phone }, quietOnSessionLost: true });
      setCountdown(sent.resendAfterSeconds || RESEND_SECONDS);
      // Not a toast that vanishes before a slow reader has read it: a line under the form that stays.
      setValidMinutes(Math.max(1, Math.floor(sent.expiresInSeconds / 60)));
      // the button is disabled now, which would drop the focus: on to the code, the next thing to type
      codeInput.current?.focus();
      // On the demo the code appears in the 演示环境 box instead of a text message.
      if (demo?.demo) setDemoCode(await readDemoCode(phone));
    } catch (err) {
      setProblem({ code: err instanceof ApiError ? err.code : 'error', message: errorMessage(err) });
    } finally {
      setSending(false);
    }
  }

  const submit = (v: Values) =>
    run(async () => {
      const res = await api.post('/api/auth/member-login', { body: { phone: v.phone.trim(), code: v.code.trim() }, quietOnSessionLost: true });
      signedIn(res.me);
      Toast.show({ icon: 'success', content: '登录成功' });
      navigate(from && from !== '/login' ? from : res.me.member ? '/me' : '/join', { replace: true });
    });

  return (
    <MemberScreen title="登录 / 注册" onBack={() => navigate('/')} className="m-login-page">
      <div className="m-login-head">
        <div className="m-login-logo">工</div>
        <div className="m-login-welcome">手机号快捷登录</div>
        <div className="m-login-tip">未注册的手机号验证后自动注册</div>
      </div>
      <FormNotice>{problem?.message}</FormNotice>
      {demo?.demo && (
        <DemoLoginHint
          info={demo}
          code={demoCode}
          onUsePhone={(phone) => {
            form.setFieldValue('phone', phone);
            setDemoCode(undefined);
            void form.validateFields(['phone']).catch(() => undefined);
          }}
          onUseCode={(code) => {
            form.setFieldValue('code', code);
            void form.validateFields(['code']).catch(() => undefined);
          }}
        />
      )}
      <Form
        form={form}
        layout="horizontal"
        mode="card"
        onFinish={submit}
        initialValues={{ consent: false }}
        footer={<SubmitFooter loading={submitting}>登录</SubmitFooter>}
      >
        <Form.Item
          name="phone"
          label="手机号"
          validateTrigger="onBlur"
          rules={requiredMatching('请输入手机号码', PHONE, '请输入正确的 11 位手机号码')}
        >
          <Input
            type="tel"
            inputMode="numeric"
            maxLength={11}
            placeholder="请输入手机号码"
            autoComplete="tel"
            onChange={clearErrorWhenFixed(form, 'phone')}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label="验证码"
          validateTrigger="onBlur"
          rules={requiredMatching('请输入验证码', CODE, '请输入 6 位数字验证码')}
          extra={
            <button
              type="button"
              className="m-code-button"
              disabled={countdown > 0 || sending}
              onMouseDown={keepFocus}
              onClick={() => void sendCode()}
            >
              {countdown > 0 ? `${countdown} 秒后重发` : sending ? '发送中…' : '获取验证码'}
            </button>
          }
        >
          <Input
            ref={codeInput}
            inputMode="numeric"
            maxLength={6}
            placeholder="6 位数字"
            autoComplete="one-time-code"
            onChange={clearErrorWhenFixed(form, 'code')}
          />
        </Form.Item>
        {/* Right under the code; there from the start (empty) so that screen readers announce it. */}
        <div className="m-code-sent" role="status" data-testid="code-validity">
          {validMinutes ? `验证码已发送，${validMinutes} 分钟内有效，不必着急；没收到可稍后重新获取。` : ''}
        </div>
        <ConsentItem className="m-consent" refusal="请先阅读并同意用户服务协议和个人信息处理告知">
          我已阅读并同意
          <DocLink testId="agreement-link" stop onOpen={showUserAgreement}>
            《用户服务协议》
          </DocLink>
          和
          <DocLink testId="privacy-link" stop onOpen={showPrivacyNotice}>
            《个人信息处理告知》
          </DocLink>
        </ConsentItem>
      </Form>
      <div className="m-login-help">
        收不到验证码？请确认手机号正确，或拨打 <a href="tel:12351">12351</a> 咨询
      </div>
    </MemberScreen>
  );
}
