// Who is logged in to the console: loaded from GET /api/me, set by the login page, cleared on
// logout or when any request answers that the session is gone.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { mayExport, type StaffMe, type StaffRole } from '../../contracts/auth.ts';
import { api, ApiError, setCsrfToken, setSessionLostHandler } from '../shared/api.ts';

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
  const [me, setMe] = useState<StaffMe | null | undefined>(undefined);
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    setSessionLostHandler((err) => {
      setCsrfToken(undefined);
      // This tab was logged in: "请先登录" would puzzle; say the log-in ended (password reset elsewhere, logged out).
      setNotice(err.code === 'not_logged_in' ? '登录已失效，请重新登录' : err.message);
      setMe(null);
    });
    api
      .get<StaffMe>('/api/me', undefined, { quietOnSessionLost: true })
      .then((m) => {
        setCsrfToken(m.csrfToken);
        setMe(m);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.code === 'session_expired') setNotice(err.message);
        setMe(null);
      });
    return () => setSessionLostHandler(undefined);
  }, []);

  const signedIn = useCallback((m: StaffMe) => {
    setCsrfToken(m.csrfToken);
    setNotice(undefined);
    setMe(m);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', { quietOnSessionLost: true });
    } finally {
      setCsrfToken(undefined);
      setNotice('您已安全退出');
      setMe(null);
    }
  }, []);

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
