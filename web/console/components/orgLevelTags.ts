// How a union's level is tagged wherever a union is shown (the tree, the union pickers): a short
// label and a colour per level.
import type { orgLevels } from '../../../contracts/orgs.ts';

type OrgLevel = (typeof orgLevels)[number];

/** Short labels for the tree's tags (the full ones are in contracts). */
export const levelShortLabels: Record<OrgLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  town: '镇街',
  grassroots: '基层',
};

export const levelColors: Record<OrgLevel, string> = {
  province: 'magenta',
  city: 'volcano',
  county: 'orange',
  town: 'blue',
  grassroots: 'green',
};
