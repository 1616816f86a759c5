// What a member page shows of something it loads (useDetail in web/shared): a loading card, an
// ErrorBlock 加载失败 with 重试 (or the page's own words for a problem), an ErrorBlock when the
// answer is empty (with the page's words and a way on), and the page's content once it has come.
import type { ReactNode } from 'react';
import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import type { ApiError } from '../../shared/api.ts';
import type { Detail } from '../../shared/useDetail.ts';

/** The button under an empty answer: where it leads (outline: a lighter way back, say to all kinds). */
export interface EmptyAction {
  label: string;
  onClick: () => void;
  outline?: boolean;
}

export interface LoadStateProps<T> {
  detail: Detail<T>;
  /** what stands for a problem; left out or answering undefined, 加载失败 with the server's words and 重试 */
  problem?: ((problem: ApiError) => ReactNode) | undefined;
  /** when the answer holds nothing: the ErrorBlock's words and the button under them */
  empty?: { when: (data: T) => boolean; title: string; description: string; action?: EmptyAction | undefined } | undefined;
  children: (data: T) => ReactNode;
}

export function LoadState<T>({ detail, problem, empty, children }: LoadStateProps<T>) {
  if (detail.problem) {
    const own = problem?.(detail.problem);
    if (own !== undefined) return <>{own}</>;
    return (
      <ErrorBlock status="default" title="加载失败" description={detail.problem.message}>
        <Button color="primary" onClick={() => void detail.reload()}>
          重试
        </Button>
      </ErrorBlock>
    );
  }
  if (detail.data === undefined) {
    return (
      <div className="m-card m-center">
        <DotLoading color="primary" />
      </div>
    );
  }
  if (empty?.when(detail.data)) {
    return (
      <ErrorBlock status="empty" title={empty.title} description={empty.description}>
        {empty.action &&
          (empty.action.outline ? (
            <Button color="primary" fill="outline" shape="rounded" onClick={empty.action.onClick}>
              {empty.action.label}
            </Button>
          ) : (
            <Button color="primary" onClick={empty.action.onClick}>
              {empty.action.label}
            </Button>
          ))}
      </ErrorBlock>
    );
  }
  return <>{children(detail.data)}</>;
}
