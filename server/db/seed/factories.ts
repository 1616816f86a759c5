// Factories: the rows a test (or the demo seed) needs, parents included, written as the seed writes
// them (the same columns, personal data encrypted and hashed as the app stores it). The seed's bulk
// loaders (load.ts) encode every org and member with orgValues/memberValues below, and its staff
// accounts are made by staffFactory; tests get all of them from `factories(db, pii)` (or `t.make`).
//
// API (announced for the tests; every option is optional, defaults are unique within a database):
//   const make = factories(db, pii);
//   await make.org({ parent, level, name, kind, federationType, regionCode, creditCode, … })
//     → { id, parentId, path, name, level, kind }. Without `parent` it first builds a fresh chain of
//       ancestors (province → city → county → town, as far as `level` needs) under a new root, so the
//       rows belong to no demo staff's subtree. `parent` is an id or an org a factory returned.
//   await make.member({ org, name, sex, status, phone, idNumber, groups, enterpriseId, card, … })
//     → { id, orgId, memberNo, name, sex, phone, idNumber }: with its identity, its joined event and
//       (unless `card: false` or status 'left') its card. Without `org`, a fresh grassroots union.
//   await make.staff({ org, roles, username, displayName, password })
//     → { id, orgId, username, password }: log in with t.login(username) (password: the demo's,
//       unless given). Without `org`, a fresh county union; roles default to admin, reviewer, clerk.
//   await make.enterprise({ town, union, name, creditCode, industrySection, ownership, employees, platforms, … })
//     → { id, name, townOrgId, unionOrgId, creditCode }: an employer with these current values (no facts).
//     Without `town`, a fresh town union.
//   await make.fact({ enterprise | org, kind, value, asOf, isCorrection }) → the fact, recorded by
//     the fact writer (enterprises/facts.service.ts) as the system: history and current columns as a
//     staff write leaves them, without an audit record.
//   await make.place({ org, kind, name, lat, lng, hours, services, bookable, keeperPhone, townId, … })
//     → { id, orgId, lat, lng }: a place of the register (GCJ-02), open every day round the clock
//       unless `hours` says otherwise. Without `org`, a fresh town union.
// The demo's fixed rows are named by stable English keys instead of their Chinese names: DEMO_ORGS
// and demoOrgId(db, 'huazhou') (demo-keys.ts).
import type { Queryable } from '../client.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { maskIdNumber, maskPhone } from '../../lib/pii.ts';
import { pinyinKey } from '../../lib/pinyin.ts';
import { cardNumberFor } from '../../lib/card-number.ts';
import { hashPassword } from '../../lib/password.ts';
import { addSeedStaffAccount } from '../../modules/staff/staff.service.ts';
import type { StaffRole } from '../../../contracts/auth.ts';
import { createRng, makeName, personAt, phoneAt } from './people.ts';
import type { SeedOrg } from './tree.ts';
import type { PlaceHours, PlaceKind, PlaceService } from '../../../contracts/places.ts';
import { deriveHours } from '../../lib/opening-hours.ts';
import { seedPlace } from '../../modules/places/places.service.ts';
import { recordFact } from '../../modules/enterprises/facts.service.ts';
import { enterpriseNameKey } from '../../modules/members/routing.service.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { FactKind, IndustrySection, Ownership } from '../../../contracts/enterprise-facts-common.ts';

export { DEMO_ORGS, demoOrgId, type DemoOrgKey } from './demo-keys.ts';

type Level = SeedOrg['level'];
type Kind = SeedOrg['kind'];
type Sex = 'male' | 'female';
export type MemberStatus = 'active' | 'transferring' | 'suspended' | 'left' | 'deceased';

// ── Row shapes shared with the seed's bulk loaders ─────────────────────────────────────────────

export const ORG_COLUMNS = [
  'id', 'parent_id', 'path', 'name', 'name_pinyin', 'level', 'kind', 'federation_type', 'region_code',
  'industry', 'credit_code', 'chair_name', 'founded_on',
] as const;

