// The demo's places (issue 15 §7): the seed pages' own — 揭阳 莲花社区工会爱心驿站 (cooling drinks for
// couriers, sanitation and construction workers), 珠海 翠香街道工会驿站 (talks for gig workers), 化州
// 石湾's 职工书屋 and its 会站家一体化 职工之家 (一元食堂, 爱心超市), 佛山 大塘镇's Saturday tutoring
// venue and 广州 南沙's 职工亲子之家 — and generated stations near the towns of the tree, with varied
// hours (round the clock, 8–20, night stations, office hours) and services, run by those towns'
// unions; the named places have two photos each (drawn: seed/place-photos.ts). All through
// places.service.ts. `loadScaleStations` adds any number more in bulk (the benchmark's 200,000).
import type { PlaceHours, PlaceKind, PlaceService } from '../../../contracts/places.ts';
import { deriveHours, multirangeLiteral } from '../../lib/opening-hours.ts';
import { maskPhone, type PiiCipher } from '../../lib/pii.ts';
import { seedPlace, seedPlacePhoto } from '../../modules/places/places.service.ts';
import { bulkLoadStations, type ScaleAnchor, type ScaleTemplate } from '../../modules/places/nearby.service.ts';
import type { Db, Queryable } from '../client.ts';
import { DEMO_ORGS, DEMO_PLACES } from './demo-keys.ts';
import { createRng, makeName, pick } from './people.ts';
import { CITY_CENTRES, centreOf, scatter, type Point } from './places-geo.ts';
import { demoPlacePictures, type InsideScene } from './place-photos.ts';

const everyDay = (from: string, to: string, nextDay = false) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from, to, ...(nextDay ? { nextDay: true } : {}) }));

/** The hours the generated places keep (named ones have their own). */
export const HOURS: Record<string, PlaceHours> = {
  allDay: { week: everyDay('00:00', '24:00'), holidays: 'asUsual' },
  daytime: { week: everyDay('08:00', '20:00'), holidays: 'asUsual' },
  long: { week: everyDay('07:00', '22:00'), holidays: 'asUsual' },
  night: { week: everyDay('20:00', '08:00', true), holidays: 'asUsual' },
  office: {
    week: [1, 2, 3, 4, 5].flatMap((day) => [
      { day, from: '09:00', to: '12:00' },
      { day, from: '14:00', to: '18:00' },
    ]),
    holidays: 'closed',
  },
  reading: { week: [2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '09:00', to: '21:00' })), holidays: [{ from: '10:00', to: '17:00' }] },
  evenings: {
    week: [...[1, 2, 3, 4, 5].map((day) => ({ day, from: '18:30', to: '21:30' })), ...[6, 7].map((day) => ({ day, from: '09:00', to: '21:00' }))],
    holidays: 'asUsual',
  },
};

interface Flavour {
  kind: PlaceKind;
  suffix: string;
  hours: (keyof typeof HOURS)[];
  always: PlaceService[];
  maybe: PlaceService[];
  weight: number;
  bookable?: boolean;
}

const FLAVOURS: Flavour[] = [
  { kind: 'station', suffix: '工会爱心驿站', hours: ['allDay', 'daytime', 'long', 'long', 'night'], always: ['water', 'rest'], maybe: ['microwave', 'charging', 'toilet', 'firstAid', 'aircon', 'umbrella', 'wifi', 'batterySwap'], weight: 10 },
  { kind: 'station', suffix: '户外劳动者服务站', hours: ['allDay', 'daytime', 'long'], always: ['water', 'rest', 'charging'], maybe: ['microwave', 'toilet', 'firstAid', 'aircon', 'umbrella', 'meals'], weight: 5 },
  { kind: 'workersHome', suffix: '职工之家', hours: ['evenings', 'office'], always: ['rest', 'books'], maybe: ['wifi', 'legal', 'counselling', 'meals', 'water', 'aircon'], weight: 3 },
  { kind: 'readingRoom', suffix: '职工书屋', hours: ['reading', 'office'], always: ['books', 'wifi'], maybe: ['aircon', 'water'], weight: 2, bookable: true },
  { kind: 'counselling', suffix: '心灵驿站', hours: ['office', 'evenings'], always: ['counselling'], maybe: ['rest', 'water'], weight: 1, bookable: true },
];
const ROADS = ['人民路', '解放路', '建设路', '中山路', '新华路', '环城路', '府前路', '文明路', '工业大道', '健康路', '朝阳路', '东风路', '沿江路', '站前路', '城南路'];

