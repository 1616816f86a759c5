// The frame of every console page: menu on the left, the user's union and roles in the header.
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Dropdown, Layout, Menu, Space, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  ApartmentOutlined,
  DashboardOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  GiftOutlined,
  ScanOutlined,
  DownOutlined,
  FileDoneOutlined,
  FileExcelOutlined,
  KeyOutlined,
  LogoutOutlined,
  MailOutlined,
  QrcodeOutlined,
  SwapOutlined,
  TeamOutlined,
  IdcardOutlined,
  UserOutlined,
  StarOutlined,
  ProfileOutlined,
  HeartOutlined,
  LineChartOutlined,
  MedicineBoxOutlined,
  FormOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { staffRoleLabels } from '../../../contracts/auth.ts';
import { useMe, useSession } from '../session.tsx';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

export function AppLayout() {
  const me = useMe();
  const { signOut, hasRole } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [changingPassword, setChangingPassword] = useState(false);
  const isAdmin = hasRole('admin');

  const menu: MenuProps['items'] = [
    { key: '/workbench', icon: <DashboardOutlined />, label: '工作台' },
    { key: '/orgs', icon: <ApartmentOutlined />, label: '组织架构' },
    { key: '/members', icon: <IdcardOutlined />, label: '会员管理' },
    { key: '/applications', icon: <FileDoneOutlined />, label: '入会审核' },
    { key: '/transfers', icon: <SwapOutlined />, label: '会员转接' },
    { key: '/founding-targets', icon: <BankOutlined />, label: '建会目标' },
    { key: '/rosters', icon: <FileExcelOutlined />, label: '名册导入' },
    { key: '/activities', icon: <GiftOutlined />, label: '普惠活动' },
    { key: '/activities/new', icon: <CarryOutOutlined />, label: '发布活动' },
    { key: '/activities/checkin', icon: <ScanOutlined />, label: '活动签到' },
    { key: '/activity-stats', icon: <BarChartOutlined />, label: '活动数据' },
    { key: '/points', icon: <StarOutlined />, label: '积分发放' },
    { key: '/points/ledger', icon: <ProfileOutlined />, label: '积分流水' },
    { key: '/campaigns', icon: <MedicineBoxOutlined />, label: '帮扶活动' },
    { key: '/campaigns/new', icon: <FormOutlined />, label: '发布帮扶活动' },
    { key: '/payouts', icon: <WalletOutlined />, label: '发放管理' },
    { key: '/hardship', icon: <HeartOutlined />, label: '困难职工档案' },
    { key: '/hardship-figures', icon: <LineChartOutlined />, label: '解困脱困数据' },
    { key: '/verify-card', icon: <QrcodeOutlined />, label: '验证会员证' },
    ...(isAdmin
      ? [
          { key: '/staff', icon: <TeamOutlined />, label: '工作人员账号' },
          { key: '/audit', icon: <AuditOutlined />, label: '审计日志' },
          { key: '/outbox', icon: <MailOutlined />, label: '通知发件箱' },
        ]
      : []),
  ];
  // the longest menu path the location lies under (/activities/new is 发布活动, /activities/12 普惠活动;
  // /activities/12/checkin is 活动签到; /campaigns/3/payouts is 发放管理)
  const path = /^\/activities\/\d+\/checkin$/.test(location.pathname)
    ? '/activities/checkin'
    : /^\/campaigns\/\d+\/payouts$/.test(location.pathname)
      ? '/payouts'
      : location.pathname;
  const selected = menu
    .map((m) => String(m?.key))
    .filter((k) => path === k || path.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  return (
    <Layout className="app-layout">
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} theme="dark" className="app-sider">
        <div className="app-logo">
          <span className="app-logo-mark">工</span>
          <span className="app-logo-text">智慧工会</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={menu}
          onClick={(e) => navigate(e.key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
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
              <Space className="app-header-user" role="button" aria-label="账号菜单">
                <Avatar size="small" icon={<UserOutlined />} />
                <span>{me.displayName}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Space>
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
