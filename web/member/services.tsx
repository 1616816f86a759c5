// The member services on the home page. Those not built yet say so when tapped.
import type { ReactNode } from 'react';
import {
  BankcardOutline,
  CheckShieldOutline,
  EnvironmentOutline,
  FileOutline,
  GiftOutline,
  HeartOutline,
  LikeOutline,
  ShopbagOutline,
  StarOutline,
  TeamOutline,
  UserAddOutline,
  ContentOutline,
} from 'antd-mobile-icons';

export interface MemberService {
  key: string;
  name: string;
  /** One line under the name, what it is for. */
  hint: string;
  icon: ReactNode;
  color: string;
}

export const memberServices: MemberService[] = [
  { key: 'join', name: '入会', hint: '一分钟在线入会', icon: <UserAddOutline />, color: '#e53935' },
  { key: 'card', name: '电子会员证', hint: '亮证享服务', icon: <BankcardOutline />, color: '#fb8c00' },
  { key: 'activities', name: '普惠活动', hint: '报名参加活动', icon: <GiftOutline />, color: '#d81b60' },
  { key: 'points', name: '积分', hint: '积分查询兑换', icon: <StarOutline />, color: '#f9a825' },
  { key: 'aid', name: '困难帮扶', hint: '申请帮扶救助', icon: <HeartOutline />, color: '#f4511e' },
  { key: 'legal', name: '法律援助', hint: '维权 · 12351', icon: <CheckShieldOutline />, color: '#1e88e5' },
  { key: 'stations', name: '爱心驿站', hint: '附近歇脚喝水', icon: <EnvironmentOutline />, color: '#43a047' },
  { key: 'news', name: '工会资讯', hint: '政策与通知', icon: <FileOutline />, color: '#3949ab' },
  { key: 'training', name: '技能培训', hint: '学技能拿证书', icon: <ContentOutline />, color: '#00897b' },
  { key: 'jobs', name: '春送岗位', hint: '找工作', icon: <ShopbagOutline />, color: '#8e24aa' },
  { key: 'models', name: '劳模工匠', hint: '学习身边榜样', icon: <LikeOutline />, color: '#c62828' },
  { key: 'homes', name: '职工之家', hint: '书屋 · 心灵驿站', icon: <TeamOutline />, color: '#6d4c41' },
];
