// A session's roster (点名册): attendance ticked per child, and at the end who picked each child up —
// one of the adults the guardian listed, or another adult with a note — with the time. Staff of the
// scope see the roster masked; the printable/Excel roster names the children in full only for the
// running union's own staff (the people at the door), and every download is audited.
import { PURGED_LABEL, type AttendanceInput, type ChildDetails, type PickupInput, type SessionRoster } from '../../../contracts/childcare.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { isPathInScope } from '../../http/scope.ts';
import { beijingDateTime } from '../../lib/beijing-time.ts';
import { maskName } from '../../lib/pii.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import * as enrolments from './enrolments.repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
/** A pick-up may be recorded up to this long after it happened is entered (the clerk's clock may lag) — in the future, not at all. */
const CLOCK_SLACK_MS = 5 * 60_000;

async function sessionInScope(ctx: StaffContext, id: number) {
  const s = await enrolments.getSession(ctx.db, id);
  if (!s || !isPathInScope(ctx.scope, s.orgPath)) throw new AppError('not_found');
  return s;
}

/** The child's sealed details, or undefined once they are deleted (the roster then says 信息已删除). */
function adultsOf(ctx: StaffContext, r: enrolments.RosterRow): ChildDetails | undefined {
  return r.detailsEnc === null ? undefined : (JSON.parse(ctx.pii.decrypt(r.detailsEnc)) as ChildDetails);
}

/** The enrolled children of a session with their attendance and pick-up, masked. Throws not_found. */
export async function getSessionRoster(ctx: StaffContext, id: number): Promise<SessionRoster> {
  const s = await sessionInScope(ctx, id);
  const rows = await enrolments.roster(ctx.db, id, s.programmeId);
  return {
    session: { id: s.id, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) },
    programme: { id: s.programmeId, title: s.title, orgName: s.orgName },
    children: rows.map((r) => ({
      enrolmentId: r.enrolmentId,
      childNameMasked: r.childNameMasked ?? PURGED_LABEL,
      present: r.present,
      pickedUpAt: r.pickedUpAt === null ? null : iso(r.pickedUpAt),
      pickupNameMasked: r.pickupNameMasked,
      pickupAuthorised: r.pickupAuthorised,
      pickupNote: r.pickupNote,
      authorisedAdults: (adultsOf(ctx, r)?.pickupAdults ?? []).map((a, index) => ({ index, nameMasked: maskName(a.name), relation: a.relation })),
    })),
  };
}

/**
 * Ticks present/absent for enrolled children of the session (marking absent clears a pick-up).
 * Throws not_found, childcare_not_enrolled (a child not enrolled in the programme).
 */
export async function markAttendance(ctx: StaffContext, id: number, body: AttendanceInput): Promise<SessionRoster> {
  const s = await sessionInScope(ctx, id);
  const enrolled = new Set((await enrolments.roster(ctx.db, id, s.programmeId)).map((r) => r.enrolmentId));
  if (body.marks.some((m) => !enrolled.has(m.enrolmentId))) throw new AppError('childcare_not_enrolled');
  const marks = [...new Map(body.marks.map((m) => [m.enrolmentId, m])).values()];
  await ctx.db.transaction(async (tx) => {
    await enrolments.markAttendance(tx, id, ctx.actor.staffId, marks);
    await audit(tx, ctx, 'childcare.attendance', { type: 'childcare_session', id, orgPath: s.orgPath }, {
      present: marks.filter((m) => m.present).length,
      absent: marks.filter((m) => !m.present).length,
    });
  });
  return getSessionRoster(ctx, id);
}

/**
 * Records who picked a present child up: one of the guardian's listed adults (adultIndex), or another
 * adult (otherName) with a note of why. Throws not_found, childcare_not_enrolled, childcare_not_present,
 * childcare_pickup_adult_unknown, childcare_pickup_note_required, childcare_pickup_time_invalid.
 */
