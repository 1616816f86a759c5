// Legal aid and labour-law supervision registers (法律援助律师, 工会劳动法律监督员): the rules. An entry
// belongs to its keeping union; staff manage the entries of their subtree. Creating is idempotent
// (the entry row is the stored answer of its Idempotency-Key); every write is audited in its
// transaction; a lawyer's phone is sealed, shown masked, revealed only with a reason.
import type {
  CreateLawyerInput,
  CreateSupervisorInput,
  LawyerListQuery,
  LawyerView,
  LegalArea,
  SupervisorListQuery,
  SupervisorView,
  UpdateLawyerInput,
  UpdateSupervisorInput,
} from '../../../contracts/legal.ts';
import { registerConstraintErrors, violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope, type OrgPath } from '../../http/scope.ts';
import type { Queryable } from '../../db/client.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { chineseDate, letterNumber, renderLetter } from '../../lib/pdf-letter.ts';
import { maskPhone } from '../../lib/pii.ts';
import * as repo from './legal.repo.ts';

registerConstraintErrors('legal', {
  legal_lawyer_licence_key: 'lawyer_licence_taken',
  legal_supervisor_certificate_key: 'supervisor_certificate_taken',
  legal_supervisor_dates: 'supervisor_dates_invalid',
});

const iso = (d: Date | string) => new Date(d).toISOString();

type Paged<Q> = Omit<Q, 'page' | 'pageSize'> & { page: number; pageSize: number };

