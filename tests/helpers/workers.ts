// A worker on the phone: asks for an SMS code, reads it from the outbox as staff would in the demo,
// logs in, and gets a session.
import { idNumberCheckChar } from '../../contracts/china-codes.ts';
import type { MemberOptions } from '../../server/db/seed/factories.ts';
import { testAppHooks, type Session, type TestApp } from './harness.ts';

let phoneSeq = 0;
/** A fresh mobile number in the 199 range the seed never uses. */
export function freshPhone(): string {
  phoneSeq++;
  return `199${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq).padStart(4, '0')}`;
}

let idSeq = 0;
/** A valid ID number nobody in the seed has (born 1995, region 440982 化州). */
export function freshIdNumber(opts: { female?: boolean; birth?: string } = {}): string {
  idSeq++;
  const birth = (opts.birth ?? '19950315').replace(/-/g, '');
  const seq = (idSeq * 2 + (opts.female ? 0 : 1)) % 1000;
  const first17 = `440982${birth}${String(seq).padStart(3, '0')}`;
  // vary the birth day a little so many fresh numbers stay unique across runs of one file
  return first17 + idNumberCheckChar(first17);
}

export async function readSmsCode(t: TestApp, admin: Session, phone: string): Promise<string> {
  const res = await t.request('GET', `/api/outbox?to=${phone}`, { as: admin });
  const body = res.json<{ items: { body: string }[] }>();
  const m = body.items[0]?.body.match(/验证码为 (\d{6})/);
  if (!m) throw new Error(`no code in the outbox for ${phone}: ${res.body}`);
  return m[1]!;
}

export async function loginWorker(t: TestApp, admin: Session, phone = freshPhone()): Promise<Session & { phone: string }> {
  const sent = await t.request('POST', '/api/auth/sms-code', { body: { phone } });
  if (sent.statusCode !== 200) throw new Error(`sms-code: ${sent.body}`);
  const code = await readSmsCode(t, admin, phone);
  const res = await t.request('POST', '/api/auth/member-login', { body: { phone, code } });
  if (res.statusCode !== 200) throw new Error(`member-login: ${res.body}`);
  const body = res.json<{ token: string; csrfToken: string }>();
  return { token: body.token, csrfToken: body.csrfToken, cookie: `gh_sid=${body.token}`, phone };
}

export interface MemberLogin extends Session {
  phone: string;
  memberId: number;
  name: string;
  orgId: number;
  idNumber: string;
}

/**
 * `n` new members made by the factories (of `opts.org`, else each of a fresh union), each logged in
 * on the phone on file, as a member would be at first log-in.
 */
export async function newMemberSessions(t: TestApp, admin: Session, n: number, opts: MemberOptions = {}): Promise<MemberLogin[]> {
  const out: MemberLogin[] = [];
  for (let i = 0; i < n; i++) {
    const m = await t.make.member(opts);
    const s = await loginWorker(t, admin, m.phone!);
    out.push({ ...s, memberId: m.id, name: m.name, orgId: m.orgId, idNumber: m.idNumber });
  }
  return out;
}

/** What the join and phone-change tests act with: the app, the province, 化州 and 阳江 admins, 石湾's id. */
export interface WorkerSuite {
  t: TestApp;
  admin: Session;
  huazhou: Session;
  yangjiang: Session;
  shiwanTown: number;
}

/** Starts a WorkerSuite before the file's tests (handing it to `use`) and closes the app after them. */
export function workerSuiteHooks(use: (w: WorkerSuite) => void): void {
  testAppHooks(async (t) => {
    const [admin, huazhou, yangjiang] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang')]);
    use({ t, admin, huazhou, yangjiang, shiwanTown: await t.demoOrg('shiwan') });
  });
}
