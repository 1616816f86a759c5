// Writes a generated tree and its members into the database in bulk (COPY), with personal data
// encrypted exactly as the application stores it.
import type { Db } from '../client.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { makeCreditCode } from '../../../contracts/china-codes.ts';
import { createRng, makeName, personAt, phoneAt, pick } from './people.ts';
import { BIZ, BRANDS } from './tree.ts';
import type { SeedOrg } from './tree.ts';
import { CARD_COLUMNS, EVENT_COLUMNS, IDENTITY_COLUMNS, MEMBER_COLUMNS, ORG_COLUMNS, memberValues, orgValues } from './factories.ts';

function csv(v: unknown): string {
  if (v == null) return '';
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return `"{${v.join(',')}}"`;
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function loadOrgs(db: Db, orgs: SeedOrg[]): Promise<void> {
  const chunk = 20000;
  for (let i = 0; i < orgs.length; i += chunk) {
    const lines = orgs.slice(i, i + chunk).map((o) => orgValues(o).map(csv).join(','));
    await db.copyFrom('org', ORG_COLUMNS, `${lines.join('\n')}\n`);
  }
  await db.query(`SELECT setval(pg_get_serial_sequence('org', 'id'), (SELECT max(id) FROM org))`);
}

/** The town (or, where there is none, county) a union sits in: where its employer is registered. */
function placeOf(org: SeedOrg, byId: Map<number, SeedOrg>): SeedOrg {
  let p = org.parentId ? byId.get(org.parentId) : undefined;
  while (p && p.level !== 'town' && p.level !== 'county' && p.parentId) p = byId.get(p.parentId);
  return p ?? org;
}

/**
 * One enterprise per enterprise union (its employer), and in every town of 化州 a few employers
 * without a union — the ones the join routing sends to the town federation. Returns org → enterprise.
 */
export async function loadEnterprises(db: Db, orgs: SeedOrg[], seed = 91): Promise<Map<number, number>> {
  const rng = createRng(seed);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const lines: string[] = [];
  const byOrg = new Map<number, number>();
  const names = new Set<string>();
  let id = 0;
  const add = (name: string, town: SeedOrg, unionOrgId: number | null, industry: string | null) => {
    if (names.has(name)) return;
    names.add(name);
    id++;
    const code = makeCreditCode('91', (town.regionCode ?? '440000').slice(0, 6), `E${String(id).padStart(7, '0')}`);
    lines.push([id, name, name.normalize('NFKC').replace(/\s+/g, '').toLowerCase(), code, town.id, unionOrgId, industry].map(csv).join(','));
    if (unionOrgId) byOrg.set(unionOrgId, id);
  };
  for (const o of orgs) {
    if (o.kind === 'enterprise' && o.level === 'grassroots') add(o.name.replace(/工会$/, ''), placeOf(o, byId), o.id, o.industry);
  }
  const huazhou = orgs.find((o) => o.name === '化州市总工会');
  for (const t of orgs) {
    if (t.level !== 'town' || !huazhou || !t.path.startsWith(`${huazhou.path}.`)) continue;
    const place = t.name.replace(/^化州市/, '').replace(/(总工会|工会联合会)$/, '');
    for (let k = 0; k < 3; k++) add(`化州市${place}${pick(rng, BRANDS)}${pick(rng, BIZ)}有限公司`, t, null, null);
  }
  if (lines.length) await db.copyFrom('enterprise', ['id', 'name', 'name_key', 'credit_code', 'town_org_id', 'union_org_id', 'industry'], `${lines.join('\n')}\n`);
  await db.query(`SELECT setval(pg_get_serial_sequence('enterprise', 'id'), greatest((SELECT max(id) FROM enterprise), 1))`);
  return byOrg;
}

/**
 * Workers of employers without a union who joined their town's federation: enough at a few
 * employers to make them founding targets (建会目标) for the town's staff.
 */
export async function attachFoundingTargets(db: Db, perEmployer = 30, employers = 3): Promise<void> {
  const targets = await db.query<{ id: number; name: string; townId: number }>(
    `SELECT * FROM (
       SELECT DISTINCT ON (e.town_org_id) e.id, e.name, e.town_org_id AS "townId",
              (SELECT sum(d.member_count) FROM org d WHERE d.path <@ t.path) AS members
         FROM enterprise e JOIN org t ON t.id = e.town_org_id
        WHERE e.union_org_id IS NULL ORDER BY e.town_org_id, e.id) x
      ORDER BY members DESC, id LIMIT $1`,
    [employers],
  );
  for (const e of targets) {
    // a transfer into the town federation each, so that the month tallies (050) follow them
    await db.query(
      `WITH moved AS (SELECT m.id, m.org_id FROM member m JOIN org o ON o.id = m.org_id
                       WHERE o.path <@ (SELECT path FROM org WHERE id = $2) AND m.status = 'active' AND m.enterprise_id IS NULL
                       ORDER BY m.id LIMIT $4),
            ev AS (INSERT INTO member_event (member_id, kind, from_status, to_status, from_org_id, to_org_id, reason, actor_kind)
                   SELECT id, 'transferred', 'active', 'active', org_id, $2, '演示数据', 'system' FROM moved WHERE org_id <> $2)
       UPDATE member SET org_id = $2, enterprise_id = $1, employer_name = $3 WHERE id IN (SELECT id FROM moved)`,
      [e.id, e.townId, e.name, perEmployer],
    );
  }
}

const GIG_PLATFORMS = ['美团', '饿了么', '滴滴出行', '货拉拉', '顺丰速运', '京东物流', '闪送', '中通快递'];

/** Picks grassroots unions in proportion to their weight. */
function weightedPicker(orgs: SeedOrg[], rng: () => number): () => SeedOrg {
  const hosts = orgs.filter((o) => o.level === 'grassroots' && o.weight > 0);
  const cumulative: number[] = [];
  let total = 0;
  // 化州 is the demo's showcase (seed page 003): its unions get three times the members.
  const huazhou = orgs.find((o) => o.name === '化州市总工会');
  const boosted = huazhou ? `.${huazhou.id}.` : '-';
  for (const h of hosts) {
    total += h.weight * (`.${h.path}.`.includes(boosted) ? 3 : 1);
    cumulative.push(total);
  }
  return () => {
    const x = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return hosts[lo]!;
  };
}

export interface LoadMembersOptions {
  count: number;
  /** org id → its employer's enterprise id (members of an enterprise union work there). */
  enterprises?: Map<number, number>;
  /** First person index (members of later runs get other people). */
  firstIndex?: number;
  batchSize?: number;
  seed?: number;
  onProgress?: (loaded: number) => void;
}

/** Generates and COPYs `count` members; member counts on org are recomputed afterwards. */
export async function loadMembers(db: Db, pii: PiiCipher, orgs: SeedOrg[], opts: LoadMembersOptions): Promise<number> {
  const rng = createRng(opts.seed ?? 4402);
  const pickOrg = weightedPicker(orgs, rng);
  const first = opts.firstIndex ?? 0;
  const batch = opts.batchSize ?? 20000;
  const [maxRow] = await db.query<{ max: number | null }>('SELECT max(id)::bigint AS max FROM member');
  let nextId = (maxRow?.max ?? 0) + 1;
  await db.exec('ALTER TABLE member DISABLE TRIGGER member_counts');
  await setFigureTriggers(db, false);
  try {
    for (let done = 0; done < opts.count; ) {
      const n = Math.min(batch, opts.count - done);
      const members: string[] = [];
      const identities: string[] = [];
      const cards: string[] = [];
      const events: string[] = [];
      for (let k = 0; k < n; k++) {
        const index = first + done + k;
        const person = personAt(index);
        const phone = phoneAt(index);
        const org = pickOrg();
        const id = nextId++;
        const name = makeName(rng, person.sex);
        const groups: string[] = [];
        let platform: string | null = null;
        if (person.sex === 'female') groups.push('women');
        if (org.federationType === 'platform' || org.federationType === 'industry' || rng() < 0.04) {
          groups.push('gig');
          platform = pick(rng, GIG_PLATFORMS);
        }
        if (rng() < 0.004) groups.push('modelWorker');
        if (rng() < 0.008) groups.push('craftsman');
        if (rng() < 0.015) groups.push('hardship');
        const r = rng();
        const status = r < 0.97 ? 'active' : r < 0.995 ? 'left' : 'suspended';
        const year = 2026 - Math.floor(14 * rng() * rng());
        const joined = `${year}-${String(1 + Math.floor(rng() * (year === 2026 ? 10 : 12))).padStart(2, '0')}-${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}`;
        const rows = memberValues(pii, {
          id, org, name, sex: person.sex, birthDate: person.birthDate, idNumber: person.idNumber, phone, gigPlatform: platform,
          groups, status, joinedOn: joined, enterpriseId: opts.enterprises?.get(org.id) ?? null, card: true,
        });
        members.push(rows.member.map(csv).join(','));
        identities.push(rows.identity.map(csv).join(','));
        if (rows.card) cards.push(rows.card.map(csv).join(','));
        for (const e of rows.events) events.push(e.map(csv).join(','));
      }
      await db.copyFrom('member', MEMBER_COLUMNS, `${members.join('\n')}\n`);
      await db.copyFrom('member_identity', IDENTITY_COLUMNS, `${identities.join('\n')}\n`);
      if (cards.length) await db.copyFrom('card', CARD_COLUMNS, `${cards.join('\n')}\n`);
      await db.copyFrom('member_event', EVENT_COLUMNS, `${events.join('\n')}\n`);
      done += n;
      opts.onProgress?.(done);
    }
  } finally {
    await db.exec('ALTER TABLE member ENABLE TRIGGER member_counts');
    await setFigureTriggers(db, true);
  }
  await db.query(`SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member))`);
  await recountMembers(db);
  await rebuildMemberFigures(db);
  return opts.count;
}

/** The month, facet and employer tallies' triggers (050), off during a bulk COPY (rebuilt after). */
async function setFigureTriggers(db: Db, on: boolean): Promise<void> {
  const verb = on ? 'ENABLE' : 'DISABLE';
  await db.exec(`ALTER TABLE member ${verb} TRIGGER member_figures_ins; ALTER TABLE member_event ${verb} TRIGGER member_month_keep;`);
}

/** Rebuilds the members' tallies set-based (050: member_month, member_facet, enterprise_tally, enterprise.member_count). */
export async function rebuildMemberFigures(db: Db): Promise<void> {
  await db.query('SELECT gh_member_figures_rebuild()');
}

/** Recomputes org.member_count from the member rows (after a bulk load with the trigger off). */
export async function recountMembers(db: Db): Promise<void> {
  await db.exec(`
    UPDATE org SET member_count = 0 WHERE member_count <> 0;
    UPDATE org o SET member_count = c.n
      FROM (SELECT org_id, count(*)::int AS n FROM member WHERE status NOT IN ('left', 'deceased') GROUP BY org_id) c
     WHERE o.id = c.org_id;`);
}
