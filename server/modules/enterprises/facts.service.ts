// The fact writer of the enterprise file (一企一档): every dated fact about an employer or a grassroots
// union goes through recordFact — the register (create, import), the file's forms, founding drives and
// the seeds. It checks the value by its kind, reads the key's current fact under the subject's lock,
// inserts the new fact superseding it, and writes the audit record; the database's trigger (049
// enterprise_fact_apply) copies the value onto the current columns in the same statement.
//
// Who may record what (scope, town-only kinds, a union link or town in scope) is the caller's check:
// recordFact trusts that the subject and any org a value names were read through the scope gate.
// Design: docs/design/enterprise-file.md §3.
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { insertAudit } from '../../http/audit.ts';
import { AppError } from '../../errors.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { enterpriseNameKey } from '../members/routing.service.ts';
import {
  employerFactKinds, employerCreditCode, factKey, factValues, unionLegalNumber,
  type FactKind, type FactSource,
} from '../../../contracts/enterprise-facts-common.ts';
import * as repo from './facts.repo.ts';

registerConstraintErrors('enterprises', {
  enterprise_fact_supersedes_id_key: 'fact_changed',
  enterprise_fact_first_e: 'fact_changed',
  enterprise_fact_first_o: 'fact_changed',
  enterprise_credit_code_key: 'enterprise_exists',
  enterprise_employer_code: 'credit_code_is_union',
  enterprise_name_key: 'enterprise_exists',
});

/** Who records a fact: a staff account (and its union), or the system (seed, import run by nobody). */
export interface FactWriter {
  staffId: number | null;
  orgId: number | null;
  actorName: string | null;
  ip: string | null;
  userAgent?: string | undefined;
}

export function factWriterOf(ctx: StaffContext): FactWriter {
  return { staffId: ctx.actor.staffId, orgId: ctx.actor.orgId, actorName: ctx.actor.username, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent };
}

export interface FactInput {
  /** exactly one: the employer's id, or the grassroots union's org id */
  enterpriseId?: number;
  orgId?: number;
  kind: FactKind;
  value: unknown;
  /** the Beijing day the fact holds from (a size "as of", a committee set up on …) */
  asOf: string;
  note?: string | null;
  /** a wrong record replaced, not a change over time */
  isCorrection?: boolean;
  source: FactSource;
  /**
   * The current fact the editor saw (null: none yet). When given and no longer current, the write is
   * refused with fact_changed — two editors of one key never overwrite each other unseen.
   */
  basedOn?: number | null;
  /** the Idempotency-Key of the request and its hash, stored with the fact */
  idem?: { key: string; hash: Buffer };
  /** false: no audit record (a seed); default true */
  audit?: boolean;
}

export interface RecordedFact {
  id: number;
  key: string;
  supersedesId: number | null;
}

/** The value of a kind, checked and normalised, or a clear refusal (nothing written). */
export function checkFactValue(kind: FactKind, raw: unknown, asOf: string, today = beijingDay()): Record<string, unknown> {
  const parsed = factValues[kind].safeParse(raw);
  if (!parsed.success) throw new AppError('validation_failed', `请求参数有误：${parsed.error.issues[0]?.message ?? '事项内容不正确'}`);
  const value = { ...(parsed.data as Record<string, unknown>) };
  const badDay = (d: unknown) => typeof d === 'string' && (d > today || d < '1949-01-01');
  if (badDay(asOf)) throw new AppError('fact_date_invalid');
  for (const k of ['foundedOn', 'registeredOn', 'signedOn', 'heldOn']) if (badDay(value[k])) throw new AppError('fact_date_invalid');
  if (typeof value.startsOn === 'string' && value.startsOn < '1949-01-01') throw new AppError('fact_date_invalid');
  if (kind === 'collectiveContract') {
    const { signedOn, startsOn, expiresOn } = value as { signedOn: string; startsOn: string; expiresOn: string };
    if (expiresOn < startsOn || signedOn > startsOn) throw new AppError('collective_contract_dates_invalid');
  }
  if (kind === 'identity' && value.creditCode !== undefined && value.creditCode !== '') {
    const code = String(value.creditCode).toUpperCase();
    if (code.startsWith('81')) throw new AppError('credit_code_is_union');
    const ok = employerCreditCode.safeParse(code);
    if (!ok.success) throw new AppError('invalid_credit_code');
    value.creditCode = ok.data;
  }
  if (kind === 'legalPerson') {
    if (value.registered === true) {
      const ok = unionLegalNumber.safeParse(value.number ?? '');
      if (!ok.success) throw new AppError('union_legal_number_invalid');
      value.number = ok.data;
      if (typeof value.registeredOn !== 'string') value.registeredOn = asOf;
    } else {
      delete value.number;
      delete value.registeredOn;
    }
  }
  if (kind === 'workersCongress') {
    const { delegates, womenDelegates } = value as { delegates: number; womenDelegates?: number };
    if (womenDelegates !== undefined && womenDelegates > delegates) throw new AppError('validation_failed', '请求参数有误：女职工代表人数不能多于代表总数');
  }
  return value;
}

