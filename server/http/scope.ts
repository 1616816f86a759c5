// The scope gate (数据权限). A staff account sees its own org and everything below it, nothing else.
// Every read or write of scoped data goes through this file: repositories take a `Scope`, which
// only this module can make, and put `scopeFilter()` into their WHERE clause. An org outside the
// scope is indistinguishable from one that does not exist (404 not_found).
import type { Queryable } from '../db/client.ts';
import { AppError } from '../errors.ts';

declare const scopeBrand: unique symbol;
declare const orgPathBrand: unique symbol;

/**
 * The ltree path of a subtree root a repository may read under: the scope's own root, or an org
 * read through the gate (`getOrgInScope`). Only this module makes one, so a repository taking an
 * `OrgPath` cannot be handed a path nobody checked.
 */
export type OrgPath = string & { readonly [orgPathBrand]: true };

export interface Scope {
  readonly orgId: number;
  /** ltree path of the scope's root org, e.g. '1.22.345'. */
  readonly path: OrgPath;
  readonly [scopeBrand]: true;
}

/** Made only from the logged-in account's own org (see the session resolution). */
export function makeScope(orgId: number, path: string): Scope {
  return { orgId, path: path as OrgPath } as Scope;
}

/**
 * SQL condition: the ltree column `pathColumn` lies in the scope. `param` is the placeholder
 * number the caller gives to `scope.path` in its parameter list.
 */
export function scopeFilter(pathColumn: string, param: number): string {
  return `${pathColumn} <@ $${param}::ltree`;
}

/**
 * SQL condition: the ltree `column` lies in the subtree rooted at `root` (an ltree expression:
 * another column such as `c.path`, or a cast parameter). Same operator as `scopeFilter`, for a
 * root that is not the caller's own Scope — a filter org already checked against the scope, or a
 * row's own path.
 */
export function within(column: string, root: string): string {
  return `${column} <@ ${root}`;
}

/**
 * SQL condition: the ltree `column` lies in the subtree whose root path is parameter `param`
 * (a path already checked against the scope, e.g. a filter org read through the gate).
 */
export function withinSubtree(column: string, param: number): string {
  return within(column, `$${param}::ltree`);
}

/**
 * SQL condition: the ltree `column` is `path` or one of its ancestors (the reverse of `within`);
 * `path` is an ltree expression, a column or a cast parameter.
 */
export function containing(column: string, path: string): string {
  return `${column} @> ${path}`;
}

/**
 * SQL condition: the member "reach" check — the publishing org's path `orgPath` is the member's
 * own org path `memberPath` or one of its ancestors, so the member may take part in what that
 * org runs. Both are ltree expressions: columns (`o.path`, `mo.path`) or a cast parameter.
 */
export function memberInReach(orgPath: string, memberPath: string): string {
  return containing(orgPath, memberPath);
}

/**
 * SQL condition: the scope (the ltree parameter `param`, the caller's `scope.path`) does NOT lie in
 * the subtree whose root is the nullable ltree `column` — a record kept from the staff of one
 * subtree whatever their scope (a rights ticket from its employer's own union). NULL keeps nobody out.
 */
export function notInside(column: string, param: number): string {
  return `(${column} IS NULL OR NOT ($${param}::ltree <@ ${column}))`;
}

export interface ScopedOrgRef {
  id: number;
  /** read through the gate, so a subtree root repositories accept */
  path: OrgPath;
  parentId: number | null;
  level: string;
  status: string;
  name: string;
}

/** The org `id` if it lies in the scope; 404 not_found otherwise — whether or not it exists. */
export async function getOrgInScope(db: Queryable, scope: Scope, id: number): Promise<ScopedOrgRef> {
  const rows = await db.query<ScopedOrgRef>(
    `SELECT id, path::text AS path, parent_id AS "parentId", level, status, name
       FROM org WHERE id = $1 AND ${scopeFilter('path', 2)}`,
    [id, scope.path],
  );
  const org = rows[0];
  if (!org) throw new AppError('not_found');
  return org;
}

/** Whether an ltree path lies in the scope (for rows already read). */
export function isPathInScope(scope: Scope, path: string): boolean {
  return path === scope.path || path.startsWith(`${scope.path}.`);
}
