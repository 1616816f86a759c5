// 更换手机号: a member who changed phone number logs in with the new one (the SMS code proves it),
// gives name and ID number, and the membership moves here — number, card and history stay; the old
// phone is told and logged out. When that cannot be proved online, the page says what to do next.
import './membership.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Form } from 'antd-mobile';
import { PhoneFill } from 'antd-mobile-icons';
import type { MemberMe } from '../../../contracts/auth.ts';
import { api } from '../../shared/api.ts';
import { FormNotice, SubmitFooter, useSubmit } from '../components/forms.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { IdentityFields } from './IdentityFields.tsx';
import { takeIdentity } from './identityHandoff.ts';
import { ResultView } from './ResultView.tsx';
import { useMemberSession, useWorker } from '../session.tsx';

interface Values {
  name: string;
  idNumber: string;
}

/** Where to go when self-service cannot prove it. */
function OtherWays() {
  return (
    <section className="m-card m-phone-help" data-testid="phone-help">
      <div className="m-phone-help-title">无法在线核验时</div>
      <ul>
        <li>携带本人身份证到所在工会（或工作所在地镇街工会）的服务窗口，工作人员核验证件后为您更换手机号；</li>
        <li>
          拨打 <a href="tel:12351">12351</a> 职工服务热线咨询。
        </li>
      </ul>
    </section>
  );
}

function Done({ me }: { me: MemberMe }) {
  const m = me.member!;
  return (
    <ResultView
      testId="phone-change-result"
      done
      title="会籍已转到本手机号"
      union={
        <>
          {m.name}，会员号 <strong>{m.memberNo ?? '—'}</strong>
        </>
      }
      tag={m.org.name}
      next="会员号、电子会员证和会籍历史不变。原手机号已收到短信通知，并已退出登录。"
      actions={[
        { text: '查看电子会员证', to: '/card' },
        { text: '返回我的', to: '/me' },
      ]}
    />
  );
}

export function PhoneChangePage() {
  const navigate = useNavigate();
  const worker = useWorker();
  const { signedIn } = useMemberSession();
  const [form] = Form.useForm<Values>();
  const [initial] = useState(() => takeIdentity());
  const { submitting, problem, run } = useSubmit(form);
  const [done, setDone] = useState<MemberMe>();

  const submit = (v: Values) =>
    run(
      async () => {
        const me = await api.post('/api/me/phone-change', { body: { name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase() } });
        setDone(me);
        signedIn(me);
      },
      (err) => {
        if (err.code !== 'invalid_id_number') return false;
        form.setFields([{ name: 'idNumber', errors: [err.message] }]);
        return true;
      },
    );

  return (
    <MemberScreen title="更换手机号" onBack={() => navigate('/me')}>
      {done ? (
        <Done me={done} />
      ) : worker.member ? (
        <div className="m-card m-not-member">
          <p>
            本手机号 {worker.phoneMasked} 已是会员 {worker.member.name} 的登录手机号，无需更换。
          </p>
          <Button block color="primary" shape="rounded" onClick={() => navigate('/card')}>
            查看电子会员证
          </Button>
        </div>
      ) : (
        <>
          <div className="m-join-intro">
            <div className="m-join-intro-title">
              <PhoneFill aria-hidden /> 将会籍转到本手机号
            </div>
            <div className="m-join-intro-sub">
              您已用新手机号 {worker.phoneMasked} 登录。填写姓名和身份证号，与工会会员信息一致即可转到本手机号；会员号和电子会员证不变，原手机号将收到短信通知。
            </div>
          </div>
          <FormNotice testId="phone-change-problem">{problem?.message}</FormNotice>
          <Form
            form={form}
            layout="vertical"
            mode="card"
            onFinish={submit}
            initialValues={initial}
            footer={
              <SubmitFooter loading={submitting} disabled={problem?.code === 'phone_change_locked'}>
                核验并转到本手机号
              </SubmitFooter>
            }
          >
            <Form.Header>会员本人信息</Form.Header>
            <IdentityFields form={form} />
          </Form>
          <OtherWays />
        </>
      )}
    </MemberScreen>
  );
}
