// The frame of a member page: the bar with its title and 返回, and the scrolling body under it; and
// the card shown while a page's data loads.
import type { ReactNode } from 'react';
import { DotLoading, NavBar } from 'antd-mobile';

export function MemberScreen({
  title,
  onBack,
  right,
  className,
  navClassName = 'm-navbar',
  children,
}: {
  title: ReactNode;
  onBack: () => void;
  right?: ReactNode;
  /** Added to the page (e.g. m-login-page). */
  className?: string;
  navClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={className ? `m-page ${className}` : 'm-page'}>
      <NavBar className={navClassName} onBack={onBack} {...(right ? { right } : {})}>
        <h1 className="m-navbar-title">{title}</h1>
      </NavBar>
      <main className="m-scroll">{children}</main>
    </div>
  );
}

export function LoadingCard() {
  return (
    <div className="m-card m-center">
      <DotLoading color="primary" />
    </div>
  );
}
