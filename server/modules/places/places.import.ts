// Importing places from Excel (Guangdong has ~16,000 stations): every row is checked first — kind,
// name, address, town, position (in China, not swapped; WGS-84 and BD-09 converted to GCJ-02),
// hours in words (server/lib/hours-text.ts, then deriveHours), services, keeper's phone — and any bad
// row refuses the whole file with the reasons per row (row, column, message): nothing is written; the
// refused file can be had back with an 错误 column and its bad cells highlighted (placeImportErrors).
// A good file is written in one transaction (multi-row inserts), once per Idempotency-Key, and
// answered with likely duplicates — within the file and against the register.
import {
  DUPLICATE_NAME_M,
  DUPLICATE_NEAR_M,
  placeImportColumns,
  placeKindLabels,
  placeKinds,
  placeServiceLabels,
  placeServices,
  type PlaceImportAnswer,
  type PlaceKind,
  type PlaceService,
} from '../../../contracts/places.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { distanceMeters } from '../../lib/geo.ts';
import { parseHoursText } from '../../lib/hours-text.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { createHash } from 'node:crypto';
import { duplicatesOfRows } from './places.duplicates.ts';
import { placeErrorWorkbook, readPlaceSheet, type PlaceCells, type PlaceSheet } from './places.import.sheet.ts';
import * as repo from './places.repo.ts';
import { placeDerivedHours, placePosition, placeWriteOnce, sealKeeperPhone } from './places.service.ts';

const LIST_MAX = 500;

const KIND_BY_LABEL: Record<string, PlaceKind> = {
  ...Object.fromEntries(placeKinds.map((k) => [placeKindLabels[k], k])),
  ...Object.fromEntries(placeKinds.map((k) => [k, k])),
  工会驿站: 'station',
  户外劳动者服务站点: 'station',
  户外劳动者服务站: 'station',
  驿站: 'station',
  文化宫: 'culturalPalace',
  工人文化宫: 'culturalPalace',
  职工书吧: 'readingRoom',
  心理咨询室: 'counselling',
};
const SERVICE_BY_LABEL: Record<string, PlaceService> = {
  ...Object.fromEntries(placeServices.map((s) => [placeServiceLabels[s], s])),
  ...Object.fromEntries(placeServices.map((s) => [s, s])),
  热饭: 'microwave',
  微波炉: 'microwave',
  空调: 'aircon',
  取暖: 'aircon',
  wifi: 'wifi',
  WIFI: 'wifi',
  饮用水: 'water',
  母婴室: 'nursing',
  药箱: 'firstAid',
};

const headerOf = (key: string) => placeImportColumns.find((c) => c.key === key)?.header ?? key;
const textOf = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

/** BD-09 (Baidu) → GCJ-02, the published inverse of Baidu's offset. */
function bd09ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  const xPi = (Math.PI * 3000) / 180;
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * xPi);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * xPi);
  return { lat: z * Math.sin(theta), lng: z * Math.cos(theta) };
}

function systemOf(s: string): 'gcj02' | 'wgs84' | 'bd09' | null {
  const t = s.toLowerCase().replace(/[\s_-]/g, '');
  if (t === '' || ['gcj02', '高德', '腾讯', '微信', '火星坐标', '国测局'].includes(t)) return 'gcj02';
  if (['wgs84', 'gps', '卫星定位'].includes(t)) return 'wgs84';
  if (['bd09', 'bd09ll', '百度'].includes(t)) return 'bd09';
  return null;
}

function normaliseTown(name: string): string {
  return name.replace(/(总工会|工会联合会|工联会|工会)$/, '');
}

export interface ParsedRow {
  rowNo: number;
  insert: repo.PlaceInsert;
}

type RowError = PlaceImportAnswer['errors'][number];

