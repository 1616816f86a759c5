// One roster row, checked: what a person typed into Excel becomes a valid row or a list of reasons.
// Pure: no database, no clock but the `today` it is given.
import { UNSAFE_TEXT } from '../../../contracts/common.ts';
import { rosterRowErrors, type RosterColumnKey, type RosterRowError } from '../../../contracts/rosters.ts';
import { AppError } from '../../errors.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { checkIdNumber } from '../members/join.service.ts';

/** A cell as the reader gives it: text, a number, a date (Excel date cells), a boolean, or nothing. */
export type { CellValue };
export type RosterCells = Partial<Record<RosterColumnKey, CellValue>>;

export interface ValidRow {
  rowNo: number;
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string;
  employer: string;
  /** YYYY-MM-DD, or null for "the day of the import". */
  joinedOn: string | null;
}

export interface RowProblem {
  code: RosterRowError;
  /** Added to the message, e.g. which other row holds the same ID number. */
  detail?: string;
}

export type RowResult = { ok: true; row: ValidRow } | { ok: false; problems: RowProblem[] };

// Han characters (any plane), Latin letters, the middle dots of minority and foreign names, blanks.
const NAME = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·・•. ]*[\p{Script=Han}A-Za-z]$/u;

function asText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  return String(v).trim();
}

function isoDate(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function validDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return isoDate(date);
}

/** A date as clerks write it: a date cell, 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 20240501, or an Excel serial. */
export function parseDateCell(v: CellValue | undefined): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : isoDate(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 19000101 && v <= 29991231) return validDate(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    // Excel's day serial (1900 system), for a date cell saved without a date format
    if (v >= 1 && v < 2958466) return isoDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000));
    return undefined;
  }
  const s = asText(v);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** The reason shown in the error workbook. */
export function reasonText(problems: RowProblem[]): string {
  return problems.map((p) => rosterRowErrors[p.code] + (p.detail ?? '')).join('；');
}

/** Checks one row. `today` decides ages and dates in the future. */
export function checkRow(rowNo: number, cells: RosterCells, today: Date): RowResult {
  const problems: RowProblem[] = [];

  const name = asText(cells.name).replace(/\s+/g, ' ');
  const nameLength = [...name].length;
  if (!name) problems.push({ code: 'name_missing' });
  else if (nameLength < 2 || nameLength > 30 || !NAME.test(name)) problems.push({ code: 'invalid_name' });

  let person: ReturnType<typeof checkIdNumber> | undefined;
  const rawId = cells.idNumber;
  if (typeof rawId === 'number') problems.push({ code: 'id_as_number' });
  else {
    const id = asText(rawId).replace(/\s+/g, '').toUpperCase();
    if (!id) problems.push({ code: 'id_missing' });
    else {
      try {
        person = checkIdNumber(id, today);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        problems.push({ code: err.code === 'under_age' ? 'under_age' : 'invalid_id_number' });
      }
    }
  }

  const rawPhone = cells.phone;
  const phone = (typeof rawPhone === 'number' ? String(rawPhone) : asText(rawPhone))
    .replace(/[\s-]/g, '')
    .replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!phone) problems.push({ code: 'phone_missing' });
  else if (!/^1[3-9]\d{9}$/.test(phone)) problems.push({ code: 'invalid_phone' });

  const employer = asText(cells.employer).replace(/\s+/g, ' ');
  if (!employer) problems.push({ code: 'employer_missing' });
  else if ([...employer].length < 2 || [...employer].length > 100 || UNSAFE_TEXT.test(employer)) problems.push({ code: 'invalid_employer' });

  let joinedOn: string | null = null;
  if (asText(cells.joinedOn) !== '') {
    const d = parseDateCell(cells.joinedOn);
    const [y, m, dd] = (person?.birthDate ?? '0000-01-01').split('-').map(Number) as [number, number, number];
    const sixteen = `${String(y + 16).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
    if (!d || d > isoDate(today) || d < '1949-10-01' || (person && d < sixteen)) problems.push({ code: 'invalid_joined_on' });
    else joinedOn = d;
  }

  if ([...asText(cells.note)].length > 200) problems.push({ code: 'note_too_long' });

  if (problems.length > 0 || !person) return { ok: false, problems };
  return {
    ok: true,
    row: { rowNo, name, idNumber: person.id, sex: person.sex, birthDate: person.birthDate, phone, employer, joinedOn },
  };
}
