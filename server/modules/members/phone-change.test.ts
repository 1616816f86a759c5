// A member who changed phone number (更换手机号): self-service with name + ID number from the new
// phone, the attempt limit, the same answer whether or not an ID number exists, the old phone told,
// and the staff-assisted path within the scope.
import { describe, expect, it } from 'vitest';
import type { Session, TestApp } from '../../../tests/helpers/harness.ts';
import { freshIdNumber, freshPhone, loginWorker, workerSuiteHooks } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let admin: Session, huazhou: Session, yangjiang: Session;
let shiwanTown: number;
workerSuiteHooks((w) => ({ t, admin, huazhou, yangjiang, shiwanTown } = w));

/** A member of 石湾 (化州) who joined from a phone, through the real join and approval. */
async function newMember(name = '梁晓峰') {
  const w = await loginWorker(t, admin);
  const idNumber = freshIdNumber();
  const joined = await t.request('POST', '/api/members/join', { as: w, body: { name, idNumber, gigPlatform: '货拉拉', workOrgId: shiwanTown, consent: true } });
  const approved = await t.request('POST', `/api/members/applications/${joined.json().applicationId}/approve`, { as: huazhou });
  expect(approved.statusCode).toBe(200);
  const [m] = await t.db.query<{ id: number; memberNo: string }>(`SELECT id, member_no AS "memberNo" FROM member WHERE member_no = $1`, [approved.json().memberNo]);
  return { ...m!, name, idNumber, oldPhone: w.phone, oldSession: w };
}

/** The phone may ask for a new code at once (the one-a-minute limit is not what these tests are about). */
async function loginAgain(phone: string) {
  await t.db.query(`UPDATE sms_code SET created_at = created_at - interval '2 minutes' WHERE phone_hash = $1`, [t.pii.hash(phone)]);
  return loginWorker(t, admin, phone);
}

const changeByself = (w: Session, body: Record<string, unknown>) => t.request('POST', '/api/me/phone-change', { as: w, body });
const outboxTo = async (phone: string) =>
  (await t.request('GET', `/api/outbox?to=${phone}`, { as: admin })).json<{ items: { kind: string; body: string }[] }>().items;

