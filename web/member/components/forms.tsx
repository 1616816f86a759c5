// What the member site's forms share (log-in, joining, a transfer, a phone change): the submit that
// puts a server error on its field or above the form, the submit button that keeps the keyboard's
// field focused and ties the form's field errors to their fields, the notice above the form
// (announced), and links that open a document in a dialog.
import { useCallback, useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Button, Checkbox, Form, Stepper } from 'antd-mobile';
import { ApiError, errorMessage } from '../../shared/api.ts';

type FormInstance = ReturnType<typeof Form.useForm>[0];

/**
 * Pressing a button must not blur the field being typed in: the blur would check the field, its
 * error line would vanish, the form would shift up and the tap would land beside the button.
 */
export function keepFocus(e: MouseEvent) {
  e.preventDefault();
}

/** Why the last submit failed, shown above the form: the server's code and its message. */
export interface SubmitProblem {
  code: string;
  message: string;
}

/**
 * One form's submit: `submitting` while it runs; a refusal the page handles itself (`handle` answers
 * true), else on the field `fieldOfError` names for its code, else a problem shown above the form.
 */
export function useSubmit(form: FormInstance, fieldOfError: Readonly<Record<string, string>> = {}) {
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<SubmitProblem>();
  const run = useCallback(
    async (action: () => Promise<void>, handle?: (err: ApiError) => boolean) => {
      setSubmitting(true);
      setProblem(undefined);
      try {
        await action();
      } catch (err) {
        if (err instanceof ApiError) {
          if (handle?.(err)) return;
          const field = fieldOfError[err.code];
          if (field) {
            // The field may appear only now (单位名称 after an unknown credit code): set its error after it renders.
            setTimeout(() => form.setFields([{ name: field, errors: [err.message] }]), 0);
            return;
          }
        }
        setProblem({ code: err instanceof ApiError ? err.code : 'error', message: errorMessage(err) });
      } finally {
        setSubmitting(false);
      }
    },
    [form, fieldOfError],
  );
  return { submitting, problem, setProblem, run };
}

/**
 * antd-mobile's Form.Item draws a field's error under it, tied to nothing: a screen reader neither
 * hears it come nor hears it on the field. This ties each error to its field — the error a role=alert
 * (announced when it appears), the field aria-invalid and aria-describedby the error — and unties it
 * when the error goes. The field is the one the item's label is for, else the item's first control.
 */
export function tieFieldErrors(form: HTMLElement): void {
  form.querySelectorAll<HTMLElement>('.adm-form-item').forEach((item, i) => {
    const labelFor = item.querySelector('label.adm-form-item-label')?.getAttribute('for');
    const control =
      (labelFor ? item.querySelector<HTMLElement>(`#${CSS.escape(labelFor)}`) : null) ??
      item.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, [role="switch"], button');
    const ids = [...item.querySelectorAll<HTMLElement>('.adm-form-item-feedback-error')].map((error, j) => {
      if (!error.id) error.id = `${control?.id || `m-field-${i}`}-error-${j}`;
      if (error.getAttribute('role') !== 'alert') error.setAttribute('role', 'alert');
      return error.id;
    });
    if (!control) return;
    if (ids.length > 0) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', ids.join(' '));
      control.dataset.errorTied = '1';
    } else if (control.dataset.errorTied) {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-describedby');
      delete control.dataset.errorTied;
    }
  });
}

/** The form's one button, under it: pressing it does not take the focus from the field. Its form's field errors are tied to their fields (tieFieldErrors). */
export function SubmitFooter({ loading, disabled, children }: { loading: boolean; disabled?: boolean | undefined; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    tieFieldErrors(form);
    // the observer only sets attributes, which it does not watch: no loop
    const observer = new MutationObserver(() => tieFieldErrors(form));
    observer.observe(form, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} onMouseDown={keepFocus}>
      <Button block type="submit" color="primary" size="large" shape="rounded" loading={loading} disabled={disabled}>
        {children}
      </Button>
    </div>
  );
}

/** A notice above a form (why the last try failed, or why it cannot be sent). */
export function FormNotice({ children, testId }: { children: ReactNode; testId?: string }) {
  if (!children) return null;
  return (
    <div className="m-login-notice" role="alert" {...(testId ? { 'data-testid': testId } : {})}>
      {children}
    </div>
  );
}

/**
 * A link that opens a document (协议, 告知) in a dialog instead of following it, and does not tick its
 * checkbox: a button to a screen reader, reached by Tab, opened by Enter or Space.
 */
export function DocLink({ onOpen, role = 'button', testId, stop, children }: { onOpen: () => void; role?: string; testId?: string; stop?: boolean; children: ReactNode }) {
  return (
    <a
      role={role}
      tabIndex={0}
      {...(testId ? { 'data-testid': testId } : {})}
      onClick={(e) => {
        e.preventDefault();
        if (stop) e.stopPropagation();
        onOpen();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        onOpen();
      }}
    >
      {children}
    </a>
  );
}

/** A field's rules: required, then the pattern it must match. */
export function requiredMatching(requiredMessage: string, pattern: RegExp, patternMessage: string) {
  return [
    { required: true, message: requiredMessage },
    { pattern, message: patternMessage },
  ];
}

/** The consent box a form cannot be sent without (`consent` in the form's values). */
export function ConsentItem({
  refusal,
  className,
  description,
  large,
  children,
}: {
  /** Shown when it is left unticked. */
  refusal: string;
  className: string;
  description?: ReactNode;
  large?: boolean;
  children: ReactNode;
}) {
  return (
    <Form.Item
      name="consent"
      valuePropName="checked"
      className={className}
      rules={[
        {
          validator: async (_, checked: boolean) => {
            if (!checked) throw new Error(refusal);
          },
        },
      ]}
      {...(description ? { description } : {})}
    >
      <Checkbox style={large ? { '--icon-size': '20px', '--font-size': '15px' } : { '--icon-size': '18px', '--font-size': '13px' }}>{children}</Checkbox>
    </Form.Item>
  );
}

/**
 * A number picked with − and + (报名人数, 子女年龄), its words beside it naming the number's field.
 * antd-mobile's Stepper passes no id or aria-label to its input, and a <label> around it would name
 * its − button instead: the input is named here by aria-labelledby.
 */
export function StepperField({ label, min, max, value, onChange }: { label: ReactNode; min: number; max: number; value: number; onChange: (v: number) => void }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector('input')?.setAttribute('aria-labelledby', id);
  });
  return (
    <div className="a-signup-field" ref={box}>
      <span id={id}>{label}</span>
      <Stepper min={min} max={max} value={value} onChange={onChange} />
    </div>
  );
}
