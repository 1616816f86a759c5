// The demo's live places (issue 15 §3): the keepers' marks on the seed pages' stations, a fortnight of
// visits to them (door scans and card scans by demo members, so the figures have something real to
// count), a problem workers reported on 石湾's reading room that waits on the 工作台, and one 翠香
// resolved. Rows as the services write them; the places' flags recounted as reporting does.
import { DEMO_PLACES } from './demo-keys.ts';
import { placeProblemKindLabels } from '../../../contracts/place-status.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { maskPhone } from '../../lib/pii.ts';
import type { Db } from '../client.ts';
import { createRng } from './people.ts';

const DAY = 86400_000;

export async function loadDemoPlaceStatus(db: Db, pii: PiiCipher): Promise<number> {
  const places = await db.query<{ id: number; name: string; orgPath: string }>(
    `SELECT id::int AS id, name, org_path::text AS "orgPath" FROM place WHERE name = ANY($1::text[]) AND merged_into IS NULL ORDER BY id`,
    [Object.values(DEMO_PLACES)],
  );
  if (places.length === 0) return 0;
  const byName = new Map(places.map((p) => [p.name, p]));
  const marks: [string, 'open' | 'closed', string | null][] = [
    [DEMO_PLACES.lianhua, 'open', 'normal'],
    [DEMO_PLACES.cuixiang, 'open', 'busy'],
    [DEMO_PLACES.shiwanHome, 'open', 'quiet'],
  ];
  for (const [name, state, busy] of marks) {
    const p = byName.get(name);
    if (p) await db.query(`UPDATE place SET live_state = $2, live_busy = $3, live_at = now() - interval '40 minutes' WHERE id = $1`, [p.id, state, busy]);
  }
  // visitors: demo members (a card scan), some with a phone session (a door scan)
  const members = await db.query<{ id: number }>(`SELECT id::int AS id FROM member WHERE status = 'active' ORDER BY id LIMIT 60`);
  const [staff] = await db.query<{ id: number }>(`SELECT id::int AS id FROM staff ORDER BY id LIMIT 1`);
  const rng = createRng(1503);
  const rows: { place: number[]; path: string[]; member: number[]; via: string[]; by: (number | null)[]; at: Date[] } = { place: [], path: [], member: [], via: [], by: [], at: [] };
  for (const p of places) {
    for (let d = 13; d >= 0; d--) {
      const n = 2 + Math.floor(rng() * 6);
      for (let i = 0; i < n && members.length > 0; i++) {
        const byCard = rng() < 0.4;
        rows.place.push(p.id);
        rows.path.push(p.orgPath);
        rows.member.push(members[Math.floor(rng() * members.length)]!.id);
        rows.via.push(byCard ? 'card' : 'door');
        rows.by.push(byCard ? staff!.id : null);
        rows.at.push(new Date(Date.now() - d * DAY - Math.floor(rng() * 10) * 3600_000 - 3 * 3600_000));
      }
    }
  }
  // one statement: the demo is seeded for every test app
  await db.query(
    `INSERT INTO place_visit (place_id, org_path, member_id, via, by_staff, at)
     SELECT p, path::ltree, m, v, b, a FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::timestamptz[]) AS u(p, path, m, v, b, a)`,
    [rows.place, rows.path, rows.member, rows.via, rows.by, rows.at],
  );
  const visits = rows.place.length;
  // two workers who reported problems (their phones in the 199 range the seed's people never use)
  const worker = async (phone: string) => {
    const [w] = await db.query<{ id: number }>(
      `INSERT INTO worker (phone_enc, phone_hash, phone_masked) VALUES ($1, $2, $3)
       ON CONFLICT (phone_hash) DO UPDATE SET phone_masked = EXCLUDED.phone_masked RETURNING id::int AS id`,
      [pii.encrypt(phone), pii.hash(phone), maskPhone(phone)],
    );
    return w!.id;
  };
  const problem = async (name: string, workerId: number, kind: keyof typeof placeProblemKindLabels, text: string, ageHours: number, resolved: { note: string; afterHours: number } | null) => {
    const p = byName.get(name);
    if (!p) return;
    const created = new Date(Date.now() - ageHours * 3600_000);
    await db.query(
      `INSERT INTO place_problem (place_id, org_id, org_path, worker_id, kind, text, state, due_at, created_at, resolved_at, resolved_by, resolution_note)
       SELECT pl.id, pl.org_id, pl.org_path, $2, $3, $4, $5, $6::timestamptz + interval '3 days', $6::timestamptz, $7::timestamptz,
              (SELECT s.id FROM staff s JOIN org o ON o.id = s.org_id WHERE o.path @> pl.org_path ORDER BY nlevel(o.path) DESC, s.id LIMIT 1), $8
         FROM place pl WHERE pl.id = $1`,
      [p.id, workerId, kind, text, resolved ? 'resolved' : 'open', created, resolved ? new Date(created.getTime() + resolved.afterHours * 3600_000) : null, resolved?.note ?? null],
    );
    await db.query(
      `UPDATE place SET problems_open = (SELECT count(*) FROM place_problem WHERE place_id = $1 AND state = 'open'),
              problem_latest = (SELECT CASE kind ${Object.entries(placeProblemKindLabels).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(' ')} END
                                  FROM place_problem WHERE place_id = $1 AND state = 'open' ORDER BY created_at DESC LIMIT 1)
        WHERE id = $1`,
      [p.id],
    );
  };
  await problem(DEMO_PLACES.shiwanReadingRoom, await worker('19900001501'), 'broken', '二楼阅览室的空调不制冷，坐一会儿就一身汗。', 20, null);
  await problem(DEMO_PLACES.cuixiang, await worker('19900001502'), 'noWater', '饮水机没有水了，桶装水也用完了。', 96, { note: '已联系社区补充桶装水，当天下午送到。', afterHours: 5 });
  return visits;
}
