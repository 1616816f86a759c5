// Demo aid campaigns (seed page 003: 金秋助学, 冬送温暖 and 求学圆梦 moved online): 化州's 金秋助学 in full
// swing — applications at each review level, one returned, one rejected, some in the notice (公示) and
// some awarded, the budget reserved accordingly; 化州's 冬送温暖 with applications staff made on visits;
// and the province's 求学圆梦 (lottery, grassroots → county → province) opening in a few days.
// Every notice period ends days from now, so nothing in the demo moves on by itself while it is shown.
// And open on the day the demo is created, for whoever has just joined (no minimum membership, no
// documents): 化州's care for 新就业形态劳动者, 石湾's goods for its members (清凉 in summer, 温暖
// otherwise) and the province's points for new gig members — the first journey ends with an application.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../client.ts';
import type { CampaignFields } from '../../modules/campaigns/campaigns.service.ts';
import { beijingDayAt } from './activities.ts';

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
/** A campaign's window: days from today (Beijing) at a round hour, as a union would set it. */
const day = (days: number, hh: number) => beijingDayAt(days, hh).toISOString();

/** A 1×1 PNG and a one-page PDF: what the demo's uploaded documents hold. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

interface NewCampaign extends Pick<CampaignFields, 'kind' | 'title' | 'description' | 'targetGroups' | 'minMembershipMonths'> {
  orgId: number;
  orgPath: string;
  documents: { key: string; label: string }[];
  opens: string;
  closes: string;
  quota: number;
  award: number;
  unit: 'yuan' | 'points' | 'goods';
  budget: number;
  channel: 'bank' | 'points' | 'goods';
  secondAbove: number | null;
  lottery: boolean;
  noticeDays: number;
  createdBy: number | null;
  levels: { name: string; orgId: number | null; tier: string | null; days: number }[];
}

async function insertCampaign(tx: Tx, c: NewCampaign): Promise<number> {
  const seed = c.lottery ? randomBytes(32) : null;
  const [r] = await tx.query<{ id: number }>(
    `INSERT INTO campaign (org_id, org_path, kind, title, description, target_groups, min_membership_months, required_documents,
                           apply_opens_at, apply_closes_at, quota, award_amount, budget_unit, budget_total, payout_channel,
                           second_approval_above, lottery, draw_seed, seed_commitment, notice_days, created_by, created_at)
     VALUES ($1, $2::ltree, $3, $4, $5, $6::text[], $7, $8::jsonb, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $9::timestamptz - interval '2 days')
     RETURNING id`,
    [
      c.orgId, c.orgPath, c.kind, c.title, c.description, c.targetGroups, c.minMembershipMonths, JSON.stringify(c.documents), c.opens, c.closes,
      c.quota, c.award, c.unit, c.budget, c.channel, c.secondAbove, c.lottery, seed, seed ? createHash('sha256').update(seed).digest('hex') : null,
      c.noticeDays, c.createdBy,
    ],
  );
  for (const [i, l] of c.levels.entries()) {
    await tx.query(`INSERT INTO campaign_level (campaign_id, level_no, name, reviewer_org_id, reviewer_tier, deadline_days) VALUES ($1, $2, $3, $4, $5, $6)`, [
      r!.id, i + 1, l.name, l.orgId, l.tier, l.days,
    ]);
  }
  return r!.id;
}

interface Applicant {
  id: number;
  orgId: number;
  orgPath: string;
}

/** Where an application stands in the demo: its status, its level, and days ago it entered that level. */
interface Stage {
  status: 'in_review' | 'returned' | 'rejected' | 'approved' | 'in_notice' | 'awarded';
  level: number | null;
  /** approvals before its current state, one per level passed */
  passed: number;
  reason?: string;
  /** days ago it entered its level (or was decided) */
  daysAgo: number;
}

