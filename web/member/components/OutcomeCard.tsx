// The answer to a member's write that must not happen twice (报名, 申请), shown at the top of the
// page: done (in the page's words), refused (the server's reason), or unsure — the network failed —
// with 重试, which sends the same Idempotency-Key so that it is never done twice.
import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from 'antd-mobile';
import { CheckCircleFill, ClockCircleFill, ExclamationCircleFill, QuestionCircleFill } from 'antd-mobile-icons';
import type { PostOutcome } from '../../shared/useIdempotentPost.ts';

export interface OutcomeWords {
  title: string;
  sub: string;
  /** the status in data-status */
  status: string;
  /** a waiting state (候补, 抽签) rather than done */
  waiting?: boolean;
  action?: ReactNode;
}

export interface OutcomeCardProps<T> {
  outcome: PostOutcome<T>;
  testId: string;
  /** the words of a done write */
  done: (answer: T) => OutcomeWords;
  /** 未能报名, 未能提交 */
  refusedTitle: string;
  /** 报名结果未确认, and why a retry is safe (同一次报名重试不会重复报名) */
  unsure: { title: string; note: string };
  busy: boolean;
  onRetry: () => void;
}

export function OutcomeCard<T>({ outcome, testId, done, refusedTitle, unsure, busy, onRetry }: OutcomeCardProps<T>) {
  // The button pressed may be gone with the answer: the focus goes to the answer, which is read out.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    title.current?.focus();
  }, [outcome]);
  const words: OutcomeWords =
    outcome.kind === 'done'
      ? done(outcome.answer)
      : outcome.kind === 'refused'
        ? { title: refusedTitle, sub: outcome.message, status: outcome.code }
        : {
            title: unsure.title,
            sub: `${outcome.message}。网络恢复后请点“重试”：${unsure.note}。`,
            status: 'unsure',
            waiting: true,
            action: (
              <Button block color="primary" fill="outline" shape="rounded" loading={busy} onClick={onRetry} style={{ marginTop: 12 }}>
                重试
              </Button>
            ),
          };
  const tone = outcome.kind === 'refused' ? 'a-outcome-bad' : words.waiting ? 'a-outcome-wait' : 'a-outcome-ok';
  // the icon and the colour only repeat what the title says
  const icon = outcome.kind === 'refused' ? <ExclamationCircleFill aria-hidden /> : outcome.kind === 'unsure' ? <QuestionCircleFill aria-hidden /> : words.waiting ? <ClockCircleFill aria-hidden /> : <CheckCircleFill aria-hidden />;
  // announced when it appears: a refusal at once, the rest when the reader is free
  return (
    <section className={`m-card a-outcome ${tone}`} role={outcome.kind === 'done' ? 'status' : 'alert'} data-testid={testId} data-status={words.status}>
      <h2 className="a-outcome-title" tabIndex={-1} ref={title}>
        {icon} {words.title}
      </h2>
      <div className="a-outcome-sub">{words.sub}</div>
      {words.action}
    </section>
  );
}
