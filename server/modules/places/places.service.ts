// The register of places (阵地): what staff do with places — list and open them in their subtree,
// add (once per Idempotency-Key) and edit them with duplicate warnings, close and reopen, reveal a
// keeper's phone (audited), set a date's exceptional hours — and what other modules and the seed may
// do with places (seedPlace, placeCounts). Merging and undoing a merge: places.merge.ts. Every staff write is audited in its
// transaction, with what changed.
import type {
  CreatePlaceInput,
  HoursInterval,
  PlaceCounts,
  PlaceDetail,
  PlaceHours,
  PlaceListQuery,
  PlaceSummary,
  PlaceWriteAnswer,
  Position,
  UpdatePlaceInput,
} from '../../../contracts/places.ts';
import { PLACE_PHOTO_MAX_BYTES, placeKinds } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { changesOf } from '../../lib/audit-changes.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { checkChinaPosition, wgs84ToGcj02 } from '../../lib/geo.ts';
import { deriveDayRule, deriveHours, isOpenAt, type DayRule, type DerivedHours } from '../../lib/opening-hours.ts';
import { maskPhone } from '../../lib/pii.ts';
import { shiftDay, type WorkingCalendar } from '../../lib/working-days.ts';
import { violates } from '../../db/errors.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { duplicatesOf } from './places.duplicates.ts';
import { mergesOf } from './places.merge.ts';
import { findPhotos, insertPhoto } from './places.photos.repo.ts';
import { sniffImage } from '../../lib/sniff-image.ts';
import * as repo from './places.repo.ts';

export type { PlaceInsert } from './places.repo.ts';

/** Writes a place as given, hours already derived — the seed's and the factories' way in (no audit, no checks). */
export function seedPlace(q: Queryable, p: repo.PlaceInsert): Promise<number> {
  return repo.insertPlace(q, p);
}

/**
 * Adds a photo to a place as given — the seed's way in (no audit, no key). The bytes must be an
 * image the upload would take (sniffed the same way); throws otherwise. Returns the photo's id.
 */
export function seedPlacePhoto(q: Queryable, placeId: number, bytes: Buffer): Promise<number> {
  const mime = sniffImage(bytes);
  if (!mime || bytes.length > PLACE_PHOTO_MAX_BYTES) throw new Error(`seedPlacePhoto: not an image the upload takes (${bytes.length} bytes)`);
  return insertPhoto(q, { placeId, mime, bytes, staffId: null });
}

const iso = (d: Date | string) => new Date(d).toISOString();
type Paged<Q> = Omit<Q, 'page' | 'pageSize'> & { page: number; pageSize: number };

// ── checks shared by create, edit and import ──────────────────────────────────────────────────

/** A position as stored: GCJ-02, with the WGS-84 reading kept. Throws position_outside_china, position_swapped. */
export function placePosition(p: Position): { lat: number; lng: number; wgs: { lat: number; lng: number } | null } {
  const problem = checkChinaPosition(p);
  if (problem) throw new AppError(problem);
  if (p.system === 'wgs84') {
    const g = wgs84ToGcj02(p);
    return { lat: g.lat, lng: g.lng, wgs: { lat: p.lat, lng: p.lng } };
  }
  return { lat: p.lat, lng: p.lng, wgs: null };
}

/** The hours as the database keeps them. Throws hours_end_before_start, hours_too_long, hours_overlap. */
export function placeDerivedHours(hours: PlaceHours): DerivedHours {
  const d = deriveHours(hours);
  if (typeof d === 'string') throw new AppError(d);
  return d;
}

/** 0668-7321234 → 0668-****234; a mobile as everywhere (138****5678). */
export function maskKeeperPhone(phone: string): string {
  if (phone.length === 11 && phone.startsWith('1')) return maskPhone(phone);
  return `${phone.slice(0, phone.length - 7)}****${phone.slice(-3)}`;
}

export function sealKeeperPhone(ctx: Pick<StaffContext, 'pii'>, phone: string) {
  const digits = phone.trim();
  return { enc: ctx.pii.encrypt(digits), hash: ctx.pii.hash(digits.replace(/-/g, '')), masked: maskKeeperPhone(digits) };
}

