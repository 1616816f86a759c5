// The letters of a supervision case: which rung comes next and whether it may be issued now, the
// reply deadline by the region's rule on the working-day calendar, and each letter's text for the
// PDF kit. Pure functions over rows already read; the service decides and writes.
import type { LetterKind } from '../../../contracts/supervision.ts';
import { letterTitles } from '../../../contracts/supervision.ts';
import { addWorkingDays, shiftDay, workingDaysBetween, type WorkingCalendar } from '../../lib/working-days.ts';
import { chineseDate, type LetterInput } from '../../lib/pdf-letter.ts';
import type { CaseRow, LetterRow } from './supervision.repo.ts';

export interface ReplyRule {
  replyDays: number;
  dayKind: 'working' | 'calendar';
}

const LADDER: readonly LetterKind[] = ['notice', 'opinion', 'recommendation', 'referral'];
/** The character of a letter's number: 〔2026〕从工监提字第1号. */
export const KIND_CHAR: Record<LetterKind, string> = { notice: '提', opinion: '意', recommendation: '建', referral: '移' };
/** The state a case is in once a letter of the kind is issued. */
export const STATE_AFTER: Record<LetterKind, string> = { notice: 'notice_issued', opinion: 'opinion_issued', recommendation: 'suggestion_issued', referral: 'referred' };

/** The reply deadline of a letter received on `from`: n working days, or n calendar days, later. */
export function replyDueOn(cal: WorkingCalendar, rule: ReplyRule, from: string): string {
  return rule.dayKind === 'working' ? addWorkingDays(cal, from, rule.replyDays) : shiftDay(from, rule.replyDays);
}

/** Days left until `due` counted as the rule counts (negative once past). */
export function daysLeft(cal: WorkingCalendar, dayKind: 'working' | 'calendar', today: string, due: string): number {
  if (dayKind === 'calendar') return Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000);
  return due >= today ? workingDaysBetween(cal, today, due) : -workingDaysBetween(cal, due, today);
}

export interface NextRung {
  kind: LetterKind | null;
  allowed: boolean;
  reason: string | null;
  /** the error when not allowed: too early (with the date), or not the next rung at all */
  code: 'supervision_too_early' | 'supervision_wrong_rung' | 'supervision_referral_level' | null;
}

const COUNTY_OR_ABOVE = new Set(['county', 'city', 'province']);

/** Which letter comes next on the ladder, and whether it may be issued today. */
export function nextRung(c: CaseRow, letters: readonly LetterRow[], today: string): NextRung {
  if (c.state === 'closed') return { kind: null, allowed: false, reason: '案件已结案', code: 'supervision_wrong_rung' };
  const last = letters.at(-1);
  const kind = last ? (LADDER[LADDER.indexOf(last.kind as LetterKind) + 1] ?? null) : 'notice';
  if (kind === null) return { kind: null, allowed: false, reason: '已移送检察机关，请在有结果后结案', code: 'supervision_wrong_rung' };
  if (!last) return { kind, allowed: true, reason: null, code: null };
  if (last.rectification === 'done') return { kind, allowed: false, reason: '用人单位已书面答复整改完毕，请核实后结案', code: 'supervision_wrong_rung' };
  if (!last.deliveredOn || !last.replyDueOn) {
    return { kind, allowed: false, reason: `${last.number}尚未送达，送达并过答复期限后才能发出下一级文书`, code: 'supervision_too_early' };
  }
  if (last.rectification !== 'none' && today <= last.replyDueOn) {
    return {
      kind,
      allowed: false,
      reason: `答复期限为${chineseDate(last.replyDueOn)}，期满未整改或答复拒不整改后才能发出下一级文书`,
      code: 'supervision_too_early',
    };
  }
  if (kind === 'referral' && !COUNTY_OR_ABOVE.has(c.orgLevel)) {
    return { kind, allowed: false, reason: '移送检察机关须由县级以上总工会办理，请先提级监督', code: 'supervision_referral_level' };
  }
  return { kind, allowed: true, reason: null, code: null };
}

/** The labour administration and the procuratorate of a union's area, named after it: 从化区总工会 → 从化区人力资源和社会保障局. */
export function defaultAddressee(kind: LetterKind, c: CaseRow): string {
  const area = c.orgName.replace(/(总工会|工会联合会|工会)$/, '');
  if (kind === 'recommendation') return `${area}人力资源和社会保障局`;
  if (kind === 'referral') return `${area}人民检察院`;
  return c.employerName;
}

