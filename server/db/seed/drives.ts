// The demo's founding drive (建会行动, seed page 002): 台山市总工会's
// "2026年台山市非公有制企业工会强基工程建会行动" (goals: 31 unions, 2,900 members, 货车司机 200).
// The small demo carries the page's figures: 31 employers of 台山's towns founded through the four
// dated steps, joins across the year, 200+ 货拉拉 drivers into 台山市货拉拉司机工会联合会. The test
// tree carries a drive with a few employers still to found (the browser test founds one). Written
// through the drives service (steps, the 成立大会 founding the union with its facts) as 台山's staff.
// And 化州市总工会's "三个一批" (seed page 004): 村社、园区工会联合会 to build, the showcase at 石湾社区 built
// (the tree's 石湾社区工会联合会), the 先行点 of 东山街道劳村社区, 南盛街道南盛社区 and 官桥社区 under way —
// area targets, as 化州's staff (huazhou), in both the small demo and the test tree.
import type { Db } from '../client.ts';
import type { StaffContext } from '../../http/context.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { makeScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { addTarget, createDrive, recordStep } from '../../modules/drives/drives.service.ts';
import { DEMO_ORGS } from './demo-keys.ts';
import { BIZ, BRANDS } from './tree.ts';
import { factories } from './factories.ts';

const DAY_MS = 86_400_000;
export const TAISHAN_DRIVE_TITLE = '2026年台山市非公有制企业工会强基工程建会行动';
const CHAIRS = ['陈志强', '李伟明', '黄丽珍', '伍国华', '刘秀英', '甄建新', '关永康', '谭惠芳', '余家豪', '梅少雄'];

export const HUAZHOU_DRIVE_TITLE = '2026年化州市“三个一批”建设工作';

/** Creates 台山's drive and 化州's 三个一批; returns how many unions 台山's founded. */
export async function loadDemoDrives(db: Db, pii: PiiCipher, opts: { scale: 'small' | 'test' }, now = new Date()): Promise<number> {
  await loadHuazhouDrive(db, pii, now);
  return loadTaishanDrive(db, pii, opts, now);
}

async function staffContext(db: Db, pii: PiiCipher, orgName: string, username: string, displayName: string): Promise<StaffContext | null> {
  const [org] = await db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE name = $1`, [orgName]);
  const [staff] = await db.query<{ id: number; username: string }>(`SELECT id::int AS id, username FROM staff WHERE username = $1`, [username]);
  if (!org || !staff) return null;
  const scope = makeScope(org.id, org.path);
  return {
    db,
    pii,
    config: undefined as never,
    sender: undefined as never,
    actor: { kind: 'staff', staffId: staff.id, username: staff.username, displayName, orgId: org.id, roles: ['admin', 'clerk'], scope, sessionHash: Buffer.alloc(0), csrfToken: '' },
    scope,
    meta: { ip: '127.0.0.1', userAgent: 'demo seed' },
  } satisfies StaffContext;
}

// seed page 004: 石湾社区 built; 劳村社区 (东山街道), 南盛社区 (南盛街道), 官桥社区 (官桥) under way
const HUAZHOU_AREAS: { town: string; area: string; contact: string; steps: ('contact' | 'preparatory')[] }[] = [
  { town: '化州市东山街道工会联合会', area: '劳村社区', contact: '梁秀琼', steps: ['contact', 'preparatory'] },
  { town: '化州市南盛街道工会联合会', area: '南盛社区', contact: '陈国栋', steps: ['contact', 'preparatory'] },
  { town: '化州市官桥镇总工会', area: '官桥社区', contact: '李春梅', steps: ['contact'] },
];

async function loadHuazhouDrive(db: Db, pii: PiiCipher, now: Date): Promise<void> {
  const ctx = await staffContext(db, pii, DEMO_ORGS.huazhou, 'huazhou', '化州市总工会管理员');
  if (!ctx) return;
  const today = beijingDay(now);
  const year = today.slice(0, 4);
  const drive = await createDrive(ctx, {
    orgId: ctx.actor.orgId,
    title: HUAZHOU_DRIVE_TITLE.replace('2026', year),
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    status: 'active',
    goals: [{ key: 'unions', target: HUAZHOU_AREAS.length }],
  });
  let key = 0;
  for (const [i, a] of HUAZHOU_AREAS.entries()) {
    const [town] = await db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE name = $1`, [a.town]);
    if (!town) continue;
    const after = await addTarget(ctx, drive.id, { townId: town.id, areaType: 'community', areaName: a.area, contactName: a.contact, contactPhone: `139${String(20270000 + i).padStart(8, '0')}` });
    const target = after.targetList.find((t) => t.area?.name === a.area)!;
    // contacted in the spring, preparatory groups after the province's visit of 9月13日 — or, early in
    // a year, 40 and 20 days ago (each the earlier of the two, so the steps stay in order)
    const earlier = (x: string, y: string) => (x < y ? x : y);
    const ago = (days: number) => beijingDay(new Date(now.getTime() - days * DAY_MS));
    const dates = {
      contact: earlier(`${year}-03-${String(10 + i * 5).padStart(2, '0')}`, ago(40)),
      preparatory: earlier(`${year}-09-${String(20 + i * 3).padStart(2, '0')}`, ago(20)),
    };
    for (const step of a.steps) {
      const doneOn = dates[step];
      await recordStep(ctx, target.id, { step, doneOn }, `demo-huazhou-drive-${++key}`);
    }
  }
}

