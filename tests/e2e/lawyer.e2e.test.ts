// A legal-aid lawyer on a ticket, end to end: a 12351 call from 台山 applying for legal aid is routed
// to a town; the town's clerk assigns a lawyer of 台山市总工会's register on the ticket's page in the
// console (its 法律援助律师 card); the lawyer
// signs in on the phone with the number of the register, finds 我代理的案件 on 我的, sees only that
// ticket with the caller's full phone, records a consultation and the outcome 调解 with the amount
// recovered — which the union's staff then read on the ticket.
import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { onFailure, openPage, phone } from './browser.ts';
import { findOrgId, makeStaff, randomPhone, staffLogsInWith, townOf, workerLogsIn } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');
const stamp = String(Date.now()).slice(-8);
const CLERK_PASSWORD = 'Taishan-clerk-2026';

async function postJson(r: APIRequestContext, token: string, path: string, data: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await r.post(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }, data });
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

describe('legal-aid lawyer', () => {
  const suite = browserSuite(baseUrl);

  it('a 台山 lawyer assigned to a legal-aid ticket sees only it on the phone, calls the worker, records a consultation and 调解 with ¥', async () => {
    const mobile = await openPage(suite.browser, phone);
    // the API calls in a context of their own: the phone's context carries the lawyer's session cookie
    const apiContext = await suite.browser.newContext();
    const r = apiContext.request;
    const admin = suite.adminToken;
    const taishan = await findOrgId(r, baseUrl, admin, '台山市总工会');
    // a town of 台山 takes the call; in a demo tree where 台山 has no town open, 台山市总工会 itself does
    const town = await townOf(r, baseUrl, admin, '台山市总工会').catch(() => taishan);
    const lawyerPhone = randomPhone('137');
    const callerPhone = randomPhone('136');

    const lawyer = await postJson(r, admin, '/api/legal/lawyers', {
      orgId: taishan,
      name: '陈台律',
      firm: '广东台城律师事务所',
      licenceNo: `14407${stamp}0000`.slice(0, 17),
      areas: ['wage_arrears', 'labour_contract'],
      servedOrgIds: [taishan],
      phone: lawyerPhone,
    });
    expect(lawyer.status, JSON.stringify(lawyer.body)).toBe(201);
    const call = await postJson(r, admin, '/api/tickets', {
      type: 'legal_aid',
      category: 'wage_arrears',
      description: '在海宴镇制衣厂做了半年，老板拖欠三个月工资共 9,000 元，申请法律援助。',
      callerName: '伍阿姨',
      callerPhone,
      employerName: `台山市海宴制衣厂${stamp}`,
      workOrgId: town,
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    const ticketId = call.body.id as number;
    expect((call.body.org as { id: number }).id).toBe(town);

    // the town's clerk: the lawyer of the county's register is among those serving the town, and is assigned
    const clerk = `ts_clerk_${stamp}`;
    await makeStaff(r, baseUrl, admin, { orgId: town, username: clerk, displayName: '镇总工会经办人', roles: ['clerk'], password: CLERK_PASSWORD });
    const login = await r.post(`${baseUrl}/api/auth/login`, { data: { username: clerk, password: CLERK_PASSWORD } });
    const clerkToken = ((await login.json()) as { token: string }).token;
    const candidates = await r.get(`${baseUrl}/api/tickets/${ticketId}/lawyer-candidates`, { headers: { authorization: `Bearer ${clerkToken}` } });
    const names = ((await candidates.json()) as { items: { id: number; name: string }[] }).items;
    expect(names.map((l) => l.id)).toContain(lawyer.body.id);
    // …and assigned on the ticket's page in the console, from its 法律援助律师 card
    const console = await staffLogsInWith(suite.browser, baseUrl, clerk, CLERK_PASSWORD);
    await onFailure(console, 'lawyer-assign', async () => {
      await console.goto(`${baseUrl}/console/tickets/${ticketId}`);
      const card = console.getByTestId('lawyer-card');
      await card.getByRole('button', { name: '指派律师' }).click();
      const modal = console.locator('.ant-modal:visible');
      await modal.getByRole('combobox', { name: '律师' }).click();
      await console.locator('.ant-select-item-option', { hasText: '陈台律' }).click();
      await modal.getByRole('button', { name: /指\s*派/ }).click();
      await modal.waitFor({ state: 'hidden' });
      await expect.poll(() => card.textContent()).toContain('陈台律');
      await console.screenshot({ path: 'tmp/screenshots/ticket-lawyer-card-1440.png', fullPage: true });
    });
    await console.context().close();

    await onFailure(mobile, 'lawyer-cases', async () => {
      await workerLogsIn(mobile, baseUrl, admin, lawyerPhone);
      await mobile.goto(`${baseUrl}/me`);
      await mobile.getByRole('link', { name: /我代理的案件/ }).click();
      await mobile.waitForURL(/\/lawyer$/);
      const cases = mobile.getByTestId('lawyer-case');
      await cases.first().waitFor();
      expect(await cases.count()).toBe(1);
      expect(await cases.first().getAttribute('data-id')).toBe(String(ticketId));
      expect(await cases.first().textContent()).not.toContain(callerPhone);
      await mobile.screenshot({ path: 'tmp/screenshots/lawyer-cases-390.png' });
      await cases.first().click();
      await mobile.waitForURL(/\/lawyer\/\d+$/);
      await expect.poll(() => mobile.getByTestId('lawyer-caller-phone').textContent()).toBe(callerPhone);
      expect(await mobile.getByTestId('lawyer-caller-name').textContent()).toBe('伍阿姨');
      expect(await mobile.getByTestId('lawyer-caller-phone').getAttribute('href')).toBe(`tel:${callerPhone}`);
    });

    await onFailure(mobile, 'lawyer-record', async () => {
      const entry = mobile.getByTestId('lawyer-entry-form');
      await entry.getByLabel('内容').fill('电话咨询：当事人有考勤记录和工资条，建议先申请劳动仲裁并同时请镇总工会调解。');
      await entry.getByRole('button', { name: '保存记录' }).click();
      await mobile.getByTestId('lawyer-entries').getByText('建议先申请劳动仲裁').waitFor();
      const outcome = mobile.getByTestId('lawyer-outcome-form');
      await outcome.getByText('调解', { exact: true }).click();
      await outcome.getByLabel('追回金额（元）').fill('9000');
      await outcome.getByLabel('结果说明').fill('镇总工会主持调解，厂方当场支付');
      await outcome.getByRole('button', { name: '保存办案结果' }).click();
      await expect.poll(() => mobile.getByTestId('lawyer-outcome').textContent()).toContain('调解，追回 ¥9,000.00');
      await mobile.screenshot({ path: 'tmp/screenshots/lawyer-case-390.png', fullPage: true });
    });

    // the union's staff read the outcome on the ticket; the caller was told nothing yet (a hotline caller hears of the close)
    const seen = await r.get(`${baseUrl}/api/tickets/${ticketId}/lawyers`, { headers: { authorization: `Bearer ${clerkToken}` } });
    const lawyers = (await seen.json()) as { current: { outcome: string; recoveredFen: number; entries: { kind: string }[] } };
    expect(lawyers.current).toMatchObject({ outcome: 'mediation', recoveredFen: 900_000 });
    expect(lawyers.current.entries.map((e) => e.kind)).toEqual(['consultation']);
    await mobile.context().close();
    await apiContext.close();
  });
});