/**
 * Records one fact in the caller's transaction `tx` and returns it. Throws (nothing written):
 * validation_failed, fact_date_invalid, collective_contract_dates_invalid, invalid_credit_code,
 * credit_code_is_union, union_legal_number_invalid, enterprise_exists / credit_code_taken (a code
 * another holds), enterprise_merged, fact_subject_invalid, fact_changed, not_found.
 */
export async function recordFact(tx: Queryable, writer: FactWriter, input: FactInput): Promise<RecordedFact> {
  const onEmployer = input.enterpriseId !== undefined;
  if (onEmployer === (input.orgId !== undefined)) throw new Error('recordFact: give exactly one of enterpriseId and orgId');
  const employerKind = (employerFactKinds as readonly string[]).includes(input.kind);
  if (employerKind !== onEmployer) throw new AppError('fact_subject_invalid');

  const value = checkFactValue(input.kind, input.value, input.asOf);
  const subject = onEmployer ? await repo.lockEnterprise(tx, input.enterpriseId!) : await repo.lockUnion(tx, input.orgId!);
  if (!subject) throw new AppError('not_found');
  if (subject.mergedInto !== null) throw new AppError('enterprise_merged');
  if (!onEmployer && subject.level !== 'grassroots') throw new AppError('fact_subject_invalid');

  if (input.kind === 'identity') {
    value.nameKey = enterpriseNameKey(String(value.name));
    if (typeof value.creditCode === 'string' && value.creditCode !== '') {
      const holder = await repo.creditCodeHolder(tx, value.creditCode, input.enterpriseId!);
      if (holder) throw new AppError('enterprise_exists', `该统一社会信用代码的单位已在档案中（${holder.name}）`);
    }
  }
  if (input.kind === 'legalPerson' && value.registered === true && await repo.legalNumberHolder(tx, String(value.number), input.orgId!)) {
    throw new AppError('credit_code_taken');
  }

  const key = factKey(input.kind, value);
  const subjectRef = onEmployer ? { enterpriseId: input.enterpriseId! } : { orgId: input.orgId! };
  const current = await repo.currentFact(tx, subjectRef, key);
  if (input.basedOn !== undefined && (current?.id ?? null) !== input.basedOn) throw new AppError('fact_changed');

  const id = await repo.insertFact(tx, {
    enterpriseId: input.enterpriseId ?? null,
    orgId: input.orgId ?? null,
    kind: input.kind,
    key,
    value,
    asOf: input.asOf,
    supersedesId: current?.id ?? null,
    isCorrection: input.isCorrection ?? false,
    note: input.note ?? null,
    source: input.source,
    recordedBy: writer.staffId,
    recordedByOrg: writer.orgId,
    idemKey: input.idem?.key ?? null,
    requestHash: input.idem?.hash ?? null,
  });
  if (input.audit !== false) {
    await insertAudit(tx, {
      actorKind: writer.staffId === null ? 'system' : 'staff',
      actorId: writer.staffId,
      actorName: writer.actorName,
      action: 'enterprise.fact',
      targetType: onEmployer ? 'enterprise' : 'org',
      targetId: input.enterpriseId ?? input.orgId!,
      orgPath: onEmployer ? subject.path : subject.unionPath,
      ip: writer.ip,
      userAgent: writer.userAgent ?? null,
      detail: { factId: id, factKind: input.kind, factKey: key, correction: input.isCorrection ?? false },
    });
  }
  return { id, key, supersedesId: current?.id ?? null };
}
