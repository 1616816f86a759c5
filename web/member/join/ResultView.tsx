// What joining, a transfer and a phone change answer: done (a tick) or waiting (a clock), the union,
// its state as a tag, why, what comes next, and where to go from here.
import type { ReactNode } from 'react';
import { Tag } from 'antd-mobile';
import { CheckCircleFill, ClockCircleFill } from 'antd-mobile-icons';

export function ResultView({
  done,
  title,
  union,
  tag,
  reason,
  next,
  testId,
  children,
}: {
  done: boolean;
  title: string;
  union: ReactNode;
  tag: ReactNode;
  reason?: string | null | undefined;
  next: ReactNode;
  testId: string;
  /** The buttons. */
  children: ReactNode;
}) {
  return (
    <div className="m-result" data-testid={testId}>
      <div className={`m-result-icon ${done ? 'is-ok' : 'is-wait'}`}>{done ? <CheckCircleFill /> : <ClockCircleFill />}</div>
      <div className="m-result-title">{title}</div>
      <div className="m-result-union">{union}</div>
      <Tag color={done ? 'success' : 'warning'} fill="outline" className="m-result-tag">
        {tag}
      </Tag>
      {reason && <p className="m-result-reason">{reason}</p>}
      <p className="m-result-next">{next}</p>
      {children}
    </div>
  );
}
