// The enterprise file's vocabulary (一企一档): GB/T 4754 industry sections, ownership, and the fact kinds
// with the shape of each one's value. One home for every slice (register, file, drives, indicators,
// dashboard) and for the server's fact writer (enterprises/facts.service.ts), which checks a value by
// its kind before the database's trigger copies it onto the current columns.
// Design: docs/design/enterprise-file.md §2–§3.
import { z } from 'zod';
import { text } from './common.ts';
import { isValidCreditCode } from './china-codes.ts';
import { gigPlatformNames } from './members.ts';

/** GB/T 4754-2017 (2019 amendment): the 20 sections A–T. */
export const industrySections = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
} as const;
export type IndustrySection = keyof typeof industrySections;
export const industrySection = z.enum(Object.keys(industrySections) as [IndustrySection, ...IndustrySection[]]);

/** 登记注册类型, grouped as the statistical yearbooks group it. */
export const ownershipLabels = {
  state: '国有（含国有控股）',
  collective: '集体',
  private: '民营',
  hmt: '港澳台商投资',
  foreign: '外商投资',
  mixed: '混合所有制',
  individual: '个体工商户',
  public: '机关事业单位',
  social: '社会组织',
  other: '其他',
} as const;
export type Ownership = keyof typeof ownershipLabels;
export const ownership = z.enum(Object.keys(ownershipLabels) as [Ownership, ...Ownership[]]);

export const unionCoverageLabels = { own: '单独建会（企业工会）', joint: '联合建会（社区、园区联合工会覆盖）' } as const;
export const unionCoverage = z.enum(['own', 'joint']);

export const committeeLabels = {
  audit: '经费审查委员会',
  women: '女职工委员会',
  labourSupervision: '劳动法律监督委员会',
  mediation: '劳动争议调解委员会',
} as const;
export const committee = z.enum(['audit', 'women', 'labourSupervision', 'mediation']);

export const contractTypeLabels = { general: '综合性集体合同', wage: '工资专项集体合同', women: '女职工权益保护专项集体合同' } as const;
export const contractType = z.enum(['general', 'wage', 'women']);

export const openAffairsForms = ['公开栏', '职代会', '线上'] as const;

/** Where an employer or a fact came from. */
export const enterpriseSourceLabels = { join: '入会登记', roster: '会员名册', ticket: '维权工单', staff: '工作人员登记', import: 'Excel 导入', drive: '建会行动', seed: '初始数据' } as const;
export const factSourceLabels = { staff: '工作人员记录', union: '本单位工会记录', drive: '建会行动', import: 'Excel 导入', seed: '初始数据', join: '入会登记' } as const;
export type FactSource = keyof typeof factSourceLabels;

/**
 * An employer's unified social credit code (GB 32100): 18 characters with a correct check character,
 * stored upper-case. A union's code (81…) is refused here: that is a union, not an employer.
 */
export const employerCreditCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => isValidCreditCode(s), { message: '统一社会信用代码格式或校验位不正确' });

/** A union's legal-person registration number: a credit code starting 81 (工会法人). */
export const unionLegalNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => s.startsWith('81') && isValidCreditCode(s), { message: '工会法人统一社会信用代码应为 81 开头的 18 位代码，且校验位正确' });

const day = z.iso.date();
const people = z.number().int().min(0).max(1_000_000);

/** Each kind's value. Employer facts: identity … union; the rest are a grassroots union's. */
export const factValues = {
  identity: z.strictObject({ name: text(2, 100), creditCode: z.string().trim().max(18).optional() }),
  industry: z.strictObject({ section: industrySection, detail: text(1, 40).optional() }),
  ownership: z.strictObject({ ownership }),
  size: z.strictObject({ employees: people, women: people.optional(), gigWorkers: people.optional() }),
  address: z.strictObject({ address: text(2, 120), townId: z.number().int().positive() }),
  platforms: z.strictObject({ platforms: z.array(z.enum(gigPlatformNames)).max(10) }),
  union: z.strictObject({ orgId: z.number().int().positive().nullable(), coverage: unionCoverage.optional() }),
  chair: z.strictObject({ name: text(2, 20) }),
  founded: z.strictObject({ foundedOn: day }),
  legalPerson: z.strictObject({ registered: z.boolean(), number: z.string().trim().max(18).optional(), registeredOn: day.optional() }),
  committee: z.strictObject({ committee, established: z.boolean(), members: z.number().int().min(1).max(99).optional() }),
  collectiveContract: z.strictObject({ type: contractType, signedOn: day, startsOn: day, expiresOn: day, coveredWorkers: people }),
  openAffairs: z.strictObject({ implemented: z.boolean(), form: z.enum(openAffairsForms).optional() }),
  workersCongress: z.strictObject({ heldOn: day, delegates: z.number().int().min(1).max(10_000), womenDelegates: z.number().int().min(0).max(10_000).optional() }),
  funds: z.strictObject({ year: z.number().int().min(1949).max(2200), remittedFen: z.number().int().min(0).max(1e13), dueFen: z.number().int().min(0).max(1e13).optional() }),
} as const;
export type FactKind = keyof typeof factValues;
export type FactValue<K extends FactKind> = z.infer<(typeof factValues)[K]>;
export const factKinds = Object.keys(factValues) as [FactKind, ...FactKind[]];
export const factKind = z.enum(factKinds);

export const employerFactKinds = ['identity', 'industry', 'ownership', 'size', 'address', 'platforms', 'union'] as const satisfies readonly FactKind[];
export const unionFactKinds = ['chair', 'founded', 'legalPerson', 'committee', 'collectiveContract', 'openAffairs', 'workersCongress', 'funds'] as const satisfies readonly FactKind[];
/** What only staff of the town or above change: the employer's identity, where it is, and which union covers it. */
export const townOnlyFactKinds = ['identity', 'address', 'union'] as const satisfies readonly FactKind[];

export const factKindLabels: Record<FactKind, string> = {
  identity: '名称和信用代码',
  industry: '行业',
  ownership: '登记注册类型',
  size: '职工人数',
  address: '地址和所在镇街',
  platforms: '服务的平台',
  union: '所属工会',
  chair: '工会主席',
  founded: '建会日期',
  legalPerson: '工会法人登记',
  committee: '委员会',
  collectiveContract: '集体合同',
  openAffairs: '厂务公开',
  workersCongress: '职工代表大会',
  funds: '工会经费上缴',
};

/** The key a fact is current under: the kind, or kind:sub for kinds with one fact per committee, contract type or year. */
export function factKey(kind: FactKind, value: Record<string, unknown>): string {
  if (kind === 'committee') return `committee:${String(value.committee)}`;
  if (kind === 'collectiveContract') return `collectiveContract:${String(value.type)}`;
  if (kind === 'funds') return `funds:${String(value.year)}`;
  return kind;
}

/** A gig industry of contracts/members.ts (货运, 快递, 外卖配送, 网约车) and the group a drive's goal names. */
export const gigGroupLabels: Record<string, string> = { 货运: '货车司机', 快递: '快递员', 外卖配送: '外卖骑手', 网约车: '网约车司机' };
