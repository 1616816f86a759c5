// Sign-ups served in batches (signup-batch.ts) and one by one (GONGHUI_SIGNUP_BATCHING=off): the same
// answers either way. Requests sent together through one server form batches; a member asking twice
// in one batch, multi-seat asks and the counters must come out exactly right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { activityBody, memberSessions, newKey, resetUsedMembers, signUp, type MemberSession } from '../../../tests/helpers/activities.ts';

for (const batching of ['on', 'off'] as const) {
  describe(`sign-up with batching ${batching}`, () => {
    let t: TestApp;
    let admin: Session;
    let huazhou: Session;
    let huazhouId: number;
    let crowd: MemberSession[];

    beforeAll(async () => {
      resetUsedMembers();
      t = await startTestApp({ GONGHUI_SIGNUP_BATCHING: batching });
      [admin, huazhou] = await Promise.all([t.login('admin'), t.login('huazhou')]);
      huazhouId = await t.demoOrg('huazhou');
      crowd = await memberSessions(t, admin, huazhouId, 30);
      await t.db.query(`UPDATE member SET birth_date = '1990-06-01', joined_on = '2020-01-01', groups = '{}' WHERE id = ANY($1::bigint[])`, [crowd.map((x) => x.memberId)]);
    });
    afterAll(async () => t.close());

    const publish = async (over: Record<string, unknown>) => {
      const res = await t.request('POST', '/api/activities', { as: huazhou, body: activityBody(huazhouId, over) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number };
    };
    const tally = async (activityId: number) =>
      (
        await t.db.query<{ confirmed: number; seats: number; waitlisted: number; members: number; taken: number; waited: number; over: number }>(
          `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                  coalesce(sum(seats) FILTER (WHERE status = 'confirmed'), 0)::int AS seats,
                  count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted, count(DISTINCT member_id)::int AS members,
                  (SELECT sum(taken)::int FROM activity_slot WHERE activity_id = $1) AS taken,
                  (SELECT sum(waited)::int FROM activity_slot WHERE activity_id = $1) AS waited,
                  (SELECT count(*)::int FROM activity_slot WHERE activity_id = $1 AND (taken > capacity OR waited > wait_capacity)) AS over
             FROM activity_signup WHERE activity_id = $1 AND status <> 'cancelled'`,
          [activityId],
        )
      )[0]!;

    it('30 members at once for 4 places and 2 waitlist places: exactly 4 confirmed, 2 waitlisted, 24 full', async () => {
      const a = await publish({ places: 4, waitlistPlaces: 2, title: '同时报名' });
      const answers = await Promise.all(crowd.map((x) => signUp(t, x, a.id)));
      const statuses = answers.map((r) => (r.statusCode === 201 ? r.json().status : r.json().error));
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(4);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(2);
      expect(statuses.filter((s) => s === 'activity_full')).toHaveLength(24);
      expect(await tally(a.id)).toEqual({ confirmed: 4, seats: 4, waitlisted: 2, members: 6, taken: 4, waited: 2, over: 0 });
      // each confirmation's notice reached its member's phone, one each
      const [notices] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'activity_signup' AND body LIKE '%同时报名%'`);
      expect(notices!.n).toBe(6);
    });

    it('a member asking twice at once: one of two keys wins, the other is refused, a retried key gets the same answer', async () => {
      const a = await publish({ places: 10, title: '重复报名' });
      const [x, y] = crowd;
      const key = newKey();
      const [first, again, other, y1] = await Promise.all([
        signUp(t, x!, a.id, { key }),
        signUp(t, x!, a.id, { key }),
        signUp(t, x!, a.id),
        signUp(t, y!, a.id),
      ]);
      // Which of x's two keys reaches the database first is not fixed (one by one, it is a race): the
      // winner is signed up, the loser refused; the retry with the same key gets the very same answer.
      expect(again.statusCode).toBe(first.statusCode);
      expect(again.body).toBe(first.body);
      expect([first.statusCode, other.statusCode].sort()).toEqual([201, 409]);
      const loser = first.statusCode === 409 ? first : other;
      expect(loser.json().error).toBe('already_signed_up');
      expect(y1.json().status).toBe('confirmed');
      expect(await tally(a.id)).toMatchObject({ confirmed: 2, members: 2, taken: 2, over: 0 });
      // what a member sees is left: 10 − 2
      const seen = (await t.request('GET', `/api/activities/${a.id}`, { as: crowd[2]! })).json();
      expect(seen).toMatchObject({ places: 10, placesLeft: 8, batches: [{ batchNo: 1, places: 10, placesLeft: 8 }] });
    });

    it('families of 3 fill the counter rows exactly, never beyond one, then wait', async () => {
      // 32 places over 4 counter rows of 8: two families of 3 fit in each row
      const a = await publish({ places: 32, perMemberLimit: 3, waitlistPlaces: 4, title: '亲子同行' });
      // At once when batched (a batch allocates exactly, in arrival order); one by one otherwise: on
      // its own, a family may pass a row another sign-up holds at that instant and be waitlisted.
      const families = crowd.slice(0, 14);
      const answers = [];
      if (batching === 'on') answers.push(...(await Promise.all(families.map((x) => signUp(t, x, a.id, { body: { seats: 3 } })))));
      else for (const x of families) answers.push(await signUp(t, x, a.id, { body: { seats: 3 } }));
      const statuses = answers.map((r) => (r.statusCode === 201 ? r.json().status : r.json().error));
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(8);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(4);
      expect(statuses.filter((s) => s === 'activity_full')).toHaveLength(2);
      expect(await tally(a.id)).toEqual({ confirmed: 8, seats: 24, waitlisted: 4, members: 12, taken: 24, waited: 4, over: 0 });
      // single places are still left in every row: a member alone gets one
      const alone = await signUp(t, crowd[20]!, a.id);
      expect(alone.json().status).toBe('confirmed');
    });
  });
}
