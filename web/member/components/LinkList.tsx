// A card of rows that each lead to a page (我的: 电子会员证, 我的报名, 我的积分 …): a list of links, so a
// keyboard reaches every row and a screen reader hears a list of so many links. antd-mobile's
// List.Item with onClick is an <a> without href: neither focusable nor announced as a link.
import './link-list.css';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { RightOutline } from 'antd-mobile-icons';

export interface LinkRow {
  to: string;
  /** drawn only: the label says what the row is */
  icon: ReactNode;
  label: string;
  description?: string;
  /** shown, but not a link (say, a transfer while one is under way) */
  disabled?: boolean;
}

export function LinkList({ rows, className }: { rows: LinkRow[]; className?: string }) {
  return (
    <ul className={`m-card m-link-list${className ? ` ${className}` : ''}`}>
      {rows.map((r) => {
        const inner = (
          <>
            <span className="m-link-icon" aria-hidden>
              {r.icon}
            </span>
            <span className="m-link-text">
              <span className="m-link-label">{r.label}</span>
              {r.description && <span className="m-link-desc">{r.description}</span>}
            </span>
            {!r.disabled && <RightOutline className="m-link-arrow" aria-hidden />}
          </>
        );
        return (
          <li key={r.to}>
            {r.disabled ? (
              <div className="m-link-row m-link-disabled" aria-disabled="true">
                {inner}
              </div>
            ) : (
              <Link to={r.to} className="m-link-row">
                {inner}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}