function flavourOf(rng: () => number): Flavour {
  let r = rng() * FLAVOURS.reduce((s, f) => s + f.weight, 0);
  for (const f of FLAVOURS) if ((r -= f.weight) < 0) return f;
  return FLAVOURS[0]!;
}

function servicesOf(rng: () => number, f: Flavour): PlaceService[] {
  return [...f.always, ...f.maybe.filter(() => rng() < 0.45)];
}

/** 化州市石湾街道工会联合会 → 石湾街道 (for the generated places' names). */
const shortName = (unionName: string) => unionName.replace(/(总工会|工会联合会)$/, '').replace(/^.{1,6}?[市区县](?=.{2,}[镇乡街道]$)/, '');

type Writer = (p: { orgId: number; townId: number | null; kind: PlaceKind; name: string; address: string; at: Point; hours: PlaceHours; services: PlaceService[]; intro?: string; keeper?: { name: string; phone: string }; bookable?: boolean }) => Promise<number>;

function writer(db: Queryable, pii: PiiCipher): Writer {
  return async (p) => {
    const derived = deriveHours(p.hours);
    if (typeof derived === 'string') throw new Error(`demo place ${p.name}: ${derived}`);
    return seedPlace(db, {
      orgId: p.orgId,
      kind: p.kind,
      name: p.name,
      address: p.address,
      townId: p.townId,
      lat: Math.round(p.at.lat * 1e6) / 1e6,
      lng: Math.round(p.at.lng * 1e6) / 1e6,
      wgs: null,
      hours: p.hours,
      derived,
      services: p.services,
      intro: p.intro ?? '',
      keeperName: p.keeper?.name ?? null,
      keeperPhone: p.keeper ? { enc: pii.encrypt(p.keeper.phone), hash: pii.hash(p.keeper.phone), masked: maskPhone(p.keeper.phone) } : null,
      bookable: p.bookable ?? false,
      source: 'demo',
      createdBy: null,
    });
  };
}

interface OrgRow {
  id: number;
  name: string;
  level: string;
  regionCode: string | null;
}

async function orgByName(db: Queryable, name: string): Promise<OrgRow | undefined> {
  const [row] = await db.query<OrgRow>(`SELECT id::int AS id, name, level, region_code AS "regionCode" FROM org WHERE name = $1`, [name]);
  return row;
}

/** The union of a division (the town's, else the county's): the demo test tree builds only a few counties' towns. */
async function orgOfRegion(db: Queryable, codes: string[]): Promise<OrgRow | undefined> {
  for (const code of codes) {
    const [row] = await db.query<OrgRow>(
      `SELECT id::int AS id, name, level, region_code AS "regionCode" FROM org WHERE region_code = $1 AND level IN ('town', 'county', 'city') ORDER BY nlevel(path) DESC, id LIMIT 1`,
      [code],
    );
    if (row) return row;
  }
  return undefined;
}

