// The bottom bar of the member site's main pages.
import { useLocation, useNavigate } from 'react-router-dom';
import { TabBar } from 'antd-mobile';
import { AppOutline, UserOutline } from 'antd-mobile-icons';

const tabs = [
  { key: '/', title: '首页', icon: <AppOutline /> },
  { key: '/me', title: '我的', icon: <UserOutline /> },
];

export function MemberTabBar() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <TabBar className="m-tabbar" activeKey={pathname === '/me' ? '/me' : '/'} onChange={(key) => navigate(key)}>
      {tabs.map((t) => (
        <TabBar.Item key={t.key} icon={t.icon} title={t.title} />
      ))}
    </TabBar>
  );
}
