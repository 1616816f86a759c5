// The frame of every member page: the bar — 返回, the title (the page's one <h1>), what is on its
// right — the page's one <main> under it (scrolling, unless the page lays out its own body:
// `bodyClassName`), and what stays below it (the tab bar); and the card shown while a page's data
// loads. The bar is drawn as antd-mobile's NavBar (its CSS), but its 返回 is a real button: the
// NavBar's is a div a keyboard cannot reach, inside a role=button that would nest any button put there.
import 'antd-mobile/es/components/nav-bar/nav-bar.css';
import type { ReactNode } from 'react';
import { DotLoading } from 'antd-mobile';
import { LeftOutline } from 'antd-mobile-icons';

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
      <header className={`adm-nav-bar ${navClassName}`}>
        <div className="adm-nav-bar-left">
          <button type="button" className="adm-nav-bar-back m-back" onClick={onBack} aria-label="返回">
            <LeftOutline className="adm-nav-bar-back-arrow" aria-hidden />
          </button>
        </div>
        <div className="adm-nav-bar-title">
          <h1 className="m-navbar-title">{title}</h1>
        </div>
        <div className="adm-nav-bar-right">{right}</div>
      </header>
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