/** The seed pages' places, at their real addresses. */
async function loadNamedPlaces(db: Queryable, write: Writer): Promise<number> {
  let n = 0;
  const townOf = (o: OrgRow | undefined) => (o?.level === 'town' ? o.id : null);
  const keeper = (name: string, i: number) => ({ name, phone: `1370668${String(1000 + i).slice(-4)}` });

  const dongsheng = await orgOfRegion(db, ['445202009', '445202']);
  if (dongsheng) {
    await write({
      orgId: dongsheng.id,
      townId: townOf(dongsheng),
      kind: 'station',
      name: DEMO_PLACES.lianhua,
      address: '揭阳市榕城区东升街道莲花社区党群服务中心一楼',
      at: { lat: 23.5436, lng: 116.378 },
      hours: HOURS.allDay!,
      services: ['water', 'rest', 'microwave', 'charging', 'toilet', 'firstAid', 'aircon', 'umbrella'],
      intro: '高温季节免费供应清凉茶、矿泉水，消防救援人员、环卫工人、快递员、送货员、建筑工人渴了能喝水、热了能乘凉、累了能休息。',
      keeper: keeper('林晓敏', n),
    });
    n++;
  }
  const cuixiang = await orgOfRegion(db, ['440402001', '440402']);
  if (cuixiang) {
    await write({
      orgId: cuixiang.id,
      townId: townOf(cuixiang),
      kind: 'station',
      name: DEMO_PLACES.cuixiang,
      address: '珠海市香洲区翠香街道翠香路 68 号',
      at: { lat: 22.2696, lng: 113.5561 },
      hours: HOURS.long!,
      services: ['water', 'rest', 'charging', 'microwave', 'toilet', 'wifi', 'legal'],
      intro: '面向外卖骑手、快递员、网约车司机等新就业形态劳动者：歇脚充电，定期举办政策宣讲和法律咨询。',
      keeper: keeper('黄志强', n),
    });
    n++;
  }
  const shiwanCommunity = await orgByName(db, DEMO_ORGS.shiwanCommunity);
  const shiwan = await orgByName(db, DEMO_ORGS.shiwan);
  if (shiwanCommunity && shiwan) {
    await write({
      orgId: shiwanCommunity.id,
      townId: shiwan.id,
      kind: 'readingRoom',
      name: DEMO_PLACES.shiwanReadingRoom,
      address: '化州市石湾街道石湾社区工会联合会二楼',
      at: { lat: 21.6571, lng: 110.6472 },
      hours: HOURS.reading!,
      services: ['books', 'wifi', 'aircon', 'water'],
      intro: '社区职工书屋，可预约阅览座位；藏书以技能、法律和儿童读物为主。',
      keeper: keeper('陈秀兰', n),
      bookable: true,
    });
    await write({
      orgId: shiwan.id,
      townId: shiwan.id,
      kind: 'workersHome',
      name: DEMO_PLACES.shiwanHome,
      address: '化州市石湾街道石湾社区综合服务中心',
      at: { lat: 21.6566, lng: 110.6478 },
      hours: { week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '08:30', to: '21:00' })), holidays: 'asUsual' },
      services: ['rest', 'books', 'meals', 'water', 'wifi', 'legal', 'aircon'],
      intro: '会站家一体化：工会联合会办公场所、职工书屋、一元食堂、爱心超市与职工之家活动室在一处。',
      keeper: keeper('李建华', n + 1),
    });
    n += 2;
  }
  const datang = (await orgByName(db, '大塘镇工业园区工会联合会')) ?? (await orgOfRegion(db, ['440607101', '440607']));
  const datangTown = await orgOfRegion(db, ['440607101']);
  if (datang) {
    await write({
      orgId: datang.id,
      townId: datangTown?.id ?? null,
      kind: 'workersHome',
      name: DEMO_PLACES.datang,
      address: '佛山市三水区大塘镇产业社区党群服务中心',
      at: { lat: 23.3874, lng: 112.9566 },
      hours: { week: [1, 2, 3, 4, 5, 6].map((day) => ({ day, from: '08:30', to: '18:00' })), holidays: 'closed' },
      services: ['rest', 'books', 'water', 'aircon', 'wifi'],
      intro: '大塘镇工业园的职工之家：周六为 7–10 岁的异地务工人员子女免费辅导（寒暑假与周末托管）。',
      keeper: keeper('侯金伶', n),
    });
    n++;
  }
  const nansha = await orgOfRegion(db, ['440115']);
  const nanshaStreet = await orgOfRegion(db, ['440115001']);
  if (nansha) {
    await write({
      orgId: nansha.id,
      townId: nanshaStreet?.level === 'town' ? nanshaStreet.id : null,
      kind: 'workersHome',
      name: DEMO_PLACES.nansha,
      address: '广州市南沙区南沙街道进港大道 8 号职工服务中心',
      at: { lat: 22.8016, lng: 113.5456 },
      hours: HOURS.evenings!,
      services: ['nursing', 'books', 'rest', 'water', 'aircon', 'wifi'],
      intro: '寒暑假“小候鸟”托管和亲子活动，帮助异地务工人员的孩子融入城市生活。',
      keeper: keeper('丘欢梓', n),
    });
    n++;
  }
  return n;
}

