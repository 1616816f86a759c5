// The demo's fixed rows by stable English keys, so that tests that need the demo tree (a demo staff
// account's subtree, a union the seed pages name) say which row without repeating its Chinese name.
// The names live here once: the tree (tree.ts) names the unions it makes up by these, and those it
// builds from the divisions data (化州市总工会 …) must come out equal to them, as demoOrgId checks.
import type { Queryable } from '../client.ts';

/** Unions of the demo tree that tests and the demo accounts refer to. */
export const DEMO_ORGS = {
  /** the root: the admin account's org */
  province: '广东省总工会',
  maoming: '茂名市总工会',
  /** the demo's showcase county: the huazhou account's org */
  huazhou: '化州市总工会',
  gaozhou: '高州市总工会',
  /** a street federation of 化州: the shiwan account's org */
  shiwan: '化州市石湾街道工会联合会',
  /** the community federation under shiwan (a grassroots union) */
  shiwanCommunity: '化州市石湾街道石湾社区工会联合会',
  hexi: '化州市河西街道工会联合会',
  /** a town union of 化州 (from the divisions data): where the console test moves a union to */
  baowei: '化州市宝圩镇总工会',
  /** the yangjiang account's org: the scope tests' other subtree */
  yangjiang: '阳江市总工会',
  jiangcheng: '江城区总工会',
  /** the shenzhen account's org */
  shenzhen: '深圳市总工会',
  nanshan: '南山区总工会',
  /** the platform federation that approves joiners at once (auto_approve) */
  shenzhenRiders: '深圳市网约配送员工会联合会',
  shenzhenCouriers: '深圳市快递行业工会联合会',
  /** 台山市总工会 (seed page 002): the taishan account's org, which runs the 建会行动 */
  taishan: '台山市总工会',
  /** a city without counties */
  zhongshan: '中山市总工会',
} as const;

export type DemoOrgKey = keyof typeof DEMO_ORGS;

/** The seed pages' places (server/db/seed/places.ts), by the names other slices' tests look them up by. */
export const DEMO_PLACES = {
  /** 揭阳 榕城区东升街道: cooling drinks and water for outdoor workers, round the clock */
  lianhua: '莲花社区工会爱心驿站',
  /** 珠海 香洲区: talks for gig workers */
  cuixiang: '翠香街道工会驿站',
  /** 化州 石湾社区: a reading room that takes bookings */
  shiwanReadingRoom: '石湾社区职工书屋',
  /** 化州 石湾街道: the 会站家一体化 workers' home (一元食堂, 爱心超市) */
  shiwanHome: '石湾街道职工之家',
  /** 佛山 三水区大塘镇: the venue of the Saturday tutoring for migrant workers' children */
  datang: '大塘镇产业社区职工之家',
  /** 广州 南沙区: holiday childcare (小候鸟) */
  nansha: '南沙区职工亲子之家',
} as const;
export type DemoPlaceKey = keyof typeof DEMO_PLACES;

/** The id of the demo's union `key`. */
export async function demoOrgId(q: Queryable, key: DemoOrgKey): Promise<number> {
  const rows = await q.query<{ id: number }>('SELECT id::int AS id FROM org WHERE name = $1', [DEMO_ORGS[key]]);
  if (rows.length !== 1) throw new Error(`demo org ${key}: ${rows.length} rows`);
  return rows[0]!.id;
}