/** One row checked: the place to write, or its problems (column, message). */
export function parseRow(ctx: Pick<StaffContext, 'pii' | 'actor'>, rowNo: number, cells: PlaceCells, towns: Map<string, number>, orgId: number): ParsedRow | RowError[] {
  const errors: RowError[] = [];
  const fail = (key: string, message: string) => errors.push({ row: rowNo, column: headerOf(key), message });
  const name = textOf(cells.name);
  if ([...name].length < 2 || [...name].length > 100) fail('name', '名称应为 2–100 个字');
  const kind = KIND_BY_LABEL[textOf(cells.kind)];
  if (!kind) fail('kind', `类型应为：${Object.values(placeKindLabels).join('、')}`);
  const address = textOf(cells.address);
  if ([...address].length < 2 || [...address].length > 200) fail('address', '地址应为 2–200 个字');
  let townId: number | null = null;
  const town = textOf(cells.town);
  if (town) {
    townId = towns.get(town) ?? towns.get(normaliseTown(town)) ?? null;
    if (townId === null) fail('town', `管理范围内没有名为“${town}”的镇（街道）工会`);
  }
  const lat = Number(textOf(cells.lat));
  const lng = Number(textOf(cells.lng));
  const system = systemOf(textOf(cells.system));
  let pos: ReturnType<typeof placePosition> | undefined;
  if (textOf(cells.lat) === '' || !Number.isFinite(lat)) fail('lat', '纬度应为数字，如 21.6630');
  else if (textOf(cells.lng) === '' || !Number.isFinite(lng)) fail('lng', '经度应为数字，如 110.6380');
  else if (!system) fail('system', '坐标系应为 GCJ-02、WGS-84 或 BD-09');
  else {
    try {
      const p = system === 'bd09' ? { ...bd09ToGcj02(lat, lng), system: 'gcj02' as const } : { lat, lng, system };
      pos = placePosition(p);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail('lat', err.message);
    }
  }
  const hoursText = parseHoursText(textOf(cells.hours));
  let derived: ReturnType<typeof placeDerivedHours> | undefined;
  if ('error' in hoursText) fail('hours', hoursText.error);
  else {
    try {
      derived = placeDerivedHours(hoursText.hours);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail('hours', err.message);
    }
  }
  const services: PlaceService[] = [];
  for (const label of textOf(cells.services).split(/[、,，;；/\s]+/).filter(Boolean)) {
    const s = SERVICE_BY_LABEL[label];
    if (!s) fail('services', `不认识的服务项目“${label}”`);
    else if (!services.includes(s)) services.push(s);
  }
  const keeper = textOf(cells.keeper);
  if ([...keeper].length > 30) fail('keeper', '站长姓名不超过 30 个字');
  const phone = textOf(cells.phone).replace(/\s/g, '');
  if (phone && !/^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8})$/.test(phone)) fail('phone', '电话应为 11 位手机号或带区号的固定电话');
  const bookableText = textOf(cells.bookable);
  if (bookableText && !['是', '否', '可', '不可'].includes(bookableText)) fail('bookable', '可预约请填写“是”或“否”');
  if (errors.length > 0 || !kind || !pos || !derived || 'error' in hoursText) return errors;
  return {
    rowNo,
    insert: {
      orgId,
      kind,
      name,
      address,
      townId,
      lat: pos.lat,
      lng: pos.lng,
      wgs: pos.wgs,
      hours: hoursText.hours,
      derived,
      services,
      intro: '',
      keeperName: keeper || null,
      keeperPhone: phone ? sealKeeperPhone(ctx, phone) : null,
      bookable: bookableText === '是' || bookableText === '可',
      source: 'import',
      createdBy: ctx.actor.staffId,
    },
  };
}

type Warning = PlaceImportAnswer['warnings'][number];

/** Likely duplicates among the file's own rows: same kind within 50 m, or the same name within 500 m (a grid of ~1 km cells). */
function duplicatesWithinFile(rows: readonly ParsedRow[]): Warning[] {
  const cell = (lat: number, lng: number) => `${Math.floor(lat * 100)}:${Math.floor(lng * 100)}`;
  const grid = new Map<string, ParsedRow[]>();
  const out: Warning[] = [];
  for (const r of rows) {
    const { lat, lng } = r.insert;
    const cx = Math.floor(lat * 100);
    const cy = Math.floor(lng * 100);
    let best: { other: ParsedRow; d: number } | undefined;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const o of grid.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const d = distanceMeters({ lat, lng }, { lat: o.insert.lat, lng: o.insert.lng });
          const same = (o.insert.kind === r.insert.kind && d <= DUPLICATE_NEAR_M) || (o.insert.name === r.insert.name && d <= DUPLICATE_NAME_M);
          if (same && (!best || d < best.d)) best = { other: o, d };
        }
      }
    }
    if (best) out.push({ row: r.rowNo, name: r.insert.name, other: `第 ${best.other.rowNo} 行 ${best.other.insert.name}`, distanceM: Math.round(best.d) });
    const key = cell(lat, lng);
    grid.set(key, [...(grid.get(key) ?? []), r]);
  }
  return out;
}

interface CheckedFile {
  org: { id: number; path: string };
  sheet: PlaceSheet;
  parsed: ParsedRow[];
  errors: RowError[];
}

