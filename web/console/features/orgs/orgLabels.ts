// How the tree's levels and kinds are shown, and which level may sit under which.
import { canBeChildOf, orgKindLabels, orgLevelLabels, type OrgDetail, type orgKinds, type orgLevels } from '../../../../contracts/orgs.ts';

export type OrgLevel = (typeof orgLevels)[number];
export type OrgKind = (typeof orgKinds)[number];

export const levelOrder: OrgLevel[] = ['province', 'city', 'county', 'town', 'grassroots'];

export { canBeChildOf };

export function childLevelsOf(parent: OrgLevel): OrgLevel[] {
  return levelOrder.filter((l) => canBeChildOf(l, parent));
}

export const levelOptions = (levels: OrgLevel[]) => levels.map((l) => ({ value: l, label: orgLevelLabels[l] }));
export const kindOptions = (Object.keys(orgKindLabels) as OrgKind[]).map((k) => ({ value: k, label: orgKindLabels[k] }));

/** The kind a new union most likely has at a level, as the form's first guess. */
export function defaultKindFor(level: OrgLevel): OrgKind {
  return level === 'grassroots' ? 'enterprise' : 'general';
}

/** What the detail panel gives each of its dialogs: the union, and what to do after the write. */
export interface OrgModalProps {
  org: OrgDetail;
  onCancel: () => void;
  onDone: (org: OrgDetail) => void | Promise<void>;
}
