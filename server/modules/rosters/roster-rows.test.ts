// Row checks: each kind of mistake a clerk makes in a roster, and the forms a valid row may take.
import { describe, expect, it } from 'vitest';
import { rosterPerson } from '../../../tests/helpers/rosters.ts';
import { idNumberCheckChar } from '../../../contracts/china-codes.ts';
import { checkRow, parseDateCell, type RosterCells } from './roster-rows.ts';
import { neutralise } from '../../lib/spreadsheet-cells.ts';

const today = new Date(Date.UTC(2026, 10, 21));
const p = rosterPerson(1);
const good: RosterCells = { name: p.name, idNumber: p.idNumber, phone: p.phone, employer: p.employer };
const codes = (cells: RosterCells) => {
  const r = checkRow(2, cells, today);
  return r.ok ? [] : r.problems.map((x) => x.code);
};
const born = (ymd: string) => {
  const first17 = `440982${ymd}123`;
  return first17 + idNumberCheckChar(first17);
};

describe('checkRow', () => {
  it('accepts a valid row, deriving sex and birth date', () => {
    const r = checkRow(2, good, today);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.row).toMatchObject({ rowNo: 2, name: p.name, idNumber: p.idNumber, phone: p.phone, joinedOn: null });
  });

  it('accepts what people type: lower-case x, blanks, +86 and grouped phones, minority names, dates in several forms', () => {
    const withX = born('19900101').replace(/X$/, 'x');
    expect(codes({ ...good, idNumber: ` ${withX} ` })).toEqual([]);
    for (const phone of ['+86 138 1234 5678', '138-1234-5678', 13812345678]) expect(codes({ ...good, phone })).toEqual([]);
    for (const name of ['阿依古丽·买买提', '欧阳 娜娜', 'John Smith', '𠀋丽']) expect(codes({ ...good, name })).toEqual([]);
    for (const joinedOn of ['2024-05-01', '2024/5/1', '2024.5.1', '2024年5月1日', '20240501', 20240501, new Date(Date.UTC(2024, 4, 1)), 45413]) {
      const r = checkRow(2, { ...good, joinedOn }, today);
      expect(r.ok && r.row.joinedOn, String(joinedOn)).toBe('2024-05-01');
    }
  });

  it('reports every mistake of a row, each with its code', () => {
    expect(codes({})).toEqual(['name_missing', 'id_missing', 'phone_missing', 'employer_missing']);
    expect(codes({ ...good, name: '张3' })).toEqual(['invalid_name']);
    expect(codes({ ...good, name: '张' })).toEqual(['invalid_name']);
    expect(codes({ ...good, name: '=HYPERLINK("x")' })).toEqual(['invalid_name']);
    expect(codes({ ...good, idNumber: Number('440982199001011234') })).toEqual(['id_as_number']);
    expect(codes({ ...good, idNumber: p.idNumber.slice(0, 17) + (p.idNumber[17] === '1' ? '2' : '1') })).toEqual(['invalid_id_number']);
    expect(codes({ ...good, idNumber: '4409821990010112' })).toEqual(['invalid_id_number']);
    expect(codes({ ...good, idNumber: born('20120101') })).toEqual(['under_age']);
    expect(codes({ ...good, phone: '12345678901' })).toEqual(['invalid_phone']);
    expect(codes({ ...good, phone: '1381234567' })).toEqual(['invalid_phone']);
    expect(codes({ ...good, employer: '厂' })).toEqual(['invalid_employer']);
    expect(codes({ ...good, employer: 'a\u202eb公司' })).toEqual(['invalid_employer']);
    expect(codes({ ...good, joinedOn: '2027-01-01' })).toEqual(['invalid_joined_on']);
    expect(codes({ ...good, joinedOn: '明天' })).toEqual(['invalid_joined_on']);
    expect(codes({ ...good, idNumber: born('19900101'), joinedOn: '2005-01-01' })).toEqual(['invalid_joined_on']);
    expect(codes({ ...good, note: '备'.repeat(201) })).toEqual(['note_too_long']);
    expect(codes({ ...good, name: '', phone: 'abc' })).toEqual(['name_missing', 'invalid_phone']);
  });

  it('treats a 16th birthday today as old enough', () => {
    expect(codes({ ...good, idNumber: born('20101121') })).toEqual([]);
    expect(codes({ ...good, idNumber: born('20101122') })).toEqual(['under_age']);
  });
});

describe('parseDateCell', () => {
  it('refuses dates that do not exist', () => {
    for (const v of ['2024-02-30', '2024-13-01', '20241301', 'abc', 0, -5]) expect(parseDateCell(v), String(v)).toBeUndefined();
  });
});

describe('neutralise', () => {
  it('prefixes a single quote to what a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutralise(s)).toBe(`'${s}`);
    for (const s of ['张三', '138****5678', '440982********123X', '', "'=x"]) expect(neutralise(s)).toBe(s);
  });
});
