// The frame of every console page: menu on the left, the user's union and roles in the header.
// Its landmarks are what a screen reader jumps between: the header (banner), the menu (navigation
// 主菜单) and the page (main, whose title is the page's one <h1>; the logo is not a heading).
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { staffRoleLabels } from '../../../contracts/auth.ts';
import { useMe, useSession } from '../session.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { entryFor, menuItems, visibleEntries } from '../navigation.tsx';

// The areas a user folded stay folded on this browser; every area starts open, so each page is one
// click away (and the browser tests find every entry).
const FOLDED_KEY = 'gonghui.console.foldedAreas';

function readFolded(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(FOLDED_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

function saveFolded(keys: string[]): void {
  try {
    localStorage.setItem(FOLDED_KEY, JSON.stringify(keys));
  } catch {
    // private mode: folds last for this page only
  }
}

export function AppLayout() {
  const me = useMe();
  const { signOut, hasRole } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [changingPassword, setChangingPassword] = useState(false);
  const isAdmin = hasRole('admin');

  const entries = visibleEntries(isAdmin);
  const menu = menuItems(entries);
  const current = entryFor(entries, location.pathname);
  const selected = current?.path;
  const currentArea = current?.area ? `area:${current.area}` : undefined;
  const areaKeys = menu.map((m) => String(m?.key)).filter((k) => k.startsWith('area:'));

  // On a narrow screen the sider collapses to icons and an area opens as a pop-up on hover.
  const [collapsed, setCollapsed] = useState(false);
  const [popupKeys, setPopupKeys] = useState<string[]>([]);
  const [folded, setFolded] = useState(readFolded);
  // arriving at a page of a folded area (a link, the address bar) unfolds it
  const [shownArea, setShownArea] = useState(currentArea);
  if (shownArea !== currentArea) {
    setShownArea(currentArea);
    if (currentArea && folded.includes(currentArea)) setFolded(folded.filter((k) => k !== currentArea));
  }
  const openKeys = collapsed ? popupKeys : areaKeys.filter((k) => !folded.includes(k));
  const onOpenChange = (keys: string[]) => {
    if (collapsed) return setPopupKeys(keys);
    const next = areaKeys.filter((k) => !keys.includes(k));
    setFolded(next);
    saveFolded(next);
  };

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  return (
    <Layout className="app-layout">
      {/* the sider is only the menu's column: its landmark is the <nav> inside, not a complementary <aside> */}
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} theme="dark" className="app-sider" onCollapse={(c) => setCollapsed(c)} role="none">
        <div className="app-logo">
          <span className="app-logo-mark" aria-hidden="true">
            工
          </span>
          <span className="app-logo-text">智慧工会</span>
        </div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={menu}
            openKeys={openKeys}
            onOpenChange={onOpenChange}
            onClick={(e) => navigate(e.key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        {/* inside antd's <section> a <header> is no banner by itself */}
        <Layout.Header className="app-header" role="banner">
          <Space size={12} className="app-header-org">
            <Typography.Text strong className="app-header-orgname" title="本账号所属单位，可查看和管理其全部下级组织">
              {me.org.name}
            </Typography.Text>
            <Space size={4} wrap={false}>
              {me.roles.map((r) => (
                <Tag key={r} color={r === 'admin' ? 'red' : r === 'viewer' ? 'default' : 'blue'} bordered={false}>
                  {staffRoleLabels[r]}
                </Tag>
              ))}
            </Space>
          </Space>
          <Dropdown
            trigger={['click']}
            menu={{
              items: userMenu,
              onClick: (e) => {
                if (e.key === 'password') setChangingPassword(true);
                if (e.key === 'logout') void signOut();
              },
            }}
          >
            <Tooltip title={`用户名：${me.username}`} placement="left">
              {/* a button, so the keyboard opens it too; named by what it shows, then what it is */}
              <Button type="text" className="app-header-user" aria-label={`${me.displayName}，账号菜单`} aria-haspopup="menu">
                <Avatar size="small" icon={<UserOutlined />} />
                <span className="app-header-username">{me.displayName}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Tooltip>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
