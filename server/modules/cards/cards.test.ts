import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, demoOrgId, openTestDb, startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { TEST_DATA_KEY } from '../../../tests/helpers/env.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createPiiCipher } from '../../lib/pii.ts';
import { outboxSender } from '../notices/notices.service.ts';
import { freshIdNumber, loginWorker } from '../../../tests/helpers/workers.ts';
import { bytesToBase64url, decodeCardToken } from '../../../contracts/card-token.ts';
import { ed25519Backend, getKeyring, getSigningKey, newSigningKey, signCardToken, verifyEd25519 } from './signing.ts';

let t: TestApp;
let admin: Session;
let shenzhen: Session;
let huazhou: Session;
let nanshanTown: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, shenzhen, huazhou] = await Promise.all([t.login('admin'), t.login('shenzhen'), t.login('huazhou')]);
  const [town] = await t.db.query<{ id: number }>(
    `SELECT id FROM org WHERE level = 'town' AND path <@ (SELECT path FROM org WHERE id = $1) ORDER BY id LIMIT 1`,
    [await t.demoOrg('nanshan')],
  );
  nanshanTown = town!.id;
});
afterAll(async () => t.close());

/** A delivery rider in 深圳 joins (auto-approved into the riders' federation) and holds a card. */
async function newMember(name = '王小明') {
  const w = await loginWorker(t, admin);
  const res = await t.request('POST', '/api/members/join', {
    as: w,
    body: { name, idNumber: freshIdNumber(), gigPlatform: '美团', workOrgId: nanshanTown, consent: true },
  });
  expect(res.json()).toMatchObject({ status: 'approved' });
  const me = (await t.request('GET', '/api/me', { as: w })).json();
  return { w, memberId: me.member.id as number, memberNo: me.member.memberNo as string };
}