async function insertApplication(
  tx: Tx,
  campaignId: number,
  m: Applicant,
  st: Stage,
  opts: { award: number; noticeDays: number; reviewers: { staffId: number | null; orgId: number }[]; byStaff: number | null; documents: string[]; statement: string },
): Promise<void> {
  const created = at(-(st.daysAgo + st.passed * 2 + 1));
  const noticeStart = st.status === 'in_notice' ? at(-1) : st.status === 'awarded' ? at(-(opts.noticeDays + 2)) : null;
  const noticeEnd = noticeStart ? new Date(new Date(noticeStart).getTime() + opts.noticeDays * DAY).toISOString() : null;
  const [a] = await tx.query<{ id: number }>(
    `INSERT INTO campaign_application (campaign_id, member_id, org_id, org_path, status, current_level, level_entered_at, award_amount, statement,
                                       applied_by_staff_id, last_reason, notice_started_at, notice_ends_at, decided_at, awarded_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4::ltree, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, now())
     RETURNING id`,
    [
      campaignId, m.id, m.orgId, m.orgPath, st.status, st.level, st.level !== null ? at(-st.daysAgo) : null, opts.award, opts.statement, opts.byStaff,
      st.reason ?? null, noticeStart, noticeEnd, ['approved', 'in_notice', 'awarded', 'rejected'].includes(st.status) ? at(-st.daysAgo) : null,
      st.status === 'awarded' ? noticeEnd : null, created,
    ],
  );
  await tx.query(
    `INSERT INTO campaign_apply_request (actor_kind, actor_id, idem_key, request_hash, application_id) VALUES ($1, $2, $3, $4, $5)`,
    [opts.byStaff ? 'staff' : 'member', opts.byStaff ?? m.id, `demo-${campaignId}-${m.id}`, createHash('sha256').update(`demo-${a!.id}`).digest(), a!.id],
  );
  for (const key of opts.documents) {
    const file = key === 'hardship_proof' ? PDF : PNG;
    await tx.query(
      `INSERT INTO campaign_document (application_id, doc_key, file_name, content_type, size_bytes, sha256, content, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a!.id, key, key === 'hardship_proof' ? '困难证明.pdf' : '录取通知书.png', key === 'hardship_proof' ? 'application/pdf' : 'image/png', file.length, createHash('sha256').update(file).digest('hex'), file, created],
    );
  }
  for (let i = 0; i < st.passed; i++) {
    const r = opts.reviewers[i]!;
    await tx.query(`INSERT INTO campaign_review (application_id, level_no, decision, staff_id, org_id, at) VALUES ($1, $2, 'approve', $3, $4, $5)`, [
      a!.id, i + 1, r.staffId, r.orgId, at(-(st.daysAgo + (st.passed - i))),
    ]);
  }
  if (st.status === 'returned' || st.status === 'rejected') {
    const r = opts.reviewers[st.level! - 1]!;
    await tx.query(`INSERT INTO campaign_review (application_id, level_no, decision, reason, staff_id, org_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      a!.id, st.level, st.status === 'returned' ? 'return' : 'reject', st.reason, r.staffId, r.orgId, at(-st.daysAgo),
    ]);
  }
}

