// Home: the banner, who you are (or the way to log in, or your join application's state), the
// 关怀模式 switch (on the banner), the services grid, the hotline. In care mode the page is one column: the few
// services an older worker needs first as big rows, the hotline as a big call button, the rest after.
import { useNavigate } from 'react-router-dom';
import { Button, NoticeBar } from 'antd-mobile';
import { PhoneFill, RightOutline } from 'antd-mobile-icons';
import { ApplicationStateCard, isOpenOrRefused, useLatestApplication } from '../components/ApplicationState.tsx';
import { MemberTabBar } from '../components/MemberTabBar.tsx';
import { CareSwitch } from '../components/CareSwitch.tsx';
import { useCareMode } from '../care.ts';
import { CARE_FIRST, ServiceGrid, ServiceRows } from '../services.tsx';
import { useMemberSession } from '../session.tsx';

/** The card under the banner: log in, join, the application under review, or who you are. */
function WelcomeCard() {
  const navigate = useNavigate();
  const { me } = useMemberSession();
  const app = useLatestApplication(Boolean(me && !me.member));
  if (me && !me.member && app === undefined) return <section className="m-card m-login-card m-login-card-loading" aria-busy="true" />;
  if (me && !me.member && isOpenOrRefused(app)) return <ApplicationStateCard app={app} />;
  let title = '您好，欢迎来到智慧工会';
  let sub = '登录后可使用电子会员证、报名普惠活动';
  let action = '登录 / 注册';
  let to = '/login';
  if (me?.member) {
    title = `您好，${me.member.name}`;
    sub = `${me.member.org.name}会员`;
    action = '我的';
    to = '/me';
  } else if (me) {
    title = `您好，${me.phoneMasked}`;
    sub = '您还不是工会会员，实名入会约 1 分钟';
    action = '立即入会';
    to = '/join';
  }
  return (
    // The whole card answers a tap, but only its button is a control: a control inside another
    // confuses screen readers, and the card's name would differ from the words it shows.
    <section className="m-card m-login-card" onClick={() => navigate(to)} data-testid="welcome-card">
      <div>
        <div className="m-login-title">{title}</div>
        <div className="m-login-sub">{sub}</div>
      </div>
      <Button color="primary" size="small" shape="rounded">
        {action}
      </Button>
    </section>
  );
}

/** 12351, the trade unions' hotline for workers: a row, or in care mode a big call button. */
function Hotline({ big }: { big: boolean }) {
  return (
    <a className={big ? 'm-card m-hotline m-hotline-big' : 'm-card m-hotline'} href="tel:12351" data-testid="hotline">
      <PhoneFill className="m-hotline-icon" />
      <div className="m-hotline-text">
        <div className="m-hotline-title">{big ? '拨打职工服务热线 12351' : '职工服务热线 12351'}</div>
        <div className="m-hotline-sub">讨薪维权、法律咨询、困难求助，一拨就通</div>
      </div>
      <RightOutline />
    </a>
  );
}

const NOTICE = '快递小哥、外卖骑手、网约车和货车司机等新就业形态劳动者，均可就近加入工会';

export function HomePage() {
  const [care] = useCareMode();
  return (
    <div className="m-page">
      <main className="m-scroll">
        <header className="m-banner">
          <h1 className="m-banner-title">智慧工会</h1>
          <CareSwitch variant="pill" />
          <div className="m-banner-sub">职工之家 · 掌上服务</div>
          <div className="m-banner-slogan">入会、亮证、报名、求助，一部手机全办好</div>
        </header>
        {/* In care mode the notice stands still, wrapped: no marquee a slow reader has to chase. */}
        <NoticeBar key={care ? 'still' : 'moving'} className="m-notice" content={NOTICE} color="alert" wrap={care} />
        <WelcomeCard />
        {care ? (
          <>
            {/* The tasks an older worker needs first, the hotline as a big call button, then the rest. */}
            <section className="m-card">
              <h2 className="m-section-title">常用服务</h2>
              <ServiceRows place="home" only={CARE_FIRST} />
            </section>
            <Hotline big />
            <section className="m-card">
              <h2 className="m-section-title">更多服务</h2>
              <ServiceRows place="home" except={CARE_FIRST} />
            </section>
          </>
        ) : (
          <>
            <section className="m-card">
              <h2 className="m-section-title">会员服务</h2>
              <ServiceGrid place="home" />
            </section>
            <Hotline big={false} />
          </>
        )}
        <footer className="m-foot">广东省总工会 · 智慧工会</footer>
      </main>
      <MemberTabBar />
    </div>
  );
}
