// The frame of every member page: the bar with its title — the page's one <h1> — and 返回, the page's
// one <main> under it (scrolling, unless the page lays out its own body: `bodyClassName`), and what
// stays below it (the tab bar); and the card shown while a page's data loads.
import type { ReactNode } from 'react';
import { DotLoading, NavBar } from 'antd-mobile';

export function MemberScreen({
  title,
  onBack,
  right,
  className,
  navClassName = 'm-navbar',
  bodyClassName = 'm-scroll',
  after,
  children,
}: {
  title: ReactNode;
  onBack: () => void;
  right?: ReactNode;
  /** Added to the page (e.g. m-login-page). */
  className?: string;
  navClassName?: string;
  /** The <main>'s class: m-scroll (it scrolls), or the page's own layout (a list's tabs above its scroll). */
  bodyClassName?: string;
  /** Under the main, outside it: the tab bar. */
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={className ? `m-page ${className}` : 'm-page'}>
      <NavBar className={navClassName} onBack={onBack} {...(right ? { right } : {})}>
        <h1 className="m-navbar-title">{title}</h1>
      </NavBar>
      <main className={bodyClassName}>{children}</main>
      {after}
    </div>
  );
}

export function LoadingCard() {
  return (
    <div className="m-card m-center" role="status" aria-label="正在加载">
      <DotLoading color="primary" />
    </div>
  );
}
