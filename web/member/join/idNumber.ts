// The live check of the ID number on the join form: the same GB 11643 rule the server applies
// (contracts/china-codes.ts), plus the age of 16, with sex and birth date derived for the worker to see.
import { parseIdNumber } from '../../../contracts/china-codes.ts';
import { ageOn, formatDay } from '../../shared/format.ts';

export const MIN_AGE = 16;

export type IdCheck =
  | { kind: 'incomplete' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ok'; sex: 'male' | 'female'; birthDate: string; age: number };


export function checkIdNumber(raw: string | undefined, today: Date = new Date()): IdCheck {
  const id = (raw ?? '').trim().toUpperCase();
  if (id.length < 18) {
    if (/[^0-9X]/.test(id)) return { kind: 'invalid', message: '身份证号只能包含数字和末位的 X' };
    return { kind: 'incomplete' };
  }
  const info = parseIdNumber(id, today);
  if (!info) return { kind: 'invalid', message: '身份证号码不正确，请核对后重新输入' };
  const age = ageOn(info.birthDate, formatDay(today));
  if (age < MIN_AGE) return { kind: 'invalid', message: `未满 ${MIN_AGE} 周岁，暂不能申请入会` };
  return { kind: 'ok', sex: info.sex, birthDate: info.birthDate, age };
}
