// A WHERE clause built condition by condition: each value becomes the next numbered parameter.
// For the list queries whose filters are all optional (find members, search unions).

export interface SqlConditions {
  params: unknown[];
  where: string[];
  /** Adds `value` as the next parameter and the condition `cond` writes with its placeholder ($n). */
  add(value: unknown, cond: (placeholder: string) => string): void;
}

/** Starts from conditions that already use `params` ($1 … in order). */
export function sqlConditions(params: unknown[], where: string[]): SqlConditions {
  return {
    params,
    where,
    add(value, cond) {
      params.push(value);
      where.push(cond(`$${params.length}`));
    },
  };
}