/** Creates the demo campaigns; returns how many. */
export async function loadDemoCampaigns(db: Db): Promise<number> {
  const orgs = await db.query<{ id: number; path: string; name: string }>(
    `SELECT id, path::text AS path, name FROM org WHERE name IN ('广东省总工会', '化州市总工会', '化州市石湾街道工会联合会')`,
  );
  const byName = new Map(orgs.map((o) => [o.name, o]));
  const province = byName.get('广东省总工会');
  const hz = byName.get('化州市总工会');
  const shiwan = byName.get('化州市石湾街道工会联合会');
  if (!province || !hz || !shiwan) return 0;
  const staff = new Map(
    (await db.query<{ id: number; username: string }>(`SELECT id, username FROM staff WHERE username IN ('admin', 'huazhou', 'shiwan')`)).map((s) => [s.username, s.id]),
  );
  // applicants: active members of 石湾's unions (reviewed first by their own union, then by 化州)
  const members = await db.query<Applicant>(
    `SELECT m.id, m.org_id AS "orgId", o.path::text AS "orgPath" FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ $1::ltree AND m.status = 'active' ORDER BY m.id LIMIT 15`,
    [shiwan.path],
  );
  if (members.length < 15) return 0;
  // 冬送温暖 is for members of 化州 in hardship
  const needy = await db.query<Applicant>(
    `SELECT m.id, m.org_id AS "orgId", o.path::text AS "orgPath" FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ $1::ltree AND m.status = 'active' AND 'hardship' = ANY(m.groups) AND NOT (m.id = ANY($2::bigint[])) ORDER BY m.id LIMIT 4`,
    [hz.path, members.map((m) => m.id)],
  );

  // the year and season of the day the demo is created, in Beijing
  const today = beijingDayAt(0, 12);
  const year = today.getUTCFullYear();
  const summer = today.getUTCMonth() + 1 >= 5 && today.getUTCMonth() + 1 <= 9;

  await db.transaction(async (tx) => {
    // 1. 化州 金秋助学: open, grassroots → 化州市总工会
    const tuition = await insertCampaign(tx, {
      orgId: hz.id, orgPath: hz.path, kind: 'tuition', title: `化州市 ${year} 年金秋助学`,
      description: '资助化州市困难职工家庭子女就读大学：每人 2000 元，由基层工会初审、化州市总工会复审，公示 5 天后发放到本人银行账户。',
      targetGroups: [], minMembershipMonths: 6,
      documents: [{ key: 'admission_letter', label: '录取通知书' }, { key: 'hardship_proof', label: '家庭困难证明' }],
      opens: day(-20, 9), closes: day(10, 18), quota: 20, award: 200000, unit: 'yuan', budget: 4000000, channel: 'bank', secondAbove: 100000,
      lottery: false, noticeDays: 5, createdBy: staff.get('huazhou') ?? null,
      levels: [
        { name: '基层工会初审', orgId: null, tier: null, days: 5 },
        { name: '化州市总工会复审', orgId: hz.id, tier: null, days: 7 },
      ],
    });
    const stages: Stage[] = [
      { status: 'awarded', level: null, passed: 2, daysAgo: 9 },
      { status: 'awarded', level: null, passed: 2, daysAgo: 9 },
      { status: 'awarded', level: null, passed: 2, daysAgo: 9 },
      { status: 'in_notice', level: null, passed: 2, daysAgo: 2 },
      { status: 'in_notice', level: null, passed: 2, daysAgo: 2 },
      { status: 'approved', level: null, passed: 2, daysAgo: 1 },
      { status: 'approved', level: null, passed: 2, daysAgo: 1 },
      { status: 'in_review', level: 2, passed: 1, daysAgo: 3 },
      { status: 'in_review', level: 2, passed: 1, daysAgo: 8 },
      { status: 'in_review', level: 2, passed: 1, daysAgo: 1 },
      { status: 'in_review', level: 1, passed: 0, daysAgo: 1 },
      { status: 'in_review', level: 1, passed: 0, daysAgo: 2 },
      { status: 'in_review', level: 1, passed: 0, daysAgo: 6 },
      { status: 'returned', level: 1, passed: 0, daysAgo: 2, reason: '家庭困难证明未加盖村（居）委会公章，请补充后重新提交' },
      { status: 'rejected', level: 2, passed: 1, daysAgo: 4, reason: '家庭人均收入高于困难职工认定标准' },
    ];
    for (const [i, st] of stages.entries()) {
      const m = members[i]!;
      await insertApplication(tx, tuition, m, st, {
        award: 200000, noticeDays: 5, byStaff: null, documents: ['admission_letter', 'hardship_proof'], statement: '孩子今年考上大学，家庭收入低，申请金秋助学。',
        reviewers: [{ staffId: staff.get('shiwan') ?? null, orgId: m.orgId }, { staffId: staff.get('huazhou') ?? null, orgId: hz.id }],
      });
    }
    const reserved = stages.filter((s) => s.status === 'in_notice' || s.status === 'awarded').length * 200000;
    await tx.query(`UPDATE campaign SET budget_reserved = $2, notice_started_at = $3 WHERE id = $1`, [tuition, reserved, at(-1)]);

    // 2. 化州 冬送温暖: staff apply on visits, for members in hardship
    const warmth = await insertCampaign(tx, {
      orgId: hz.id, orgPath: hz.path, kind: 'warmth', title: `化州市 ${year} 年冬送温暖（困难职工慰问）`,
      description: '走访慰问困难职工：每户慰问金 500 元，工作人员入户走访时代为申请，基层工会审核、化州市总工会审定。',
      targetGroups: ['hardship'], minMembershipMonths: null, documents: [],
      opens: day(-5, 9), closes: day(25, 18), quota: 100, award: 50000, unit: 'yuan', budget: 5000000, channel: 'bank', secondAbove: null,
      lottery: false, noticeDays: 5, createdBy: staff.get('huazhou') ?? null,
      levels: [
        { name: '基层工会审核', orgId: null, tier: null, days: 3 },
        { name: '化州市总工会审定', orgId: hz.id, tier: null, days: 5 },
      ],
    });
    for (const m of needy) {
      await insertApplication(tx, warmth, m, { status: 'in_review', level: 1, passed: 0, daysAgo: 1 }, {
        award: 50000, noticeDays: 5, byStaff: staff.get('shiwan') ?? null, documents: [], statement: '入户走访：家中老人长期患病，收入低。',
        reviewers: [{ staffId: staff.get('shiwan') ?? null, orgId: m.orgId }, { staffId: staff.get('huazhou') ?? null, orgId: hz.id }],
      });
    }

    // 3. the province's 求学圆梦: a lottery, grassroots → the applicant's county → the province, opening in 3 days
    await insertCampaign(tx, {
      orgId: province.id, orgPath: province.path, kind: 'degree', title: `广东省 ${year} 年“求学圆梦”职工学历提升资助`,
      description: '资助一线职工、新就业形态劳动者提升学历：每人 3000 元学费补助；审核通过人数超过名额时公开抽签，抽签种子的承诺已在发布时公布。',
      targetGroups: [], minMembershipMonths: 12, documents: [{ key: 'enrolment_proof', label: '入学或录取证明' }],
      opens: day(3, 9), closes: day(33, 18), quota: 500, award: 300000, unit: 'yuan', budget: 150000000, channel: 'bank', secondAbove: 200000,
      lottery: true, noticeDays: 7, createdBy: staff.get('admin') ?? null,
      levels: [
        { name: '基层工会初审', orgId: null, tier: null, days: 5 },
        { name: '县级总工会复审', orgId: null, tier: 'county', days: 7 },
        { name: '省总工会审定', orgId: province.id, tier: null, days: 10 },
      ],
    });

    // 4. open now: 化州's care for 新就业形态劳动者, no documents, from the day one joins
    await insertCampaign(tx, {
      orgId: hz.id, orgPath: hz.path, kind: 'warmth', title: `化州市 ${year} 年新就业形态劳动者关爱慰问`,
      description: '慰问在化州工作的外卖骑手、网约车司机、快递员等新就业形态劳动者：每人慰问金 300 元，入会即可申请，无需上传材料；所在工会审核、化州市总工会审定后发放到本人银行账户。',
      targetGroups: ['gig'], minMembershipMonths: null, documents: [],
      opens: day(-3, 9), closes: day(27, 18), quota: 300, award: 30000, unit: 'yuan', budget: 9000000, channel: 'bank', secondAbove: null,
      lottery: false, noticeDays: 5, createdBy: staff.get('huazhou') ?? null,
      levels: [
        { name: '所在工会审核', orgId: null, tier: null, days: 5 },
        { name: '化州市总工会审定', orgId: hz.id, tier: null, days: 7 },
      ],
    });
    // 5. open now: 石湾's goods for every member of its unions, in the season's kind
    await insertCampaign(tx, {
      orgId: shiwan.id, orgPath: shiwan.path, kind: summer ? 'cooling' : 'warmth',
      title: summer ? `石湾街道 ${year} 年户外劳动者夏送清凉` : `石湾街道 ${year} 年职工冬送温暖（御寒物资）`,
      description: summer
        ? '为户外劳动者和新就业形态劳动者送上防暑降温用品一份（凉茶、藿香正气水、毛巾）：石湾街道的工会会员均可申请，审核通过后凭电子会员证到石湾街道爱心驿站领取。'
        : '为职工和新就业形态劳动者送上御寒物资一份（棉被、保温杯、手套）：石湾街道的工会会员均可申请，审核通过后凭电子会员证到石湾街道爱心驿站领取。',
      targetGroups: [], minMembershipMonths: null, documents: [],
      opens: day(-2, 9), closes: day(20, 18), quota: 300, award: 1, unit: 'goods', budget: 300, channel: 'goods', secondAbove: null,
      lottery: false, noticeDays: 3, createdBy: staff.get('shiwan') ?? null,
      levels: [{ name: '石湾街道工会联合会审核', orgId: shiwan.id, tier: null, days: 3 }],
    });
    // 6. open now: the province's points for new members who are 新就业形态劳动者
    await insertCampaign(tx, {
      orgId: province.id, orgPath: province.path, kind: 'warmth', title: `广东省 ${year} 年新就业形态劳动者“入会有礼”关爱积分`,
      description: '新入会的外卖骑手、网约车司机、快递员等新就业形态劳动者可申请 500 积分，所在工会审核通过后发放，可在“积分”中查看和兑换。',
      targetGroups: ['gig'], minMembershipMonths: null, documents: [],
      opens: day(-5, 9), closes: day(55, 18), quota: 20000, award: 500, unit: 'points', budget: 10000000, channel: 'points', secondAbove: null,
      lottery: false, noticeDays: 5, createdBy: staff.get('admin') ?? null,
      levels: [{ name: '所在工会审核', orgId: null, tier: null, days: 5 }],
    });
  });
  return 6;
}