const verifyAs = async (as: Session, token: string) => {
  const res = await t.request('POST', '/api/cards/verify', { as, body: { token } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const myCard = async (w: Session) => t.request('GET', '/api/me/card', { as: w });
const nowSec = () => Math.floor(Date.now() / 1000);

function decodePayload(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
}

function withPayload(token: string, change: (p: Record<string, unknown>) => void): string {
  const p = decodePayload(token);
  change(p);
  return `${Buffer.from(JSON.stringify(p)).toString('base64url')}.${token.split('.')[1]}`;
}

/** A number with a correct Luhn check digit. */
function luhnComplete(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const s = prefix + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) {
        x *= 2;
        if (x > 9) x -= 9;
      }
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}

describe('GET /api/me/card', () => {
  it('gives the member the card with masked name, services and a token for at most 2 minutes', async () => {
    const { w, memberNo } = await newMember('王小明');
    const res = await myCard(w);
    expect(res.statusCode).toBe(200);
    const card = res.json();
    expect(Object.keys(card).sort()).toEqual(
      ['bank', 'cardNo', 'expiresAt', 'memberNo', 'name', 'orgName', 'refreshAfterSeconds', 'services', 'status', 'token'].sort(),
    );
    expect(card).toMatchObject({
      cardNo: expect.stringMatching(/^8860\d{12}$/),
      memberNo,
      name: '王*明',
      orgName: DEMO_ORGS.shenzhenRiders,
      status: 'active',
      refreshAfterSeconds: 60,
      bank: null,
    });
    // Only services that work, each with the page it opens: 帮扶助学 (the campaigns), the activities of a kind, 法律援助.
    expect(card.services).toEqual([
      { key: 'hardshipAid', label: '困难帮扶', available: true, note: null, path: '/campaigns' },
      { key: 'education', label: '教育助推', available: true, note: null, path: '/campaigns?kind=tuition' },
      { key: 'culture', label: '文化滋养', available: true, note: null, path: '/activities?kind=culture' },
      { key: 'fitness', label: '修心健体', available: true, note: null, path: '/activities?kind=retreat' },
      { key: 'legalAid', label: '法律援助', available: true, note: null, path: '/rights' },
    ]);
    expect(JSON.stringify(card)).not.toContain('即将开放');
    const p = decodePayload(card.token);
    expect(p).toMatchObject({ v: 1, mno: memberNo, nm: '王*明', on: DEMO_ORGS.shenzhenRiders });
    expect(p.exp - p.iat).toBeLessThanOrEqual(120);
    expect(Math.abs(p.iat - nowSec())).toBeLessThan(5);
    expect(new Date(card.expiresAt).getTime()).toBe(p.exp * 1000);
    expect(card.token).not.toContain('王小明');
    // every request gives a fresh token
    expect((await myCard(w)).json().token).not.toBe(card.token);
  });

  it('refuses a worker who is not a member, staff, and nobody', async () => {
    const w = await loginWorker(t, admin);
    expect((await myCard(w)).json()).toEqual({ error: 'not_a_member', message: '您还不是工会会员，请先申请入会', statusCode: 403 });
    expect((await myCard(admin)).json().error).toBe('member_only');
    expect((await t.request('GET', '/api/me/card')).json().error).toBe('not_logged_in');
  });
});

describe('POST /api/cards/verify', () => {
  it('a fresh token is valid — exactly the contract shape — for staff of any city, and is audited', async () => {
    const { w, memberNo, memberId } = await newMember('李四');
    const { token } = (await myCard(w)).json();
    const want = { valid: true, member: { memberNo, name: '李*', orgName: DEMO_ORGS.shenzhenRiders } };
    expect(await verifyAs(shenzhen, token)).toEqual(want);
    // 化州 staff at an event verify a 深圳 member: valid, with only what the card itself shows
    expect(await verifyAs(huazhou, token)).toEqual(want);
    const audit = await t.db.query<{ outcome: string; actor_name: string }>(
      `SELECT outcome, actor_name FROM audit_log WHERE action = 'card.verify' AND target_id = $1 ORDER BY id`,
      [String(memberId)],
    );
    expect(audit).toEqual([{ outcome: 'ok', actor_name: 'shenzhen' }, { outcome: 'ok', actor_name: 'huazhou' }]);
  });

  it('expired: a token past its 2 minutes, also when replayed later', async () => {
    const { memberNo } = await newMember();
    const key = await getSigningKey(t.db, t.pii);
    const card = { memberNo, orgId: 1, orgName: DEMO_ORGS.shenzhenRiders, maskedName: '王*明' };
    const old = signCardToken(key, card, nowSec() - 121).token;
    expect(await verifyAs(shenzhen, old)).toEqual({ valid: false, reason: 'expired' });
    const justNow = signCardToken(key, card, nowSec() - 120).token;
    expect(await verifyAs(shenzhen, justNow)).toEqual({ valid: false, reason: 'expired' });
    const stillGood = signCardToken(key, card, nowSec() - 100).token;
    expect((await verifyAs(shenzhen, stillGood)).valid).toBe(true);
  });

  it('forged: a changed payload, a changed signature, another key, an unknown kid, a lifetime past 2 minutes', async () => {
    const { w } = await newMember();
    const other = await newMember();
    const { token } = (await myCard(w)).json();
    const [head, sig] = token.split('.');
    const flipped = sig[10] === 'A' ? 'B' : 'A';
    const cases = {
      'other member number': withPayload(token, (p) => (p.mno = other.memberNo)),
      'later expiry': withPayload(token, (p) => (p.exp = (p.exp as number) + 60)),
      'changed signature': `${head}.${sig.slice(0, 10)}${flipped}${sig.slice(11)}`,
      'zero signature': `${head}.${bytesToBase64url(new Uint8Array(64))}`,
    } as Record<string, string>;
    // a key the platform never made, under the real kid and under a kid of its own
    const stranger = newSigningKey(t.pii);
    const strangerKey = { kid: decodePayload(token).kid, privateKey: createPrivateKey(t.pii.decrypt(stranger.privateKeyEnc)) };
    const card = { memberNo: other.memberNo, orgId: 1, orgName: 'x', maskedName: '王*' };
    cases['wrong key, real kid'] = signCardToken(strangerKey, card, nowSec()).token;
    cases['wrong key, unknown kid'] = signCardToken({ ...strangerKey, kid: stranger.kid }, card, nowSec()).token;
    const real = await getSigningKey(t.db, t.pii);
    cases['lifetime of an hour'] = (() => {
      const { claims } = signCardToken(real, card, nowSec());
      const long = { ...claims, exp: claims.iat + 3600 };
      const h = Buffer.from(JSON.stringify(long)).toString('base64url');
      const s = sign(null, Buffer.from(h), real.privateKey).toString('base64url');
      return `${h}.${s}`;
    })();
    for (const [label, forged] of Object.entries(cases)) {
      expect(await verifyAs(shenzhen, forged), label).toEqual({ valid: false, reason: 'forged' });
    }
  });

  it('malformed: truncated tokens and garbage', async () => {
    const { w } = await newMember();
    const { token } = (await myCard(w)).json();
    const garbage = [
      'abc', 'a.b', '.', '..', 'x.y.z', `${token}.x`, `${token}x`, token.replace('.', ''), token.split('.')[0], `.${token.split('.')[1]}`,
      '你好，世界', '{"v":1}', 'null', `${Buffer.from('not json').toString('base64url')}.${token.split('.')[1]}`,
      `${Buffer.from('[1,2]').toString('base64url')}.${token.split('.')[1]}`,
      withPayload(token, (p) => (p.v = 2)), withPayload(token, (p) => delete p.mno), withPayload(token, (p) => (p.iat = '1')),
      'x'.repeat(1024), `${'A'.repeat(600)}.${'B'.repeat(86)}`, 'https://example.com/?a=1', ' '.repeat(10),
    ];
    for (let n = 1; n < token.length; n += 7) garbage.push(token.slice(0, n));
    garbage.push(token.slice(0, -1));
    const wrong: string[] = [];
    for (const g of garbage) {
      const res = await t.request('POST', '/api/cards/verify', { as: shenzhen, body: { token: g } });
      const body = res.json();
      if (res.statusCode !== 200 || body.valid !== false || body.reason !== 'malformed') wrong.push(`${g.slice(0, 40)} → ${res.statusCode} ${res.body}`);
    }
    expect(wrong).toEqual([]);
    // the body itself must be a token string
    for (const body of [{}, { token: '' }, { token: 1 }, { token: 'x'.repeat(1025) }, { token: 'a\u0000b' }, { token: 'x', extra: 1 }]) {
      const res = await t.request('POST', '/api/cards/verify', { as: shenzhen, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
  });

  it('revoked: suspended or left after the token was issued; back again when reinstated', async () => {
    const { w, memberId, memberNo } = await newMember('赵六');
    const { token } = (await myCard(w)).json();
    const suspend = await t.request('POST', `/api/members/${memberId}/status`, { as: shenzhen, body: { status: 'suspended', reason: '暂停测试' } });
    expect(suspend.statusCode, suspend.body).toBe(200);
    expect(await verifyAs(shenzhen, token)).toEqual({ valid: false, reason: 'revoked' });
    expect((await myCard(w)).json().error).toBe('card_revoked');
    await t.request('POST', `/api/members/${memberId}/status`, { as: shenzhen, body: { status: 'active', reason: '恢复测试' } });
    const fresh = (await myCard(w)).json();
    expect((await verifyAs(shenzhen, fresh.token)).member.memberNo).toBe(memberNo);
    await t.request('POST', `/api/members/${memberId}/status`, { as: shenzhen, body: { status: 'left', reason: '退会测试' } });
    expect(await verifyAs(huazhou, fresh.token)).toEqual({ valid: false, reason: 'revoked' });
    const audit = await t.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'card.verify' AND target_id = $1 ORDER BY id`,
      [String(memberId)],
    );
    expect(audit.map((a) => a.outcome)).toEqual(['denied', 'ok', 'denied']);
  });

  it('refuses workers and nobody; any staff role may verify', async () => {
    const { w } = await newMember();
    const { token } = (await myCard(w)).json();
    expect((await t.request('POST', '/api/cards/verify', { as: w, body: { token } })).json().error).toBe('staff_only');
    expect((await t.request('POST', '/api/cards/verify', { body: { token } })).json().error).toBe('not_logged_in');
    const viewer = await t.login('huazhou-view');
    expect((await verifyAs(viewer, token)).valid).toBe(true);
  });
});

describe('keys and revocations for offline verification', () => {
  it('publishes the public keys; a token verifies with the published key alone', async () => {
    const { w } = await newMember();
    const { token } = (await myCard(w)).json();
    const res = await t.request('GET', '/api/cards/keys');
    expect(res.statusCode).toBe(200);
    const { keys, serverTime } = res.json();
    expect(Math.abs(new Date(serverTime).getTime() - Date.now())).toBeLessThan(5000);
    const key = keys.find((k: { kid: string }) => k.kid === decodePayload(token).kid);
    expect(key).toMatchObject({ alg: 'Ed25519', publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), retiredAt: null });
    const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
    const [head, sig] = token.split('.');
    expect(verify(null, Buffer.from(head), pub, Buffer.from(sig, 'base64url'))).toBe(true);
    // the private key is stored sealed
    const rows = await t.db.query<{ private_key_enc: Buffer }>(`SELECT private_key_enc FROM signing_key`);
    for (const r of rows) expect(Buffer.from(r.private_key_enc).toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('lists revoked cards in full, then only the changes since the cursor', async () => {
    const { memberId, memberNo } = await newMember();
    const first = (await t.request('GET', '/api/cards/revocations', { as: huazhou })).json();
    expect(first).toMatchObject({ full: true, cursor: expect.stringMatching(/^\d+$/) });
    expect(first.total).toBe(first.items.length);
    expect(first.items.every((i: { revoked: boolean }) => i.revoked)).toBe(true);
    expect(first.items.find((i: { memberNo: string }) => i.memberNo === memberNo)).toBeUndefined();

    await t.request('POST', `/api/members/${memberId}/status`, { as: shenzhen, body: { status: 'suspended', reason: '同步测试' } });
    const full = (await t.request('GET', '/api/cards/revocations', { as: huazhou })).json();
    expect(full.items.find((i: { memberNo: string }) => i.memberNo === memberNo)).toMatchObject({ revoked: true, cardNo: expect.stringMatching(/^8860/) });

    await t.request('POST', `/api/members/${memberId}/status`, { as: shenzhen, body: { status: 'active', reason: '同步测试' } });
    const changes = (await t.request('GET', `/api/cards/revocations?since=${first.cursor}`, { as: huazhou })).json();
    expect(changes.full).toBe(false);
    const mine = changes.items.filter((i: { memberNo: string }) => i.memberNo === memberNo).map((i: { revoked: boolean }) => i.revoked);
    // the feed re-reads a minute before the cursor (late commits), so the card's issue may come too
    expect(mine.slice(-2)).toEqual([true, false]);
    expect(Number(changes.cursor)).toBeGreaterThanOrEqual(Number(first.cursor));

    expect((await t.request('GET', '/api/cards/revocations?since=abc', { as: huazhou })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/cards/revocations')).json().error).toBe('not_logged_in');
  });

  it('rotation: old tokens keep verifying until they expire; the new key signs; only the province admin rotates', async () => {
    const { w } = await newMember();
    const before = (await myCard(w)).json().token;
    const oldKid = decodePayload(before).kid;
    expect((await t.request('POST', '/api/cards/keys/rotate', { as: shenzhen, body: { confirm: 'rotate' } })).json().error).toBe('forbidden');
    const res = await t.request('POST', '/api/cards/keys/rotate', { as: admin, body: { confirm: 'rotate' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().retired).toContain(oldKid);
    expect((await verifyAs(shenzhen, before)).valid).toBe(true);
    const after = (await myCard(w)).json().token;
    expect(decodePayload(after).kid).toBe(res.json().kid);
    expect((await verifyAs(shenzhen, after)).valid).toBe(true);
    const keys = (await t.request('GET', '/api/cards/keys')).json().keys;
    expect(keys.find((k: { kid: string }) => k.kid === oldKid).retiredAt).not.toBeNull();
    // a token made with the retired key after its retirement (a stolen key) is forged
    const [row] = await t.db.query<{ private_key_enc: Buffer }>(`SELECT private_key_enc FROM signing_key WHERE kid = $1`, [oldKid]);
    const oldKey = { kid: oldKid, privateKey: createPrivateKey(t.pii.decrypt(row!.private_key_enc)) };
    const p = decodePayload(before);
    const late = signCardToken(oldKey, { memberNo: p.mno, orgId: p.org, orgName: p.on, maskedName: p.nm }, nowSec() + 30).token;
    expect(await verifyAs(shenzhen, late)).toEqual({ valid: false, reason: 'forged' });
  });
});

describe('POST /api/members/{id}/bank-card', () => {
  it('keeps only the bank and a mask; the full number is in no response or table', async () => {
    const { w, memberId } = await newMember();
    const cardNumber = luhnComplete('622202100112345678');
    const res = await t.request('POST', `/api/members/${memberId}/bank-card`, { as: shenzhen, body: { bankName: '中国工商银行', cardNumber } });
    expect(res.statusCode, res.body).toBe(200);
    const masked = `6222****${cardNumber.slice(-4)}`;
    expect(res.json()).toMatchObject({ bankName: '中国工商银行', bankCardMasked: masked });
    const mine = await myCard(w);
    expect(mine.json().bank).toEqual({ bankName: '中国工商银行', bankCardMasked: masked });
    const detail = await t.request('GET', `/api/members/${memberId}`, { as: shenzhen });
    expect(detail.json().card).toMatchObject({ bankName: '中国工商银行', bankCardMasked: masked });
    for (const r of [res, mine, detail]) expect(r.body).not.toContain(cardNumber);
    // spaces as printed on the card are accepted
    const spaced = cardNumber.replace(/(\d{4})/g, '$1 ').trim();
    expect((await t.request('POST', `/api/members/${memberId}/bank-card`, { as: shenzhen, body: { bankName: '中国工商银行', cardNumber: spaced } })).statusCode).toBe(200);
    // no column of any table holds the number (nor its middle digits)
    const tables = await t.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of tables) {
      const [hit] = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}" x WHERE x::text LIKE $1 OR x::text LIKE $2`,
        [`%${cardNumber}%`, `%${cardNumber.slice(4, -4)}%`],
      );
      expect(hit!.n, table_name).toBe(0);
    }
  });

  it('checks the number (Luhn, length), the role and the scope', async () => {
    const { memberId } = await newMember();
    const good = luhnComplete('621700000000000000');
    const bad = good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
    const post = (as: Session, body: unknown, id = memberId) => t.request('POST', `/api/members/${id}/bank-card`, { as, body });
    expect((await post(shenzhen, { bankName: '中国建设银行', cardNumber: bad })).json()).toEqual({
      error: 'invalid_bank_card', message: '银行卡号不正确，请核对后重新输入', statusCode: 400,
    });
    for (const cardNumber of ['123', '6217abcd00000000', luhnComplete('62170000000000000000')]) {
      expect((await post(shenzhen, { bankName: '中国建设银行', cardNumber })).statusCode, cardNumber).toBe(400);
    }
    expect((await post(huazhou, { bankName: '中国建设银行', cardNumber: good })).json().error).toBe('not_found');
    expect((await post(shenzhen, { bankName: '中国建设银行', cardNumber: good }, 2_000_000_000)).json().error).toBe('not_found');
    const viewer = await t.login('huazhou-view');
    expect((await post(viewer, { bankName: '中国建设银行', cardNumber: good })).json().error).toBe('forbidden');
    const [row] = await t.db.query<{ bank_name: string | null }>(`SELECT bank_name FROM card WHERE member_id = $1`, [memberId]);
    expect(row!.bank_name).toBeNull();
  });
});

describe('the full bank card number in logs', () => {
  it('appears in no log line, at trace level, whether the link succeeds or fails', async () => {
    const lines: string[] = [];
    const { db, drop } = await openTestDb();
    const app = await buildApp({
      db,
      pii: createPiiCipher(TEST_DATA_KEY),
      config: loadConfig({ GONGHUI_MODE: 'demo', SERVE_WEB: 'false' }),
      sender: outboxSender,
      // as server/main.ts logs, at the most talkative level
      logger: { level: 'trace', stream: { write: (s: string) => void lines.push(s) }, serializers: { req: (r: { method: string; url: string }) => ({ method: r.method, url: r.url }) } },
    });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'shenzhen', password: 'gonghui-demo' } });
      const auth = { authorization: `Bearer ${login.json().token}` };
      const [m] = await db.query<{ id: number }>(
        `SELECT m.id FROM member m JOIN card c ON c.member_id = m.id JOIN org o ON o.id = m.org_id
          WHERE c.status = 'active' AND o.path <@ (SELECT path FROM org WHERE id = $1) LIMIT 1`,
        [await demoOrgId(db, 'shenzhen')],
      );
      const good = luhnComplete('622848001234567890');
      const bad = good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
      for (const cardNumber of [good, bad, `${good}12345`]) {
        await app.inject({ method: 'POST', url: `/api/members/${m!.id}/bank-card`, headers: auth, payload: { bankName: '中国农业银行', cardNumber } });
        await app.inject({ method: 'POST', url: `/api/members/${m!.id}/bank-card`, headers: auth, payload: { bankName: 'x', cardNumber } });
      }
      expect(lines.length).toBeGreaterThan(3);
      const all = lines.join('\n');
      expect(all).not.toContain(good.slice(4, -4));
      expect(all).not.toContain(bad.slice(4, -4));
    } finally {
      await app.close();
      await db.close();
      await drop();
    }
  });
});

