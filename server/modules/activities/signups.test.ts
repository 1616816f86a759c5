// Sign-up: first come with a waitlist, idempotent retries, refusals that write nothing, cancellation
// and promotion, the lottery and its re-runnable draw, check-in by card, and a real race.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { testEngine } from '../../../tests/helpers/env.ts';
import { activityBody, inHours, memberSessions, newKey, signUp, type MemberSession } from '../../../tests/helpers/activities.ts';
import { maskName } from '../../lib/pii.ts';
import { getSigningKey, signCardToken } from '../cards/cards.service.ts';
import { drawWinners } from './draw.ts';
import { beijingWhen } from '../../lib/beijing-time.ts';
import { checkinWindow } from './rules.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let huazhouId: number;
let yangjiangId: number;
let m: MemberSession[];

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang')]);
  [huazhouId, yangjiangId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('yangjiang')]);
  m = await memberSessions(t, admin, huazhouId, 12);
  // adults of a year's membership, in no group: each test sets what it needs
  await t.db.query(`UPDATE member SET birth_date = '1990-06-01', joined_on = '2020-01-01', groups = '{}' WHERE id = ANY($1::bigint[])`, [m.map((x) => x.memberId)]);
});
afterAll(async () => t.close());

async function publish(body: Record<string, unknown>, as = huazhou) {
  const res = await t.request('POST', '/api/activities', { as, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; seedCommitment: string | null };
}

/** Everything a refused sign-up must leave alone. */
const footprint = async () =>
  t.db.query(`SELECT (SELECT count(*)::int FROM activity_signup) AS signups, (SELECT count(*)::int FROM signup_request) AS keys,
                     (SELECT coalesce(sum(taken + waited), 0)::int FROM activity_slot) AS counters, (SELECT count(*)::int FROM outbox) AS notices`);

const lastNotice = async (phone: string) => (await t.request('GET', `/api/outbox?to=${phone}`, { as: admin })).json().items[0]?.body as string;

describe('first come', () => {
  it('confirms while places last, then waitlists, then refuses; each member is told', async () => {
    const a = await publish(activityBody(huazhouId, { places: 2, waitlistPlaces: 1, title: '橘州观影' }));
    const answers = [];
    for (const x of m.slice(0, 4)) answers.push(await signUp(t, x, a.id));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 409]);
    expect(answers.slice(0, 3).map((r) => r.json().status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(answers[3]!.json()).toEqual({ error: 'activity_full', message: '名额已满', statusCode: 409 });
    expect(answers[0]!.json()).toEqual({ id: expect.any(Number), activityId: a.id, batchNo: 1, status: 'confirmed', seats: 1, createdAt: expect.any(String) });
    expect(await lastNotice(m[0]!.phone)).toContain('您已成功报名“橘州观影”');
    expect(await lastNotice(m[2]!.phone)).toContain('候补名单');
    const detail = (await t.request('GET', `/api/activities/${a.id}`, { as: huazhou })).json();
    expect(detail.figures).toMatchObject({ participants: 2, waitlisted: 1, placesTaken: 2 });
    // once full, a member who is not signed up sees why
    const list = (await t.request('GET', `/api/activities/${a.id}`, { as: m[4]! })).json();
    expect(list.availability).toMatchObject({ state: 'full', canSignUp: false });
  });

  it('a retry with the same key gets the first answer byte for byte; the key with other content is refused', async () => {
    const a = await publish(activityBody(huazhouId, { places: 3, perMemberLimit: 2 }));
    const key = newKey();
    const first = await signUp(t, m[5]!, a.id, { key, body: { seats: 2 } });
    expect(first.statusCode).toBe(201);
    const before = await footprint();
    const again = await signUp(t, m[5]!, a.id, { key, body: { seats: 2 } });
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await signUp(t, m[5]!, a.id, { key, body: { seats: 1 } });
    expect(other.json()).toMatchObject({ error: 'idempotency_key_reused', statusCode: 409 });
    const elsewhere = await publish(activityBody(huazhouId));
    expect((await signUp(t, m[5]!, elsewhere.id, { key })).json().error).toBe('idempotency_key_reused');
    // a new key for the same activity: already signed up
    expect((await signUp(t, m[5]!, a.id)).json()).toMatchObject({ error: 'already_signed_up', statusCode: 409 });
    expect(await footprint()).toEqual(before);
    // concurrent retries of one request: one sign-up, every answer the same
    const b = await publish(activityBody(huazhouId, { places: 3 }));
    const k2 = newKey();
    const burst = await Promise.all(Array.from({ length: 6 }, () => signUp(t, m[6]!, b.id, { key: k2 })));
    expect(new Set(burst.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(burst.map((r) => r.body)).size).toBe(1);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM activity_signup WHERE activity_id = $1`, [b.id])).toEqual([{ n: 1 }]);
  });

  it('refuses a missing or malformed key, outside the window, the ineligible, out of reach — each with its code, nothing written', async () => {
    const open = await publish(activityBody(huazhouId, { places: 5, minAge: 18, maxAge: 40, minMembershipMonths: 12, perMemberLimit: 1 }));
    const soon = await publish(activityBody(huazhouId, { signupOpensAt: inHours(3), signupClosesAt: inHours(5) }));
    const closed = await publish(activityBody(huazhouId));
    await t.db.query(`UPDATE activity_batch SET signup_opens_at = now() - interval '3 hours', signup_closes_at = now() - interval '1 hour' WHERE activity_id = $1`, [closed.id]);
    const far = await publish(activityBody(yangjiangId), yangjiang);
    const women = await publish(activityBody(huazhouId, { targetGroups: ['women'] }));
    const family = await publish(activityBody(huazhouId, { kind: 'family', targetGroups: ['parents'], childMinAge: 6, childMaxAge: 12, perMemberLimit: 3 }));
    const x = m[7]!;
    const before = await footprint();
    const post = (id: number, headers: Record<string, string>, body?: unknown) =>
      t.request('POST', `/api/activities/${id}/signups`, { as: x, headers, ...(body ? { body } : {}) });
    expect((await post(open.id, {})).json()).toMatchObject({ error: 'idempotency_key_required', statusCode: 400 });
    for (const bad of ['short', 'x'.repeat(65), 'has space in it', '钥匙钥匙钥匙钥匙']) {
      expect((await post(open.id, { 'idempotency-key': encodeURIComponent(bad) === bad ? bad : 'bad/key/12' })).json().error).toBe('idempotency_key_invalid');
    }
    expect((await signUp(t, x, soon.id)).json()).toMatchObject({ error: 'signup_closed', message: expect.stringContaining('报名'), statusCode: 409 });
    expect((await signUp(t, x, closed.id)).json().error).toBe('signup_closed');
    expect((await signUp(t, x, far.id)).json()).toEqual({ error: 'not_found', message: '未找到该记录，或不在您的管理范围内', statusCode: 404 });
    expect((await signUp(t, x, women.id)).json()).toMatchObject({ error: 'not_eligible', message: '不符合报名条件：不属于本活动面向的群体' });
    expect((await signUp(t, x, family.id)).json().message).toBe('不符合报名条件：请填写子女年龄');
    expect((await signUp(t, x, family.id, { body: { childAge: 15 } })).json().message).toBe('不符合报名条件：子女年龄不符合活动要求');
    expect((await signUp(t, x, open.id, { body: { seats: 2 } })).json().message).toBe('不符合报名条件：超过每人可报名额');
    await t.db.query(`UPDATE member SET birth_date = '1970-01-01' WHERE id = $1`, [x.memberId]);
    expect((await signUp(t, x, open.id)).json().message).toBe('不符合报名条件：年龄超过活动要求');
    await t.db.query(`UPDATE member SET birth_date = '1990-06-01', joined_on = current_date - 30 WHERE id = $1`, [x.memberId]);
    expect((await signUp(t, x, open.id)).json().message).toBe('不符合报名条件：入会时间未达到活动要求');
    expect((await signUp(t, huazhou, open.id)).json().error).toBe('member_only');
    expect(await footprint()).toEqual(before);
    // the same member, now eligible: a parent with a child of 8 brings the family
    await t.db.query(`UPDATE member SET joined_on = '2020-01-01', groups = '{women}' WHERE id = $1`, [x.memberId]);
    expect((await signUp(t, x, women.id)).json().status).toBe('confirmed');
    expect((await signUp(t, x, family.id, { body: { childAge: 8, seats: 3 } })).json()).toMatchObject({ status: 'confirmed', seats: 3 });
  });

  it('one recuperation trip a year: the same kind within N months is refused', async () => {
    const x = m[8]!;
    const first = await publish(activityBody(huazhouId, { kind: 'retreat', startsAt: inHours(48) }));
    expect((await signUp(t, x, first.id)).json().status).toBe('confirmed');
    const second = await publish(activityBody(huazhouId, { kind: 'retreat', sameKindGapMonths: 12, startsAt: inHours(24 * 60) }));
    expect((await signUp(t, x, second.id)).json().message).toBe('不符合报名条件：近期已参加过同类活动');
    // another kind (one no demo activity has) is not limited by it
    const other = await publish(activityBody(huazhouId, { kind: 'other', sameKindGapMonths: 12 }));
    const res = await signUp(t, x, other.id);
    expect(res.json().status, res.body).toBe('confirmed');
  });

  it('cancelling frees the place for the head of the waitlist at once; not after the deadline', async () => {
    const a = await publish(activityBody(huazhouId, { places: 1, waitlistPlaces: 2, title: '羽毛球赛' }));
    const [p, q, r] = [m[9]!, m[10]!, m[11]!];
    for (const x of [p, q, r]) await signUp(t, x, a.id);
    const mine = (await t.request('GET', '/api/me/signups', { as: q })).json().items.find((s: { activity: { id: number } }) => s.activity.id === a.id);
    expect(mine).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, canCancel: true });
    const pId = (await t.request('GET', '/api/me/signups', { as: p })).json().items.find((s: { activity: { id: number } }) => s.activity.id === a.id).id;
    expect((await t.request('POST', `/api/me/signups/${pId}/cancel`, { as: q })).json().error).toBe('not_found');
    const cancelled = await t.request('POST', `/api/me/signups/${pId}/cancel`, { as: p });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', canCancel: false });
    const qNow = (await t.request('GET', '/api/me/signups', { as: q })).json().items.find((s: { activity: { id: number } }) => s.activity.id === a.id);
    expect(qNow).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect(await lastNotice(q.phone)).toContain('由候补递补为报名成功');
    const rNow = (await t.request('GET', '/api/me/signups', { as: r })).json().items.find((s: { activity: { id: number } }) => s.activity.id === a.id);
    expect(rNow).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const [slots] = await t.db.query(`SELECT sum(taken)::int AS taken, sum(waited)::int AS waited FROM activity_slot WHERE activity_id = $1`, [a.id]);
    expect(slots).toEqual({ taken: 1, waited: 1 });
    expect((await t.request('POST', `/api/me/signups/${pId}/cancel`, { as: p })).json().error).toBe('signup_cancelled');
    // after the deadline nobody cancels
    await t.db.query(`UPDATE activity SET cancel_deadline = now() - interval '1 minute' WHERE id = $1`, [a.id]);
    expect((await t.request('POST', `/api/me/signups/${qNow.id}/cancel`, { as: q })).json().error).toBe('cancel_deadline_passed');
    // a member who cancelled may sign up again (to the waitlist's end)
    await t.db.query(`UPDATE activity SET cancel_deadline = starts_at WHERE id = $1`, [a.id]);
    expect((await signUp(t, p, a.id)).json().status).toBe('waitlisted');
  });
});

describe('lottery', () => {
  it('collects entries, draws once the window closes, and anyone can re-run the draw from the published seed', async () => {
    const a = await publish(activityBody(huazhouId, { allocation: 'lottery', places: 2, title: '疗休养抽签' }));
    const entrants = m.slice(0, 5);
    for (const x of entrants) expect((await signUp(t, x, a.id)).json().status).toBe('entered');
    expect((await t.request('POST', `/api/activities/${a.id}/draw`, { as: huazhou })).json().error).toBe('draw_not_due');
    await t.db.query(`UPDATE activity_batch SET signup_closes_at = now() WHERE activity_id = $1`, [a.id]);
    await t.db.query(`UPDATE activity SET signup_closes_at = now() WHERE id = $1`, [a.id]);
    const drawn = await t.request('POST', `/api/activities/${a.id}/draw`, { as: huazhou });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const record = (await t.request('GET', `/api/activities/${a.id}/draw`, { as: m[0]! })).json();
    expect(record).toEqual(drawn.json());
    expect(createHash('sha256').update(Buffer.from(record.seed, 'hex')).digest('hex')).toBe(a.seedCommitment);
    const [b] = record.batches;
    expect(b.entryIds).toEqual([...b.entryIds].sort((x: number, y: number) => x - y));
    expect(b.entryIds).toHaveLength(5);
    const rerun = drawWinners(Buffer.from(record.seed, 'hex'), b.label, new Map(b.entryIds.map((id: number, i: number) => [id, b.seats[i]])), b.places);
    expect(rerun.winners).toEqual(b.winners);
    expect(rerun.waitlist).toEqual(b.waitlist);
    expect(b.winners).toHaveLength(2);
    // statuses follow the draw; every entrant is told
    const statuses = await t.db.query<{ id: number; status: string }>(`SELECT id, status FROM activity_signup WHERE activity_id = $1 ORDER BY id`, [a.id]);
    for (const s of statuses) expect(s.status).toBe(b.winners.includes(s.id) ? 'confirmed' : 'waitlisted');
    for (const x of entrants) expect(await lastNotice(x.phone)).toMatch(/中签|未中签/);
    const results = (await t.request('GET', `/api/activities/${a.id}/results`, { as: m[3]! })).json();
    expect(results).toMatchObject({ published: true, waitlisted: 3 });
    const names = await t.db.query<{ name: string }>(`SELECT m.name FROM activity_signup s JOIN member m ON m.id = s.member_id WHERE s.id = ANY($1::bigint[])`, [b.winners]);
    expect(results.confirmed.map((c: { name: string }) => c.name).sort()).toEqual(names.map((n) => maskName(n.name)).sort());
    expect(JSON.stringify(results)).not.toContain(names[0]!.name.length > 1 ? names[0]!.name : '\u0000');
    expect((await t.request('POST', `/api/activities/${a.id}/draw`, { as: huazhou })).json().error).toBe('already_drawn');
    expect((await t.request('GET', `/api/activities/${a.id}/draw`, { as: yangjiang })).json().error).toBe('not_found');
  });
});

const cardToken = async (x: Session) => (await t.request('GET', '/api/me/card', { as: x })).json().token as string;

describe('check-in by card', () => {
  it('checks a confirmed member in once; refuses forged, expired, unknown and unconfirmed', async () => {
    // starting within the hour: check-in is open
    const a = await publish(activityBody(huazhouId, { places: 1, waitlistPlaces: 1, signupClosesAt: inHours(0.5), startsAt: inHours(1) }));
    const [yes, waiting, stranger] = [m[1]!, m[2]!, m[4]!];
    await signUp(t, yes, a.id);
    await signUp(t, waiting, a.id);
    const token = cardToken;
    const checkin = (tok: string, as = huazhou) => t.request('POST', `/api/activities/${a.id}/checkins`, { as, body: { token: tok } });
    const ok = await checkin(await token(yes));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: maskName(yes.name), seats: 1, memberNo: expect.stringMatching(/^GH/) });
    expect((await checkin(await token(yes))).json()).toMatchObject({ error: 'already_checked_in', statusCode: 409 });
    expect((await checkin(await token(waiting))).json().error).toBe('signup_not_confirmed');
    expect((await checkin(await token(stranger))).json().error).toBe('not_signed_up');
    const real = await token(stranger);
    const [payload, sig] = real.split('.') as [string, string];
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...p, mno: ok.json().memberNo })).toString('base64url')}.${sig}`;
    expect((await checkin(forged)).json()).toMatchObject({ error: 'card_token_forged', message: expect.stringContaining('伪造') });
    const key = await getSigningKey(t.db, t.pii);
    const old = signCardToken(key, { memberNo: p.mno, orgId: p.org, orgName: p.on, maskedName: p.nm }, Math.floor(Date.now() / 1000) - 600).token;
    expect((await checkin(old)).json()).toMatchObject({ error: 'card_token_expired', message: expect.stringContaining('过期') });
    expect((await checkin('not a token')).json().error).toBe('card_token_malformed');
    expect((await checkin(await token(yes), yangjiang)).json().error).toBe('not_found');
    const figures = (await t.request('GET', `/api/activities/${a.id}`, { as: huazhou })).json().figures;
    expect(figures).toMatchObject({ participants: 1, checkedIn: 1 });
    const [audit] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'activity.checkin'`);
    expect(audit).toEqual({ n: 1 });
  });

  it('opens two hours before the start: an earlier scan is refused with the opening time in Beijing time, and nothing is written', async () => {
    const starts = inHours(48);
    const a = await publish(activityBody(huazhouId, { places: 3, startsAt: starts, endsAt: inHours(51) }));
    const x = m[3]!;
    expect((await signUp(t, x, a.id)).statusCode).toBe(201);
    const early = await t.request('POST', `/api/activities/${a.id}/checkins`, { as: huazhou, body: { token: await cardToken(x) } });
    expect(early.statusCode).toBe(409);
    const opensAt = new Date(Date.parse(starts) - 2 * 3_600_000);
    expect(early.json()).toEqual({ error: 'checkin_not_open', message: expect.stringContaining(`${beijingWhen(opensAt)}（北京时间）起可签到`), statusCode: 409 });
    const [row] = await t.db.query(`SELECT checked_in_at AS "checkedInAt" FROM activity_signup WHERE activity_id = $1 AND member_id = $2`, [a.id, x.memberId]);
    expect(row).toEqual({ checkedInAt: null });
    // the same scan once the start is under two hours away is accepted
    await t.db.query(
      `UPDATE activity SET signup_opens_at = now() - interval '2 days', signup_closes_at = now() - interval '1 day',
                           starts_at = now() + interval '119 minutes', ends_at = now() + interval '5 hours', cancel_deadline = now() - interval '1 day'
        WHERE id = $1`,
      [a.id],
    );
    const onTime = await t.request('POST', `/api/activities/${a.id}/checkins`, { as: huazhou, body: { token: await cardToken(x) } });
    expect(onTime.statusCode, onTime.body).toBe(200);
  });

  it('closes when the activity ends (its end time, else the end of the Beijing day it starts), saying when', async () => {
    const a = await publish(activityBody(huazhouId, { places: 3 }));
    const b = await publish(activityBody(huazhouId, { places: 3 }));
    const x = m[3]!;
    expect((await signUp(t, x, a.id)).statusCode).toBe(201);
    expect((await signUp(t, x, b.id)).statusCode).toBe(201);
    // a: ended an hour ago; b: started 25 hours ago with no end time, so its day is over
    const [ended] = await t.db.query<{ endsAt: Date }>(
      `UPDATE activity SET signup_opens_at = now() - interval '3 days', signup_closes_at = now() - interval '2 days',
                           starts_at = now() - interval '2 days', ends_at = now() - interval '1 hour', cancel_deadline = now() - interval '2 days'
        WHERE id = $1 RETURNING ends_at AS "endsAt"`,
      [a.id],
    );
    await t.db.query(
      `UPDATE activity SET signup_opens_at = now() - interval '3 days', signup_closes_at = now() - interval '2 days',
                           starts_at = now() - interval '25 hours', ends_at = NULL, cancel_deadline = now() - interval '2 days'
        WHERE id = $1`,
      [b.id],
    );
    const late = await t.request('POST', `/api/activities/${a.id}/checkins`, { as: huazhou, body: { token: await cardToken(x) } });
    expect(late.json()).toEqual({ error: 'checkin_closed', message: expect.stringContaining(`已于 ${beijingWhen(ended!.endsAt)}（北京时间）结束`), statusCode: 409 });
    const noEnd = await t.request('POST', `/api/activities/${b.id}/checkins`, { as: huazhou, body: { token: await cardToken(x) } });
    expect(noEnd.json()).toMatchObject({ error: 'checkin_closed', statusCode: 409 });
    const [n] = await t.db.query(`SELECT count(*)::int AS n FROM activity_signup WHERE activity_id = ANY($1::bigint[]) AND checked_in_at IS NOT NULL`, [[a.id, b.id]]);
    expect(n).toEqual({ n: 0 });
  });

  it('an activity without an end time is over at midnight Beijing time of the day it starts', () => {
    // 09:00 and 23:30 of 6 December in Beijing close at 00:00 of 7 December in Beijing (16:00 UTC)
    for (const startsAt of ['2026-12-06T01:00:00Z', '2026-12-06T15:30:00Z']) {
      expect(checkinWindow({ startsAt: new Date(startsAt), endsAt: null })).toEqual({
        opensAt: new Date(Date.parse(startsAt) - 2 * 3_600_000),
        closesAt: new Date('2026-12-06T16:00:00Z'),
      });
    }
    // 00:30 of 7 December in Beijing is 16:30 UTC on the 6th: its day ends a day later
    expect(checkinWindow({ startsAt: new Date('2026-12-06T16:30:00Z'), endsAt: null }).closesAt).toEqual(new Date('2026-12-07T16:00:00Z'));
    const endsAt = new Date('2026-12-06T04:00:00Z');
    expect(checkinWindow({ startsAt: new Date('2026-12-06T01:00:00Z'), endsAt }).closesAt).toEqual(endsAt);
  });
});

describe('a flash crowd', () => {
  it(`${testEngine() === 'postgres' ? '50 members racing over real HTTP connections' : '50 members at once'} for 5 places: exactly 5 confirmed, 3 waitlisted, no member twice`, async () => {
    const crowd = await memberSessions(t, admin, huazhouId, 50);
    await t.db.query(`UPDATE member SET birth_date = '1990-06-01', joined_on = '2020-01-01' WHERE id = ANY($1::bigint[])`, [crowd.map((x) => x.memberId)]);
    const a = await publish(activityBody(huazhouId, { places: 5, waitlistPlaces: 3, title: '抢票测试' }));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address() as { port: number };
    const answers = await Promise.all(
      crowd.map(async (x) => {
        const res = await fetch(`http://127.0.0.1:${address.port}/api/activities/${a.id}/signups`, {
          method: 'POST',
          headers: { authorization: `Bearer ${x.token}`, 'idempotency-key': newKey(), 'content-type': 'application/json' },
          body: '{}',
        });
        return { status: res.status, body: (await res.json()) as { status?: string; error?: string } };
      }),
    );
    const count = (f: (x: (typeof answers)[number]) => boolean) => answers.filter(f).length;
    expect(count((x) => x.status >= 500)).toBe(0);
    expect(count((x) => x.body.status === 'confirmed')).toBe(5);
    expect(count((x) => x.body.status === 'waitlisted')).toBe(3);
    expect(count((x) => x.body.error === 'activity_full')).toBe(42);
    const [db] = await t.db.query(
      `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
              count(DISTINCT member_id)::int AS members, count(*)::int AS n,
              (SELECT sum(taken)::int FROM activity_slot WHERE activity_id = $1) AS taken
         FROM activity_signup WHERE activity_id = $1`,
      [a.id],
    );
    expect(db).toEqual({ confirmed: 5, waitlisted: 3, members: 8, n: 8, taken: 5 });
  });
});