async function loadTaishanDrive(db: Db, pii: PiiCipher, opts: { scale: 'small' | 'test' }, now: Date): Promise<number> {
  const ctx = await staffContext(db, pii, DEMO_ORGS.taishan, 'taishan', '台山市总工会管理员');
  if (!ctx) return 0;
  const towns = await db.query<{ id: number; name: string }>(`SELECT id::int AS id, name FROM org WHERE parent_id = $1 AND level = 'town' ORDER BY id`, [ctx.actor.orgId]);
  if (towns.length === 0) return 0;
  const make = factories(db, pii);
  const today = beijingDay(now);
  const year = today.slice(0, 4);
  const daysAgo = (n: number) => beijingDay(new Date(now.getTime() - n * DAY_MS));

  const drive = await createDrive(ctx, {
    orgId: ctx.actor.orgId,
    title: TAISHAN_DRIVE_TITLE.replace('2026', year),
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
    status: 'active',
    goals: [{ key: 'unions', target: 31 }, { key: 'members', target: 2900 }, { key: 'group', industry: '货运', target: 200 }],
  });
  let key = 0;
  const stepKey = () => `demo-drive-step-${++key}`;
  const employer = async (i: number) => {
    const town = towns[i % towns.length]!;
    // 实业: a name the tree's generated employers never take
    const name = `台山市${BRANDS[i % BRANDS.length]}${i < BRANDS.length ? '' : '新'}${BIZ[(i * 7) % BIZ.length]}实业有限公司`;
    const e = await make.enterprise({ town: town.id, name, source: 'drive' });
    await addTarget(ctx, drive.id, { enterpriseId: e.id, contactName: CHAIRS[i % CHAIRS.length]!, contactPhone: `139${String(20260000 + i).padStart(8, '0')}` });
    const d = await db.query<{ id: number }>(`SELECT id::int AS id FROM drive_target WHERE drive_id = $1 AND enterprise_id = $2`, [drive.id, e.id]);
    return { e, targetId: d[0]!.id };
  };

  if (opts.scale === 'test') {
    // three employers to found: one contacted already, two not yet
    const first = await employer(0);
    await recordStep(ctx, first.targetId, { step: 'contact', doneOn: daysAgo(10) }, stepKey());
    await employer(1);
    await employer(2);
    return 0;
  }

  // the small demo: 31 founded through the four steps, spread over the year so far
  const dayOfYear = Math.floor((now.getTime() - new Date(`${year}-01-01T00:00:00+08:00`).getTime()) / DAY_MS);
  const span = Math.max(40, dayOfYear - 10);
  let founded = 0;
  for (let i = 0; i < 31; i++) {
    const { e, targetId } = await employer(i);
    const meetingAgo = Math.max(5, Math.round(span - ((i + 1) * (span - 5)) / 32));
    await recordStep(ctx, targetId, { step: 'contact', doneOn: daysAgo(meetingAgo + 30) < `${year}-01-01` ? `${year}-01-01` : daysAgo(meetingAgo + 30) }, stepKey());
    await recordStep(ctx, targetId, { step: 'preparatory', doneOn: daysAgo(meetingAgo + 12) < `${year}-01-01` ? `${year}-01-02` : daysAgo(meetingAgo + 12) }, stepKey());
    const meeting = await recordStep(ctx, targetId, { step: 'meeting', doneOn: daysAgo(meetingAgo), unionName: `${e.name}工会委员会`, chairName: CHAIRS[i % CHAIRS.length] }, stepKey());
    const unionId = (JSON.parse(meeting.body) as { foundedOrg: { id: number } }).foundedOrg.id;
    founded++;
    // the members of the new union: joined on and after its founding
    for (let k = 0; k < 86; k++) await make.member({ org: unionId, joinedOn: daysAgo(Math.max(0, meetingAgo - (k % Math.max(1, meetingAgo)))), enterpriseId: e.id });
  }
  // more open targets still in progress
  for (let i = 31; i < 36; i++) {
    const { targetId } = await employer(i);
    await recordStep(ctx, targetId, { step: 'contact', doneOn: daysAgo(20 - (i - 31)) }, stepKey());
  }
  // 货拉拉 drivers into 台山市货拉拉司机工会联合会, across the year
  const [drivers] = await db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE name = '台山市货拉拉司机工会联合会'`);
  if (drivers) for (let k = 0; k < 212; k++) await make.member({ org: drivers.id, gigPlatform: '货拉拉', joinedOn: daysAgo(Math.floor((k * span) / 212)) });
  // and joins in 台山's towns (parked in the town federations) making up the rest of the 2,900
  for (let k = 0; k < 22; k++) await make.member({ org: towns[k % towns.length]!.id, joinedOn: daysAgo(Math.floor((k * span) / 22)) });
  return founded;
}
