// 更换工作单位（会员关系转接）: the member names the new employer — or the platform and town — with
// the same inputs as joining; the platform finds the receiving union and says why. The member number,
// history and card stay.
import './membership.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Form, Input } from 'antd-mobile';
import type { z } from 'zod';
import type { transferSchema } from '../../../contracts/members.ts';
import { api } from '../../shared/api.ts';
import { FormNotice, SubmitFooter } from '../components/forms.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { ResultView } from './ResultView.tsx';
import { WorkFields, workBody, workFieldOfError, useWorkForm, type WorkValues } from '../components/WorkFields.tsx';
import { useMemberSession, useWorker } from '../session.tsx';

type Transfer = z.infer<typeof transferSchema>;

interface Values extends WorkValues {
  reason?: string;
}


function TransferResult({ t }: { t: Transfer }) {
  const done = t.status === 'accepted';
  return (
    <ResultView
      testId="transfer-result"
      done={done}
      title={done ? '转接完成' : '转接申请已提交'}
      union={
        <>
          转入：<strong>{t.toOrg.name}</strong>
        </>
      }
      tag={done ? '已转入' : '待接收'}
      reason={t.routeReason}
      next={done ? '会员号和电子会员证不变。' : `${t.toOrg.name}同意后生效，结果将以短信通知您；在此之前您仍是${t.fromOrg.name}的会员。`}
      actions={[{ text: '返回我的', to: '/me' }]}
    />
  );
}

export function TransferPage() {
  const navigate = useNavigate();
  const worker = useWorker();
  const { refresh } = useMemberSession();
  const { form, needName, submitting, problem, run } = useWorkForm<Values>(workFieldOfError);
  const [result, setResult] = useState<Transfer>();

  const submit = (v: Values) =>
    run(async () => {
      const reason = v.reason?.trim();
      const t = await api.post('/api/me/transfer', { body: { ...workBody(v, needName), ...(reason ? { reason } : {}) } });
      setResult(t);
      void refresh();
    });

  const member = worker.member;
  return (
    <MemberScreen title="更换工作单位" onBack={() => navigate('/me')}>
      {result ? (
        <TransferResult t={result} />
      ) : !member ? (
        <div className="m-card m-not-member">
          <p>当前登录的手机号 {worker.phoneMasked} 还没有关联会员信息。</p>
          <p>如果您已是会员、只是更换了手机号，请先将会籍转到本手机号，再办理转接。</p>
          <Button block color="primary" shape="rounded" onClick={() => navigate('/me/phone')}>
            转到本手机号
          </Button>
          <Button block fill="none" shape="rounded" onClick={() => navigate('/join')}>
            还不是会员？立即入会
          </Button>
        </div>
      ) : (
        <>
          <div className="m-join-intro">
            <div className="m-join-intro-title">会员关系转接</div>
            <div className="m-join-intro-sub">
              现在所在：{member.org.name}。填写新的工作单位，会员号 {member.memberNo ?? ''} 和电子会员证保持不变。
            </div>
          </div>
          {member.status !== 'active' && (
            <FormNotice>
              {member.status === 'transferring' ? '您已有一项转接正在办理，请等待接收的工会处理。' : '您的会籍当前状态不能办理转接，请联系所在工会。'}
            </FormNotice>
          )}
          <FormNotice>{problem?.message}</FormNotice>
          <Form
            form={form}
            layout="vertical"
            mode="card"
            onFinish={submit}
            initialValues={{ isGig: false }}
            footer={
              <SubmitFooter loading={submitting} disabled={member.status !== 'active'}>
                申请转接
              </SubmitFooter>
            }
          >
            <Form.Header>新的工作情况</Form.Header>
            <WorkFields form={form} needName={needName} switchLabel="新工作无固定单位（新就业形态）" />
            <Form.Item name="reason" label="说明（可不填）" rules={[{ min: 2, max: 200, message: '说明为 2–200 个字' }]}>
              <Input placeholder="如：换了工作" clearable />
            </Form.Item>
          </Form>
        </>
      )}
    </MemberScreen>
  );
}
