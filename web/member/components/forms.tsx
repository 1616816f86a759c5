// What the member site's forms share (log-in, joining, a transfer, a phone change): the submit that
// puts a server error on its field or above the form, the submit button that keeps the keyboard's
// field focused, the notice above the form, and links that open a document in a dialog.
import { useCallback, useState, type MouseEvent, type ReactNode } from 'react';
import { Button, Checkbox, Form } from 'antd-mobile';
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

/** The form's one button, under it: pressing it does not take the focus from the field. */
export function SubmitFooter({ loading, disabled, children }: { loading: boolean; disabled?: boolean | undefined; children: ReactNode }) {
  return (
    <div onMouseDown={keepFocus}>
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
