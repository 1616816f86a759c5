// A worker's join application where the worker looks — the home page's welcome card, the card
// page, 我的 — so that one under review is never offered 立即入会 again: 审核中 with the union it
// went to and when it was submitted, and the way to its progress; a rejected one with the reason and
// the way to apply again.
import '../join/membership.css';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import type { Application } from '../../../contracts/members.ts';
import { api } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';

/**
 * The worker's newest application: undefined while it loads (or when `enabled` is false), null when
 * there is none or it could not be read (the page then offers joining, as before).
 */
export function useLatestApplication(enabled: boolean): Application | null | undefined {
  const [app, setApp] = useState<Application | null | undefined>(undefined);
  useEffect(() => {
    if (!enabled) {
      setApp(undefined);
      return;
    }
    let live = true;
    api
      .get('/api/me/applications', { query: { pageSize: 1 }, quietOnSessionLost: true })
      .then((p) => live && setApp(p.items[0] ?? null))
      .catch(() => live && setApp(null));
    return () => {
      live = false;
    };
  }, [enabled]);
  return app;
}

/** Whether an application is one to show instead of 立即入会: under review, or refused. */
export function isOpenOrRefused(app: Application | null | undefined): app is Application {
  return app?.status === 'pending' || app?.status === 'rejected';
}

/** The application's state in a card: 审核中 (union, when, 查看进度) or 未通过 (reason, 重新申请). */
export function ApplicationStateCard({ app, note }: { app: Application; note?: string }) {
  const navigate = useNavigate();
  const pending = app.status === 'pending';
  return (
    <section className="m-card m-app-state" data-testid="application-state" data-status={app.status}>
      <div className="m-app-state-top">
        <h2 className="m-section-title">{pending ? '入会申请审核中' : '入会申请未通过'}</h2>
        <Tag color={pending ? 'warning' : 'danger'} fill="outline">
          {pending ? '审核中' : '未通过'}
        </Tag>
      </div>
      <dl className="m-facts">
        <dt>申请加入</dt>
        <dd>{app.org.name}</dd>
        <dt>提交时间</dt>
        <dd>{formatDateTime(app.createdAt)}</dd>
        {!pending && (
          <>
            <dt>驳回原因</dt>
            <dd className="m-reject-reason">{app.rejectReason ?? '未说明'}</dd>
          </>
        )}
      </dl>
      <p className="m-app-state-note">{note ?? (pending ? '工会审核后将以短信通知您。' : '可修改信息后重新提交申请。')}</p>
      <div className="m-app-state-actions">
        {pending ? (
          <Button block color="primary" shape="rounded" onClick={() => navigate('/me')}>
            查看审核进度
          </Button>
        ) : (
          <>
            <Button block color="primary" shape="rounded" onClick={() => navigate('/join')}>
              重新申请
            </Button>
            <Button block fill="none" onClick={() => navigate('/me')}>
              查看详情
            </Button>
          </>
        )}
      </div>
    </section>
  );
}

/**
 * Where a page would offer joining (its `children`, with 立即入会): the worker's application under
 * review or refused instead, when there is one.
 */
export function OfferJoin({ children, note }: { children: ReactNode; note?: string }) {
  const app = useLatestApplication(true);
  if (app === undefined) {
    return (
      <div className="m-card m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (isOpenOrRefused(app)) return <ApplicationStateCard app={app} {...(note && app.status === 'pending' ? { note } : {})} />;
  return children;
}

/** Why a member-only page could not load: its stable error code and the server's message. */
export interface LoadProblem {
  code: string;
  message: string;
}

/**
 * A member-only page that could not load: for a worker who is not a member (`joinCodes`), the
 * application under review or the offer to join — "入会后可{what}"; for any other failure, a retry.
 */
export function MemberOnlyProblem({ problem, what, onRetry, joinCodes = ['not_a_member'] }: { problem: LoadProblem; what: string; onRetry: () => void; joinCodes?: string[] }) {
  const navigate = useNavigate();
  if (joinCodes.includes(problem.code)) {
    return (
      <OfferJoin note={`审核通过后即可${what}。`}>
        <ErrorBlock status="empty" title={`入会后可${what}`} description={problem.message}>
          <Button color="primary" onClick={() => navigate('/join')}>
            立即入会
          </Button>
        </ErrorBlock>
      </OfferJoin>
    );
  }
  return (
    <ErrorBlock status="default" title="加载失败" description={problem.message}>
      <Button color="primary" onClick={onRetry}>
        重试
      </Button>
    </ErrorBlock>
  );
}