export async function recordPickup(ctx: StaffContext, id: number, body: PickupInput): Promise<SessionRoster> {
  const s = await sessionInScope(ctx, id);
  const row = (await enrolments.roster(ctx.db, id, s.programmeId)).find((r) => r.enrolmentId === body.enrolmentId);
  if (!row) throw new AppError('childcare_not_enrolled');
  if (row.present !== true) throw new AppError('childcare_not_present');
  const at = body.at ? new Date(body.at) : new Date();
  if (at.getTime() > Date.now() + CLOCK_SLACK_MS || at < new Date(s.startsAt)) throw new AppError('childcare_pickup_time_invalid');
  let name: string;
  const authorised = body.adultIndex !== undefined;
  if (authorised) {
    const adult = adultsOf(ctx, row)?.pickupAdults[body.adultIndex!];
    if (!adult) throw new AppError('childcare_pickup_adult_unknown');
    name = adult.name;
  } else {
    if (body.note.length < 2) throw new AppError('childcare_pickup_note_required');
    name = body.otherName!;
  }
  await ctx.db.transaction(async (tx) => {
    const ok = await enrolments.recordPickup(tx, id, body.enrolmentId, {
      nameEnc: ctx.pii.encrypt(name), nameMasked: maskName(name), authorised, note: body.note || null, at: at.toISOString(), staffId: ctx.actor.staffId,
    });
    if (!ok) throw new AppError('childcare_not_present');
    await audit(tx, ctx, 'childcare.pickup', { type: 'childcare_session', id, orgPath: s.orgPath }, { enrolmentId: body.enrolmentId, authorised });
  });
  return getSessionRoster(ctx, id);
}

/**
 * The session's printable roster as Excel: full names, allergies and the authorised adults for the
 * running union's own staff, masked for the unions above; audited. Throws not_found.
 */
export async function exportSessionRoster(ctx: StaffContext, id: number): Promise<{ fileName: string; buffer: Buffer }> {
  const s = await sessionInScope(ctx, id);
  const own = ctx.scope.orgId === s.orgId;
  const rows = await enrolments.roster(ctx.db, id, s.programmeId);
  const columns = xlsxColumns({
    序号: 6,
    儿童姓名: { width: 12, ...(own ? {} : { mask: (v: string) => (v === PURGED_LABEL ? v : maskName(v)) }) },
    出生年份: 10,
    '过敏/健康': 30,
    可接送人: 36,
    出勤: 8,
    接走时间: 18,
    接走人: 12,
    签字: 12,
  });
  const lines = rows.map((r, i) => {
    const d = adultsOf(ctx, r);
    if (!d) return [i + 1, PURGED_LABEL, '', '', '', r.present === null ? '' : r.present ? '出勤' : '缺勤', '', '', ''];
    const adults = d.pickupAdults.map((a) => `${own ? a.name : maskName(a.name)}（${a.relation}）`).join('、');
    const health = own ? [d.allergies && `过敏：${d.allergies}`, d.healthNotes].filter(Boolean).join('；') : '（仅举办工会可见）';
    return [
      i + 1, d.childName, d.birthYear, health, adults,
      r.present === null ? '' : r.present ? '出勤' : '缺勤',
      r.pickedUpAt ? beijingDateTime(r.pickedUpAt) : '', r.pickupNameMasked ?? '', '',
    ];
  });
  const buffer = await xlsxBook([{ name: '点名册', columns, rows: lines, footer: [[], [`${s.title}  ${beijingDateTime(s.startsAt)}  共 ${rows.length} 名儿童`]] }]);
  await audit(ctx.db, ctx, 'childcare.roster_export', { type: 'childcare_session', id, orgPath: s.orgPath }, { rows: rows.length, full: own });
  return { fileName: `点名册-${s.title}-${beijingDateTime(s.startsAt).slice(0, 10)}.xlsx`, buffer };
}
