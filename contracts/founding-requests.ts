// 我要建会 (design: docs/design/enterprise-file.md §9 "Member site"): a member sees their employer —
// its town, its union or none, how many colleagues have joined — and, when it has no union, asks
// the town to help found one (once per member and employer). The town reads its leads, the member
// masked: the phone is never copied into the request (the town opens the member's record to call).
import { z } from 'zod';
import { paging, text } from './common.ts';

/** GET /api/me/employer: the member's employer as the member site shows it. */
export const myEmployer = z.object({
  /** null: the member record names no employer in the file (a gig worker, or only a free-text name) */
  enterprise: z
    .object({
      id: z.number().int(),
      name: z.string(),
      town: z.object({ id: z.number().int(), name: z.string() }),
      /** the employer's union, or null: none yet */
      union: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      /** counted members (not left, not deceased) with this employer, the member included */
      colleaguesJoined: z.number().int(),
      /** when this member already asked for a union here (Beijing time shown by the page) */
      requestedAt: z.string().nullable(),
    })
    .nullable(),
  /** the employer name on the member record, when it is not (yet) in the file */
  employerName: z.string().nullable(),
  /** a gig member: the platform, and whether a platform federation (平台工会联合会) holds their membership */
  gig: z.object({ platform: z.string(), platformFederation: z.object({ id: z.number().int(), name: z.string() }).nullable() }).nullable(),
  /** whether the 我要建会 tile is offered: an employer in the file, without a union */
  mayRequestFounding: z.boolean(),
});
export type MyEmployer = z.infer<typeof myEmployer>;

/** The minimum headcount at which 工会法 第十一条 asks for a 基层工会委员会 (二十五人以上). */
export const FOUNDING_COMMITTEE_THRESHOLD = 25;

export const createFoundingRequestBody = z.strictObject({
  note: text(0, 200).optional().describe('想对工会说的话（选填，最多 200 字）'),
  mayContact: z.boolean().describe('是否同意镇街工会工作人员与本人联系'),
});
export type CreateFoundingRequestInput = z.infer<typeof createFoundingRequestBody>;

/** The member's own request, as answered by the POST. */
export const myFoundingRequest = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  townName: z.string(),
  mayContact: z.boolean(),
  createdAt: z.string(),
});
export type MyFoundingRequest = z.infer<typeof myFoundingRequest>;

export const foundingRequestsQuery = z.strictObject({
  ...paging,
  open: z.enum(['true', 'false']).optional().describe('true：只看未处理的；false：只看已处理的'),
});

/** A lead as the town sees it: the member masked, never their phone. */
export const foundingRequest = z.object({
  id: z.number().int(),
  enterprise: z.object({ id: z.number().int(), name: z.string(), creditCode: z.string().nullable() }),
  town: z.object({ id: z.number().int(), name: z.string() }),
  /** the member, for the member record (where staff reveal a phone with a reason) */
  memberId: z.number().int(),
  memberNameMasked: z.string(),
  /** counted members with this employer now */
  colleaguesJoined: z.number().int(),
  /** members who asked for this employer (this lead included) */
  requestsForEmployer: z.number().int(),
  note: z.string().nullable(),
  mayContact: z.boolean(),
  createdAt: z.string(),
  handledAt: z.string().nullable(),
});
export type FoundingRequest = z.infer<typeof foundingRequest>;
