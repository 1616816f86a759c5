// The demo's legal-aid lawyers and labour-law supervisors (seed page 002): 台山's lawyers, members of
// the 台山市律师行业工会联合会, registered with 台山市总工会 and serving its towns and the 货拉拉 drivers'
// federation; 从化's first batch of certified 工会劳动法律监督员, trained on 16 August. Phones sealed
// like members'. Nothing is made when the tree has no such unions (the test tree).
import { createHash } from 'node:crypto';
import type { PiiCipher } from '../../lib/pii.ts';
import { maskPhone } from '../../lib/pii.ts';
import type { Db } from '../client.ts';
import { createRng, makeName } from './people.ts';

const FIRMS = ['广东台城律师事务所', '广东侨乡律师事务所', '台山市海宴律师事务所', '广东新宁律师事务所'];
const AREAS: string[][] = [
  ['wage_arrears', 'labour_contract', 'dismissal'],
  ['work_injury', 'occupational_disease', 'social_insurance'],
  ['gig_rights', 'wage_arrears', 'work_injury'],
  ['labour_contract', 'social_insurance', 'other'],
  ['wage_arrears', 'dismissal'],
];
const WORKPLACES = ['区总工会法律工作部干部', '街道工会联合会专职副主席', '镇总工会劳动保障监督岗', '工业园区工会联合会干部', '企业工会主席'];

const demoKey = (what: string, i: number) => ({ key: `demo-${what}-${i}`, hash: createHash('sha256').update(`demo ${what} ${i}`).digest() });

/** Creates the demo's lawyers and supervisors; returns how many entries. */
export async function loadDemoLegal(db: Db, pii: PiiCipher): Promise<number> {
  const rng = createRng(3202);
  const [admin] = await db.query<{ id: number }>(`SELECT s.id FROM staff s JOIN org o ON o.id = s.org_id WHERE o.parent_id IS NULL ORDER BY s.id LIMIT 1`);
  if (!admin) return 0;
  let n = 0;
  const [taishan] = await db.query<{ id: number; path: string }>(`SELECT id, path::text AS path FROM org WHERE level = 'county' AND region_code = '440781'`);
  const [lawyersUnion] = await db.query<{ id: number }>(`SELECT id FROM org WHERE name = '台山市律师行业工会联合会'`);
  if (taishan && lawyersUnion) {
    const served = await db.query<{ id: number }>(
      `SELECT id FROM org WHERE path <@ $1::ltree AND status = 'active' AND (id = $2 OR level = 'town' OR name = '台山市货拉拉司机工会联合会') ORDER BY path LIMIT 8`,
      [taishan.path, taishan.id],
    );
    await db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        const name = makeName(rng, i % 2 === 0 ? 'male' : 'female');
        const phone = `139${String(26_078_100 + i).padStart(8, '0')}`;
        const { key, hash } = demoKey('lawyer', i);
        const [row] = await tx.query<{ id: number }>(
          `INSERT INTO legal_lawyer (org_id, name, firm, licence_no, areas, phone_enc, phone_hash, phone_masked, note, created_by, idem_key, request_hash)
           VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
          [taishan.id, name, FIRMS[i % FIRMS.length], `144072018${String(10_000_001 + i * 137)}`, AREAS[i], pii.encrypt(phone), pii.hash(phone), maskPhone(phone),
            '台山市律师行业工会联合会会员，参加工会法律援助值班', admin.id, key, hash],
        );
        const mine = served.filter((_, k) => k === 0 || (k + i) % 2 === 0).map((o) => o.id);
        await tx.query(`INSERT INTO legal_lawyer_org (lawyer_id, org_id) SELECT $1, unnest($2::bigint[])`, [row!.id, mine]);
        n++;
      }
    });
  }
  const [conghua] = await db.query<{ id: number; path: string }>(`SELECT id, path::text AS path FROM org WHERE level = 'county' AND region_code = '440117'`);
  if (conghua) {
    const towns = await db.query<{ id: number }>(`SELECT id FROM org WHERE parent_id = $1 AND level = 'town' AND status = 'active' ORDER BY path LIMIT 5`, [conghua.id]);
    const unions = [conghua.id, ...towns.map((t) => t.id)];
    await db.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) {
        const { key, hash } = demoKey('supervisor', i);
        await tx.query(
          `INSERT INTO legal_supervisor (org_id, name, certificate_no, trained_on, valid_until, workplace, created_by, idem_key, request_hash)
           VALUES ($1, $2, $3, '2026-08-16', '2029-08-15', $4, $5, $6, $7)`,
          [unions[i % unions.length], makeName(rng, i % 3 === 0 ? 'female' : 'male'), `GZCH-2026-${String(i + 1).padStart(3, '0')}`, WORKPLACES[i % WORKPLACES.length], admin.id, key, hash],
        );
        n++;
      }
    });
  }
  return n;
}
