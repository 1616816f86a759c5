// Whole years and months between a calendar date and a moment: ages and lengths of membership.

/** Full years from `from` (YYYY-MM-DD) to the date `at`. */
export function yearsBetween(from: string, at: Date): number {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  let years = at.getFullYear() - y;
  if (at.getMonth() + 1 < m || (at.getMonth() + 1 === m && at.getDate() < d)) years--;
  return years;
}

/** Whole months from `from` (YYYY-MM-DD) to `at`. */
export function monthsBetween(from: string, at: Date): number {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  let months = (at.getFullYear() - y) * 12 + (at.getMonth() + 1 - m);
  if (at.getDate() < d) months--;
  return months;
}
