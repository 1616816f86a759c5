// Writes a generated tree and its members into the database in bulk (COPY), with personal data
// encrypted exactly as the application stores it.
import type { Db } from '../client.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { maskIdNumber, maskPhone } from '../../lib/pii.ts';
import { pinyinKey } from '../../lib/pinyin.ts';
import { createRng, makeName, personAt, phoneAt, pick } from './people.ts';
import type { SeedOrg } from './tree.ts';

function csv(v: string | number | null | undefined | Buffer | string[]): string {
  if (v == null) return '';
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return `"{${v.join(',')}}"`;
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const ORG_COLUMNS = [
  'id', 'parent_id', 'path', 'name', 'name_pinyin', 'level', 'kind', 'federation_type', 'region_code',
  'industry', 'credit_code', 'chair_name', 'founded_on',
] as const;

export async function loadOrgs(db: Db, orgs: SeedOrg[]): Promise<void> {
  const chunk = 20000;
  for (let i = 0; i < orgs.length; i += chunk) {
    const lines = orgs.slice(i, i + chunk).map((o) =>
      [o.id, o.parentId, o.path, o.name, pinyinKey(o.name), o.level, o.kind, o.federationType, o.regionCode,
        o.industry, o.creditCode, o.chairName, o.foundedOn].map(csv).join(','),
    );
    await db.copyFrom('org', ORG_COLUMNS, `${lines.join('\n')}\n`);
  }
  await db.query(`SELECT setval(pg_get_serial_sequence('org', 'id'), (SELECT max(id) FROM org))`);
}

const MEMBER_COLUMNS = [
  'id', 'org_id', 'member_no', 'name', 'name_pinyin', 'sex', 'birth_date', 'id_number_enc', 'id_number_hash',
  'id_number_masked', 'phone_enc', 'phone_hash', 'phone_masked', 'employer_name', 'gig_platform', 'groups',
  'status', 'joined_on',
] as const;
const IDENTITY_COLUMNS = ['id_number_hash', 'member_id'] as const;

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
  try {
    for (let done = 0; done < opts.count; ) {
      const n = Math.min(batch, opts.count - done);
      const members: string[] = [];
      const identities: string[] = [];
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
        const idHash = pii.hash(person.idNumber);
        members.push(
          [
            id, org.id, `GH${String(id).padStart(10, '0')}`, name, pinyinKey(name), person.sex, person.birthDate,
            pii.encrypt(person.idNumber), idHash, maskIdNumber(person.idNumber),
            pii.encrypt(phone), pii.hash(phone), maskPhone(phone),
            org.kind === 'enterprise' ? org.name.replace(/工会$/, '') : null, platform, groups, status, joined,
          ].map(csv).join(','),
        );
        identities.push(`${csv(idHash)},${id}`);
      }
      await db.copyFrom('member', MEMBER_COLUMNS, `${members.join('\n')}\n`);
      await db.copyFrom('member_identity', IDENTITY_COLUMNS, `${identities.join('\n')}\n`);
      done += n;
      opts.onProgress?.(done);
    }
  } finally {
    await db.exec('ALTER TABLE member ENABLE TRIGGER member_counts');
  }
  await db.query(`SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member))`);
  await recountMembers(db);
  return opts.count;
}

/** Recomputes org.member_count from the member rows (after a bulk load with the trigger off). */
export async function recountMembers(db: Db): Promise<void> {
  await db.exec(`
    UPDATE org SET member_count = 0 WHERE member_count <> 0;
    UPDATE org o SET member_count = c.n
      FROM (SELECT org_id, count(*)::int AS n FROM member WHERE status NOT IN ('left', 'deceased') GROUP BY org_id) c
     WHERE o.id = c.org_id;`);
}
