// The demo's skill taxonomy and a few members' skills (issue 17 slice A): the checked branch of the 2022
// occupation catalogue and the free skills (data/skills-demo.csv; where each code was checked:
// data/skills-demo.sources.md), loaded by the same loader as scripts/load-occupations.ts; then the
// log-in page's first 化州 members and a 深圳 rider declare skills, register certificates, and 化州's
// clerk verifies one — all through the skills service, as the screens would.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from '../client.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { makeScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { addMyCertificate, addMySkill, loadSkillRows, parseSkillCsv, saveMyJobProfile, setMyJobConsent, verifyCertificate } from '../../modules/skills/skills.service.ts';
import { DEMO_ORGS } from './demo-keys.ts';
import { findDemoMembers } from './demo-members.ts';

const CSV = fileURLToPath(new URL('./data/skills-demo.csv', import.meta.url));

/** Loads the demo taxonomy; returns how many skills it holds. */
export async function loadDemoTaxonomy(db: Db): Promise<number> {
  const r = await loadSkillRows(db, parseSkillCsv(readFileSync(CSV, 'utf8')));
  if (r.errors.length > 0) throw new Error(`skills-demo.csv: ${r.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return r.added + r.updated;
}

const seedMeta = { ip: '127.0.0.1', userAgent: 'demo seed' };

/** The worker of a member (the row a log-in makes), made if missing. */
async function memberCtx(db: Db, pii: PiiCipher, memberId: number): Promise<MemberContext | undefined> {
  const [row] = await db.query<{ workerId: number; memberId: number | null }>(
    `INSERT INTO worker (phone_enc, phone_hash, phone_masked, member_id)
     SELECT m.phone_enc, m.phone_hash, m.phone_masked, m.id FROM member m WHERE m.id = $1 AND m.phone_enc IS NOT NULL
     ON CONFLICT (phone_hash) DO UPDATE SET member_id = coalesce(worker.member_id, EXCLUDED.member_id)
     RETURNING id::int AS "workerId", member_id::int AS "memberId"`,
    [memberId],
  );
  if (!row || row.memberId !== memberId) return undefined;
  return { db, pii, config: undefined as never, sender: undefined as never, actor: { kind: 'member', workerId: row.workerId, memberId, sessionHash: Buffer.alloc(0), csrfToken: '' }, meta: seedMeta };
}

async function staffCtx(db: Db, pii: PiiCipher, username: string): Promise<StaffContext | undefined> {
  const [s] = await db.query<{ id: number; orgId: number; path: string; displayName: string }>(
    `SELECT s.id::int AS id, o.id::int AS "orgId", o.path::text AS path, s.display_name AS "displayName" FROM staff s JOIN org o ON o.id = s.org_id WHERE s.username = $1`,
    [username],
  );
  if (!s) return undefined;
  const scope = makeScope(s.orgId, s.path);
  return {
    db,
    pii,
    config: undefined as never,
    sender: undefined as never,
    actor: { kind: 'staff', staffId: s.id, username, displayName: s.displayName, orgId: s.orgId, roles: ['admin', 'clerk'], scope, sessionHash: Buffer.alloc(0), csrfToken: '' },
    scope,
    meta: seedMeta,
  };
}

/** Loads the taxonomy and gives the demo's members their skills; returns how many members got any. */
export async function loadDemoSkills(db: Db, pii: PiiCipher, now = new Date()): Promise<number> {
  await loadDemoTaxonomy(db);
  const codes = await db.query<{ id: number; code: string }>(`SELECT id::int AS id, code FROM skill`);
  const skill = (code: string) => codes.find((c) => c.code === code)!.id;
  const year = Number(beijingDay(now).slice(0, 4));
  let n = 0;

  // 化州: the log-in page's first two members (a forklift driver with a verified certificate; a carer)
  const demo = await findDemoMembers(db, pii, 2);
  const huazhouIds: number[] = [];
  for (const d of demo) {
    const [m] = await db.query<{ id: number }>(`SELECT id::int AS id FROM member WHERE phone_hash = $1 AND status = 'active' ORDER BY id LIMIT 1`, [pii.hash(d.phone)]);
    if (m) huazhouIds.push(m.id);
  }
  const clerk = await staffCtx(db, pii, 'huazhou');
  const [first, second] = await Promise.all(huazhouIds.slice(0, 2).map((id) => memberCtx(db, pii, id)));
  if (first) {
    await addMySkill(first, { skillId: skill('F-0001'), level: 3 });
    await addMySkill(first, { skillId: skill('F-0016'), level: 2 });
    const cert = await addMyCertificate(first, { family: 'skillLevel', skillId: skill('F-0001'), level: 4, number: `S0000${year - 1}4419${String(first.actor.memberId).padStart(6, '0')}`, issuer: '茂名市职业技能鉴定指导中心', issuedOn: `${year - 1}-06-18` });
    if (clerk) await verifyCertificate(clerk, cert.id);
    await saveMyJobProfile(first, { towns: [], industrySections: ['C', 'G'], wageFloorYuan: 4500, shifts: ['day', 'rotating'], employment: ['fulltime'], pushOptIn: true });
    await setMyJobConsent(first, true);
    n++;
  }
  if (second) {
    await addMySkill(second, { skillId: skill('F-0010'), level: 2 });
    await addMySkill(second, { skillId: skill('F-0009'), level: 1 });
    await addMyCertificate(second, { family: 'skillLevel', skillId: skill('F-0010'), level: 3, number: `S0000${year}4409${String(second.actor.memberId).padStart(6, '0')}`, issuer: '化州市人力资源和社会保障局', issuedOn: `${year}-03-02` });
    n++;
  }

  // 深圳: a rider of the delivery riders' federation (网约配送员, 直播带货 on the side)
  const [rider] = await db.query<{ id: number }>(
    `SELECT m.id::int AS id FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ (SELECT path FROM org WHERE name = $1 LIMIT 1) AND m.status = 'active' AND m.phone_enc IS NOT NULL ORDER BY m.id LIMIT 1`,
    [DEMO_ORGS.shenzhenRiders],
  );
  const riderCtx = rider ? await memberCtx(db, pii, rider.id) : undefined;
  if (riderCtx) {
    await addMySkill(riderCtx, { skillId: skill('4-02-07-10'), level: 3 });
    await addMySkill(riderCtx, { skillId: skill('F-0004'), level: 2 });
    await addMySkill(riderCtx, { skillId: skill('F-0019'), level: 2 });
    n++;
  }
  return n;
}