/** Generated places: `perTown` near each town of the tree (its union runs them), and a few at each city's centre. */
async function loadGeneratedPlaces(db: Queryable, write: Writer, opts: { perTown: [number, number]; perCity: number }): Promise<number> {
  const rng = createRng(150015);
  const towns = await db.query<OrgRow & { countyName: string | null }>(
    `SELECT t.id::int AS id, t.name, t.level, t.region_code AS "regionCode", c.name AS "countyName"
       FROM org t LEFT JOIN org c ON c.id = t.parent_id
      WHERE t.level = 'town' AND t.status = 'active' AND t.region_code IS NOT NULL ORDER BY t.path`,
  );
  let n = 0;
  for (const t of towns) {
    const centre = centreOf(t.regionCode, /街道/.test(t.name));
    if (!centre) continue;
    const label = shortName(t.name);
    const county = (t.countyName ?? '').replace(/总工会$/, '');
    const count = opts.perTown[0] + Math.floor(rng() * (opts.perTown[1] - opts.perTown[0] + 1));
    for (let i = 0; i < count; i++) {
      const f = flavourOf(rng);
      const road = pick(rng, ROADS);
      const name = i === 0 ? `${label}${f.suffix}` : `${label}${road}${f.suffix}`;
      await write({
        orgId: t.id,
        townId: t.id,
        kind: f.kind,
        name,
        address: `${county}${label}${road}${1 + Math.floor(rng() * 300)}号`,
        at: scatter(rng, centre, /街道/.test(t.name) ? 0.012 : 0.025),
        hours: HOURS[pick(rng, f.hours)]!,
        services: servicesOf(rng, f),
        keeper: rng() < 0.7 ? { name: makeName(rng, rng() < 0.5 ? 'male' : 'female'), phone: `1370669${String(n).padStart(4, '0').slice(-4)}` } : undefined,
        bookable: f.bookable ?? false,
      });
      n++;
    }
  }
  const cities = await db.query<OrgRow>(`SELECT id::int AS id, name, level, region_code AS "regionCode" FROM org WHERE level = 'city' AND region_code IS NOT NULL ORDER BY path`);
  for (const c of cities) {
    const centre = CITY_CENTRES[(c.regionCode ?? '').slice(0, 4)];
    if (!centre) continue;
    const city = c.name.replace(/总工会$/, '');
    for (let i = 0; i < opts.perCity; i++) {
      const f = i === 0 ? FLAVOURS[0]! : flavourOf(rng);
      const road = pick(rng, ROADS);
      await write({
        orgId: c.id,
        townId: null,
        kind: f.kind,
        name: `${city}${road}${f.suffix}`,
        address: `${city}${road}${1 + Math.floor(rng() * 500)}号`,
        at: scatter(rng, centre, 0.03),
        hours: HOURS[pick(rng, f.hours)]!,
        services: servicesOf(rng, f),
        bookable: f.bookable ?? false,
      });
      n++;
    }
  }
  return n;
}

/** The named places' pictures: the front, then the inside (drawn: seed/place-photos.ts), by the seed each is drawn from. */
const PICTURES: Record<keyof typeof DEMO_PLACES, { seed: number; storeys: number; inside?: InsideScene }> = {
  lianhua: { seed: 1501, storeys: 2 },
  cuixiang: { seed: 1502, storeys: 3 },
  shiwanReadingRoom: { seed: 1503, storeys: 2 },
  shiwanHome: { seed: 1504, storeys: 3 },
  datang: { seed: 1505, storeys: 2, inside: 'play' },
  nansha: { seed: 1506, storeys: 3, inside: 'play' },
};

