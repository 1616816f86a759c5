import { z } from 'zod';
import { idString, paging, text } from './common.ts';

export const orgLevels = ['province', 'city', 'county', 'town', 'grassroots'] as const;
export const orgKinds = ['general', 'federation', 'enterprise', 'institution', 'other'] as const;
export const federationTypes = ['town', 'village', 'community', 'park', 'industry', 'platform'] as const;

export type OrgLevel = (typeof orgLevels)[number];
const levelRank: Record<OrgLevel, number> = { province: 1, city: 2, county: 3, town: 4, grassroots: 5 };

/** A child sits below its parent's level; a grassroots union may also sit under a grassroots federation. */
export function canBeChildOf(child: OrgLevel, parent: OrgLevel): boolean {
  return levelRank[child] > levelRank[parent] || (child === 'grassroots' && parent === 'grassroots');
}

export const orgLevelLabels: Record<(typeof orgLevels)[number], string> = {
  province: '省总工会',
  city: '市总工会',
  county: '区县总工会',
  town: '镇街总工会',
  grassroots: '基层工会',
};
export const orgKindLabels: Record<(typeof orgKinds)[number], string> = {
  general: '地方总工会',
  federation: '工会联合会',
  enterprise: '企业工会',
  institution: '机关事业单位工会',
  other: '其他',
};
export const federationTypeLabels: Record<(typeof federationTypes)[number], string> = {
  town: '镇街',
  village: '村',
  community: '社区',
  park: '园区',
  industry: '行业',
  platform: '平台',
};

const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^81[0-9A-HJ-NP-RTUW-Y]{16}$/, '工会统一社会信用代码应为 18 位，以 81 开头');
const isoDate = z.iso.date().describe('YYYY-MM-DD');

export const orgSummary = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable().describe('上级组织；本账号管理范围的根组织为 null'),
  parentName: z.string().nullable().describe('上级组织名称（区分同名组织）；管理范围的根组织为 null'),
  name: z.string(),
  level: z.enum(orgLevels),
  kind: z.enum(orgKinds),
  federationType: z.enum(federationTypes).nullable(),
  status: z.enum(['active', 'closed']),
  childCount: z.number().int().describe('直属下级组织数（有效）'),
  closedChildCount: z.number().int().describe('直属下级组织中已撤销的数目'),
  memberCount: z.number().int().describe('本组织及全部下级组织的在册会员数'),
});
export type OrgSummary = z.infer<typeof orgSummary>;

export const orgDetail = orgSummary.extend({
  regionCode: z.string().nullable(),
  industry: z.string().nullable(),
  creditCode: z.string().nullable(),
  chairName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedReason: z.string().nullable(),
  directMemberCount: z.number().int().describe('直属本组织的在册会员数'),
  orgCount: z.number().int().describe('本组织及全部下级组织数'),
  ancestors: z
    .array(z.object({ id: z.number().int(), name: z.string() }))
    .describe('从管理范围的根组织到上级组织的路径'),
  enterprise: z
    .object({ id: z.number().int(), name: z.string(), employers: z.number().int().describe('该工会覆盖的单位数（联合建会时多于 1）') })
    .nullable()
    .describe('以本组织为工会的单位（企业档案）：单独建会的优先；null：不是任何单位的工会'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgDetail = z.infer<typeof orgDetail>;

export const orgChildrenQuery = z.strictObject({
  ...paging,
  pageSize: paging.pageSize.default(100),
  status: z.enum(['active', 'closed', 'all']).default('active'),
});

export const orgSearchQuery = z.strictObject({
  ...paging,
  q: text(1, 50).optional().describe('名称关键字（两个字及以上走索引）'),
  rootId: idString('只在该组织之下查找').optional(),
  level: z.enum(orgLevels).optional(),
  kind: z.enum(orgKinds).optional(),
  status: z.enum(['active', 'closed', 'all']).default('active'),
});

export const foundOrgBody = z.strictObject({
  parentId: z.number().int().positive(),
  name: text(2, 100),
  level: z.enum(orgLevels),
  kind: z.enum(orgKinds),
  federationType: z.enum(federationTypes).optional(),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字').optional(),
  industry: text(1, 50).optional(),
  creditCode: creditCode.optional(),
  chairName: text(1, 50).optional(),
  foundedOn: isoDate.optional(),
});

export const updateOrgBody = z
  .strictObject({
    name: text(2, 100),
    kind: z.enum(orgKinds),
    federationType: z.enum(federationTypes).nullable(),
    regionCode: z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字').nullable(),
    industry: text(1, 50).nullable(),
    creditCode: creditCode.nullable(),
    chairName: text(1, 50).nullable(),
    foundedOn: isoDate.nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' });

export const moveOrgBody = z.strictObject({ newParentId: z.number().int().positive() });
export const closeOrgBody = z.strictObject({ reason: text(2, 200) });
