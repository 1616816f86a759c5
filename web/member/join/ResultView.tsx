// What joining, a transfer and a phone change answer: done (a tick) or waiting (a clock), the union,
// its state as a tag, why, what comes next, and where to go from here.
import { useEffect, useRef, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import { CheckCircleFill, ClockCircleFill } from 'antd-mobile-icons';

export function ResultView({
  done,
  title,
  union,
  tag,
  reason,
  next,
  testId,
  actions,
}: {
  done: boolean;
  title: string;
  union: ReactNode;
  tag: ReactNode;
  reason?: string | null | undefined;
  next: ReactNode;
  testId: string;
  /** Where to go next: the first is the main button. */
  actions: { text: string; to: string }[];
}) {
  const navigate = useNavigate();
  // The form and its button are gone: the focus goes to the answer, which is read out.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <div className="m-result" role="status" data-testid={testId}>
      <div className={`m-result-icon ${done ? 'is-ok' : 'is-wait'}`} aria-hidden>
        {done ? <CheckCircleFill /> : <ClockCircleFill />}
      </div>
      <h2 className="m-result-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <div className="m-result-union">{union}</div>
      <Tag color={done ? 'success' : 'warning'} fill="outline" className="m-result-tag">
        {tag}
      </Tag>
      {reason && <p className="m-result-reason">{reason}</p>}
      <p className="m-result-next">{next}</p>
      {actions.map((a, i) => (
        <Button key={a.to} block size="large" {...(i === 0 ? { color: 'primary', shape: 'rounded' } : { fill: 'none' })} onClick={() => navigate(a.to)}>
          {a.text}
        </Button>
      ))}
    </div>
  );
}
