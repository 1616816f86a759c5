// The tickets of the demo (the seed pages' stories) and the routes' answer to no session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(async () => t.close());

describe('the demo', () => {
  it('holds the seed stories: a 深圳 rider\'s unpaid wages being handled, a 货拉拉 driver\'s work injury waiting', async () => {
    const shenzhen = await t.login('shenzhen');
    const theirs = (await t.request('GET', '/api/tickets?view=subtree&pageSize=200', { as: shenzhen })).json<{ items: { category: string; state: string; gigPlatform: string | null; dueAt: string | null }[] }>();
    expect(theirs.items, JSON.stringify(theirs)).toContainEqual(expect.objectContaining({ category: 'wage_arrears', state: 'in_progress', gigPlatform: '美团' }));
    const all = (await t.request('GET', '/api/tickets?view=subtree&category=work_injury&pageSize=200', { as: admin })).json<{ items: { state: string; gigPlatform: string | null }[] }>();
    // the drivers' federation of 台山 is in the small demo, not in the tests' smaller tree: the ticket is there exactly when it is
    const drivers = await t.db.query(`SELECT id FROM org WHERE name = '台山市货拉拉司机工会联合会'`);
    expect(all.items.some((i) => i.state === 'pending' && i.gigPlatform === '货拉拉')).toBe(drivers.length === 1);
  });
});

describe('not logged in', () => {
  it('answers 401 on the queue, a ticket, and the worker\'s own', async () => {
    for (const url of ['/api/tickets', '/api/tickets/1', '/api/me/tickets', '/api/tickets/time-limits']) expect((await t.request('GET', url)).statusCode).toBe(401);
  });
});
