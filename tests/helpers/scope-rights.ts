// The scope gate's test, for the rights services (tickets, labour-law supervision, legal aid): the
// records of 阳江 that 化州's staff must not reach — a legal-aid lawyer and a labour-law supervisor, a
// supervision case with its 提示函, a 12351 call with a photo, an integration account — and how to
// aim each of their routes at them (tests/scope.test.ts spreads it into its map).
import type { Session, TestApp } from './harness.ts';
import { newKey } from './points.ts';
import { multipart } from './rosters.ts';
import type { Aim } from './scope-places.ts';

type Ids = Record<string, number>;

const withKey = () => ({ 'idempotency-key': newKey() });
const attachmentForm = multipart({}, { name: '越权.jpg', content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]), type: 'image/jpeg' });

const ticketCall = (workOrgId: number) => ({
  type: 'help', category: 'wage_arrears', description: '餐厅拖欠两个月工资（越权测试用）', callerName: '林阳江', callerPhone: '13700001234', employerName: '阳江某某餐厅', workOrgId,
});

/** Makes the rights records of 阳江 (ids.yangjiang, ids.yangjiangTown, ids.yangjiangStaff set; `yangjiang` logged in) and records their ids. */
export async function makeOutOfScopeRights(t: TestApp, ids: Ids, yangjiang: Session): Promise<void> {
  // A legal-aid lawyer and a labour-law supervisor kept by 阳江.
  const lawyer = await t.request('POST', '/api/legal/lawyers', {
    as: yangjiang,
    headers: { 'idempotency-key': newKey() },
    body: { orgId: ids.yangjiang, name: '阳江律师', firm: '阳江市某律师事务所', licenceNo: '14417201910000001', areas: ['wage_arrears'], servedOrgIds: [ids.yangjiang], phone: '13900000001' },
  });
  ids.yangjiangLawyer = lawyer.json().id;
  const supervisor = await t.request('POST', '/api/legal/supervisors', {
    as: yangjiang,
    headers: { 'idempotency-key': newKey() },
    body: { orgId: ids.yangjiang, name: '阳江监督员', certificateNo: 'YJ-SCOPE-0001', trainedOn: '2026-01-10', validUntil: '2029-01-09' },
  });
  ids.yangjiangSupervisor = supervisor.json().id;
  // A labour-law supervision case of 阳江 with its 提示函.
  const supervisionCase = await t.request('POST', '/api/supervision/cases', {
    as: yangjiang,
    headers: { 'idempotency-key': newKey() },
    body: { orgId: ids.yangjiang, employerName: '阳江某某五金厂', employerTownId: ids.yangjiangTown, employerAddress: '阳江市江城区某路 1 号', provisions: ['《劳动合同法》第三十条'], summary: '拖欠工资（越权测试用）', workersCount: 3 },
  });
  ids.yangjiangSupervisionCase = supervisionCase.json().id;
  const notice = await t.request('POST', `/api/supervision/cases/${ids.yangjiangSupervisionCase}/letters`, { as: yangjiang, headers: { 'idempotency-key': newKey() }, body: { kind: 'notice' } });
  ids.yangjiangSupervisionLetter = notice.json().id;
  // A 12351 call entered by 阳江 about an employer in one of its towns.
  const call = await t.request('POST', '/api/tickets', { as: yangjiang, body: ticketCall(ids.yangjiangTown!), headers: { 'idempotency-key': newKey() } });
  ids.yangjiangTicket = call.json().id;
  const account = await t.request('POST', '/api/tickets/integrations', { as: yangjiang, body: { orgId: ids.yangjiang, name: '阳江对接' } });
  ids.yangjiangIntegration = account.json().id;
  // a photo on that ticket (as its worker or holder would have uploaded it)
  const [attachment] = await t.db.query<{ id: number }>(
    `INSERT INTO ticket_attachment (ticket_id, kind, file_name, mime, size_bytes, sha256, content_enc, uploaded_by_kind, uploaded_by_id)
     VALUES ($1, 'photo', '阳江工资条.jpg', 'image/jpeg', 4, $2, $3, 'staff', $4) RETURNING id`,
    [ids.yangjiangTicket, Buffer.alloc(32), t.pii.encrypt(Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64')), ids.yangjiangStaff],
  );
  ids.yangjiangAttachment = attachment!.id;
}

/** Each ticket, supervision and legal route aimed at 阳江, with an otherwise valid request. */
export const rightsOutOfScope = (ids: Ids): Record<string, Aim & { letterId?: () => number }> => ({
  'GET /api/legal/lawyers': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/legal/lawyers': {
    body: () => ({ orgId: ids.yangjiang, name: '越权律师', firm: '越权律师事务所', licenceNo: '14417201910000002', areas: ['wage_arrears'], servedOrgIds: [], phone: '13900000002' }),
    headers: () => ({ 'idempotency-key': newKey() }),
  },
  'GET /api/legal/lawyers/{id}': { id: () => ids.yangjiangLawyer! },
  'PATCH /api/legal/lawyers/{id}': { id: () => ids.yangjiangLawyer!, body: () => ({ active: false }) },
  'POST /api/legal/lawyers/{id}/reveal': { id: () => ids.yangjiangLawyer!, body: () => ({ reason: '越权查看测试' }) },
  'GET /api/legal/supervisors': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/legal/supervisors': {
    body: () => ({ orgId: ids.yangjiang, name: '越权监督员', certificateNo: 'YJ-SCOPE-0002', trainedOn: '2026-01-10', validUntil: '2029-01-09' }),
    headers: () => ({ 'idempotency-key': newKey() }),
  },
  'GET /api/legal/supervisors/{id}': { id: () => ids.yangjiangSupervisor! },
  'PATCH /api/legal/supervisors/{id}': { id: () => ids.yangjiangSupervisor!, body: () => ({ active: false }) },
  'GET /api/legal/supervisors/{id}/letter-preview': { id: () => ids.yangjiangSupervisor!, query: () => `employer=${encodeURIComponent('阳江某公司')}` },
  'POST /api/tickets': { body: () => ticketCall(ids.yangjiangTown!), headers: withKey },
  'GET /api/tickets': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/tickets/figures': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/tickets/figures.xlsx': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/tickets/{id}': { id: () => ids.yangjiangTicket! },
  'POST /api/tickets/{id}/reveal': { id: () => ids.yangjiangTicket!, body: () => ({ reason: '越权查看来电人' }) },
  'POST /api/tickets/{id}/attachments': { id: () => ids.yangjiangTicket!, body: () => attachmentForm.payload, headers: () => ({ ...attachmentForm.headers, ...withKey() }) },
  'GET /api/ticket-attachments/{id}': { id: () => ids.yangjiangAttachment! },
  'POST /api/tickets/{id}/accept': { id: () => ids.yangjiangTicket!, body: () => ({}), headers: withKey },
  'POST /api/tickets/{id}/assign': { id: () => ids.yangjiangTicket!, body: () => ({ toOrgId: ids.yangjiangUnion }), headers: withKey },
  'POST /api/tickets/{id}/return': { id: () => ids.yangjiangTicket!, body: () => ({ reason: '越权退回' }), headers: withKey },
  'POST /api/tickets/{id}/pause': { id: () => ids.yangjiangTicket!, body: () => ({ reason: '越权挂起' }), headers: withKey },
  'POST /api/tickets/{id}/resume': { id: () => ids.yangjiangTicket!, body: () => ({}), headers: withKey },
  'POST /api/tickets/{id}/extension': { id: () => ids.yangjiangTicket!, body: () => ({ days: 2, reason: '越权延期' }), headers: withKey },
  'POST /api/tickets/{id}/extension/decide': { id: () => ids.yangjiangTicket!, body: () => ({ approve: true }), headers: withKey },
  'POST /api/tickets/{id}/close': { id: () => ids.yangjiangTicket!, body: () => ({ result: '越权办结', recoveredFen: 0 }), headers: withKey },
  'GET /api/tickets/{id}/handlers': { id: () => ids.yangjiangTicket! },
  'POST /api/tickets/{id}/callback': { id: () => ids.yangjiangTicket!, body: () => ({ reached: true, note: '越权回访' }), headers: withKey },
  'POST /api/tickets/{id}/quality': { id: () => ids.yangjiangTicket!, body: () => ({ pass: false, reason: '越权质检' }), headers: withKey },
  'GET /api/tickets/{id}/lawyers': { id: () => ids.yangjiangTicket! },
  'GET /api/tickets/{id}/lawyer-candidates': { id: () => ids.yangjiangTicket! },
  'POST /api/tickets/{id}/lawyer': { id: () => ids.yangjiangTicket!, body: () => ({ lawyerId: ids.yangjiangLawyer }), headers: withKey },
  'POST /api/tickets/{id}/lawyer/end': { id: () => ids.yangjiangTicket!, body: () => ({ reason: '越权结束代理' }) },
  'GET /api/tickets/integrations': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/tickets/integrations': { body: () => ({ orgId: ids.yangjiang, name: '越权对接' }) },
  'POST /api/tickets/integrations/{id}/revoke': { id: () => ids.yangjiangIntegration! },
  'GET /api/tickets/time-limits': { query: () => `orgId=${ids.yangjiang}` },
  'PUT /api/tickets/time-limits': { body: () => ({ orgId: ids.yangjiang, category: 'other', difficulty: 'hard', acceptDays: 1, finishDays: 9, maxExtensionDays: 5, returnDays: 1 }) },
  'GET /api/supervision/cases': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/supervision/cases': {
    body: () => ({ orgId: ids.yangjiang, employerName: '阳江某某五金厂', employerTownId: ids.yangjiangTown, provisions: ['《劳动合同法》第三十条'], summary: '越权新建案件', workersCount: 2 }),
    headers: withKey,
  },
  'GET /api/supervision/cases/{id}': { id: () => ids.yangjiangSupervisionCase! },
  'PATCH /api/supervision/cases/{id}': { id: () => ids.yangjiangSupervisionCase!, body: () => ({ employerAddress: '越权修改的地址 1 号' }) },
  'POST /api/supervision/cases/{id}/tickets': { id: () => ids.yangjiangSupervisionCase!, body: () => ({ ticketIds: [ids.yangjiangTicket] }) },
  'POST /api/supervision/cases/{id}/letters': { id: () => ids.yangjiangSupervisionCase!, body: () => ({ kind: 'opinion' }), headers: withKey },
  'GET /api/supervision/cases/{id}/letters/{letterId}/pdf': { id: () => ids.yangjiangSupervisionCase!, letterId: () => ids.yangjiangSupervisionLetter! },
  'POST /api/supervision/cases/{id}/letters/{letterId}/delivery': {
    id: () => ids.yangjiangSupervisionCase!,
    letterId: () => ids.yangjiangSupervisionLetter!,
    body: () => ({ via: 'mail', deliveredOn: '2026-01-05', receiptSigner: '越权' }),
  },
  'POST /api/supervision/cases/{id}/letters/{letterId}/reply': {
    id: () => ids.yangjiangSupervisionCase!,
    letterId: () => ids.yangjiangSupervisionLetter!,
    body: () => ({ repliedOn: '2026-01-06', summary: '越权答复', rectification: 'none' }),
  },
  'POST /api/supervision/cases/{id}/escalate': { id: () => ids.yangjiangSupervisionCase!, body: () => ({ reason: '越权提级' }) },
  'POST /api/supervision/cases/{id}/close': { id: () => ids.yangjiangSupervisionCase!, body: () => ({ outcome: 'withdrawn', wagesRecoveredFen: 0, workersCovered: 0 }) },
  'GET /api/supervision/rules': { query: () => `orgId=${ids.yangjiang}` },
  'PUT /api/supervision/rules': { body: () => ({ orgId: ids.yangjiang, replyDays: 60, dayKind: 'calendar' }) },
  'GET /api/supervision/figures': { query: () => `orgId=${ids.yangjiang}` },
});
