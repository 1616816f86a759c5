// The demo members a newcomer may log in as: people of the demo seed (seed/load.ts gives the index-th
// member the phone phoneAt(index)), so the same numbers exist in every fresh demo. Those of 化州 come
// first: the demo's activities and campaigns are theirs.
import type { Db } from '../client.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { maskName } from '../../lib/pii.ts';
import { phoneAt } from './people.ts';
import { DEMO_ORGS } from './demo-keys.ts';

/** How many of the seed's first people are looked at. */
const FIRST_PEOPLE = 100;

export interface DemoMemberRow {
  phone: string;
  name: string;
  orgName: string;
}

/** Up to `count` active demo members, 化州's first, then in seed order; names masked. */
export async function findDemoMembers(db: Db, pii: PiiCipher, count: number): Promise<DemoMemberRow[]> {
  const phones = Array.from({ length: FIRST_PEOPLE }, (_, i) => phoneAt(i));
  const byHash = new Map(phones.map((p) => [pii.hash(p).toString('hex'), p]));
  const rows = await db.query<{ hash: Buffer; name: string; orgName: string; inHuazhou: boolean }>(
    `SELECT m.phone_hash AS hash, m.name, o.name AS "orgName",
            coalesce(o.path <@ (SELECT path FROM org WHERE name = $2 LIMIT 1), false) AS "inHuazhou"
       FROM member m JOIN org o ON o.id = m.org_id
      WHERE m.phone_hash = ANY($1::bytea[]) AND m.status = 'active'`,
    [phones.map((p) => pii.hash(p)), DEMO_ORGS.huazhou],
  );
  const found = rows
    .map((r) => ({ phone: byHash.get(Buffer.from(r.hash).toString('hex'))!, name: maskName(r.name), orgName: r.orgName, inHuazhou: r.inHuazhou }))
    .sort((a, b) => Number(b.inHuazhou) - Number(a.inHuazhou) || phones.indexOf(a.phone) - phones.indexOf(b.phone));
  return found.slice(0, count).map(({ phone, name, orgName }) => ({ phone, name, orgName }));
}
