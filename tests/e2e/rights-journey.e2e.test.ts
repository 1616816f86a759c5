// Issue 14's journey across both apps: a 美团 rider in 化州, not yet a member, asks on the phone for
// help with unpaid delivery fees; the ticket goes to the town where the rider works (石湾街道, no
// riders' federation in 茂名); the town's staff find it in the console's queue, 受理, 转办 to a named
// handler and 办结 with ¥2,680.00 recovered; the rider sees 已办结 with the amount and rates it; the
// console's trail shows the rating.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { onFailure, openPage, phone } from './browser.ts';
import { DEMO_ORGS, findOrgId, makeStaff, randomPhone, staffLogsIn, workerLogsIn } from './people.ts';
import { acceptAssignClose, openFromQueue } from './rights-console-screens.ts';
import { PHOTO_JPEG, askForHelpOnPhone, rateOnPhone } from './rights-screens.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');
const stamp = String(Date.now()).slice(-7);
const STEP = 120_000;

describe('a rider’s unpaid wages, from the phone to the town union and back', () => {
  const suite = browserSuite(baseUrl);
  let rider: Page;
  let town: Page;
  let ticketId = 0;
  const handler = `石湾维权专干${stamp}`;
  afterAll(async () => {
    await rider?.context().close();
    await town?.context().close();
  });

  it('the rider asks on the phone; it goes to the town where the rider works', async () => {
    rider = await openPage(suite.browser, phone);
    await workerLogsIn(rider, baseUrl, suite.adminToken, randomPhone('135'));
    const asked = await onFailure(rider, 'journey-ask', () =>
      askForHelpOnPhone(rider, baseUrl, {
        type: '求助',
        category: '欠薪',
        contactName: '陈志强',
        description: '我在化州石湾跑美团外卖，站点拖欠我 11 月的配送费 2,680 元，站长一直推说平台没结算。',
        gig: { platform: '美团', place: ['茂名市', '化州市', '石湾街道'] },
        photos: [{ name: '11月配送费截图.jpg', buffer: PHOTO_JPEG }],
      }),
    );
    ticketId = asked.ticketId;
    expect(asked.union).toBe(DEMO_ORGS.shiwan);
    expect(await rider.getByTestId('detail-state').textContent()).toBe('待受理');
  }, STEP);

  it('the town accepts it in the console, assigns it to a named handler and closes it with ¥ recovered', async () => {
    town = await staffLogsIn(suite.browser, baseUrl, 'shiwan');
    const shiwanId = await findOrgId(town.request, baseUrl, suite.adminToken, DEMO_ORGS.shiwan);
    await makeStaff(town.request, baseUrl, suite.adminToken, { orgId: shiwanId, username: `jr-handler-${stamp}`, displayName: handler, roles: ['clerk'], password: `Journey-${stamp}-pass` });
    await onFailure(town, 'journey-town', async () => {
      await openFromQueue(town, baseUrl, ticketId, '本工会');
      const info = (await town.getByTestId('ticket-info').textContent()) ?? '';
      expect(info).toContain('美团');
      // the rider's name is masked until the handler asks to see it
      expect(info).not.toContain('陈志强');
      await acceptAssignClose(town, { handler, result: '约谈配送站站长并联系平台，已补发 11 月配送费 2,680 元。', yuan: '2680' });
      expect(await town.getByTestId('ticket-recovered').textContent()).toBe('¥2,680.00');
    });
  }, STEP);

  it('the rider sees it closed with the amount and rates it; the console’s trail shows the rating', async () => {
    await onFailure(rider, 'journey-rate', async () => {
      await rider.goto(`${baseUrl}/rights/${ticketId}`);
      await expect.poll(() => rider.getByTestId('detail-state').textContent()).toBe('已办结');
      expect(await rider.getByTestId('detail-recovered').textContent()).toContain('2,680 元');
      await rateOnPhone(rider, baseUrl, ticketId, 5, '工会帮我要回了配送费，谢谢！');
      expect(await rider.getByTestId('detail-rating').textContent()).toContain('5 分');
    });
    await onFailure(town, 'journey-trail', async () => {
      await town.goto(`${baseUrl}/console/tickets/${ticketId}`);
      await town.getByTestId('ticket-title').waitFor();
      expect(await town.getByTestId('ticket-info').textContent()).toContain('5 分：工会帮我要回了配送费');
      await town.getByRole('tab', { name: /办理轨迹/ }).click();
      const trail = (await town.getByTestId('ticket-trail').textContent()) ?? '';
      for (const step of ['提交', '受理', '指定经办人', '办结', '评价']) expect(trail).toContain(step);
    });
  }, STEP);
});