/** The town a place stands in: a town-level union within the scope. Throws place_town_invalid. */
async function checkTown(ctx: StaffContext, q: Queryable, townId: number | null | undefined): Promise<void> {
  if (townId === null || townId === undefined) return;
  const town = await getOrgInScope(q, ctx.scope, townId).catch(() => null);
  if (!town || town.level !== 'town') throw new AppError('place_town_invalid');
}

// ── views ────────────────────────────────────────────────────────────────────────────────────

function exceptionRules(rows: repo.ExceptionRow[]): Map<number, Map<string, DayRule>> {
  const out = new Map<number, Map<string, DayRule>>();
  for (const e of rows) {
    const rule = deriveDayRule(e.hours);
    if (typeof rule === 'string') continue;
    if (!out.has(e.placeId)) out.set(e.placeId, new Map());
    out.get(e.placeId)!.set(e.day, rule);
  }
  return out;
}

function openNowOf(r: repo.PlaceRow, exceptions: Map<string, DayRule> | undefined, cal: WorkingCalendar, at: Date): boolean {
  if (r.status !== 'open' || r.mergedInto !== null) return false;
  const d = deriveHours(r.hours);
  return typeof d !== 'string' && isOpenAt({ hours: d, ...(exceptions ? { exceptions } : {}) }, cal, at);
}

function summaryOf(r: repo.PlaceRow, openNow: boolean): PlaceSummary {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    address: r.address,
    org: { id: r.orgId, name: r.orgName },
    town: r.townId === null ? null : { id: r.townId, name: r.townName ?? '' },
    status: r.status,
    mergedInto: r.mergedInto,
    openNow,
    problemsOpen: r.problemsOpen,
    lat: r.lat,
    lng: r.lng,
  };
}

/** Whether each place is open now (hours, holidays, today's and yesterday's exceptions). */
async function openNowMap(q: Queryable, rows: repo.PlaceRow[], at = new Date()): Promise<Map<number, boolean>> {
  const today = beijingDay(at);
  const [cal, ex] = await Promise.all([loadCalendar(q), repo.findExceptions(q, rows.map((r) => r.id), shiftDay(today, -1), today)]);
  const rules = exceptionRules(ex);
  return new Map(rows.map((r) => [r.id, openNowOf(r, rules.get(r.id), cal, at)]));
}

/** Places of a subtree (the scope's, or orgId's within it). Throws not_found (orgId outside the scope). */
export async function listPlaces(ctx: StaffContext, f: Paged<PlaceListQuery>): Promise<{ items: PlaceSummary[]; total: number }> {
  const root = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findPlaces(
    ctx.db,
    { root: root.path, kind: f.kind, status: f.status, townId: f.townId, q: f.q, problems: f.problems === '1' },
    { limit: f.pageSize, offset: (f.page - 1) * f.pageSize },
  );
  const open = await openNowMap(ctx.db, items);
  return { items: items.map((r) => summaryOf(r, open.get(r.id) ?? false)), total };
}

async function placeInScope(ctx: StaffContext, q: Queryable, id: number, lock = false): Promise<repo.PlaceRow> {
  const r = await repo.getPlaceInScope(q, ctx.scope.path, id, lock);
  if (!r) throw new AppError('not_found');
  return r;
}