/** Two photos on each named place, as its union's staff would upload them (the same sniffing). */
async function loadNamedPhotos(db: Queryable): Promise<number> {
  const places = await db.query<{ id: number; name: string; kind: PlaceKind }>(`SELECT id::int AS id, name, kind FROM place WHERE name = ANY($1::text[]) AND source = 'demo' ORDER BY id`, [
    Object.values(DEMO_PLACES),
  ]);
  let n = 0;
  for (const [key, name] of Object.entries(DEMO_PLACES) as [keyof typeof DEMO_PLACES, string][]) {
    const place = places.find((p) => p.name === name);
    if (!place) continue;
    const pic = PICTURES[key];
    for (const bytes of demoPlacePictures(place.kind, pic.seed, pic)) {
      await seedPlacePhoto(db, place.id, bytes);
      n++;
    }
  }
  return n;
}

/** The demo's places: the named ones (with their photos), then the generated ones (fewer in the test tree). Returns how many. */
export async function loadDemoPlaces(db: Db, pii: PiiCipher, opts: { scale: 'small' | 'test' }): Promise<number> {
  const write = writer(db, pii);
  const named = await loadNamedPlaces(db, write);
  await loadNamedPhotos(db);
  const generated = await loadGeneratedPlaces(db, write, opts.scale === 'small' ? { perTown: [1, 2], perCity: 3 } : { perTown: [0, 1], perCity: 1 });
  return named + generated;
}

/**
 * `count` more stations in bulk (the benchmark's 200,000; a large demo): scattered around the
 * towns, county seats and city centres of the tree (their unions run them), hours and services drawn from the
 * demo's. Set-based SQL through the places module's service; a few seconds per 100,000 on PostgreSQL.
 */
export async function loadScaleStations(db: Queryable, count: number, seed = 0.42): Promise<number> {
  const anchors: ScaleAnchor[] = [];
  const orgs = await db.query<OrgRow>(`SELECT id::int AS id, name, level, region_code AS "regionCode" FROM org WHERE level IN ('town', 'county', 'city') AND region_code IS NOT NULL ORDER BY path`);
  const radius = { city: 0.3, county: 0.12, town: 0.04 } as Record<string, number>;
  for (const o of orgs) {
    const centre = o.level === 'city' ? CITY_CENTRES[(o.regionCode ?? '').slice(0, 4)] : centreOf(o.regionCode, /街道/.test(o.name));
    if (!centre) continue;
    // a city's own stations spread over its area, a county's around its seat, a town's stay near it
    anchors.push({ ...centre, radiusDeg: radius[o.level]!, orgId: o.id, townId: o.level === 'town' ? o.id : null, label: shortName(o.name) });
  }
  if (anchors.length === 0) throw new Error('loadScaleStations: no town or city with a known centre');
  const templates: ScaleTemplate[] = [];
  const rng = createRng(4242);
  for (const f of FLAVOURS.filter((x) => x.kind === 'station')) {
    for (const h of f.hours) {
      const d = deriveHours(HOURS[h]!);
      if (typeof d === 'string') throw new Error(d);
      for (let k = 0; k < 4; k++) {
        templates.push({
          suffix: f.suffix,
          hours: JSON.stringify(HOURS[h]),
          openOwn: multirangeLiteral(d.openOwn),
          openSpill: multirangeLiteral(d.openSpill),
          holidayOwn: d.holiday ? multirangeLiteral(d.holiday.own) : null,
          holidaySpill: d.holiday ? multirangeLiteral(d.holiday.spill) : null,
          services: servicesOf(rng, f),
        });
      }
    }
  }
  return bulkLoadStations(db, { count, anchors, templates, seed });
}