describe('self-service: a member with a new phone', () => {
  it('joining from the new phone says already_member and points to the phone change, not to a transfer', async () => {
    const m = await newMember();
    const w = await loginWorker(t, admin);
    const res = await t.request('POST', '/api/members/join', { as: w, body: { name: m.name, idNumber: m.idNumber, gigPlatform: '货拉拉', workOrgId: shiwanTown, consent: true } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('already_member');
    expect(res.json().message).toContain('转到本手机号');
  });

  it('moves the membership to the new phone: card kept, old phone told and logged out, history and audit written', async () => {
    const m = await newMember();
    const w = await loginWorker(t, admin);
    const res = await changeByself(w, { name: m.name, idNumber: m.idNumber.toLowerCase() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'member', member: { id: m.id, memberNo: m.memberNo, name: m.name, status: 'active' } });
    // The new phone is the member now: the card shows, the stored phone is the new one.
    const card = await t.request('GET', '/api/me/card', { as: w });
    expect(card.statusCode).toBe(200);
    const [row] = await t.db.query<{ phoneHash: Buffer }>(`SELECT phone_hash AS "phoneHash" FROM member WHERE id = $1`, [m.id]);
    expect(Buffer.from(row!.phoneHash).equals(t.pii.hash(w.phone))).toBe(true);
    // The old phone's session has ended, and the old phone was told by SMS.
    expect((await t.request('GET', '/api/me', { as: m.oldSession })).statusCode).toBe(401);
    const told = (await outboxTo(m.oldPhone)).find((n) => n.kind === 'phone_changed');
    expect(told?.body).toContain(`${w.phone.slice(0, 3)}****${w.phone.slice(7)}`);
    expect(told?.body).toContain('12351');
    expect((await outboxTo(w.phone)).some((n) => n.kind === 'phone_changed')).toBe(true);
    // Logging in again with the old phone no longer reaches the membership.
    const again = await loginAgain(m.oldPhone);
    expect((await t.request('GET', '/api/me', { as: again })).json().member).toBeNull();
    // History and audit, with masked numbers only.
    const detail = (await t.request('GET', `/api/members/${m.id}`, { as: huazhou })).json();
    const event = detail.history.find((e: { kind: string }) => e.kind === 'phone_changed');
    expect(event).toMatchObject({ actorKind: 'member' });
    expect(event.reason).toContain(`${w.phone.slice(0, 3)}****${w.phone.slice(7)}`);
    expect(event.reason).not.toContain(w.phone);
    const audit = await t.db.query<{ outcome: string; detail: { channel: string; to: string } }>(
      `SELECT outcome, detail FROM audit_log WHERE action = 'member.phone_change' AND target_id = $1`,
      [String(m.id)],
    );
    expect(audit).toEqual([{ outcome: 'ok', detail: expect.objectContaining({ channel: 'self', to: `${w.phone.slice(0, 3)}****${w.phone.slice(7)}`, endedSessions: 1 }) }]);
    expect(JSON.stringify(audit)).not.toContain(w.phone);
    // Once linked, there is nothing more to change from this phone.
    expect((await changeByself(w, { name: m.name, idNumber: m.idNumber })).json().error).toBe('already_linked');
  });

  it('answers a wrong name and an unknown ID number the same way, and changes nothing', async () => {
    const m = await newMember();
    const w = await loginWorker(t, admin);
    const wrongName = await changeByself(w, { name: '王错名', idNumber: m.idNumber });
    const unknownId = await changeByself(w, { name: m.name, idNumber: freshIdNumber() });
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json()).toEqual(unknownId.json());
    expect(wrongName.json().error).toBe('identity_not_matched');
    expect(wrongName.json().message).toContain('12351');
    const [row] = await t.db.query<{ phoneHash: Buffer }>(`SELECT phone_hash AS "phoneHash" FROM member WHERE id = $1`, [m.id]);
    expect(Buffer.from(row!.phoneHash).equals(t.pii.hash(m.oldPhone))).toBe(true);
    expect((await t.request('GET', '/api/me', { as: m.oldSession })).json().member).toMatchObject({ id: m.id });
    // A malformed ID number is a format error, the same for everyone.
    expect((await changeByself(w, { name: m.name, idNumber: '440982199503150000' })).json().error).toBe('invalid_id_number');
  });

  it('limits attempts: 5 failures a day from one phone lock it, even for the right answer', async () => {
    const m = await newMember();
    const w = await loginWorker(t, admin);
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) answers.push((await changeByself(w, { name: '王错名', idNumber: freshIdNumber() })).json().error);
    expect(answers).toEqual(['identity_not_matched', 'identity_not_matched', 'identity_not_matched', 'identity_not_matched', 'phone_change_locked']);
    const right = await changeByself(w, { name: m.name, idNumber: m.idNumber });
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toBe('phone_change_locked');
    expect(right.json().message).toContain('12351');
    const failed = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'member.phone_change' AND outcome = 'failed' AND actor_id = $1`, [
      (await t.request('GET', '/api/me', { as: w })).json().workerId,
    ]);
    expect(failed).toHaveLength(5);
  });

  it('limits attempts against one ID number across phones', async () => {
    const m = await newMember();
    for (let i = 0; i < 5; i++) {
      const w = await loginWorker(t, admin);
      await changeByself(w, { name: `王错名`, idNumber: m.idNumber });
    }
    const rightful = await loginWorker(t, admin);
    expect((await changeByself(rightful, { name: m.name, idNumber: m.idNumber })).json().error).toBe('phone_change_locked');
  });

  it('refuses a member who left (the same answer) and a phone held by another member', async () => {
    const left = await newMember();
    await t.request('POST', `/api/members/${left.id}/status`, { as: huazhou, body: { status: 'left', reason: '本人申请退会' } });
    const w = await loginWorker(t, admin);
    expect((await changeByself(w, { name: left.name, idNumber: left.idNumber })).json().error).toBe('identity_not_matched');
    const other = await newMember('邓小燕');
    const m = await newMember();
    // The other member's phone logs in; that worker is linked to the other member already.
    const otherPhone = await loginAgain(other.oldPhone);
    expect((await changeByself(otherPhone, { name: m.name, idNumber: m.idNumber })).json().error).toBe('already_linked');
  });

  it('needs a worker session', async () => {
    expect((await t.request('POST', '/api/me/phone-change', { body: { name: '张三', idNumber: freshIdNumber() } })).statusCode).toBe(401);
    expect((await t.request('POST', '/api/me/phone-change', { as: huazhou, body: { name: '张三', idNumber: freshIdNumber() } })).json().error).toBe('member_only');
    const w = await loginWorker(t, admin);
    expect((await t.request('POST', '/api/me/phone-change', { as: w, body: { name: '张三' } })).statusCode).toBe(400);
  });
});

describe('staff-assisted: a reviewer or admin after checking documents', () => {
  const body = (phone: string) => ({ phone, reason: '本人持身份证到窗口办理，原手机号已停用', documentsChecked: true });

  it('changes the phone with a reason: history, audit, old phone told, new phone becomes the member at log-in', async () => {
    const m = await newMember();
    const phone = freshPhone();
    const res = await t.request('POST', `/api/members/${m.id}/phone`, { as: huazhou, body: body(phone) });
    expect(res.statusCode).toBe(200);
    expect(res.json().phoneMasked).toBe(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(res.body).not.toContain(phone);
    const event = res.json().history.find((e: { kind: string }) => e.kind === 'phone_changed');
    expect(event).toMatchObject({ actorKind: 'staff' });
    expect(event.reason).toContain('原手机号已停用');
    expect((await t.request('GET', '/api/me', { as: m.oldSession })).statusCode).toBe(401);
    expect((await outboxTo(m.oldPhone)).some((n) => n.kind === 'phone_changed')).toBe(true);
    const w = await loginWorker(t, admin, phone);
    expect((await t.request('GET', '/api/me', { as: w })).json().member).toMatchObject({ id: m.id });
    const audit = await t.db.query<{ actor_name: string; detail: { reason: string; channel: string } }>(
      `SELECT actor_name, detail FROM audit_log WHERE action = 'member.phone_change' AND target_id = $1`,
      [String(m.id)],
    );
    expect(audit).toEqual([{ actor_name: 'huazhou', detail: expect.objectContaining({ channel: 'staff', reason: body(phone).reason }) }]);
  });

  it('links a new phone that has logged in before, and refuses a phone another member holds', async () => {
    const m = await newMember();
    const w = await loginWorker(t, admin);
    const res = await t.request('POST', `/api/members/${m.id}/phone`, { as: huazhou, body: body(w.phone) });
    expect(res.statusCode).toBe(200);
    expect((await t.request('GET', '/api/me', { as: w })).json().member).toMatchObject({ id: m.id });
    const other = await newMember('邓小燕');
    const taken = await t.request('POST', `/api/members/${m.id}/phone`, { as: huazhou, body: body(other.oldPhone) });
    expect(taken.json().error).toBe('phone_in_use');
    expect((await t.request('POST', `/api/members/${m.id}/phone`, { as: huazhou, body: body(w.phone) })).json().error).toBe('phone_unchanged');
  });

  it('is scoped: 阳江 staff cannot change a 化州 member; clerks and viewers may not; documents must be checked', async () => {
    const m = await newMember();
    const phone = freshPhone();
    const outside = await t.request('POST', `/api/members/${m.id}/phone`, { as: yangjiang, body: body(phone) });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toBe('not_found');
    const clerk = await t.login('shiwan');
    // shiwan is a reviewer and clerk of 石湾: in scope, and a reviewer may.
    expect((await t.request('POST', `/api/members/${m.id}/phone`, { as: clerk, body: body(phone) })).statusCode).toBe(200);
    const viewer = await t.login('huazhou-view');
    expect((await t.request('POST', `/api/members/${m.id}/phone`, { as: viewer, body: body(freshPhone()) })).json().error).toBe('forbidden');
    const unchecked = await t.request('POST', `/api/members/${m.id}/phone`, { as: huazhou, body: { ...body(freshPhone()), documentsChecked: false } });
    expect(unchecked.statusCode).toBe(400);
    expect((await t.request('POST', `/api/members/${m.id}/phone`, { as: huazhou, body: { ...body('12345') } })).statusCode).toBe(400);
    const w = await loginWorker(t, admin);
    expect((await t.request('POST', `/api/members/${m.id}/phone`, { as: w, body: body(freshPhone()) })).json().error).toBe('staff_only');
  });
});
