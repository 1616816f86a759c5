// The part of the union tree the browser has loaded: one node per org, children loaded page by page
// when a node is opened. Kept in a ref and versioned, so a chain of loads (revealing a search hit
// deep in the tree) always sees what the previous load added.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { OrgDetail, OrgSummary } from '../../../../contracts/orgs.ts';
import { api, errorMessage } from '../../../shared/api.ts';

/** Children per request: the API's maximum, so most unions show all their children at once. */
export const CHILD_PAGE_SIZE = 200;

interface ChildList {
  ids: number[];
  total: number;
  pagesLoaded: number;
}

interface Store {
  nodes: Map<number, OrgSummary>;
  children: Map<number, ChildList>;
}

function summaryOf(d: OrgDetail): OrgSummary {
  const { id, parentId, parentName, name, level, kind, federationType, status, childCount, closedChildCount, memberCount } = d;
  return { id, parentId, parentName, name, level, kind, federationType, status, childCount, closedChildCount, memberCount };
}

export interface OrgTree {
  /** Changes whenever the loaded part of the tree changes. */
  version: number;
  rootId: number;
  getNode(id: number): OrgSummary | undefined;
  getChildren(id: number): ChildList | undefined;
  isLoaded(id: number): boolean;
  loadError: string | undefined;
  /** Loads a node's first page of children (once), or its next page when `more`. */
  loadChildren(id: number, more?: boolean): Promise<void>;
  /** Loads the path from the root to an org; returns its detail and the ids to expand. */
  reveal(id: number): Promise<{ detail: OrgDetail; path: number[] }>;
  /** Reloads an org's own figures and its first page of children (after founding or closing below it). */
  refresh(id: number): Promise<void>;
  /** Shows an org's new attributes without reloading. */
  replaceNode(org: OrgDetail): void;
  /** Forgets everything and reloads from the root (after a move, whose counts change along two paths). */
  reset(): Promise<void>;
}

export function useOrgTree(rootId: number, showClosed: boolean): OrgTree {
  const store = useRef<Store>({ nodes: new Map(), children: new Map() });
  const generation = useRef(0);
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  const [loadError, setLoadError] = useState<string>();
  const status = showClosed ? 'all' : 'active';

  const fetchChildren = useCallback(
    async (id: number, page: number) => {
      const gen = generation.current;
      const res = await api.get('/api/orgs/:id/children', { params: { id }, query: {
        page,
        pageSize: CHILD_PAGE_SIZE,
        status,
      } });
      if (gen !== generation.current) return;
      const s = store.current;
      for (const o of res.items) s.nodes.set(o.id, o);
      const before = page > 1 ? (s.children.get(id)?.ids ?? []) : [];
      const ids = [...new Set([...before, ...res.items.map((o) => o.id)])];
      s.children.set(id, { ids, total: res.total, pagesLoaded: page });
      bump();
    },
    [status],
  );

  const loadChildren = useCallback(
    async (id: number, more = false) => {
      const list = store.current.children.get(id);
      if (list && !more) return;
      try {
        await fetchChildren(id, list && more ? list.pagesLoaded + 1 : 1);
        setLoadError(undefined);
      } catch (err) {
        setLoadError(errorMessage(err));
        throw err;
      }
    },
    [fetchChildren],
  );

  const loadRoot = useCallback(async () => {
    generation.current += 1;
    const gen = generation.current;
    store.current = { nodes: new Map(), children: new Map() };
    bump();
    try {
      const root = await api.get('/api/orgs/:id', { params: { id: rootId } });
      if (gen !== generation.current) return;
      store.current.nodes.set(root.id, summaryOf(root));
      await fetchChildren(rootId, 1);
      setLoadError(undefined);
    } catch (err) {
      if (gen === generation.current) setLoadError(errorMessage(err));
    }
  }, [rootId, fetchChildren]);

  useEffect(() => {
    void loadRoot();
  }, [loadRoot]);

  const reveal = useCallback(
    async (id: number) => {
      const detail = await api.get('/api/orgs/:id', { params: { id } });
      const path = detail.ancestors.map((a) => a.id);
      for (const a of path) await loadChildren(a);
      const s = store.current;
      s.nodes.set(detail.id, summaryOf(detail));
      const parent = path.at(-1);
      const siblings = parent === undefined ? undefined : s.children.get(parent);
      // A hit beyond the loaded page of a very large union is shown under its parent anyway.
      if (siblings && !siblings.ids.includes(detail.id)) siblings.ids.push(detail.id);
      bump();
      return { detail, path };
    },
    [loadChildren],
  );

  const refresh = useCallback(
    async (id: number) => {
      const detail = await api.get('/api/orgs/:id', { params: { id } });
      store.current.nodes.set(id, summaryOf(detail));
      await fetchChildren(id, 1);
    },
    [fetchChildren],
  );

  const replaceNode = useCallback((org: OrgDetail) => {
    store.current.nodes.set(org.id, summaryOf(org));
    bump();
  }, []);

  return useMemo<OrgTree>(
    () => ({
      version,
      rootId,
      getNode: (id) => store.current.nodes.get(id),
      getChildren: (id) => store.current.children.get(id),
      isLoaded: (id) => store.current.children.has(id),
      loadError,
      loadChildren,
      reveal,
      refresh,
      replaceNode,
      reset: loadRoot,
    }),
    [version, rootId, loadError, loadChildren, reveal, refresh, replaceNode, loadRoot],
  );
}
