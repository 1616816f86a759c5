// One thing a detail page shows (an activity, a campaign, an org …), loaded by its key: the thing
// once it has come, the ApiError when it could not (404 = not found or out of scope), a reload
// after a write, and setData for a write that answers the new state itself. Plain React, no UI:
// each app draws the states with its own scaffold (console: components/DetailPage.tsx, member:
// components/DetailPage.tsx).
//
//   const detail = useDetail(`activity ${id}`, () => api.get<ActivityDetail>(`/api/activities/${id}`));
//   return <DetailPage detail={detail} notFound="…" back={…}>{(a) => …}</DetailPage>;
//
// The key says when to load again (another id); the loader may change every render.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from './api.ts';

export interface Detail<T> {
  /** undefined until the first answer (a reload keeps the last one shown) */
  data: T | undefined;
  /** why the last load failed; cleared by the next answer */
  problem: ApiError | undefined;
  /** loads again; settles once it has loaded or failed */
  reload: () => Promise<void>;
  setData: (next: T) => void;
}

/** Any thrown value as an ApiError (status 0 when it did not come from the server). */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('error', errorMessage(err), 0);
}

export function useDetail<T>(key: string, load: () => Promise<T>): Detail<T> {
  const [data, setData] = useState<T>();
  const [problem, setProblem] = useState<ApiError>();
  const loader = useRef(load);
  loader.current = load;
  // Only the latest load may answer: an older one arriving late is dropped.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const seq = ++latest.current;
    try {
      const next = await loader.current();
      if (seq !== latest.current) return;
      setData(next);
      setProblem(undefined);
    } catch (err) {
      if (seq === latest.current) setProblem(asApiError(err));
    }
    // the key names what is loaded; the loader is read through its ref
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, problem, reload, setData };
}