/** Reads and checks every row of an upload for a union of the scope (nothing written). */
async function checkPlaceFile(ctx: StaffContext, orgId: number, file: Buffer): Promise<CheckedFile> {
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId);
  const sheet = await readPlaceSheet(file);
  const towns = new Map<string, number>();
  // a town by its full name, without 总工会/工会联合会, or without its city or county too (石湾街道)
  for (const t of await repo.findTowns(ctx.db, ctx.scope.path)) {
    const short = normaliseTown(t.name);
    for (const name of [t.name, short, short.replace(/^.+?(市|县|区)(?=.)/, '')]) if (!towns.has(name)) towns.set(name, t.id);
  }
  const parsed: ParsedRow[] = [];
  const errors: RowError[] = [];
  for (const r of sheet.rows) {
    const out = parseRow(ctx, r.rowNo, r.cells, towns, org.id);
    if (Array.isArray(out)) errors.push(...out);
    else parsed.push(out);
  }
  return { org, sheet, parsed, errors };
}

/**
 * Imports a workbook of places for a union of the scope: all rows or none. With dryRun, checks and
 * answers without writing. Throws not_found (union), roster_* (not a readable xlsx),
 * place_import_headers, place_import_empty, place_import_too_many_rows, idempotency_key_reused.
 */
export async function importPlaces(ctx: StaffContext, input: { orgId: number; dryRun: boolean; file: Buffer; key: string }): Promise<IdempotentReply> {
  const { org, sheet, parsed, errors } = await checkPlaceFile(ctx, input.orgId, input.file);
  const answer = (created: number, warnings: Warning[]): PlaceImportAnswer => ({
    ok: errors.length === 0,
    rows: sheet.rows.length,
    created,
    errors: errors.slice(0, LIST_MAX),
    errorCount: errors.length,
    warnings: warnings.slice(0, LIST_MAX),
    warningCount: warnings.length,
  });
  if (errors.length > 0) return { body: JSON.stringify(answer(0, [])), replayed: false };
  const warningsOf = async (q: Queryable) => {
    const register = await duplicatesOfRows(q, ctx.scope.path, parsed.map((r) => ({ row: r.rowNo, lat: r.insert.lat, lng: r.insert.lng, kind: r.insert.kind, name: r.insert.name })));
    const names = new Map(parsed.map((p) => [p.rowNo, p.insert.name]));
    const fromRegister: Warning[] = register.map((d) => ({ row: d.row, name: names.get(d.row) ?? '', other: `${d.name}（已登记，ID ${d.id}）`, distanceM: d.distanceM }));
    return [...duplicatesWithinFile(parsed), ...fromRegister].sort((a, b) => a.row - b.row);
  };
  if (input.dryRun) return { body: JSON.stringify(answer(0, await warningsOf(ctx.db))), replayed: false };
  const digest = createHash('sha256').update(input.file).digest('hex');
  return placeWriteOnce(ctx, input.key, requestHashOf('place import', org.id, digest), async (tx) => {
    const warnings = await warningsOf(tx);
    const created = await repo.insertPlacesBatch(tx, org, parsed.map((p) => p.insert));
    await audit(tx, ctx, 'place.import', { type: 'org', id: org.id, orgPath: org.path }, { placesCreated: created, duplicateWarnings: warnings.length });
    return answer(created, warnings);
  });
}

/**
 * The refused upload given back to fix (下载错误清单): the same checks as the import, and every row as
 * uploaded with 错误 on the bad ones (all their problems, column: reason) and the bad cells
 * highlighted. Nothing is written or kept. Throws what importPlaces throws for the file, and
 * place_import_no_errors when every row is good.
 */
export async function placeImportErrors(ctx: StaffContext, input: { orgId: number; file: Buffer }): Promise<Buffer> {
  const { sheet, errors } = await checkPlaceFile(ctx, input.orgId, input.file);
  if (errors.length === 0) throw new AppError('place_import_no_errors');
  const faults = new Map<number, { reason: string; cells: number[] }>();
  for (const e of errors) {
    const f = faults.get(e.row) ?? { reason: '', cells: [] };
    f.reason = f.reason ? `${f.reason}；${e.column}：${e.message}` : `${e.column}：${e.message}`;
    const key = placeImportColumns.find((c) => c.header === e.column)?.key;
    const at = key ? sheet.columnOf.get(key) : undefined;
    if (at !== undefined && !f.cells.includes(at)) f.cells.push(at);
    faults.set(e.row, f);
  }
  return placeErrorWorkbook(input.file, faults);
}