/** An org's values in ORG_COLUMNS order. */
export function orgValues(o: SeedOrg): unknown[] {
  return [o.id, o.parentId, o.path, o.name, pinyinKey(o.name), o.level, o.kind, o.federationType, o.regionCode,
    o.industry, o.creditCode, o.chairName, o.foundedOn];
}

export const MEMBER_COLUMNS = [
  'id', 'org_id', 'member_no', 'name', 'name_pinyin', 'sex', 'birth_date', 'id_number_enc', 'id_number_hash',
  'id_number_masked', 'phone_enc', 'phone_hash', 'phone_masked', 'employer_name', 'gig_platform', 'groups',
  'status', 'joined_on', 'enterprise_id',
] as const;
export const IDENTITY_COLUMNS = ['id_number_hash', 'member_id'] as const;
export const CARD_COLUMNS = ['member_id', 'card_no', 'status', 'issued_at'] as const;
export const EVENT_COLUMNS = ['member_id', 'at', 'kind', 'from_status', 'to_status', 'to_org_id', 'actor_kind'] as const;

export interface MemberSpec {
  id: number;
  org: Pick<SeedOrg, 'id' | 'name' | 'kind'>;
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  gigPlatform: string | null;
  groups: string[];
  status: MemberStatus;
  joinedOn: string;
  enterpriseId: number | null;
  /** false: no card (a member who left never has one). */
  card: boolean;
  /** when a member loaded as left (or deceased) left: its status event's date (default its join date) */
  leftOn?: string;
}

/**
 * A member's rows, each in its columns' order: member, identity, card (or null) and its events: joined,
 * and for a member loaded as gone (left, deceased) the `status` event that took it out of the count,
 * so that the month tallies (050) add up to the members counted now.
 */
export function memberValues(pii: PiiCipher, m: MemberSpec): { member: unknown[]; identity: unknown[]; card: unknown[] | null; events: unknown[][] } {
  const idHash = pii.hash(m.idNumber);
  return {
    member: [
      m.id, m.org.id, `GH${String(m.id).padStart(10, '0')}`, m.name, pinyinKey(m.name), m.sex, m.birthDate,
      pii.encrypt(m.idNumber), idHash, maskIdNumber(m.idNumber),
      m.phone === null ? null : pii.encrypt(m.phone), m.phone === null ? null : pii.hash(m.phone), m.phone === null ? null : maskPhone(m.phone),
      m.org.kind === 'enterprise' ? m.org.name.replace(/工会$/, '') : null, m.gigPlatform, m.groups, m.status, m.joinedOn,
      m.enterpriseId,
    ],
    identity: [idHash, m.id],
    card: m.card && m.status !== 'left' ? [m.id, cardNumberFor(m.id), m.status === 'active' ? 'active' : 'revoked', m.joinedOn] : null,
    events: [
      [m.id, m.joinedOn, 'joined', null, 'active', m.org.id, 'system'],
      ...(m.status === 'left' || m.status === 'deceased' ? [[m.id, m.leftOn ?? m.joinedOn, 'status', 'active', m.status, null, 'system']] : []),
    ],
  };
}

async function insertRow(q: Queryable, table: string, columns: readonly string[], values: unknown[]): Promise<void> {
  await q.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, values);
}

