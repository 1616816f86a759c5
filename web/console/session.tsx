// Who is logged in to the console: loaded from GET /api/me, set by the login page, cleared on
// logout or when any request answers that the session is gone.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { mayExport, type StaffMe, type StaffRole } from '../../contracts/auth.ts';
import { ApiError } from '../shared/api.ts';
import { useSessionState } from '../shared/session.ts';

interface SessionValue {
  /** undefined while the first GET /api/me is under way; null when nobody is logged in. */
  me: StaffMe | null | undefined;
  /** Why the user was sent to the login page (e.g. 登录已超时), shown there once. */
  notice: string | undefined;
  signedIn(me: StaffMe): void;
  signOut(): Promise<void>;
  hasRole(role: StaffRole): boolean;
  /** Whether the roles may export or download records (the server's one rule, contracts/auth.ts). */
  canExport: boolean;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<string>();
  const { me, signedIn: keep, signOut: end } = useSessionState('staff', {
    // This tab was logged in: "请先登录" would puzzle; say the log-in ended (password reset elsewhere, logged out).
    onLost: (err) => setNotice(err.code === 'not_logged_in' ? '登录已失效，请重新登录' : err.message),
    onFirstReadFailed: (err) => {
      if (err instanceof ApiError && err.code === 'session_expired') setNotice(err.message);
    },
  });

  const signedIn = useCallback(
    (m: StaffMe) => {
      setNotice(undefined);
      keep(m);
    },
    [keep],
  );

  const signOut = useCallback(async () => {
    try {
      await end();
    } finally {
      setNotice('您已安全退出');
    }
  }, [end]);

  const value = useMemo<SessionValue>(
    () => ({ me, notice, signedIn, signOut, hasRole: (role) => !!me?.roles.includes(role), canExport: !!me && mayExport(me.roles) }),
    [me, notice, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The logged-in staff member; only for pages behind the login guard. */
export function useMe(): StaffMe {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
