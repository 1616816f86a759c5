// The demo's bookable slots (预约, issue 15 §4): the next 14 days at 石湾社区职工书屋 — reading-room
// seats three times a day on its opening days, a counselling session (one person) on Tuesday and
// Thursday evenings, and its activity room for an enterprise union's meeting, which needs approval —
// and evening counselling sessions at the nearest bookable 心灵驿站 of 化州 when the demo has one.
// Made through the bookings service, as the community union's staff would, so the audit is the real one.
// Nothing is made when the demo has no such reading room (places seeded by seed/places.ts).
//
// And the reading room's bookings, so the console's 预约 screens and 阵地数据 figures show something
// on a fresh demo: the last two weeks' seats (published, booked, checked in by card or missed — the
// service told the moment each happened; the no-show sweep run as the server runs it) and the coming
// days' by the demo members and some other members of 化州. The log-in page's demo members
// (demo-members.ts): the first has one seat coming up in a few days that he can still cancel and
// one he used last week; the second has a meeting room waiting for approval, one seat used and one
// missed; the third cancelled one and used one. Nobody reaches the place's no-show limit (no
// suspension), and nothing upcoming starts within three days (the sweep tests sweep that far ahead).
import type { CreateSlotsInput } from '../../../contracts/place-bookings.ts';
import type { StaffContext } from '../../http/context.ts';
import { makeScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import type { MemberContext } from '../../http/context.ts';
import { bookSlot, cancelMyBooking, checkInByCard, createSlots, listSlots, sweepBookings } from '../../modules/places/bookings.service.ts';
import { getMyCard } from '../../modules/cards/cards.service.ts';
import type { Db } from '../client.ts';
import { DEMO_ORGS, DEMO_PLACES } from './demo-keys.ts';
import { findDemoMembers } from './demo-members.ts';
import { createRng } from './people.ts';

const DAY_MS = 86_400_000;
const dayIn = (now: Date, days: number) => beijingDay(new Date(now.getTime() + days * DAY_MS));

/** Creates the demo's slots; returns how many. */
export async function loadDemoPlaceBookings(db: Db, pii: PiiCipher, now = new Date()): Promise<number> {
  const [room] = await db.query<{ id: number; orgId: number; path: string }>(
    `SELECT p.id::int AS id, o.id::int AS "orgId", o.path::text AS path FROM place p JOIN org o ON o.id = p.org_id WHERE p.name = $1 AND p.bookable ORDER BY p.id LIMIT 1`,
    [DEMO_PLACES.shiwanReadingRoom],
  );
  const [admin] = await db.query<{ id: number; username: string }>(`SELECT s.id::int AS id, s.username FROM staff s JOIN org o ON o.id = s.org_id WHERE o.parent_id IS NULL ORDER BY s.id LIMIT 1`);
  if (!room || !admin) return 0;
  const [huazhou] = await db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE name = $1`, [DEMO_ORGS.huazhou]);
  const scopeOrg = huazhou ?? { id: room.orgId, path: room.path };
  // the staff of 化州, as the seed acts: the province admin's account, scoped to 化州
  const ctx = {
    db,
    pii,
    config: undefined as never,
    sender: undefined as never,
    actor: { kind: 'staff', staffId: admin.id, username: admin.username, displayName: '化州市总工会（演示）', orgId: scopeOrg.id, roles: ['admin', 'clerk'], scope: makeScope(scopeOrg.id, scopeOrg.path), sessionHash: Buffer.alloc(0), csrfToken: '' },
    scope: makeScope(scopeOrg.id, scopeOrg.path),
    meta: { ip: '127.0.0.1', userAgent: 'demo seed' },
  } satisfies StaffContext;

  let n = 0;
  /** Today's still-future times, then the pattern from tomorrow for two weeks. */
  const publish = async (placeId: number, input: Omit<CreateSlotsInput, 'fromDate' | 'weeks'>) => {
    const today = dayIn(now, 0);
    const todays = input.times.filter((t) => new Date(`${today}T${t.from}:00+08:00`).getTime() > now.getTime() + 10 * 60_000);
    const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (todays.length > 0 && (input.weekdays ?? [weekday]).includes(weekday)) {
      n += (await createSlots(ctx, placeId, { ...input, fromDate: today, weekdays: [weekday], times: todays })).created;
    }
    n += (await createSlots(ctx, placeId, { ...input, fromDate: dayIn(now, 1), weeks: 2 })).created;
  };
  // open Tuesday to Sunday, 09:00–21:00 (seed/places.ts HOURS.reading)
  const openDays = [2, 3, 4, 5, 6, 7];
  const seatTimes = [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '17:30' }, { from: '18:30', to: '21:00' }];
  // the last two weeks' seats, published (as then) a day before the first
  n += (await createSlots(ctx, room.id, { title: '阅览座位', capacity: 20, weekdays: openDays, times: seatTimes, fromDate: dayIn(now, -14), weeks: 2 }, new Date(now.getTime() - 15 * DAY_MS))).created;
  await publish(room.id, { title: '阅览座位', capacity: 20, weekdays: openDays, times: seatTimes });
  await publish(room.id, { title: '心理咨询（一对一）', capacity: 1, weekdays: [2, 4], times: [{ from: '19:00', to: '20:00' }] });
  await publish(room.id, { title: '多功能活动室（企业工会会议，需审批）', capacity: 1, needsApproval: true, weekdays: [3, 5, 6], times: [{ from: '14:00', to: '17:00' }] });

  const [counselling] = await db.query<{ id: number }>(
    `SELECT p.id::int AS id FROM place p WHERE p.kind = 'counselling' AND p.bookable AND p.status = 'open' AND p.merged_into IS NULL AND p.org_path <@ $1::ltree ORDER BY p.id LIMIT 1`,
    [scopeOrg.path],
  );
  if (counselling) await publish(counselling.id, { title: '心理咨询', capacity: 1, weekdays: [1, 3, 5], times: [{ from: '18:30', to: '19:30' }, { from: '19:30', to: '20:30' }] });
  await loadDemoBookings(ctx, room.id, scopeOrg.path, now);
  return n;
}

type Slot = { id: number; title: string; startsAt: string; needsApproval: boolean };

/** The members who book: the log-in page's demo members first, then other members of 化州 with a card; each as a worker of the phone (the row a log-in makes). */
async function bookers(ctx: StaffContext, huazhouPath: string): Promise<MemberContext[]> {
  const { db, pii } = ctx;
  const demo = await findDemoMembers(db, pii, 3);
  const others = await db.query<{ id: number }>(
    `SELECT m.id::int AS id FROM member m JOIN org o ON o.id = m.org_id JOIN card c ON c.member_id = m.id AND c.status = 'active'
      WHERE m.status = 'active' AND m.phone_hash IS NOT NULL AND o.path <@ $1::ltree AND NOT (m.phone_hash = ANY($2::bytea[]))
      ORDER BY m.id LIMIT 12`,
    [huazhouPath, demo.map((d) => pii.hash(d.phone))],
  );
  const wanted = [...demo.map((d) => ({ hash: pii.hash(d.phone) })), ...others.map((o) => ({ id: o.id }))];
  const out: MemberContext[] = [];
  for (const w of wanted) {
    const [row] = await db.query<{ workerId: number; memberId: number | null }>(
      `INSERT INTO worker (phone_enc, phone_hash, phone_masked, member_id)
       SELECT m.phone_enc, m.phone_hash, m.phone_masked, m.id FROM member m
        WHERE ${'hash' in w ? 'm.phone_hash = $1' : 'm.id = $1'} AND m.status = 'active' AND m.phone_enc IS NOT NULL
        ORDER BY m.id LIMIT 1
       ON CONFLICT (phone_hash) DO UPDATE SET member_id = coalesce(worker.member_id, EXCLUDED.member_id)
       RETURNING id::int AS "workerId", member_id::int AS "memberId"`,
      ['hash' in w ? w.hash : w.id],
    );
    if (!row?.memberId) continue;
    out.push({ ...ctx, actor: { kind: 'member', workerId: row.workerId, memberId: row.memberId, sessionHash: Buffer.alloc(0), csrfToken: '' }, meta: { ip: '127.0.0.1', userAgent: 'demo seed' } });
  }
  return out;
}

/** The reading room's bookings: the past two weeks' (used or missed, as they happened) and the coming days'. */
async function loadDemoBookings(ctx: StaffContext, roomId: number, huazhouPath: string, now: Date): Promise<number> {
  const members = await bookers(ctx, huazhouPath);
  if (members.length === 0) return 0;
  const slots = (await listSlots(ctx, roomId, { from: dayIn(now, -14), to: dayIn(now, 14), page: 1, pageSize: 500 }, now)).items as Slot[];
  const at = (s: Slot) => new Date(s.startsAt).getTime();
  const seats = slots.filter((s) => s.title === '阅览座位');
  const past = seats.filter((s) => at(s) + 4 * 3600_000 < now.getTime());
  // upcoming: from three days on (the sweep tests sweep up to two days and a few hours ahead)
  const soon = seats.filter((s) => at(s) > now.getTime() + 3 * DAY_MS);
  const meetingRoom = slots.find((s) => s.needsApproval && at(s) > now.getTime() + 3 * DAY_MS);
  const byDay = (list: Slot[], days: number) => list.find((s) => dayIn(new Date(at(s)), 0) === dayIn(now, days));
  let n = 0;
  const key = (m: MemberContext, s: Slot) => `demo-${m.actor.memberId}-${s.id}`;
  /** Books as of a day before the slot (a past one) or now (an upcoming one). */
  const book = async (m: MemberContext, s: Slot): Promise<number | undefined> => {
    try {
      const when = at(s) < now.getTime() ? new Date(at(s) - DAY_MS) : now;
      const reply = await bookSlot(m, s.id, key(m, s), when);
      n++;
      return (JSON.parse(reply.body) as { id: number }).id;
    } catch {
      return undefined; // a limit of the place's rule (a day or two upcoming): the demo does without it
    }
  };
  const cards = new Map<number, string>();
  const attend = async (m: MemberContext, s: Slot) => {
    const token = cards.get(m.actor.workerId) ?? (await getMyCard(m)).token;
    cards.set(m.actor.workerId, token);
    await checkInByCard(ctx, roomId, token, new Date(at(s) + 10 * 60_000));
  };

  // the log-in page's members: a story each
  const [first, second, third, ...others] = members;
  const used = async (m: MemberContext | undefined, s: Slot | undefined) => {
    if (m && s && (await book(m, s)) !== undefined) await attend(m, s);
  };
  const pastOn = (days: number[]) => days.map((d) => byDay(past, d)).find((s) => s !== undefined);
  await used(first, pastOn([-6, -5, -7, -4]));
  await used(second, pastOn([-9, -10, -8]));
  if (second) {
    const missed = pastOn([-3, -2, -4]);
    if (missed) await book(second, missed);
  }
  await used(third, pastOn([-2, -3, -1]));
  if (first) {
    const s = soon.find((x) => new Date(x.startsAt).getUTCHours() === 1) ?? soon[0]; // a morning seat (09:00 Beijing)
    if (s) await book(first, s);
  }
  if (second && meetingRoom) await book(second, meetingRoom);
  if (third && soon.length > 1) {
    const id = await book(third, soon[1]!);
    if (id !== undefined) await cancelMyBooking(third, id, now);
  }

  // the others: a seat or two of the past fortnight each (most used, some missed — never three), a few coming up
  const rng = createRng(4405);
  for (const [i, m] of others.entries()) {
    const mine = new Set<number>();
    for (let k = 0; k < 1 + Math.floor(rng() * 3); k++) mine.add(Math.floor(rng() * past.length));
    let missed = 0;
    for (const idx of [...mine].sort((a, b) => a - b)) {
      const s = past[idx];
      if (!s) continue;
      if (rng() < 0.25 && missed < 1) {
        if ((await book(m, s)) !== undefined) missed++;
      } else await used(m, s);
    }
    if (i % 2 === 0 && soon.length > 0) await book(m, soon[Math.floor(rng() * soon.length)]!);
  }
  // the past seats not used turn into no-shows, as the server's sweep does every few minutes
  await sweepBookings({ db: ctx.db, pii: ctx.pii, sender: ctx.sender }, now);
  return n;
}
