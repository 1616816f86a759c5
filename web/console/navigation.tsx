// The console's menu, grouped by area as Ant Design Pro does: the one list a feature registers its
// pages in. A new capability adds its entries here under its area (or a new area) and its routes in
// ConsoleApp.tsx; AppLayout draws the menu from this list and lights the entry the location lies under.
import type { ReactNode } from 'react';
import type { MenuProps } from 'antd';
import {
  SmileOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FieldTimeOutlined,
  FileExcelOutlined,
  FileProtectOutlined,
  FormOutlined,
  FundOutlined,
  GiftOutlined,
  HeartOutlined,
  InsuranceOutlined,
  IdcardOutlined,
  LineChartOutlined,
  MailOutlined,
  MedicineBoxOutlined,
  PieChartOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  QrcodeOutlined,
  ScanOutlined,
  SettingOutlined,
  SolutionOutlined,
  StarOutlined,
  FlagOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  WalletOutlined,
  WarningOutlined,
  ToolOutlined,
} from '@ant-design/icons';

/** The menu's areas, in the order they are shown. */
export const navAreas = [
  { key: 'people', label: '组织与会员', icon: <ClusterOutlined /> },
  { key: 'services', label: '活动与服务', icon: <AppstoreOutlined /> },
  { key: 'points', label: '积分', icon: <TrophyOutlined /> },
  { key: 'help', label: '帮扶与发放', icon: <SolutionOutlined /> },
  { key: 'rights', label: '维权服务', icon: <SafetyCertificateOutlined /> },
  { key: 'places', label: '阵地', icon: <EnvironmentOutlined /> },
  { key: 'strengthening', label: '强基工程', icon: <FlagOutlined /> },
  { key: 'figures', label: '数据', icon: <FundOutlined /> },
  { key: 'system', label: '系统', icon: <SettingOutlined /> },
] as const;

export type NavAreaKey = (typeof navAreas)[number]['key'];

export interface NavEntry {
  /** the route the entry opens, also the menu item's key */
  path: string;
  label: string;
  icon: ReactNode;
  /** where it is listed; none: at the top, above the areas */
  area?: NavAreaKey;
  /** shown to admins only (their routes are guarded by RequireAdmin too) */
  isAdminOnly?: boolean;
  /** other locations that light this entry, beyond the paths under `path` */
  lightsFor?: RegExp;
}

