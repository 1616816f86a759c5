// Who is using the member site: loaded from GET /api/me, set by the log-in page, refreshed after
// joining, cleared on log-out or when a request answers that the session is gone. A staff session in
// the same browser counts as nobody here: the member site is for workers.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { SpinLoading } from 'antd-mobile';
import type { MemberMe } from '../../contracts/auth.ts';
import { useSessionState } from '../shared/session.ts';

interface MemberSessionValue {
  /** undefined while the first GET /api/me is under way; null when no worker is logged in. */
  me: MemberMe | null | undefined;
  signedIn(me: MemberMe): void;
  /** Reads GET /api/me again (after joining or a transfer). */
  refresh(): Promise<MemberMe | null>;
  signOut(): Promise<void>;
}

const MemberSessionContext = createContext<MemberSessionValue | undefined>(undefined);

export function MemberSessionProvider({ children }: { children: ReactNode }) {
  const { me, signedIn, refresh, signOut } = useSessionState('member');
  const value = useMemo<MemberSessionValue>(() => ({ me, signedIn, refresh, signOut }), [me, signedIn, refresh, signOut]);
  return <MemberSessionContext.Provider value={value}>{children}</MemberSessionContext.Provider>;
}

export function useMemberSession(): MemberSessionValue {
  const s = useContext(MemberSessionContext);
  if (!s) throw new Error('useMemberSession outside MemberSessionProvider');
  return s;
}

/** The logged-in worker; only for pages behind RequireWorker. */
export function useWorker(): MemberMe {
  const { me } = useMemberSession();
  if (!me) throw new Error('useWorker without a session');
  return me;
}

export function PageLoading() {
  return (
    <div className="m-page m-page-center">
      <SpinLoading color="primary" />
    </div>
  );
}

/** Pages for a logged-in worker: others go to the log-in page and come back afterwards. */
export function RequireWorker({ children }: { children: ReactNode }) {
  const { me } = useMemberSession();
  const location = useLocation();
  if (me === undefined) return <PageLoading />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
