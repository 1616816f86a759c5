// A pluggable sender: notices wait in the outbox until it takes them; a refusal leaves the notice
// marked failed, and nothing else breaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { dispatchNotices, queueSms, type NoticeSender } from './notices.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('notices', () => {
  it('a gateway sender gets each pending notice once; a refusal is marked failed', async () => {
    const sent: { to: string; body: string }[] = [];
    const gateway: NoticeSender = {
      name: 'test-gateway',
      async send(n) {
        if (n.body.includes('拒收')) throw new Error('gateway refused');
        sent.push({ to: n.to, body: n.body });
      },
    };
    const deps = { ...t.app.deps, sender: gateway };
    await t.db.transaction(async (tx) => {
      await queueSms(tx, deps, { to: '13800138000', body: '第一条通知', kind: 'member_status', orgPath: null });
      await queueSms(tx, deps, { to: '13900139000', body: '会被拒收的通知', kind: 'member_status', orgPath: null });
    });
    const pending = await t.db.query<{ status: string }>(`SELECT status FROM outbox WHERE kind = 'member_status' ORDER BY id`);
    expect(pending.map((r) => r.status)).toEqual(['pending', 'pending']);
    await dispatchNotices(deps);
    await dispatchNotices(deps);
    expect(sent).toEqual([{ to: '13800138000', body: '第一条通知' }]);
    const after = await t.db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM outbox WHERE kind = 'member_status' ORDER BY id`);
    expect(after).toEqual([{ status: 'sent', attempts: 1 }, { status: 'failed', attempts: 1 }]);
  });

  it('the built-in sender records a notice as sent when it is queued', async () => {
    await t.db.transaction((tx) => queueSms(tx, t.app.deps, { to: '13700137000', body: '站内通知', kind: 'transfer', orgPath: null }));
    expect(await t.db.query(`SELECT status FROM outbox WHERE kind = 'transfer'`)).toEqual([{ status: 'sent' }]);
  });
});