export const navEntries: NavEntry[] = [
  { path: '/workbench', label: '工作台', icon: <DashboardOutlined /> },

  { area: 'people', path: '/orgs', label: '组织架构', icon: <ApartmentOutlined /> },
  { area: 'people', path: '/members', label: '会员管理', icon: <IdcardOutlined /> },
  { area: 'people', path: '/applications', label: '入会审核', icon: <FileDoneOutlined /> },
  { area: 'people', path: '/transfers', label: '会员转接', icon: <SwapOutlined /> },
  { area: 'people', path: '/enterprises', label: '企业档案', icon: <ProfileOutlined /> },
  { area: 'people', path: '/founding-targets', label: '建会目标', icon: <BankOutlined /> },
  { area: 'people', path: '/founding-requests', label: '建会意愿', icon: <FlagOutlined /> },
  { area: 'people', path: '/drives', label: '建会行动', icon: <FlagOutlined />, lightsFor: /^\/drives\/\d+$/ },
  { area: 'people', path: '/rosters', label: '名册导入', icon: <FileExcelOutlined /> },
  { area: 'people', path: '/verify-card', label: '验证会员证', icon: <QrcodeOutlined /> },

  { area: 'services', path: '/activities', label: '普惠活动', icon: <GiftOutlined /> },
  { area: 'services', path: '/activities/new', label: '发布活动', icon: <CarryOutOutlined /> },
  { area: 'services', path: '/places', label: '阵地管理', icon: <EnvironmentOutlined /> },
  { area: 'services', path: '/activities/checkin', label: '活动签到', icon: <ScanOutlined />, lightsFor: /^\/activities\/\d+\/checkin$/ },
  { area: 'services', path: '/childcare', label: '亲子托管', icon: <SmileOutlined />, lightsFor: /^\/childcare\// },
  { area: 'services', path: '/place-bookings', label: '场所预约', icon: <ScheduleOutlined /> },
  { area: 'services', path: '/skills-register', label: '技能名册', icon: <ToolOutlined /> },
  { area: 'services', path: '/certificates', label: '证书核验', icon: <SafetyCertificateOutlined /> },
  { area: 'services', path: '/jobs', label: '岗位', icon: <IdcardOutlined />, lightsFor: /^\/jobs\/\d+$/ },
  { area: 'services', path: '/job-fairs', label: '招聘会', icon: <ShopOutlined />, lightsFor: /^\/job-fairs\/\d+$/ },

  { area: 'points', path: '/points', label: '积分发放', icon: <StarOutlined /> },
  { area: 'points', path: '/points/ledger', label: '积分流水', icon: <ProfileOutlined /> },

  { area: 'help', path: '/campaigns', label: '帮扶活动', icon: <MedicineBoxOutlined /> },
  { area: 'help', path: '/campaigns/new', label: '发布帮扶活动', icon: <FormOutlined /> },
  { area: 'help', path: '/payouts', label: '发放管理', icon: <WalletOutlined />, lightsFor: /^\/campaigns\/\d+\/payouts$/ },
  { area: 'help', path: '/hardship', label: '困难职工档案', icon: <HeartOutlined /> },

  { area: 'rights', path: '/tickets', label: '维权工单', icon: <CustomerServiceOutlined /> },
  { area: 'rights', path: '/legal/lawyers', label: '法律援助律师', icon: <InsuranceOutlined /> },
  { area: 'rights', path: '/legal/supervisors', label: '劳动法律监督员', icon: <SafetyCertificateOutlined /> },
  { area: 'rights', path: '/supervision', label: '一函两书', icon: <FileProtectOutlined /> },
  { area: 'rights', path: '/tickets/figures', label: '维权统计', icon: <FundOutlined /> },
  { area: 'rights', path: '/rights-settings/calendar', label: '工作日历', icon: <CalendarOutlined /> },
  { area: 'rights', path: '/rights-settings/time-limits', label: '办理时限', icon: <FieldTimeOutlined /> },
  { area: 'rights', path: '/rights-settings/integrations', label: '系统对接', icon: <ApiOutlined />, isAdminOnly: true },

  { area: 'places', path: '/place-problems', label: '阵地问题', icon: <WarningOutlined />, lightsFor: /^\/places\/\d+\/desk$/ },

  { area: 'strengthening', path: '/strengthening/sets', label: '评价指标', icon: <ProfileOutlined />, lightsFor: /^\/strengthening\/sets\/\d+$/ },
  { area: 'strengthening', path: '/strengthening/cards', label: '评分卡', icon: <FileDoneOutlined /> },
  { area: 'strengthening', path: '/strengthening/review', label: '自评审核', icon: <AuditOutlined /> },
  { area: 'strengthening', path: '/strengthening/rankings', label: '排名', icon: <BarChartOutlined /> },
  { area: 'strengthening', path: '/strengthening/model-homes', label: '模范职工之家', icon: <TrophyOutlined /> },

  { area: 'figures', path: '/dashboard', label: '一屏总览', icon: <FundOutlined /> },
  { area: 'figures', path: '/activity-stats', label: '活动数据', icon: <BarChartOutlined /> },
  { area: 'figures', path: '/hardship-figures', label: '解困脱困数据', icon: <LineChartOutlined /> },
  { area: 'figures', path: '/place-figures', label: '阵地数据', icon: <PieChartOutlined /> },

  { area: 'system', path: '/staff', label: '工作人员账号', icon: <TeamOutlined />, isAdminOnly: true },
  { area: 'system', path: '/audit', label: '审计日志', icon: <AuditOutlined />, isAdminOnly: true },
  { area: 'system', path: '/outbox', label: '通知发件箱', icon: <MailOutlined />, isAdminOnly: true },
];

/** The entries one user sees. */
export function visibleEntries(isAdmin: boolean): NavEntry[] {
  return navEntries.filter((e) => isAdmin || !e.isAdminOnly);
}

/** The antd Menu items: the top entries, then one submenu per area that has an entry to show. */
export function menuItems(entries: NavEntry[]): NonNullable<MenuProps['items']> {
  const item = (e: NavEntry) => ({ key: e.path, icon: e.icon, label: e.label });
  return [
    ...entries.filter((e) => !e.area).map(item),
    ...navAreas
      .map((a) => ({ area: a, children: entries.filter((e) => e.area === a.key).map(item) }))
      .filter(({ children }) => children.length > 0)
      .map(({ area, children }) => ({ key: `area:${area.key}`, icon: area.icon, label: area.label, children })),
  ];
}

/**
 * The entry a location lies under: the longest path it is at or below (/activities/new is 发布活动,
 * /activities/12 普惠活动), or the entry whose `lightsFor` it matches (/activities/12/checkin is
 * 活动签到; /campaigns/3/payouts is 发放管理).
 */
export function entryFor(entries: NavEntry[], pathname: string): NavEntry | undefined {
  const lit = entries.find((e) => e.lightsFor?.test(pathname));
  if (lit) return lit;
  return entries.filter((e) => pathname === e.path || pathname.startsWith(`${e.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
}
