// The bottom bar of the member site's main pages: a navigation landmark of links, the current page's
// marked aria-current. (antd-mobile's TabBar drew its items as bare divs: no keyboard, no names.)
import './link-list.css';
import { Link, useLocation } from 'react-router-dom';
import { AppOutline, UserOutline } from 'antd-mobile-icons';

const tabs = [
  { to: '/', title: '首页', icon: <AppOutline /> },
  { to: '/me', title: '我的', icon: <UserOutline /> },
];

export function MemberTabBar() {
  const { pathname } = useLocation();
  const active = pathname === '/me' ? '/me' : '/';
  return (
    <nav className="m-tabbar" aria-label="主导航">
      <ul className="m-tabbar-list">
        {tabs.map((t) => (
          <li key={t.to}>
            <Link to={t.to} className={`m-tabbar-item${t.to === active ? ' m-tabbar-active' : ''}`} {...(t.to === active ? { 'aria-current': 'page' as const } : {})}>
              <span className="m-tabbar-icon" aria-hidden>
                {t.icon}
              </span>
              <span className="m-tabbar-title">{t.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
