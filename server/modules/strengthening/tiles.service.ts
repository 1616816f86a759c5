// 强基 tiles of the subtree dashboard: 模范职工之家 designated in the period, and the share of active
// grassroots unions registered as legal persons. Port: server/http/dashboard-tile.ts.
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { legalPersonRate } from '../enterprises/strengthening-metrics.service.ts';
import { modelHomesDesignated } from './strengthening.repo.ts';

export const modelHomesTile: DashboardTile = {
  id: 'strengthening.modelHomes',
  area: 'strengthening',
  label: '评定模范职工之家',
  unit: 'count',
  kind: 'flow',
  async compute(q, at) {
    const rows = await modelHomesDesignated(q, at.root, beijingDay(at.period.start), beijingDay(at.period.end));
    const byHead = new Map(rows.map((r) => [r.head, r.n]));
    return {
      root: rows.reduce((s, r) => s + r.n, 0),
      byChild: new Map(at.children.map((c) => [c.id, byHead.get(c.path) ?? 0])),
    };
  },
};

export const legalPersonRateTile: DashboardTile = {
  id: 'strengthening.legalPersonRate',
  area: 'strengthening',
  label: '基层工会法人登记率',
  unit: 'ratio',
  kind: 'stock',
  compute: (q, at) => legalPersonRate(q, at.root, at.children),
};

export const strengtheningTiles: readonly DashboardTile[] = [modelHomesTile, legalPersonRateTile];
