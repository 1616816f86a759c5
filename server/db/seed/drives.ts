// The demo's founding drive (建会行动, seed page 002): 台山市总工会's
// "2026年台山市非公有制企业工会强基工程建会行动" (goals: 31 unions, 2,900 members, 货车司机 200).
// The small demo carries the page's figures: 31 employers of 台山's towns founded through the four
// dated steps, joins across the year, 200+ 货拉拉 drivers into 台山市货拉拉司机工会联合会. The test
// tree carries a drive with a few employers still to found (the browser test founds one). Written
// through the drives service (steps, the 成立大会 founding the union with its facts) as 台山's staff.
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

/** Creates 台山's drive; returns how many unions it founded. */
export async function loadDemoDrives(db: Db, pii: PiiCipher, opts: { scale: 'small' | 'test' }, now = new Date()): Promise<number> {
  const [taishan] = await db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE name = $1`, [DEMO_ORGS.taishan]);
  const [staff] = await db.query<{ id: number; username: string }>(`SELECT id::int AS id, username FROM staff WHERE username = 'taishan'`);
  if (!taishan || !staff) return 0;
  const towns = await db.query<{ id: number; name: string }>(`SELECT id::int AS id, name FROM org WHERE parent_id = $1 AND level = 'town' ORDER BY id`, [taishan.id]);
  if (towns.length === 0) return 0;
  const scope = makeScope(taishan.id, taishan.path);
  const ctx = {
    db,
    pii,
    config: undefined as never,
    sender: undefined as never,
    actor: { kind: 'staff', staffId: staff.id, username: staff.username, displayName: '台山市总工会管理员', orgId: taishan.id, roles: ['admin', 'clerk'], scope, sessionHash: Buffer.alloc(0), csrfToken: '' },
    scope,
    meta: { ip: '127.0.0.1', userAgent: 'demo seed' },
  } satisfies StaffContext;
  const make = factories(db, pii);
  const today = beijingDay(now);
  const year = today.slice(0, 4);
  const daysAgo = (n: number) => beijingDay(new Date(now.getTime() - n * DAY_MS));

  const drive = await createDrive(ctx, {
    orgId: taishan.id,
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
