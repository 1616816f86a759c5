// 我的: the membership (number, union, status, joined) or, before it, the application's progress
// (提交 → 审核 → 入会) with the reason of a rejection; the way to change employer (会员关系转接).
import '../join/membership.css';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Steps, Tag } from 'antd-mobile';
import { confirmDialog } from '../components/dialogs.ts';
import { BankcardOutline, CalendarOutline, CollectMoneyOutline, ExclamationCircleOutline, GiftOutline, PayCircleOutline, RedoOutline, StarOutline, UserCircleOutline } from 'antd-mobile-icons';
import { memberStatusLabels, type Application, type MemberStatus } from '../../../contracts/members.ts';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { useLatestApplication } from '../components/ApplicationState.tsx';
import { MemberTabBar } from '../components/MemberTabBar.tsx';
import { CareSwitch } from '../components/CareSwitch.tsx';
import { LinkList } from '../components/LinkList.tsx';
import { LawyerLink } from '../lawyer/LawyerLink.tsx';
import { LoadingCard } from '../components/Screen.tsx';
import { useMemberSession, useWorker } from '../session.tsx';

const statusColors: Partial<Record<MemberStatus, string>> = {
  active: 'success',
  transferring: 'primary',
  suspended: 'warning',
  left: 'default',
  deceased: 'default',
};

function statusLabel(s: string): string {
  return memberStatusLabels[s as MemberStatus] ?? s;
}

function ApplicationProgress({ app }: { app: Application }) {
  const navigate = useNavigate();
  const rejected = app.status === 'rejected';
  const approved = app.status === 'approved';
  return (
    <section className="m-card" data-testid="application-progress" data-status={app.status}>
      <div className="m-app-state-top">
        <h2 className="m-section-title">入会申请进度</h2>
        <Tag color={rejected ? 'danger' : approved ? 'success' : 'warning'} fill="outline">
          {rejected ? '未通过' : approved ? '已通过' : '审核中'}
        </Tag>
      </div>
      <div className="m-app-union">
        申请加入：<strong>{app.org.name}</strong>
      </div>
      <p className="m-app-reason">{app.routeReason}</p>
      <Steps direction="vertical" current={approved ? 2 : 1}>
        <Steps.Step title="提交申请" status="finish" description={formatDateTime(app.createdAt)} />
        <Steps.Step
          title={rejected ? '未通过审核' : approved ? '审核通过' : '工会审核中'}
          status={rejected ? 'error' : approved ? 'finish' : 'process'}
          description={
            rejected ? (
              <span className="m-reject-reason">驳回原因：{app.rejectReason ?? '未说明'}</span>
            ) : approved ? (
              formatDateTime(app.decidedAt)
            ) : (
              '审核结果将以短信通知您'
            )
          }
        />
        <Steps.Step
          title="成为会员"
          status={approved ? 'finish' : 'wait'}
          description={approved && app.memberNo ? `会员号 ${app.memberNo}` : '发放会员号和电子会员证'}
        />
      </Steps>
      {rejected && (
        <Button block color="primary" shape="rounded" onClick={() => navigate('/join')}>
          修改信息后重新申请
        </Button>
      )}
    </section>
  );
}

export function MePage() {
  const navigate = useNavigate();
  const worker = useWorker();
  const { refresh, signOut } = useMemberSession();
  const member = worker.member;
  const latest = useLatestApplication(!member);

  useEffect(() => {
    // The membership may have changed since the page was last seen (approved, transferred).
    void refresh();
  }, [refresh]);

  return (
    <div className="m-page">
      <main className="m-scroll">
        <h1 className="m-sr-only">我的</h1>
        <header className="m-me-head">
          <UserCircleOutline className="m-me-avatar" aria-hidden />
          <div>
            <div className="m-me-name">{member?.name ?? latest?.name ?? '职工朋友'}</div>
            <div className="m-me-phone">手机 {worker.phoneMasked}</div>
          </div>
        </header>
        {member ? (
          <section className="m-card m-membership" data-testid="membership">
            <div className="m-membership-top">
              <h2 className="m-section-title">我的会籍</h2>
              <Tag color={statusColors[member.status as MemberStatus] ?? 'default'} fill="outline">
                {statusLabel(member.status)}
              </Tag>
            </div>
            <dl className="m-facts">
              <dt>会员号</dt>
              <dd data-testid="member-no">{member.memberNo ?? '—'}</dd>
              <dt>所属工会</dt>
              <dd>{member.org.name}</dd>
              <dt>入会日期</dt>
              <dd>{formatDate(member.joinedOn)}</dd>
            </dl>
            {member.status === 'transferring' && (
              <div className="m-inline-note">会员关系转接办理中：接收的工会同意后生效，结果将以短信通知您。</div>
            )}
          </section>
        ) : latest === undefined ? (
          <LoadingCard />
        ) : latest ? (
          <ApplicationProgress app={latest} />
        ) : (
          <section className="m-card m-not-member">
            <h2 className="m-section-title">您还不是工会会员</h2>
            <p>实名入会约 1 分钟，入会后可领取电子会员证、报名普惠活动。</p>
            <Button block color="primary" shape="rounded" size="large" onClick={() => navigate('/join')}>
              立即入会
            </Button>
            <Button block fill="none" shape="rounded" onClick={() => navigate('/me/phone')}>
              已是会员、换了手机号？转到本手机号
            </Button>
          </section>
        )}
        {member && (
          <LinkList
            rows={[
              { to: '/card', icon: <BankcardOutline />, label: '电子会员证' },
              { to: '/me/signups', icon: <GiftOutline />, label: '我的报名', description: '报名的普惠活动及状态' },
              { to: '/me/bookings', icon: <CalendarOutline />, label: '我的预约', description: '职工书屋、心灵驿站等场所的预约及签到' },
              { to: '/me/points', icon: <StarOutline />, label: '我的积分', description: '积分余额、明细与兑换' },
              { to: '/me/payouts', icon: <PayCircleOutline />, label: '我的发放', description: '补助、助学金、慰问品的发放进度' },
              { to: '/me/bank-account', icon: <CollectMoneyOutline />, label: '银行卡', description: '工会转账发放的收款账户' },
              { to: '/me/transfer', icon: <RedoOutline />, label: '更换工作单位（会员关系转接）', description: '换了工作？会员号和会员证不变', disabled: member.status !== 'active' },
            ]}
          />
        )}
        <LinkList rows={[{ to: '/me/place-problems', icon: <ExclamationCircleOutline />, label: '我的报告', description: '向驿站、职工之家等阵地报告的问题及工会的处理情况' }]} />
        <LawyerLink />
        <CareSwitch variant="row" className="m-card" />
        <div className="m-logout">
          <Button
            block
            fill="outline"
            shape="rounded"
            onClick={() => {
              void confirmDialog({
                content: '确定退出登录吗？',
                confirmText: '退出',
                onConfirm: async () => {
                  await signOut();
                  navigate('/', { replace: true });
                },
              });
            }}
          >
            退出登录
          </Button>
        </div>
      </main>
      <MemberTabBar />
    </div>
  );
}