describe('Ed25519 back ends', () => {
  it('libsodium and OpenSSL agree on good, changed and foreign signatures', async () => {
    expect(ed25519Backend).toBe('libsodium');
    const key = await getSigningKey(t.db, t.pii);
    const vk = (await getKeyring(t.db, t.pii)).get(key.kid)!;
    const other = newSigningKey(t.pii);
    const otherKey = { kid: key.kid, privateKey: createPrivateKey(t.pii.decrypt(other.privateKeyEnc)) };
    for (let i = 0; i < 50; i++) {
      const card = { memberNo: `GH${i}`, orgId: 1, orgName: '工会', maskedName: '王*' };
      const good = decodeCardToken(signCardToken(key, card, nowSec()).token)!;
      const foreign = decodeCardToken(signCardToken(otherKey, card, nowSec()).token)!;
      const bent = new Uint8Array(good.signature);
      bent[i % 64]! ^= 1 << (i % 8);
      for (const backend of ['libsodium', 'openssl'] as const) {
        expect(verifyEd25519(vk, good.signed, good.signature, backend)).toBe(true);
        expect(verifyEd25519(vk, good.signed, bent, backend)).toBe(false);
        expect(verifyEd25519(vk, foreign.signed, foreign.signature, backend)).toBe(false);
        expect(verifyEd25519(vk, good.signed, new Uint8Array(10), backend)).toBe(false);
      }
    }
  });
});
