// The demo's 强基工程 (docs/design/enterprise-file.md §6, §9): the example indicator set — plainly named
// an example, not Guangdong's official indicators — published for 广东省总工会 2026; in the small demo,
// union facts of 化州's unions so their cards vary; and 4 模范职工之家 in 台山 (county 440781), designated
// by 台山市总工会 from cards ≥ 90 (the facts and approved self-assessments that make them so are made here).
import { createHash } from 'node:crypto';
import { EXAMPLE_INDICATOR_SET } from '../../../contracts/strengthening.ts';
import { makeCreditCode } from '../../../contracts/china-codes.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { OrgPath } from '../../http/scope.ts';
import { scoresUnder } from '../../modules/strengthening/strengthening.service.ts';
import type { Db } from '../client.ts';
import { factories } from './factories.ts';

const YEAR = 2026;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24)]);

const day = (offset: number) => beijingDay(Date.now() + offset * 86400000);

/** Creates the example set and, where the tree has them, the unions' facts and 台山's model homes; returns how many homes. */
export async function loadDemoStrengthening(db: Db, pii: PiiCipher, opts: { scale: 'small' | 'test' }): Promise<number> {
  const [province] = await db.query<{ id: number }>(`SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
  if (!province) return 0;
  const ex = EXAMPLE_INDICATOR_SET;
  const [set] = await db.query<{ id: number }>(
    `INSERT INTO indicator_set (org_id, year, name, description, status, is_example, model_home_min_score, published_at)
     VALUES ($1, $2, $3, $4, 'published', true, $5, now()) RETURNING id`,
    [province.id, YEAR, ex.name, ex.description, ex.modelHomeMinScore],
  );
  await db.query(
    `INSERT INTO indicator (set_id, code, name, weight, measure, metric, unit, target, area_target, tiers, evidence_hint, position)
     SELECT $1, x.code, x.name, x.weight, x.measure, x.metric, x.unit, x.target, x."areaTarget", coalesce(x.tiers, '[]'), x."evidenceHint", x.position
       FROM jsonb_to_recordset($2::jsonb) AS x(code text, name text, weight int, measure text, metric text, unit text, target numeric,
            "areaTarget" numeric, tiers jsonb, "evidenceHint" text, position int)`,
    [set!.id, JSON.stringify(ex.indicators.map((i, n) => ({ ...i, position: n + 1 })))],
  );
  const make = factories(db, pii);
  let codeSeq = 0;
  const legal = () => ({ registered: true, number: makeCreditCode('81', '440900', `E${String(++codeSeq).padStart(7, '0')}`), registeredOn: day(-700) });

  // 化州's unions: a spread of facts so the cards and the ranking differ (small demo only)
  if (opts.scale === 'small') {
    const unions = await db.query<{ id: number }>(
      `SELECT u.id FROM org u JOIN org h ON h.name = '化州市总工会'
        WHERE u.level = 'grassroots' AND u.status = 'active' AND u.path <@ h.path ORDER BY u.id LIMIT 40`,
    );
    for (const [n, u] of unions.entries()) {
      if (n % 3 !== 2) await make.fact({ org: u.id, kind: 'legalPerson', value: legal(), asOf: day(-700) });
      if (n % 2 === 0) await make.fact({ org: u.id, kind: 'committee', value: { committee: 'audit', established: true, members: 3 }, asOf: day(-500) });
      if (n % 4 !== 3) await make.fact({ org: u.id, kind: 'committee', value: { committee: 'women', established: true, members: 3 }, asOf: day(-500) });
      // every fifth union's contract expired last month
      const expires = n % 5 === 4 ? day(-30) : day(400);
      await make.fact({ org: u.id, kind: 'collectiveContract', value: { type: 'general', signedOn: day(-700), startsOn: day(-695), expiresOn: expires, coveredWorkers: 40 + n }, asOf: day(-700) });
      if (n % 3 === 0) await make.fact({ org: u.id, kind: 'openAffairs', value: { implemented: true, form: '公开栏' }, asOf: day(-300) });
      if (n % 2 === 1) await make.fact({ org: u.id, kind: 'workersCongress', value: { heldOn: day(-60 - n), delegates: 30 }, asOf: day(-60 - n) });
    }
  }

  // 台山's 4 模范职工之家, designated by 台山市总工会 from cards ≥ 90
  const [taishan] = await db.query<{ id: number; path: string }>(`SELECT id, path::text AS path FROM org WHERE level = 'county' AND region_code = '440781'`);
  if (!taishan) return 0;
  const homes = await db.query<{ id: number; path: string }>(
    `SELECT id, path::text AS path FROM org WHERE level = 'grassroots' AND status = 'active' AND path <@ $1::ltree AND kind = 'enterprise' ORDER BY id LIMIT 4`,
    [taishan.path],
  );
  const selfIndicators = await db.query<{ id: number }>(`SELECT id FROM indicator WHERE set_id = $1 AND measure = 'self' ORDER BY position`, [set!.id]);
  for (const u of homes) {
    await make.fact({ org: u.id, kind: 'legalPerson', value: legal(), asOf: day(-800) });
    await make.fact({ org: u.id, kind: 'committee', value: { committee: 'audit', established: true, members: 3 }, asOf: day(-700) });
    await make.fact({ org: u.id, kind: 'committee', value: { committee: 'women', established: true, members: 3 }, asOf: day(-700) });
    await make.fact({ org: u.id, kind: 'collectiveContract', value: { type: 'general', signedOn: day(-300), startsOn: day(-290), expiresOn: day(800), coveredWorkers: 120 }, asOf: day(-300) });
    await make.fact({ org: u.id, kind: 'collectiveContract', value: { type: 'wage', signedOn: day(-300), startsOn: day(-290), expiresOn: day(430), coveredWorkers: 120 }, asOf: day(-300) });
    await make.fact({ org: u.id, kind: 'openAffairs', value: { implemented: true, form: '职代会' }, asOf: day(-400) });
    await make.fact({ org: u.id, kind: 'workersCongress', value: { heldOn: day(-90), delegates: 35, womenDelegates: 12 }, asOf: day(-90) });
    for (const ind of selfIndicators) {
      const [a] = await db.query<{ id: number }>(
        `INSERT INTO assessment (set_id, indicator_id, org_id, state, claim_note, submitted_at, reviewed_at)
         VALUES ($1, $2, $3, 'approved', '材料齐全', now() - interval '30 days', now() - interval '20 days') RETURNING id`,
        [set!.id, ind.id, u.id],
      );
      await db.query(
        `INSERT INTO file_evidence (assessment_id, org_path, file_name, mime, size_bytes, sha256, content_enc)
         VALUES ($1, $2::ltree, '证明材料.png', 'image/png', $3, $4, $5)`,
        [a!.id, u.path, PNG.length, createHash('sha256').update(PNG).digest(), pii.encrypt(PNG.toString('base64'))],
      );
    }
  }
  const scores = await scoresUnder(db, taishan.path as OrgPath, YEAR);
  let made = 0;
  for (const u of homes) {
    const s = scores.find((x) => x.union.id === u.id);
    if (!s?.set || s.score === null || s.score < s.set.modelHomeMinScore) continue;
    await db.query(
      `INSERT INTO model_home (org_id, year, level, designated_by_org, designated_on, score, card) VALUES ($1, $2, 'county', $3, $4, $5, $6::jsonb)`,
      [u.id, YEAR, taishan.id, day(-10), s.score, JSON.stringify({ set: { id: s.set.id, name: s.set.name }, score: s.score, rows: s.rows })],
    );
    made++;
  }
  return made;
}
