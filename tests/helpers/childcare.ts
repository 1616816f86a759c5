// Childcare programmes and enrolments for tests: a valid programme body (window open now, Saturdays
// from next week), publishing, enrolling a child with the guardian's consent.
import { randomUUID } from 'node:crypto';
import type { Session, TestApp } from './harness.ts';

const DAY = 86_400_000;
/** A Beijing date `days` from today. */
export function beijingDayIn(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
}

/** Ages 7–10 counted in the year of the first session (a Saturday 8 to 14 days from now). */
export function programmeBody(orgId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgId,
    title: '周六课业辅导',
    kind: 'weekend',
    description: '外来务工人员子女免费周六辅导',
    ageMin: 7,
    ageMax: 10,
    capacity: 3,
    signupOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
    signupClosesAt: new Date(Date.now() + 3 * DAY).toISOString(),
    schedule: { firstDay: beijingDayIn(8), lastDay: beijingDayIn(8 + 34), weekdays: [6], from: '09:00', to: '11:30', skipDays: [] },
    ...over,
  };
}

/** The year the programme's first session falls in: a child of age `age` then. */
export function birthYearFor(age: number): number {
  return Number(beijingDayIn(14).slice(0, 4)) - age;
}

export async function createProgramme(t: TestApp, as: Session, body: Record<string, unknown>, publish = true): Promise<{ id: number; sessions: { id: number }[] }> {
  const res = await t.request('POST', '/api/childcare/programmes', { as, body, headers: { 'idempotency-key': randomUUID() } });
  if (res.statusCode !== 201) throw new Error(`create programme: ${res.statusCode} ${res.body}`);
  const p = res.json<{ id: number; sessions: { id: number }[] }>();
  if (publish) {
    const pub = await t.request('POST', `/api/childcare/programmes/${p.id}/publish`, { as });
    if (pub.statusCode !== 200) throw new Error(`publish: ${pub.body}`);
  }
  return p;
}

export function enrolBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    childName: '李小明',
    birthYear: birthYearFor(8),
    sex: 'male',
    school: '大塘镇中心小学',
    grade: '二年级',
    allergies: '花生过敏',
    healthNotes: '',
    emergencyName: '李大山',
    emergencyPhone: '13800138001',
    pickupAdults: [{ name: '王秀兰', relation: '母亲', phone: '13800138002' }, { name: '李大山', relation: '父亲', phone: '13800138001' }],
    consent: true,
    ...over,
  };
}

export function enrol(t: TestApp, as: Session, programmeId: number, body: Record<string, unknown>, key = randomUUID()) {
  return t.request('POST', `/api/me/childcare/programmes/${programmeId}/enrolments`, { as, body, headers: { 'idempotency-key': key } });
}

/** Closes the sign-up window now (as the clock would), so the places can be allocated. */
export async function closeWindow(t: TestApp, programmeId: number): Promise<void> {
  await t.db.query(`UPDATE childcare_programme SET signup_closes_at = now() - interval '1 second', signup_opens_at = now() - interval '2 days' WHERE id = $1`, [programmeId]);
}
