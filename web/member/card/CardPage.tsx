// 电子会员证: the member's card — number, union, masked name, the services on it — and a QR code of
// a signed token that lives 2 minutes, fetched anew every minute with a countdown, so a screenshot
// of it is worthless soon after. A screen reader hears 二维码已刷新 once per new code (a polite live
// region), never the seconds of the countdown.
import './card.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, NoticeBar, ProgressBar } from 'antd-mobile';
import QRCode from 'qrcode';
import type { MyCard } from '../../../contracts/cards.ts';
import { api, ApiError, errorMessage } from '../../shared/api.ts';
import { ApplicationStateCard, isOpenOrRefused, useLatestApplication } from '../components/ApplicationState.tsx';
import { LoadingCard, MemberScreen } from '../components/Screen.tsx';
import { ServiceGrid } from '../services.tsx';

/** 8860000000123458 → 8860 0000 0012 3458 */
function groupDigits(s: string): string {
  return s.replace(/(.{4})(?=.)/g, '$1 ');
}

interface Loaded {
  card: MyCard;
  qr: string;
  /** when this token was fetched (ms), to count down to the next one */
  fetchedAt: number;
}

export function CardPage() {
  const navigate = useNavigate();
  const [loaded, setLoaded] = useState<Loaded>();
  const [refusal, setRefusal] = useState<ApiError>();
  const [problem, setProblem] = useState<string>();
  const [now, setNow] = useState(() => Date.now());
  /** How many times a new code replaced the one shown: each one is announced once. */
  const [refreshes, setRefreshes] = useState(0);
  const busy = useRef(false);
  /** Whether a code is on screen (a new one then is a refresh). */
  const shown = useRef(false);
  // Not a member yet: an application under review or refused says so, instead of offering 立即入会.
  const app = useLatestApplication(refusal?.code === 'not_a_member');

  const load = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      const card = await api.get('/api/me/card');
      const qr = await QRCode.toDataURL(card.token, { errorCorrectionLevel: 'M', margin: 1, width: 520 });
      if (shown.current) setRefreshes((n) => n + 1);
      shown.current = true;
      setLoaded({ card, qr, fetchedAt: Date.now() });
      setProblem(undefined);
      setRefusal(undefined);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'not_a_member' || err.code === 'card_revoked')) {
        setRefusal(err);
        setLoaded(undefined);
        shown.current = false;
      } else {
        // keep showing the current code while it lasts; try again on the next tick
        setProblem(`${errorMessage(err)}（将自动重试）`);
      }
    } finally {
      busy.current = false;
      setNow(Date.now());
    }
  }, []);

  useEffect(() => {
    void load();
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  const refreshEvery = (loaded?.card.refreshAfterSeconds ?? 60) * 1000;
  const dueIn = loaded ? Math.max(0, loaded.fetchedAt + refreshEvery - now) : 0;
  const expired = loaded ? now >= new Date(loaded.card.expiresAt).getTime() : false;

  useEffect(() => {
    // every minute a new code; after a failure, every 5 seconds until one comes
    if (refusal) return;
    const retrying = problem !== undefined;
    if (retrying ? Math.floor(now / 1000) % 5 === 0 : loaded !== undefined && dueIn === 0) void load();
  }, [dueIn, loaded, load, now, problem, refusal]);

  const seconds = Math.ceil(dueIn / 1000);

  return (
    <MemberScreen title="电子会员证" onBack={() => navigate(-1)} navClassName="c-navbar">
      {problem && <NoticeBar content={problem} color="alert" />}
      {refusal?.code === 'not_a_member' && app === undefined ? (
        <LoadingCard />
      ) : refusal?.code === 'not_a_member' && isOpenOrRefused(app) ? (
        <ApplicationStateCard
          app={app}
          note={app.status === 'pending' ? '审核通过后即可在这里领取电子会员证，结果将以短信通知您。' : undefined}
        />
      ) : refusal ? (
        <section className="m-card c-refusal" data-testid="card-refusal">
          <h2 className="m-section-title">{refusal.code === 'not_a_member' ? '您还不是工会会员' : '会员证已停用'}</h2>
          <p>{refusal.message}</p>
          {refusal.code === 'not_a_member' ? (
            <Button block color="primary" shape="rounded" onClick={() => navigate('/join')}>
              立即入会
            </Button>
          ) : (
            <a className="c-hotline" href="tel:12351">
              职工服务热线 12351
            </a>
          )}
        </section>
      ) : !loaded ? (
        <LoadingCard />
      ) : (
        <>
          <section className="c-card" data-testid="member-card">
            <div className="c-card-top">
              <span className="c-card-emblem" aria-hidden>
                工
              </span>
              <div>
                <div className="c-card-title">中华全国总工会会员证</div>
                <div className="c-card-sub">会员服务卡 · 电子版</div>
              </div>
            </div>
            <div className="c-card-name" data-testid="card-name">
              {loaded.card.name}
            </div>
            <div className="c-card-org">{loaded.card.orgName}</div>
            <dl className="c-card-facts">
              <dt>会员号</dt>
              <dd data-testid="card-member-no">{loaded.card.memberNo}</dd>
              <dt>卡号</dt>
              <dd>{groupDigits(loaded.card.cardNo)}</dd>
            </dl>
            {loaded.card.bank && (
              <div className="c-card-bank">
                联名卡 · {loaded.card.bank.bankName} {loaded.card.bank.bankCardMasked}
              </div>
            )}
          </section>

          <section className="m-card c-qr-card">
            <div className="c-qr-wrap">
              <img
                className={expired ? 'c-qr c-qr-expired' : 'c-qr'}
                src={loaded.qr}
                alt={expired ? '会员证二维码（已过期）' : '会员证二维码：向工作人员出示，扫码验证会员身份'}
                data-testid="card-qr"
                data-token={loaded.card.token}
              />
              {expired && (
                <button type="button" className="c-qr-overlay" onClick={() => void load()}>
                  二维码已过期
                  <br />
                  点击刷新
                </button>
              )}
            </div>
            {/* the countdown under it says the same in words */}
            <ProgressBar percent={(dueIn / refreshEvery) * 100} className="c-qr-progress" aria-hidden />
            {/* A new node per refresh, so that the region announces it again; the countdown below is not live. */}
            <div className="m-sr-only" aria-live="polite" data-testid="card-qr-announce">
              {refreshes > 0 && <span key={refreshes}>二维码已刷新</span>}
            </div>
            <div className="c-qr-note" data-testid="card-countdown">
              {expired ? '请联网后刷新' : `${seconds} 秒后自动刷新`}
              <button type="button" className="c-qr-refresh" onClick={() => void load()}>
                立即刷新
              </button>
            </div>
            <p className="c-qr-hint">请向工作人员出示此码，扫码验证会员身份。二维码每分钟更新，截图无效。</p>
          </section>

          <section className="m-card">
            <h2 className="m-section-title">会员服务</h2>
            <ServiceGrid place="card" />
          </section>
        </>
      )}
    </MemberScreen>
  );
}
