// The payouts tile's SQL (一屏总览): money paid to members' bank accounts, confirmed in the period, in fen,
// per head of the member's union at the time of the payout (payout.org_path).
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export function sumPaidFen(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<{ head: string; n: string }[]> {
  return q.query<{ head: string; n: string }>(
    `SELECT ${headOf('org_path')} AS head, sum(amount)::bigint AS n FROM payout
      WHERE ${withinSubtree('org_path', 1)} AND channel = 'bank' AND state = 'confirmed' AND confirmed_at >= $2 AND confirmed_at < $3
      GROUP BY 1`,
    [root, start, end],
  );
}
