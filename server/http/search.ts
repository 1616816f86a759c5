// Search helpers for repositories: name pairs (the gh_bigrams() index) and LIKE patterns.

/** Character pairs of a query, computed exactly as gh_bigrams() computes them for names. */
export function bigramsOf(q: string): string[] {
  const chars = [...q.toLowerCase()];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}

export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, '\\$&')}%`;
}
