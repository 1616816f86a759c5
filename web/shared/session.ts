// Who is logged in, as both apps keep it: read from GET /api/me when the app opens (undefined until
// it answers, null for nobody), set by the log-in page, read again on refresh(), cleared on log-out or
// when any request answers that the session is gone. Each app takes only its own kind of session
// (staff in the console, workers on the member site) and adds its own words around it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ResponseOf } from '../../contracts/api-routes.ts';
import { api, ApiError, setCsrfToken, setSessionLostHandler } from './api.ts';

type AnyMe = ResponseOf<'GET', '/api/me'>;

async function readMe<K extends AnyMe['kind']>(kind: K): Promise<Extract<AnyMe, { kind: K }> | null> {
  const me = await api.get('/api/me', { quietOnSessionLost: true });
  if (me.kind !== kind) return null;
  setCsrfToken(me.csrfToken);
  return me as Extract<AnyMe, { kind: K }>;
}

export function useSessionState<K extends AnyMe['kind']>(
  kind: K,
  hooks: {
    /** A request answered that the session is gone (after the token is forgotten, before `me` becomes null). */
    onLost?: (err: ApiError) => void;
    /** The first GET /api/me failed (`me` becomes null). */
    onFirstReadFailed?: (err: unknown) => void;
  } = {},
) {
  type Me = Extract<AnyMe, { kind: K }>;
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const latest = useRef(hooks);
  latest.current = hooks;

  useEffect(() => {
    setSessionLostHandler((err) => {
      setCsrfToken(undefined);
      latest.current.onLost?.(err);
      setMe(null);
    });
    readMe(kind).then(setMe, (err: unknown) => {
      latest.current.onFirstReadFailed?.(err);
      setMe(null);
    });
    return () => setSessionLostHandler(undefined);
  }, [kind]);

  const signedIn = useCallback((m: Me) => {
    setCsrfToken(m.csrfToken);
    setMe(m);
  }, []);

  /** Reads GET /api/me again (after joining or a transfer); null when it cannot be read. */
  const refresh = useCallback(async () => {
    const m = await readMe(kind).catch(() => null);
    setMe(m);
    return m;
  }, [kind]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', { quietOnSessionLost: true });
    } finally {
      setCsrfToken(undefined);
      setMe(null);
    }
  }, []);

  return { me, signedIn, refresh, signOut };
}
