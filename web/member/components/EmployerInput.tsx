// The employer, typed: names suggested as the worker types (GET /api/enterprises/suggest); picking one
// carries its credit code along unseen. An 18-character unified social credit code is accepted too.
import { useEffect, useRef, useState } from 'react';
import { Input, type InputRef } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import type { z } from 'zod';
import { isValidCreditCode } from '../../../contracts/china-codes.ts';
import type { enterpriseSuggestion } from '../../../contracts/members.ts';
import { api } from '../../shared/api.ts';
import { placeName } from './PlacePicker.tsx';

export type Suggestion = z.infer<typeof enterpriseSuggestion>;

export interface EmployerValue {
  /** What the worker typed, or the picked employer's name. */
  text: string;
  /** Set when the worker picked a suggestion (or typed a name that is exactly one). */
  picked?: Suggestion | undefined;
}

const CODE_SHAPE = /^[0-9A-Z]{18}$/;

/** The text is meant as a credit code (18 letters and digits). */
export function looksLikeCreditCode(text: string): boolean {
  return CODE_SHAPE.test(text.trim().toUpperCase());
}

/** What the join and transfer requests carry for this employer. */
export function employerFields(v: EmployerValue): { employerName?: string; employerCreditCode?: string } {
  if (v.picked) return { employerName: v.picked.name, ...(v.picked.creditCode ? { employerCreditCode: v.picked.creditCode } : {}) };
  const t = v.text.trim();
  if (looksLikeCreditCode(t)) return { employerCreditCode: t.toUpperCase() };
  return { employerName: t };
}

/** Whether the union is known from the employer alone (so no place of work is needed). */
export function isKnownEmployer(v: EmployerValue | undefined): boolean {
  return !!v?.picked || (!!v && looksLikeCreditCode(v.text) && isValidCreditCode(v.text));
}

/** The form's check of the field; undefined when fine. */
export function employerProblem(v: EmployerValue | undefined): string | undefined {
  const t = v?.text.trim() ?? '';
  if (!t) return '请填写工作单位名称或统一社会信用代码';
  if (looksLikeCreditCode(t)) return isValidCreditCode(t) ? undefined : '统一社会信用代码格式或校验位不正确，请核对';
  if (t.length < 2) return '单位名称至少 2 个字';
  return undefined;
}

interface Props {
  /** from Form.Item: its label is for this id */
  id?: string;
  value?: EmployerValue | undefined;
  onChange?: (v: EmployerValue) => void;
}

export function EmployerInput({ id, value, onChange }: Props) {
  const text = value?.text ?? '';
  const picked = value?.picked;
  const [items, setItems] = useState<Suggestion[]>([]);
  const [focused, setFocused] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const ticket = useRef(0);
  const input = useRef<InputRef>(null);

  useEffect(() => () => clearTimeout(timer.current), []);

  function type(next: string) {
    onChange?.({ text: next });
    clearTimeout(timer.current);
    const q = next.trim();
    if (q.length < 2 || looksLikeCreditCode(q)) {
      setItems([]);
      return;
    }
    timer.current = setTimeout(() => {
      const mine = ++ticket.current;
      api
        .get('/api/enterprises/suggest', { query: { q, pageSize: 10 } })
        .then(({ items: list }) => {
          if (mine !== ticket.current) return;
          setItems(list);
          // A name typed in full is the same as picking it.
          const exact = list.find((s) => s.name === q);
          if (exact) onChange?.({ text: q, picked: exact });
        })
        .catch(() => {
          if (mine === ticket.current) setItems([]);
        });
    }, 250);
  }

  function pick(s: Suggestion) {
    ticket.current++;
    onChange?.({ text: s.name, picked: s });
    setItems([]);
    // the suggestion pressed (by keyboard) goes with the list: the focus back to the field
    input.current?.focus();
  }

  const code = text.trim().toUpperCase();
  const showList = focused && !picked && items.length > 0;
  return (
    <div
      className="m-employer"
      onFocus={() => setFocused(true)}
      // Later than a tap on a suggestion, which would otherwise be lost with the list; and not while
      // the focus only moves from the input to a suggestion (by Tab).
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setTimeout(() => setFocused(false), 200);
      }}
    >
      <Input
        {...(id ? { id } : {})}
        ref={input}
        value={text}
        onChange={type}
        placeholder="输入单位名称，或 18 位统一社会信用代码"
        clearable
        aria-label="工作单位"
        autoComplete="organization"
      />
      {showList && (
        // a list of buttons (a listbox's options may not hold buttons), each naming the employer
        <ul className="m-suggest" aria-label="单位建议">
          {items.map((s) => (
            <li key={s.id}>
              <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => pick(s)}>
                <span className="m-suggest-name">{s.name}</span>
                <span className="m-suggest-sub">
                  {s.hasUnion ? '已建工会' : '尚未建会'} · {placeName(s.townName)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <div className="m-field-ok">
          <CheckCircleFill aria-hidden /> 已选择：{picked.name}
          {picked.hasUnion ? '（已建工会）' : `（尚未建会，所在：${placeName(picked.townName)}）`}
        </div>
      )}
      {!picked && looksLikeCreditCode(code) && isValidCreditCode(code) && (
        <div className="m-field-ok">
          <CheckCircleFill aria-hidden /> 已识别为统一社会信用代码
        </div>
      )}
    </div>
  );
}
