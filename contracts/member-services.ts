// The member services: the one list behind the tiles of the member site's home page and the
// services of the member card (GET /api/me/card answers the card's from it too). A capability adds
// its entry when its page works — an entry has no way to say "not built yet": it has a path on the
// member site, and tests/e2e/services.e2e.test.ts opens every path and fails on one that leads
// nowhere. The look of a tile (its icon) is the member site's: web/member/services.tsx, keyed by
// the same `key`.

/** Where a service is offered: the home page's grid, the member card's grid. */
export type MemberServicePlace = 'home' | 'card';

export interface MemberServiceEntry {
  /** Stable key; the card's services in GET /api/me/card carry it. */
  key: string;
  /** The tile's name, in Chinese. */
  name: string;
  /** One short line under the name: what it is for. */
  hint: string;
  /** The member site's page it opens (a path of web/member/MemberApp.tsx, with a query if any). */
  path: `/${string}`;
  /** The icon's background. */
  color: string;
  on: readonly MemberServicePlace[];
  /** Offered only to some members (issue 16): `employerWithoutUnion` — GET /api/me/employer says mayRequestFounding. */
  when?: MemberServiceCondition;
}

/** What a conditional tile waits for (the member site asks the server, and hides the tile otherwise). */
export type MemberServiceCondition = 'employerWithoutUnion';

export const memberServices = [
  { key: 'join', name: '入会', hint: '一分钟在线入会', path: '/join', color: '#e53935', on: ['home'] },
  { key: 'card', name: '电子会员证', hint: '亮证享服务', path: '/card', color: '#fb8c00', on: ['home'] },
  { key: 'activities', name: '普惠活动', hint: '报名参加活动', path: '/activities', color: '#d81b60', on: ['home'] },
  { key: 'hardshipAid', name: '困难帮扶', hint: '送温暖 · 帮扶', path: '/campaigns', color: '#f4511e', on: ['home', 'card'] },
  { key: 'education', name: '教育助推', hint: '金秋助学', path: '/campaigns?kind=tuition', color: '#00897b', on: ['home', 'card'] },
  { key: 'culture', name: '文化滋养', hint: '文体活动', path: '/activities?kind=culture', color: '#8e24aa', on: ['home', 'card'] },
  { key: 'fitness', name: '修心健体', hint: '职工疗休养', path: '/activities?kind=retreat', color: '#43a047', on: ['home', 'card'] },
  { key: 'legalAid', name: '法律援助', hint: '维权 · 12351', path: '/rights', color: '#1e88e5', on: ['home', 'card'] },
  { key: 'stations', name: '爱心驿站', hint: '歇脚 · 喝水 · 充电', path: '/places?kind=station', color: '#e65100', on: ['home'] },
  { key: 'workersHomes', name: '职工之家', hint: '书屋 · 心灵驿站', path: '/places', color: '#6d4c41', on: ['home'] },
  { key: 'childcare', name: '亲子托管', hint: '寒暑假 · 周末', path: '/childcare', color: '#5e35b1', on: ['home'] },
  { key: 'skills', name: '技能培训', hint: '技能 · 证书 · 求职', path: '/skills', color: '#3949ab', on: ['home'] },
  { key: 'points', name: '积分', hint: '积分查询兑换', path: '/me/points', color: '#f9a825', on: ['home'] },
  { key: 'founding', name: '我要建会', hint: '请工会帮单位建会', path: '/founding', color: '#c62828', on: ['home'], when: 'employerWithoutUnion' },
] as const satisfies readonly MemberServiceEntry[];

export type MemberServiceKey = (typeof memberServices)[number]['key'];
export type MemberService = (typeof memberServices)[number];

/**
 * The services offered at one place, in the list's order: those offered to every member, and the
 * conditional ones whose condition is in `holding` (none by default).
 */
export function memberServicesOn(place: MemberServicePlace, holding: readonly MemberServiceCondition[] = []): MemberService[] {
  return memberServices.filter((s: MemberServiceEntry) => s.on.includes(place) && (s.when === undefined || holding.includes(s.when)));
}