export function lawyerViewOf(r: repo.LawyerRow): LawyerView {
  return {
    id: r.id,
    org: { id: r.orgId, name: r.orgName },
    name: r.name,
    firm: r.firm,
    licenceNo: r.licenceNo,
    areas: r.areas as LegalArea[],
    servedUnions: r.servedUnions,
    phoneMasked: r.phoneMasked,
    note: r.note,
    active: r.active,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export function supervisorViewOf(r: repo.SupervisorRow, today = beijingDay()): SupervisorView {
  return {
    id: r.id,
    org: { id: r.orgId, name: r.orgName },
    name: r.name,
    certificateNo: r.certificateNo,
    trainedOn: r.trainedOn,
    validUntil: r.validUntil,
    certificateValid: r.validUntil >= today,
    workplace: r.workplace,
    active: r.active,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

function sealPhone(ctx: StaffContext, phone: string): repo.SealedPhone {
  return { enc: ctx.pii.encrypt(phone), hash: ctx.pii.hash(phone), masked: maskPhone(phone) };
}

/** The served unions, each an active union of the keeping union's subtree; throws lawyer_union_outside. */
async function checkServed(q: Queryable, keeper: { path: OrgPath }, ids: readonly number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  const found = await repo.orgsWithin(q, keeper.path, unique);
  if (found.length !== unique.length) throw new AppError('lawyer_union_outside');
  return unique;
}

// ---------------------------------------------------------------------------------------------
// Lawyers

const lawyerStore: IdempotencyStore<repo.LawyerRow> = {
  find: (q, owner, key) => repo.findLawyerByKey(q, owner.id, key),
  text: (r) => JSON.stringify(lawyerViewOf(r)),
  isKeyTaken: (err) => violates(err, 'legal_lawyer_idem_key'),
};

/** Lawyers kept in a subtree of the scope. Throws not_found (orgId outside the scope). */
export async function listLawyers(ctx: StaffContext, f: Paged<LawyerListQuery>) {
  const root = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findLawyers(ctx.db, ctx.scope, { root: root.path, q: f.q, area: f.area, status: f.status }, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(lawyerViewOf), total };
}

export async function getLawyer(ctx: StaffContext, id: number): Promise<LawyerView> {
  const r = await repo.getLawyerInScope(ctx.db, ctx.scope, id);
  if (!r) throw new AppError('not_found');
  return lawyerViewOf(r);
}

/**
 * Registers a lawyer with the keeping union, once per Idempotency-Key. Throws not_found (union outside
 * the scope), lawyer_union_outside, lawyer_licence_taken, idempotency_key_reused.
 */
export async function createLawyer(ctx: StaffContext, body: CreateLawyerInput, idemKey: string): Promise<IdempotentReply> {
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key: idemKey, hash: requestHashOf('legal-lawyer', body) };
  return writeOnce(ctx.db, lawyerStore, ask, async () => {
    const keeper = await getOrgInScope(ctx.db, ctx.scope, body.orgId);
    const served = await checkServed(ctx.db, keeper, body.servedOrgIds);
    return ctx.db.transaction(async (tx) => {
      const id = await repo.insertLawyer(tx, {
        orgId: keeper.id,
        name: body.name,
        firm: body.firm,
        licenceNo: body.licenceNo,
        areas: [...new Set(body.areas)],
        phone: sealPhone(ctx, body.phone),
        note: body.note || null,
        createdBy: ctx.actor.staffId,
        idemKey,
        requestHash: ask.hash,
      });
      await repo.setServedUnions(tx, id, served);
      await audit(tx, ctx, 'legal.lawyer_create', { type: 'legal_lawyer', id, orgPath: keeper.path }, { name: body.name, firm: body.firm });
      return (await repo.getLawyerInScope(tx, ctx.scope, id))!;
    });
  });
}

/** Edits, deactivates (active: false) or restores a lawyer. Throws not_found, lawyer_union_outside, lawyer_licence_taken. */
export async function updateLawyer(ctx: StaffContext, id: number, body: UpdateLawyerInput): Promise<LawyerView> {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.getLawyerInScope(tx, ctx.scope, id, true);
    if (!current) throw new AppError('not_found');
    if (body.servedOrgIds !== undefined) {
      const keeper = await getOrgInScope(tx, ctx.scope, current.orgId);
      const served = await checkServed(tx, keeper, body.servedOrgIds);
      await repo.setServedUnions(tx, id, served);
    }
    await repo.updateLawyer(tx, id, {
      name: body.name,
      firm: body.firm,
      licenceNo: body.licenceNo,
      areas: body.areas ? [...new Set(body.areas)] : undefined,
      phone: body.phone ? sealPhone(ctx, body.phone) : undefined,
      note: body.note === undefined ? undefined : body.note || null,
      active: body.active,
    });
    const fields = Object.keys(body).filter((k) => k !== 'phone').concat(body.phone ? ['phone'] : []);
    await audit(tx, ctx, 'legal.lawyer_update', { type: 'legal_lawyer', id, orgPath: current.orgPath }, { fields, ...(body.active !== undefined ? { active: body.active } : {}) });
    return lawyerViewOf((await repo.getLawyerInScope(tx, ctx.scope, id))!);
  });
}

/** The lawyer's full phone number, with the reason written to the audit log. Throws not_found. */
export async function revealLawyerPhone(ctx: StaffContext, id: number, reason: string): Promise<{ phone: string }> {
  const r = await repo.getLawyerInScope(ctx.db, ctx.scope, id);
  if (!r) throw new AppError('not_found');
  const sealed = await repo.getLawyerPhone(ctx.db, id);
  await audit(ctx.db, ctx, 'legal.lawyer_reveal', { type: 'legal_lawyer', id, orgPath: r.orgPath }, { reason, fields: ['phone'] });
  return { phone: ctx.pii.decrypt(sealed!) };
}

// ---------------------------------------------------------------------------------------------
// Supervisors

const supervisorStore: IdempotencyStore<repo.SupervisorRow> = {
  find: (q, owner, key) => repo.findSupervisorByKey(q, owner.id, key),
  text: (r) => JSON.stringify(supervisorViewOf(r)),
  isKeyTaken: (err) => violates(err, 'legal_supervisor_idem_key'),
};

function checkDates(trainedOn: string, validUntil: string): void {
  if (validUntil <= trainedOn) throw new AppError('supervisor_dates_invalid');
}

export async function listSupervisors(ctx: StaffContext, f: Paged<SupervisorListQuery>) {
  const root = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findSupervisors(ctx.db, ctx.scope, { root: root.path, q: f.q, status: f.status }, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  const today = beijingDay();
  return { items: items.map((r) => supervisorViewOf(r, today)), total };
}

export async function getSupervisor(ctx: StaffContext, id: number): Promise<SupervisorView> {
  const r = await repo.getSupervisorInScope(ctx.db, ctx.scope, id);
  if (!r) throw new AppError('not_found');
  return supervisorViewOf(r);
}

/**
 * Registers a certified supervisor with their union, once per Idempotency-Key. Throws not_found,
 * supervisor_dates_invalid, supervisor_certificate_taken, idempotency_key_reused.
 */
export async function createSupervisor(ctx: StaffContext, body: CreateSupervisorInput, idemKey: string): Promise<IdempotentReply> {
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key: idemKey, hash: requestHashOf('legal-supervisor', body) };
  return writeOnce(ctx.db, supervisorStore, ask, async () => {
    const org = await getOrgInScope(ctx.db, ctx.scope, body.orgId);
    checkDates(body.trainedOn, body.validUntil);
    return ctx.db.transaction(async (tx) => {
      const id = await repo.insertSupervisor(tx, {
        orgId: org.id,
        name: body.name,
        certificateNo: body.certificateNo,
        trainedOn: body.trainedOn,
        validUntil: body.validUntil,
        workplace: body.workplace || null,
        createdBy: ctx.actor.staffId,
        idemKey,
        requestHash: ask.hash,
      });
      await audit(tx, ctx, 'legal.supervisor_create', { type: 'legal_supervisor', id, orgPath: org.path }, { name: body.name, certificateNo: body.certificateNo });
      return (await repo.getSupervisorInScope(tx, ctx.scope, id))!;
    });
  });
}

/** Edits, deactivates or restores a supervisor. Throws not_found, supervisor_dates_invalid, supervisor_certificate_taken. */
export async function updateSupervisor(ctx: StaffContext, id: number, body: UpdateSupervisorInput): Promise<SupervisorView> {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.getSupervisorInScope(tx, ctx.scope, id, true);
    if (!current) throw new AppError('not_found');
    checkDates(body.trainedOn ?? current.trainedOn, body.validUntil ?? current.validUntil);
    await repo.updateSupervisor(tx, id, {
      name: body.name,
      certificateNo: body.certificateNo,
      trainedOn: body.trainedOn,
      validUntil: body.validUntil,
      workplace: body.workplace === undefined ? undefined : body.workplace || null,
      active: body.active,
    });
    await audit(tx, ctx, 'legal.supervisor_update', { type: 'legal_supervisor', id, orgPath: current.orgPath }, { fields: Object.keys(body), ...(body.active !== undefined ? { active: body.active } : {}) });
    return supervisorViewOf((await repo.getSupervisorInScope(tx, ctx.scope, id))!);
  });
}

