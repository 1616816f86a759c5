// One paged list of the console (Page<T> from the API), typed from its route like api.get:
// usePagedList('/api/activities/:id/signups', { params: { id }, query: { status } }, opts). Its page and
// page size, the rows of the page and the Table's pagination props; loads again when the params, the
// query or the page changes, and a query that changes (compared by value) goes back to page 1.
// Failures show as a message.
import { useCallback, useEffect, useRef, useState } from 'react';
import { App, type TablePaginationConfig } from 'antd';
import type { JsonPathsOf, ParamsOf, QueryOf, ResponseOf } from '../../../contracts/api-routes.ts';
import { errorMessage, request, routeUrl, type Page, type Query } from '../../shared/api.ts';

/** The GET routes that answer one page of a list ({ items, total }). */
export type PagedPaths = { [P in JsonPathsOf<'GET'>]: ResponseOf<'GET', P> extends Page<unknown> ? P : never }[JsonPathsOf<'GET'>];
/** A row of a paged route's answer. */
export type RowOf<P extends PagedPaths> = ResponseOf<'GET', P> extends Page<infer T> ? T : never;
/** A paged route's filters; the page and its size are the list's own. */
export type FiltersOf<P extends PagedPaths> = Omit<NonNullable<QueryOf<'GET', P>>, 'page' | 'pageSize'>;
/** The list's second argument: the path's params when it has any, and the filters. */
export type ListArgs<P extends PagedPaths> = (ParamsOf<'GET', P> extends undefined ? { params?: undefined } : { params: ParamsOf<'GET', P> }) & {
  query?: FiltersOf<P>;
};

export interface PagedListOptions {
  /** The count at the pager's left, e.g. (t) => `共 ${formatCount(t)} 条`. */
  showTotal?: (total: number) => string;
  /** As antd's own: true always offers the page sizes; left out, only lists of more than 50 rows do. */
  showSizeChanger?: boolean;
}

export interface PagedList<T> {
  data: Page<T>;
  loading: boolean;
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  /** Loads the current page again (after a write); settles once it has loaded or failed. */
  reload: () => Promise<void>;
  /** For the Table's pagination prop. */
  pagination: TablePaginationConfig;
}

export function usePagedList<P extends PagedPaths>(path: P, args: ListArgs<P>, opts: PagedListOptions = {}): PagedList<RowOf<P>> {
  const { params, query } = args as { params?: Record<string, string | number>; query?: Query };
  const url = routeUrl(path, params);
  const { message } = App.useApp();
  const queryKey = JSON.stringify(query ?? {});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<Page<RowOf<P>>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  // Another query is another list: back to its page 1 in this render, before anything is fetched.
  const [shownKey, setShownKey] = useState(queryKey);
  if (shownKey !== queryKey) {
    setShownKey(queryKey);
    setPage(1);
  }
  // Only the latest request may set the rows: an older answer arriving late is dropped.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const seq = ++latest.current;
    setLoading(true);
    try {
      const next = await request<Page<RowOf<P>>>('GET', url, { query: { ...(JSON.parse(queryKey) as Query), page, pageSize } });
      if (seq === latest.current) setData(next);
    } catch (err) {
      if (seq === latest.current) message.error(errorMessage(err));
    } finally {
      if (seq === latest.current) setLoading(false);
    }
  }, [url, queryKey, page, pageSize, message]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: data.total,
    showSizeChanger: opts.showSizeChanger,
    showTotal: opts.showTotal,
    onChange: (p, s) => {
      setPage(s === pageSize ? p : 1);
      setPageSize(s);
    },
  };
  return { data, loading, page, pageSize, setPage, reload, pagination };
}