/** A union's default number prefix: the first character of its name and 工监 (从化区总工会 → 从工监). */
export function defaultPrefix(orgName: string): string {
  const first = /\p{Script=Han}/u.exec(orgName)?.[0] ?? '工';
  return `${first}工监`;
}

const clean = (s: string) => s.trim().replace(/[。；;.]+$/, '');

/** The letter for the PDF kit: title, addressee, body from the case's facts and provisions, the deadline as a date. */
export function letterText(
  kind: LetterKind,
  c: CaseRow,
  previous: readonly LetterRow[],
  p: { number: string; addressee: string; issuedOn: string; statedDueOn: string; rule: ReplyRule; supervisors: { name: string; certificateNo: string }[] },
): LetterInput {
  const provisions = c.provisions.join('、');
  const facts = `${clean(c.summary)}（涉及职工${c.workersCount}人）`;
  const within = `${p.rule.replyDays}个${p.rule.dayKind === 'working' ? '工作日' : '自然日'}`;
  const due = chineseDate(p.statedDueOn);
  const earlier = previous.map((l) => `${chineseDate(l.issuedOn)}发出的${letterTitles[l.kind as LetterKind]}（${l.number}）`).join('、');
  const replied = previous.at(-1)?.repliedOn ? `该单位虽有书面答复，但${previous.at(-1)!.rectification === 'none' ? '拒不整改' : '未在期限内整改到位'}` : '该单位逾期未书面答复、未整改';
  let paragraphs: string[];
  switch (kind) {
    case 'notice':
      paragraphs = [
        `根据《中华人民共和国工会法》和《工会劳动法律监督办法》的规定，本会在劳动法律监督中发现，你单位存在以下情形：${facts}。上述情形可能违反了${provisions}的规定。`,
        `请你单位自收到本提示函之日起${within}内（按本函发出当日送达计，即${due}前）进行自查整改，并将整改情况书面回复本会。逾期未整改或者未回复的，本会将依法发出《工会劳动法律监督意见书》。`,
        '特此函告。',
      ];
      break;
    case 'opinion':
      paragraphs = [
        `本会已于${earlier}，指出你单位存在以下情形：${facts}，违反了${provisions}的规定。${replied}。`,
        `根据《中华人民共和国工会法》和《工会劳动法律监督办法》的规定，本会提出如下意见：请你单位立即纠正上述违法行为，依法保障职工合法权益，并自收到本意见书之日起${within}内（按本意见书发出当日送达计，即${due}前）将整改结果书面回复本会。逾期不整改的，本会将提请劳动行政部门依法处理。`,
        '特此函告。',
      ];
      break;
    case 'recommendation':
      paragraphs = [
        `本会在劳动法律监督中发现，${c.employerName}（地址：${c.employerAddress ?? ''}）存在以下情形：${facts}，违反了${provisions}的规定。本会已于${earlier}，${replied}。`,
        `根据《中华人民共和国工会法》第二十二条和《工会劳动法律监督办法》的规定，建议你局依法调查处理，并于${due}前将处理结果书面告知本会。`,
        '特此建议。',
      ];
      break;
    case 'referral':
      paragraphs = [
        `根据最高人民检察院、中华全国总工会《关于协同推进运用“一函两书”制度保障劳动者权益工作的通知》，现将${c.employerName}（地址：${c.employerAddress ?? ''}）涉嫌侵害劳动者权益的案件线索移送你院。`,
        `经查，该单位存在以下情形：${facts}，违反了${provisions}的规定。本会已于${earlier}，${replied}。`,
        `请你院依法开展法律监督，并于${due}前将办理情况告知本会。`,
        '特此函告。',
      ];
      break;
  }
  const notes = [
    ...(kind === 'notice' || kind === 'opinion' ? [`送达地址：${c.employerAddress ?? ''}`] : []),
    ...(p.supervisors.length > 0 ? [`承办监督员：${p.supervisors.map((s) => `${s.name}（证书编号 ${s.certificateNo}）`).join('、')}`] : []),
  ];
  return { issuer: c.orgName, number: p.number, title: letterTitles[kind], addressee: p.addressee, paragraphs, notes, date: p.issuedOn };
}