/**
 * A sample 提示函 (labour-law supervision notice) from the supervisor's union to an employer, as a
 * PDF: the kit's official layout, the supervisor named as the contact. Nothing is numbered or stored.
 * Throws not_found, letter_employer_required.
 */
export async function previewNoticeLetter(ctx: StaffContext, id: number, q: { employer?: string | undefined; matter?: string | undefined }) {
  const s = await repo.getSupervisorInScope(ctx.db, ctx.scope, id);
  if (!s) throw new AppError('not_found');
  if (!q.employer) throw new AppError('letter_employer_required');
  const today = beijingDay();
  const year = Number(today.slice(0, 4));
  const matter = q.matter?.trim() || '未按劳动合同约定的时间足额支付劳动者工资';
  const pdf = await renderLetter({
    issuer: s.orgName,
    number: letterNumber(year, '工监提', 1),
    title: '工会劳动法律监督提示函（样稿）',
    addressee: q.employer,
    paragraphs: [
      `根据《中华人民共和国工会法》和《工会劳动法律监督办法》的规定，本会劳动法律监督员在履行监督职责中发现，你单位存在以下可能违反劳动法律法规的情形：${matter.replace(/[。；;.]+$/, '')}。`,
      '请你单位自收到本提示函之日起15个工作日内进行自查整改，并将整改情况书面回复本会。逾期未整改或者未回复的，本会将依法发出《工会劳动法律监督意见书》，并可提请劳动行政部门依法处理。',
      '特此函告。',
    ],
    notes: [`联系人：${s.name}（工会劳动法律监督员，证书编号 ${s.certificateNo}）`],
    date: today,
  });
  return { pdf, fileName: `提示函样稿-${s.name}-${chineseDate(today)}.pdf` };
}

// ---------------------------------------------------------------------------------------------
// Lawyers for tickets (read by the tickets module)

/**
 * The active lawyers serving the union at `orgPath` — serving it or one of its ancestors (a lawyer
 * kept by a city and serving the city serves its towns) — taking on `area` when given. No scope:
 * the caller (tickets) has checked the union; a lawyer kept above it is listed too.
 */
export async function findLawyersServing(q: Queryable, orgPath: string, area?: LegalArea): Promise<LawyerView[]> {
  return (await repo.findLawyersServing(q, orgPath, area)).map(lawyerViewOf);
}

/** A lawyer with whether it is active and serves the union at `orgPath` (or an ancestor); undefined if none. */
export async function getLawyerForUnion(q: Queryable, id: number, orgPath: string): Promise<(LawyerView & { serves: boolean }) | undefined> {
  const r = await repo.getLawyerForOrg(q, id, orgPath);
  return r && { ...lawyerViewOf(r), serves: r.serves };
}

/** The active register entries of the person with this phone (its keyed hash): a lawyer signed in as a worker. */
export async function findActiveLawyersByPhoneHash(q: Queryable, phoneHash: Buffer): Promise<LawyerView[]> {
  return (await repo.findActiveLawyersByPhoneHash(q, phoneHash)).map(lawyerViewOf);
}

/** Lawyers by id, active or not (views of assignments). */
export async function findLawyersByIds(q: Queryable, ids: readonly number[]): Promise<LawyerView[]> {
  return (await repo.findLawyersByIds(q, [...new Set(ids)])).map(lawyerViewOf);
}

/** A lawyer's full phone for the staff who assigned it to a ticket (the caller audits it). */
export async function lawyerPhoneOf(ctx: Pick<StaffContext, 'db' | 'pii'>, id: number): Promise<string | undefined> {
  const sealed = await repo.getLawyerPhone(ctx.db, id);
  return sealed && ctx.pii.decrypt(sealed);
}
