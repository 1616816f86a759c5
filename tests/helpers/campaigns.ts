// Campaigns in tests: a valid publication (a 金秋助学 of the province reviewed grassroots → 化州 → province),
// files that pass the document check, applying with a fresh Idempotency-Key, reviewing, and a digest
// of the campaign tables to prove a refused request wrote nothing.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { memberSessions, type MemberSession } from './activities.ts';
import { startTestApp, type Session, type TestApp } from './harness.ts';

const HOUR = 3600_000;
export const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/** A tiny PNG and PDF (judged by their first bytes, as the server does). */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');

export const doc = (key: string, file: Buffer = PNG, fileName?: string) => ({ key, contentBase64: file.toString('base64'), ...(fileName ? { fileName } : {}) });

/**
 * A 金秋助学 campaign of `orgId`, open now, 2000 元 (200000 fen) each, budget for 10 awards. With `levels`:
 * three levels — the applicant's own union, the applicant's county union (化州市总工会 for 石湾), and
 * the union `topId` (the province); without: one level, the applicant's own union.
 */
export function campaignBody(orgId: number, levels: { topId: number } | null, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '2026 年金秋助学',
    kind: 'tuition',
    orgId,
    description: '资助困难职工子女上大学',
    applyOpensAt: inHours(-1),
    applyClosesAt: inHours(240),
    quota: 10,
    awardAmount: 200000,
    budgetUnit: 'yuan',
    budgetTotal: 2000000,
    noticeDays: 5,
    requiredDocuments: [
      { key: 'admission_letter', label: '录取通知书' },
      { key: 'hardship_proof', label: '困难证明' },
    ],
    levels: levels
      ? [
          { name: '基层工会初审', reviewerOrgId: null, deadlineDays: 5 },
          { name: '县级总工会复审', reviewerOrgId: null, reviewerTier: 'county', deadlineDays: 7 },
          { name: '省总工会审定', reviewerOrgId: levels.topId, deadlineDays: 10 },
        ]
      : [{ name: '基层工会审核', reviewerOrgId: null, deadlineDays: 5 }],
    ...over,
  };
}

export const fullDocs = () => [doc('admission_letter', PNG, '录取通知书.png'), doc('hardship_proof', PDF, '困难证明.pdf')];

export async function publishCampaign(t: TestApp, as: Session, body: Record<string, unknown>) {
  const res = await t.request('POST', '/api/campaigns', { as, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; seedCommitment: string | null; levels: unknown[] }>();
}

export const newKey = () => randomUUID();

export async function apply(t: TestApp, as: Session, campaignId: number, body: unknown = { documents: fullDocs() }, key = newKey()) {
  return t.request('POST', `/api/campaigns/${campaignId}/applications`, { as, headers: { 'idempotency-key': key }, body });
}

export async function applyOk(t: TestApp, as: Session, campaignId: number, body: unknown = { documents: fullDocs() }): Promise<number> {
  const res = await apply(t, as, campaignId, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

export async function review(t: TestApp, as: Session, applicationId: number, decision: 'approve' | 'return' | 'reject', reason?: string, level?: number) {
  return t.request('POST', `/api/campaign-applications/${applicationId}/review`, {
    as,
    body: { decision, ...(reason ? { reason } : {}), ...(level ? { level } : {}) },
  });
}

export async function reviewOk(t: TestApp, as: Session, applicationId: number, decision: 'approve' | 'return' | 'reject' = 'approve', reason?: string) {
  const res = await review(t, as, applicationId, decision, reason);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ status: string; currentLevel: number | null }>();
}

/** Ends the notice period of a campaign's applications in notice (instead of waiting days). */
export async function endNotice(t: TestApp, campaignId: number): Promise<void> {
  await t.db.query(`UPDATE campaign_application SET notice_ends_at = now() - interval '1 second' WHERE campaign_id = $1 AND status = 'in_notice'`, [campaignId]);
}

/** A digest of every campaign table (and the outbox and the audit log): equal before and after means nothing was written. */
export async function digestCampaignTables(t: TestApp): Promise<string> {
  const parts: string[] = [];
  for (const table of ['campaign', 'campaign_level', 'campaign_application', 'campaign_document', 'campaign_review', 'campaign_apply_request', 'campaign_objection', 'outbox', 'audit_log']) {
    const rows = await t.db.query<{ d: string | null }>(`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS d FROM ${table} x`);
    parts.push(`${table}:${rows[0]?.d ?? ''}`);
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** Staff logged in as the demo accounts that the workflow needs. */
export async function campaignStaff(t: TestApp) {
  const [admin, huazhou, shiwan, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('shiwan'), t.login('yangjiang'), t.login('huazhou-view')]);
  const [provinceId, huazhouId, shiwanId, yangjiangId] = await Promise.all([t.demoOrg('province'), t.demoOrg('huazhou'), t.demoOrg('shiwan'), t.demoOrg('yangjiang')]);
  return { admin, huazhou, shiwan, yangjiang, viewer, provinceId, huazhouId, shiwanId, yangjiangId };
}

/**
 * A campaign test file's app: the staff of campaignStaff, 50 members of 石湾 handed out one by one
 * (`member()`), and the outbox and the member's own view of an application.
 */
export async function startCampaignSuite(members = 50) {
  const t = await startTestApp();
  const s = await campaignStaff(t);
  const pool = await memberSessions(t, s.admin, s.shiwanId, members);
  let next = 0;
  return {
    t,
    s,
    member: (): MemberSession => {
      const m = pool[next++];
      if (!m) throw new Error(`more than ${members} members asked for`);
      return m;
    },
    async outboxFor(m: MemberSession, kind: string): Promise<string[]> {
      const rows = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_hash = $1 AND kind = $2 ORDER BY id`, [t.pii.hash(m.phone), kind]);
      return rows.map((r) => r.body);
    },
    async myApplication(m: MemberSession, id: number) {
      const res = await t.request('GET', '/api/me/campaign-applications?pageSize=200', { as: m });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { id: number; status: string; lastReason: string | null; steps: { step: string; levelNo: number | null; state: string; deadline: string | null; overdue: boolean; decisions: { decision: string; reason: string | null; by: string | null }[] }[]; documents: { key: string; contentType: string }[]; canResubmit: boolean; appliedByStaff: boolean }[] }>().items.find((a) => a.id === id)!;
    },
  };
}
export type CampaignSuite = Awaited<ReturnType<typeof startCampaignSuite>>;
export type CampaignStaff = CampaignSuite['s'];

/**
 * A campaign suite for one test file: started before its tests, closed after them. `use` hands the
 * suite to the file's own `t` and `s`; member, outboxFor and myApplication read the started suite.
 */
export function campaignSuiteHooks(use: (c: CampaignSuite) => void) {
  let c: CampaignSuite | undefined;
  beforeAll(async () => {
    c = await startCampaignSuite();
    use(c);
  });
  afterAll(async () => c?.t.close());
  return {
    member: () => c!.member(),
    outboxFor: (m: MemberSession, kind: string) => c!.outboxFor(m, kind),
    myApplication: (m: MemberSession, id: number) => c!.myApplication(m, id),
  };
}
