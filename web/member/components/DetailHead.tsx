// The parts of a member detail page (普惠活动, 帮扶): the head card — tags, the cover, the title, who
// published it, the page's own line, and the cancellation with its reason — and a list of facts
// (label, then value; a row without a value is left out).
import { Fragment, type ReactNode } from 'react';
import { Tag } from 'antd-mobile';

export interface DetailHeadProps {
  tags: ReactNode;
  title: string;
  titleTestId: string;
  org: string;
  cover?: string | undefined;
  status: string;
  cancelReason: string | null;
  children?: ReactNode;
}

export function DetailHead({ tags, title, titleTestId, org, cover, status, cancelReason, children }: DetailHeadProps) {
  const cancelled = status === 'cancelled';
  return (
    <section className="m-card a-detail-head">
      <div className="a-card-tags">
        {tags}
        {cancelled && <Tag color="default">活动已取消</Tag>}
      </div>
      {cover && <img className="a-detail-cover" src={cover} alt={`${title}封面`} />}
      {/* the page's <h1> is the bar's title (DetailPage) */}
      <h2 className="a-detail-title" data-testid={titleTestId}>
        {title}
      </h2>
      <div className="a-detail-org">{org} 发布</div>
      {children}
      {cancelled && cancelReason && <div className="a-cancel-note">取消原因：{cancelReason}</div>}
    </section>
  );
}

/** One fact: its label and its value; false, null or undefined leaves the row out. */
export type Fact = [label: string, value: ReactNode];

export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="a-facts">
      {facts.map(([label, value]) =>
        value === false || value === null || value === undefined ? null : (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ),
      )}
    </dl>
  );
}