async function nextId(q: Queryable, table: 'org' | 'member'): Promise<number> {
  const [row] = await q.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS id`);
  return row!.id;
}

// ── Staff accounts (the seed's demo accounts are made this way too) ─────────────────────────────

export interface StaffInput {
  orgId: number;
  username: string;
  displayName: string;
  roles: StaffRole[];
  password: string;
  isDemo?: boolean;
}

/** Adds staff accounts through staff.service, hashing each distinct password once. */
export function staffFactory(q: Queryable): (s: StaffInput) => Promise<number> {
  const hashes = new Map<string, Promise<string>>();
  return async (s) => {
    let hash = hashes.get(s.password);
    if (!hash) hashes.set(s.password, (hash = hashPassword(s.password)));
    return addSeedStaffAccount(q, { orgId: s.orgId, username: s.username, displayName: s.displayName, roles: s.roles, passwordHash: await hash, isDemo: s.isDemo ?? false });
  };
}

// ── The factories ───────────────────────────────────────────────────────────────────────────────

export interface MadeOrg {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  level: Level;
  kind: Kind;
}

export interface OrgOptions {
  parent?: number | MadeOrg;
  level?: Level;
  name?: string;
  kind?: Kind;
  federationType?: SeedOrg['federationType'];
  regionCode?: string | null;
  industry?: string | null;
  creditCode?: string | null;
  chairName?: string | null;
  foundedOn?: string | null;
}

export interface MadeMember {
  id: number;
  orgId: number;
  memberNo: string;
  name: string;
  sex: Sex;
  phone: string | null;
  idNumber: string;
}

export interface MemberOptions {
  org?: number | MadeOrg;
  name?: string;
  sex?: Sex;
  birthDate?: string;
  idNumber?: string;
  /** null: no phone on file. */
  phone?: string | null;
  gigPlatform?: string | null;
  groups?: string[];
  status?: MemberStatus;
  joinedOn?: string;
  enterpriseId?: number | null;
  card?: boolean;
}

export interface MadeStaff {
  id: number;
  orgId: number;
  username: string;
  password: string;
}

export interface StaffOptions {
  org?: number | MadeOrg;
  roles?: StaffRole[];
  username?: string;
  displayName?: string;
  password?: string;
}

export interface MadePlace {
  id: number;
  orgId: number;
  lat: number;
  lng: number;
}

export interface PlaceOptions {
  org?: number | MadeOrg;
  kind?: PlaceKind;
  name?: string;
  address?: string;
  townId?: number | null;
  /** GCJ-02; default: near 揭阳 (23.55, 116.37) */
  lat?: number;
  lng?: number;
  hours?: PlaceHours;
  services?: PlaceService[];
  bookable?: boolean;
  keeperName?: string | null;
  keeperPhone?: string | null;
}

export interface MadeEnterprise {
  id: number;
  name: string;
  townOrgId: number;
  unionOrgId: number | null;
  creditCode: string | null;
}

export interface EnterpriseOptions {
  /** the town (镇街) it lies in; default: a fresh town union */
  town?: number | MadeOrg;
  /** its union (a grassroots org), or none */
  union?: number | MadeOrg | null;
  name?: string;
  creditCode?: string | null;
  industrySection?: IndustrySection | null;
  industry?: string | null;
  ownership?: Ownership | null;
  employees?: number | null;
  employeesAsOf?: string | null;
  address?: string | null;
  platforms?: string[];
  source?: 'join' | 'roster' | 'ticket' | 'staff' | 'import' | 'drive' | 'seed';
}

/** A fact recorded as the system (no staff), through the fact writer, without an audit record. */
export interface FactOptions {
  enterprise?: number | MadeEnterprise;
  org?: number | MadeOrg;
  kind: FactKind;
  value: Record<string, unknown>;
  /** default: today (Beijing) */
  asOf?: string;
  isCorrection?: boolean;
  note?: string;
}

/** Every day, round the clock. */
export const ALWAYS_OPEN: PlaceHours = { week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: 'asUsual' };

export interface Factories {
  org(o?: OrgOptions): Promise<MadeOrg>;
  member(o?: MemberOptions): Promise<MadeMember>;
  staff(o?: StaffOptions): Promise<MadeStaff>;
  place(o?: PlaceOptions): Promise<MadePlace>;
  enterprise(o?: EnterpriseOptions): Promise<MadeEnterprise>;
  fact(o: FactOptions): Promise<{ id: number; key: string; supersedesId: number | null }>;
}

const LEVELS: Level[] = ['province', 'city', 'county', 'town', 'grassroots'];
const DEFAULT_NAMES: Record<Level, string> = { province: '测试省总工会', city: '测试市总工会', county: '测试县总工会', town: '测试镇总工会', grassroots: '测试有限公司工会' };
/** Person indices of factory members: member id + this, above the seed's and the roster tests' people. */
const FACTORY_PEOPLE = 90_000_000;
/** The demo accounts' password: factory staff log in with t.login(username) unless given another. */
export const FACTORY_PASSWORD = 'gonghui-demo';

let seq = 0;

export function factories(db: Queryable, pii: PiiCipher): Factories {
  const addStaff = staffFactory(db);

  const orgRow = async (id: number): Promise<MadeOrg> => {
    const [row] = await db.query<MadeOrg>(
      `SELECT id::int AS id, parent_id::int AS "parentId", path::text AS path, name, level, kind FROM org WHERE id = $1`,
      [id],
    );
    if (!row) throw new Error(`factories: no org ${id}`);
    return row;
  };
  const resolve = (o: number | MadeOrg) => (typeof o === 'object' ? Promise.resolve(o) : orgRow(Number(o)));

  const org: Factories['org'] = async (o = {}) => {
    const level = o.level ?? 'grassroots';
    let parent = o.parent === undefined ? undefined : await resolve(o.parent);
    if (!parent && level !== 'province') {
      // the ancestors' chain, from a new root down to the level above this one
      for (const l of LEVELS.slice(0, LEVELS.indexOf(level))) parent = await org(parent ? { level: l, parent } : { level: l });
    }
    const id = await nextId(db, 'org');
    const n = ++seq;
    const row: SeedOrg = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : String(id),
      name: o.name ?? DEFAULT_NAMES[level].replace(/^测试/, `测试${n}`),
      level,
      kind: o.kind ?? (level === 'grassroots' ? 'enterprise' : 'general'),
      federationType: o.federationType ?? null,
      regionCode: o.regionCode ?? null,
      industry: o.industry ?? null,
      creditCode: o.creditCode ?? null,
      chairName: o.chairName ?? null,
      foundedOn: o.foundedOn ?? null,
      weight: 0,
    };
    await insertRow(db, 'org', ORG_COLUMNS, orgValues(row));
    return { id, parentId: row.parentId, path: row.path, name: row.name, level, kind: row.kind };
  };

  const member: Factories['member'] = async (o = {}) => {
    const union = o.org === undefined ? await org({ level: 'grassroots' }) : await resolve(o.org);
    const id = await nextId(db, 'member');
    const person = personAt(FACTORY_PEOPLE + id);
    const sex = o.sex ?? person.sex;
    const spec: MemberSpec = {
      id,
      org: union,
      name: o.name ?? makeName(createRng(id), sex),
      sex,
      birthDate: o.birthDate ?? person.birthDate,
      idNumber: o.idNumber ?? person.idNumber,
      phone: o.phone === undefined ? phoneAt(FACTORY_PEOPLE + id) : o.phone,
      gigPlatform: o.gigPlatform ?? null,
      groups: o.groups ?? (sex === 'female' ? ['women'] : []),
      status: o.status ?? 'active',
      joinedOn: o.joinedOn ?? new Date().toISOString().slice(0, 10),
      enterpriseId: o.enterpriseId ?? null,
      card: o.card ?? true,
    };
    const rows = memberValues(pii, spec);
    await insertRow(db, 'member', MEMBER_COLUMNS, rows.member);
    await insertRow(db, 'member_identity', IDENTITY_COLUMNS, rows.identity);
    if (rows.card) await insertRow(db, 'card', CARD_COLUMNS, rows.card);
    for (const e of rows.events) await insertRow(db, 'member_event', EVENT_COLUMNS, e);
    return { id, orgId: union.id, memberNo: rows.member[2] as string, name: spec.name, sex, phone: spec.phone, idNumber: spec.idNumber };
  };

  const staff: Factories['staff'] = async (o = {}) => {
    const orgId = o.org === undefined ? (await org({ level: 'county' })).id : typeof o.org === 'object' ? o.org.id : Number(o.org);
    const username = o.username ?? `factory-staff-${++seq}`;
    const password = o.password ?? FACTORY_PASSWORD;
    const id = await addStaff({ orgId, username, displayName: o.displayName ?? `测试经办人${seq}`, roles: o.roles ?? ['admin', 'reviewer', 'clerk'], password });
    return { id, orgId, username, password };
  };

  const place: Factories['place'] = async (o = {}) => {
    const orgId = o.org === undefined ? (await org({ level: 'town' })).id : typeof o.org === 'object' ? o.org.id : Number(o.org);
    const hours = o.hours ?? ALWAYS_OPEN;
    const derived = deriveHours(hours);
    if (typeof derived === 'string') throw new Error(`factories: place hours ${derived}`);
    const lat = o.lat ?? 23.55;
    const lng = o.lng ?? 116.37;
    const n = ++seq;
    const id = await seedPlace(db, {
      orgId,
      kind: o.kind ?? 'station',
      name: o.name ?? `测试${n}号爱心驿站`,
      address: o.address ?? `测试路${n}号`,
      townId: o.townId ?? null,
      lat,
      lng,
      wgs: null,
      hours,
      derived,
      services: o.services ?? ['water', 'rest'],
      intro: '',
      keeperName: o.keeperName === undefined ? '站长' : o.keeperName,
      keeperPhone: o.keeperPhone ? { enc: pii.encrypt(o.keeperPhone), hash: pii.hash(o.keeperPhone), masked: maskPhone(o.keeperPhone) } : null,
      bookable: o.bookable ?? false,
      source: 'staff',
      createdBy: null,
    });
    return { id, orgId, lat, lng };
  };

  const enterprise: Factories['enterprise'] = async (o = {}) => {
    const townOrgId = o.town === undefined ? (await org({ level: 'town' })).id : typeof o.town === 'object' ? o.town.id : Number(o.town);
    const unionOrgId = o.union == null ? null : typeof o.union === 'object' ? o.union.id : Number(o.union);
    const n = ++seq;
    const name = o.name ?? `测试${n}号有限公司`;
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO enterprise (name, name_key, credit_code, town_org_id, union_org_id, union_coverage, industry, industry_section,
                               ownership, employees, employees_as_of, address, platforms, source)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $5::bigint IS NULL THEN NULL ELSE 'own' END, $6, $7, $8, $9, $10::date, $11, $12::text[], $13)
       RETURNING id::int AS id`,
      [name, enterpriseNameKey(name), o.creditCode ?? null, townOrgId, unionOrgId, o.industry ?? null, o.industrySection ?? null,
        o.ownership ?? null, o.employees ?? null, o.employees == null ? null : (o.employeesAsOf ?? beijingDay()), o.address ?? null,
        o.platforms ?? [], o.source ?? 'staff'],
    );
    return { id: row!.id, name, townOrgId, unionOrgId, creditCode: o.creditCode ?? null };
  };

  const fact: Factories['fact'] = async (o) => {
    const idOf = (x: number | { id: number }) => (typeof x === 'object' ? x.id : Number(x));
    const subject = o.enterprise !== undefined ? { enterpriseId: idOf(o.enterprise) } : { orgId: idOf(o.org!) };
    return recordFact(db, { staffId: null, orgId: null, actorName: null, ip: null }, {
      ...subject,
      kind: o.kind,
      value: o.value,
      asOf: o.asOf ?? beijingDay(),
      isCorrection: o.isCorrection ?? false,
      note: o.note ?? null,
      source: 'seed',
      audit: false,
    });
  };

  return { org, member, staff, place, enterprise, fact };
}