async function detailOf(ctx: StaffContext, q: Queryable, r: repo.PlaceRow): Promise<PlaceDetail> {
  const today = beijingDay();
  const [open, exceptions, photos, duplicates, merges] = await Promise.all([
    openNowMap(q, [r]),
    repo.findExceptions(q, [r.id], today),
    findPhotos(q, r.id),
    r.mergedInto === null && r.status === 'open' ? duplicatesOf(q, ctx.scope.path, { ...r, excludeId: r.id }) : Promise.resolve([]),
    mergesOf(q, r),
  ]);
  return {
    ...summaryOf(r, open.get(r.id) ?? false),
    wgs: r.wgsLat === null || r.wgsLng === null ? null : { lat: r.wgsLat, lng: r.wgsLng },
    hours: r.hours,
    services: r.services,
    intro: r.intro,
    keeperName: r.keeperName,
    keeperPhoneMasked: r.keeperPhoneMasked,
    bookable: r.bookable,
    closedReason: r.closedReason,
    mergedIntoPlace: r.mergedInto === null ? null : { id: r.mergedInto, name: r.mergedIntoName ?? '' },
    live: r.liveState && r.liveAt ? { state: r.liveState, busy: r.liveBusy, at: iso(r.liveAt) } : null,
    problemLatest: r.problemLatest,
    source: r.source,
    exceptions: exceptions.map((e) => ({ day: e.day, intervals: e.hours, note: e.note })),
    photos: photos.map((p) => ({ id: p.id, createdAt: iso(p.createdAt) })),
    duplicates,
    merges,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** A place of the subtree with everything staff see (keeper phone masked). Throws not_found. */
export async function getPlace(ctx: StaffContext, id: number): Promise<PlaceDetail> {
  return detailOf(ctx, ctx.db, await placeInScope(ctx, ctx.db, id));
}

// ── create and edit ──────────────────────────────────────────────────────────────────────────

const requestStore: IdempotencyStore<{ answer: string }> = {
  find: (q, owner, key) => repo.findRequest(q, owner.id, key),
  text: (a) => a.answer,
  isKeyTaken: (err) => violates(err, 'place_request_key'),
};

/** Runs a staff write once per key, its answer stored in the same transaction. */
export function placeWriteOnce(ctx: StaffContext, key: string, hash: Buffer, write: (tx: Queryable) => Promise<unknown>): Promise<IdempotentReply> {
  return writeOnce(ctx.db, requestStore, { owner: { kind: 'staff', id: ctx.actor.staffId }, key, hash }, () =>
    ctx.db.transaction(async (tx) => {
      const answer = JSON.stringify(await write(tx));
      await repo.insertRequest(tx, { staffId: ctx.actor.staffId, key, hash, answer });
      return { answer };
    }),
  );
}

/**
 * Adds a place to the register, once per key, and answers it with its likely duplicates (the write
 * happens anyway; with dryRun nothing is written). Throws not_found (union outside the scope),
 * place_town_invalid, position_outside_china, position_swapped, hours_*, idempotency_key_reused.
 */
export async function createPlace(ctx: StaffContext, body: CreatePlaceInput, key: string): Promise<IdempotentReply> {
  const org = await getOrgInScope(ctx.db, ctx.scope, body.orgId);
  await checkTown(ctx, ctx.db, body.townId);
  const pos = placePosition(body.position);
  const derived = placeDerivedHours(body.hours);
  const duplicates = await duplicatesOf(ctx.db, ctx.scope.path, { ...pos, kind: body.kind, name: body.name, excludeId: null });
  if (body.dryRun) return { body: JSON.stringify({ place: null, duplicates } satisfies PlaceWriteAnswer), replayed: false };
  const { dryRun: _dry, ...request } = body;
  return placeWriteOnce(ctx, key, requestHashOf('place create', request), async (tx) => {
    const id = await repo.insertPlace(tx, {
      orgId: org.id,
      kind: body.kind,
      name: body.name,
      address: body.address,
      townId: body.townId ?? null,
      lat: pos.lat,
      lng: pos.lng,
      wgs: pos.wgs,
      hours: body.hours,
      derived,
      services: [...new Set(body.services)],
      intro: body.intro,
      keeperName: body.keeperName ?? null,
      keeperPhone: body.keeperPhone ? sealKeeperPhone(ctx, body.keeperPhone) : null,
      bookable: body.bookable,
      source: 'staff',
      createdBy: ctx.actor.staffId,
    });
    await audit(tx, ctx, 'place.create', { type: 'place', id, orgPath: org.path }, {
      name: body.name,
      kind: body.kind,
      ...(duplicates.length > 0 ? { duplicatesWarned: duplicates.map((d) => d.id) } : {}),
    });
    return { place: await detailOf(ctx, tx, (await repo.getPlaceInScope(tx, ctx.scope.path, id))!), duplicates } satisfies PlaceWriteAnswer;
  });
}

/** The fields of a place as an edit compares them (what the audit's before/after records). */
function comparable(r: repo.PlaceRow): Record<string, unknown> {
  return {
    orgId: r.orgId,
    kind: r.kind,
    name: r.name,
    address: r.address,
    townId: r.townId,
    position: { lat: r.lat, lng: r.lng },
    hours: r.hours,
    services: r.services,
    intro: r.intro,
    keeperName: r.keeperName,
    keeperPhone: r.keeperPhoneMasked,
    bookable: r.bookable,
  };
}

/**
 * Edits a place of the subtree and answers it with its likely duplicates (dryRun: checks only).
 * Throws not_found, place_merged, place_town_invalid, position_*, hours_*.
 */
export async function updatePlace(ctx: StaffContext, id: number, body: UpdatePlaceInput): Promise<PlaceWriteAnswer> {
  return ctx.db.transaction(async (tx) => {
    const current = await placeInScope(ctx, tx, id, true);
    if (current.mergedInto !== null) throw new AppError('place_merged');
    if (body.orgId !== undefined) await getOrgInScope(tx, ctx.scope, body.orgId);
    await checkTown(ctx, tx, body.townId);
    const pos = body.position ? placePosition(body.position) : undefined;
    const derived = body.hours ? placeDerivedHours(body.hours) : undefined;
    const at = pos ?? { lat: current.lat, lng: current.lng };
    const duplicates = await duplicatesOf(tx, ctx.scope.path, { ...at, kind: body.kind ?? current.kind, name: body.name ?? current.name, excludeId: id });
    if (body.dryRun) return { place: null, duplicates };
    const phone = body.keeperPhone === undefined ? undefined : body.keeperPhone === null ? null : sealKeeperPhone(ctx, body.keeperPhone);
    await repo.updatePlace(tx, id, {
      ...(body.orgId !== undefined ? { orgId: body.orgId } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.address !== undefined ? { address: body.address } : {}),
      ...(body.townId !== undefined ? { townId: body.townId } : {}),
      ...(pos ? { position: pos } : {}),
      ...(body.hours && derived ? { hours: { hours: body.hours, derived } } : {}),
      ...(body.services !== undefined ? { services: [...new Set(body.services)] } : {}),
      ...(body.intro !== undefined ? { intro: body.intro } : {}),
      ...(body.keeperName !== undefined ? { keeperName: body.keeperName } : {}),
      ...(phone !== undefined ? { keeperPhone: phone } : {}),
      ...(body.bookable !== undefined ? { bookable: body.bookable } : {}),
    });
    const after = (await repo.getPlaceInScope(tx, ctx.scope.path, id))!;
    const { dryRun: _dry, ...patch } = body;
    const changes = changesOf(comparable(current), Object.fromEntries(Object.keys(patch).map((k) => [k, comparable(after)[k]])));
    await audit(tx, ctx, 'place.update', { type: 'place', id, orgPath: after.orgPath }, { changes });
    return { place: await detailOf(ctx, tx, after), duplicates };
  });
}

/** Takes a place out of service with a reason. Throws not_found, place_merged, place_state_invalid (already closed). */
export async function closePlace(ctx: StaffContext, id: number, reason: string): Promise<PlaceDetail> {
  return setStatus(ctx, id, 'closed', reason);
}

/** Puts a closed place back into service. Throws not_found, place_merged, place_state_invalid (not closed). */
export async function reopenPlace(ctx: StaffContext, id: number): Promise<PlaceDetail> {
  return setStatus(ctx, id, 'open', null);
}

async function setStatus(ctx: StaffContext, id: number, status: 'open' | 'closed', reason: string | null): Promise<PlaceDetail> {
  return ctx.db.transaction(async (tx) => {
    const r = await placeInScope(ctx, tx, id, true);
    if (r.mergedInto !== null) throw new AppError('place_merged');
    if (r.status === status) throw new AppError('place_state_invalid', status === 'closed' ? '该阵地已停用' : '该阵地在用，无需恢复');
    await repo.setPlaceStatus(tx, id, status, reason);
    await audit(tx, ctx, status === 'closed' ? 'place.close' : 'place.reopen', { type: 'place', id, orgPath: r.orgPath }, reason ? { reason } : {});
    return detailOf(ctx, tx, (await repo.getPlaceInScope(tx, ctx.scope.path, id))!);
  });
}

/** The keeper's full phone, with the reason written to the audit log. Throws not_found, place_no_keeper_phone. */
export async function revealKeeperPhone(ctx: StaffContext, id: number, reason: string): Promise<{ phone: string }> {
  const r = await placeInScope(ctx, ctx.db, id);
  if (!r.keeperPhoneEnc) throw new AppError('place_no_keeper_phone');
  const phone = ctx.pii.decrypt(r.keeperPhoneEnc);
  await audit(ctx.db, ctx, 'place.keeper_reveal', { type: 'place', id, orgPath: r.orgPath }, { reason, fields: ['keeperPhone'] });
  return { phone };
}

// ── a date's own hours ───────────────────────────────────────────────────────────────────────

/** Sets a date's hours unlike the week (empty: closed that day). Throws not_found, place_merged, place_exception_past, hours_*. */
export async function setException(ctx: StaffContext, id: number, day: string, input: { intervals: HoursInterval[]; note: string }): Promise<PlaceDetail> {
  return ctx.db.transaction(async (tx) => {
    const r = await placeInScope(ctx, tx, id, true);
    if (r.mergedInto !== null) throw new AppError('place_merged');
    if (day < beijingDay()) throw new AppError('place_exception_past');
    const rule = deriveDayRule(input.intervals);
    if (typeof rule === 'string') throw new AppError(rule);
    await repo.upsertException(tx, { placeId: id, day, rule, hours: input.intervals, note: input.note, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'place.exception_set', { type: 'place', id, orgPath: r.orgPath }, { day, intervals: input.intervals.length, note: input.note });
    return detailOf(ctx, tx, r);
  });
}

/** Removes a date's own hours (the week's apply again). Throws not_found. */
export async function removeException(ctx: StaffContext, id: number, day: string): Promise<PlaceDetail> {
  return ctx.db.transaction(async (tx) => {
    const r = await placeInScope(ctx, tx, id, true);
    if (!(await repo.deleteException(tx, id, day))) throw new AppError('not_found');
    await audit(tx, ctx, 'place.exception_remove', { type: 'place', id, orgPath: r.orgPath }, { day });
    return detailOf(ctx, tx, r);
  });
}

// ── figures ──────────────────────────────────────────────────────────────────────────────────

/** Places of a subtree (the scope's, or orgId's within it) by kind × status, merged ones left out. Throws not_found. */
export async function placeCounts(ctx: StaffContext, orgId?: number): Promise<PlaceCounts> {
  const root = await getOrgInScope(ctx.db, ctx.scope, orgId ?? ctx.scope.orgId);
  const rows = await repo.countPlaces(ctx.db, root.path);
  const byKind = placeKinds.map((kind) => ({
    kind,
    open: rows.find((r) => r.kind === kind && r.status === 'open')?.n ?? 0,
    closed: rows.find((r) => r.kind === kind && r.status === 'closed')?.n ?? 0,
  }));
  return { byKind, openCount: byKind.reduce((s, k) => s + k.open, 0), closedCount: byKind.reduce((s, k) => s + k.closed, 0) };
}

export { getPlaceInScopeRow };
/** A place row of the scope (for the sibling files of this module). Throws not_found. */
function getPlaceInScopeRow(ctx: StaffContext, q: Queryable, id: number, lock = false): Promise<repo.PlaceRow> {
  return placeInScope(ctx, q, id, lock);
}
export { detailOf as placeDetailOf };
export { listDuplicatePairs } from './places.duplicates.ts';
export { mergePlace, undoMerge } from './places.merge.ts';
