// The console's 维权工单 end to end: (a) a clerk at the 化州 hotline desk enters a 12351 call with the
// keyboard (one click: 登记来电) and finds it in the queue; (b) the town union's staff opens it from
// the queue, 受理, 转办 to a named handler, 办结 with ¥3,200.00 recovered — the detail shows 已办结,
// the trail and the amount; (c) the town calls the worker back, and a reviewer of 化州 (a level above)
// returns it by quality check: it is open again at the town and waits on the town's 工作台.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { DEMO_ORGS, makeStaff, randomPhone, staffLogsIn, staffLogsInWith } from './people.ts';
import { acceptAssignClose, enterCallByKeyboard, openFromQueue, qualityReturn, recordCallback, townUnder } from './rights-console-screens.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');
const stamp = String(Date.now()).slice(-7);
const STEP = 120_000;

describe('rights tickets in the console', () => {
  const suite = browserSuite(baseUrl);
  let clerk: Page;
  let townStaff: Page;
  let town: { id: number; name: string };
  let ticketId = 0;
  const employerName = `化州老味道餐馆${stamp}`;
  const handler = `黎经办${stamp}`;
  afterAll(async () => {
    await clerk?.context().close();
    await townStaff?.context().close();
  });

  it('(a) a hotline clerk enters a call by keyboard, with one click, and finds it in the queue', async () => {
    clerk = await staffLogsIn(suite.browser, baseUrl, 'huazhou');
    town = await townUnder(clerk.request, baseUrl, suite.adminToken, DEMO_ORGS.huazhou);
    const entered = await onFailure(clerk, 'rights-console-call', () =>
      enterCallByKeyboard(clerk, baseUrl, {
        phone: randomPhone('137'),
        name: '梁秀英',
        category: '欠薪',
        employerName,
        townName: town.name,
        description: '在餐馆做帮厨，老板拖欠 9 月到 11 月工资共 3,200 元，多次讨要未果。',
      }),
    );
    ticketId = entered.ticketId;
    expect(entered.clicks).toBeLessThanOrEqual(6);
    await clerk.screenshot({ path: 'tmp/screenshots/tickets-new-call-1440.png', fullPage: true });
    await onFailure(clerk, 'rights-console-queue', async () => {
      await openFromQueue(clerk, baseUrl, ticketId, '下级工会');
      expect(await clerk.getByTestId('ticket-info').textContent()).toContain(town.name);
      expect(await clerk.getByTestId('ticket-info').textContent()).not.toContain('梁秀英');
      await clerk.goto(`${baseUrl}/console/tickets?view=subtree`);
      await clerk.getByTestId('ticket-queue').getByText(employerName).waitFor();
      await clerk.screenshot({ path: 'tmp/screenshots/tickets-queue-1440.png', fullPage: true });
    });
  }, STEP);

  it('(b) the town accepts it, assigns it to a named handler and closes it with ¥3,200.00 recovered', async () => {
    const password = `Town-${stamp}-pass`;
    await makeStaff(clerk.request, baseUrl, suite.adminToken, { orgId: town.id, username: `tk-town-${stamp}`, displayName: `镇总工会经办人${stamp}`, roles: ['clerk', 'reviewer'], password });
    await makeStaff(clerk.request, baseUrl, suite.adminToken, { orgId: town.id, username: `tk-handler-${stamp}`, displayName: handler, roles: ['clerk'], password });
    townStaff = await staffLogsInWith(suite.browser, baseUrl, `tk-town-${stamp}`, password);
    await onFailure(townStaff, 'rights-console-steps', async () => {
      await openFromQueue(townStaff, baseUrl, ticketId, '本工会');
      await acceptAssignClose(townStaff, { handler, result: '约谈餐馆负责人，已补发拖欠工资 3,200 元。', yuan: '3200' });
      const head = await townStaff.getByTestId('ticket-title').locator('../..').textContent();
      expect(head).toContain('已办结');
      expect(await townStaff.getByTestId('ticket-recovered').textContent()).toBe('¥3,200.00');
      await townStaff.getByRole('tab', { name: /办理轨迹/ }).click();
      const trail = (await townStaff.getByTestId('ticket-trail').textContent()) ?? '';
      for (const step of ['提交', '受理', '指定经办人', '办结']) expect(trail).toContain(step);
      expect(trail).toContain(handler);
      await townStaff.screenshot({ path: 'tmp/screenshots/tickets-detail-closed-1440.png', fullPage: true });
      await townStaff.getByRole('tab', { name: /各级时限/ }).click();
      expect(await townStaff.getByTestId('ticket-clocks').textContent()).toContain('24:00');
      await townStaff.screenshot({ path: 'tmp/screenshots/tickets-detail-clocks-1440.png', fullPage: true });
    });
  }, STEP);

  it('(c) the town calls back; 化州 returns it by quality check; it waits again on the town’s 工作台', async () => {
    await onFailure(townStaff, 'rights-console-callback', async () => {
      await townStaff.getByRole('tab', { name: '办理情况' }).click();
      await recordCallback(townStaff, { satisfaction: 5, note: '工资已到账，职工满意。' });
      expect(await townStaff.getByTestId('ticket-followups').textContent()).toContain('满意度 5 分');
      expect(await townStaff.getByRole('button', { name: '记录回访' }).count()).toBe(0);
    });
    await onFailure(clerk, 'rights-console-quality', async () => {
      await openFromQueue(clerk, baseUrl, ticketId, '待质检');
      await qualityReturn(clerk, '未附工资补发凭证，请补充核实。');
      await clerk.getByTestId('ticket-title').locator('../..').getByText('待受理').waitFor();
      await clerk.getByRole('tab', { name: /办理轨迹/ }).click();
      expect(await clerk.getByTestId('ticket-trail').textContent()).toContain('质检退回，重新办理');
      await clerk.screenshot({ path: 'tmp/screenshots/tickets-detail-returned-1440.png', fullPage: true });
    });
    await onFailure(townStaff, 'rights-console-workbench', async () => {
      await townStaff.goto(`${baseUrl}/console/workbench`);
      await expect.poll(() => townStaff.getByTestId('todo-tickets-waiting').textContent()).toMatch(/[1-9]/);
      await townStaff.screenshot({ path: 'tmp/screenshots/tickets-workbench-1440.png', fullPage: true });
      await townStaff.getByTestId('todo-tickets-waiting').getByRole('button', { name: '去办理' }).click();
      await townStaff.getByTestId('ticket-queue').getByRole('button', { name: `查看工单 ${ticketId}` }).click();
      // returned to the town: its staff may act on it again
      await townStaff.getByRole('button', { name: /^转\s*办$/ }).click();
      await townStaff.locator('.ant-modal:visible').getByRole('combobox', { name: '经办人' }).waitFor();
      await townStaff.screenshot({ path: 'tmp/screenshots/tickets-assign-modal-1440.png' });
    });
  }, STEP);
});
