// The member's 法律援助 on a phone: a 美团 rider opens 法律援助 from the home page, asks for help with
// unpaid wages (欠薪) from the platform with a photo, and sees it in 我的求助 with its union and
// deadline; the riders' federation accepts and closes it with ¥8,600 recovered (through the API); the
// rider sees 已办结 with the amount, rates it 5, and is not offered the rating again.
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { DEMO_ORGS, findOrgId } from './people.ts';
import { PHOTO_JPEG, acceptAndCloseThroughApi, askForHelpOnPhone, handlerToken, rateOnPhone } from './rights-screens.ts';
import { browserSuite, memberOnPhone } from './suite.ts';

const baseUrl = inject('baseUrl');

describe('法律援助 on the phone', () => {
  const suite = browserSuite(baseUrl);

  it('a rider asks for help with unpaid wages, follows it, sees it closed with the money recovered and rates it', async () => {
    mkdirSync('tmp/screenshots', { recursive: true });
    const { mobile } = await memberOnPhone(suite, baseUrl, '136', '赵振宇');
    const shoot = (name: string) => mobile.screenshot({ path: `tmp/screenshots/${name}-390.png`, fullPage: true }).then(() => undefined);
    const asked = await onFailure(mobile, 'rights-ask', () =>
      askForHelpOnPhone(
        mobile,
        baseUrl,
        {
          type: '求助',
          category: '欠薪',
          description: '我在南山区跑美团外卖，配送站拖欠我 10 月、11 月的配送费共 8,600 元，站长说平台还没结算。',
          gig: { platform: '美团', place: ['深圳市', '南山区', '南山街道'] },
          photos: [{ name: '配送费账单.jpg', buffer: PHOTO_JPEG }],
        },
        shoot,
      ),
    );
    expect(asked.union).toBe(DEMO_ORGS.shenzhenRiders);
    expect(asked.deadline).toMatch(/^办结期限：\d+月\d+日（周.）\d\d:\d\d/);

    await onFailure(mobile, 'rights-detail', async () => {
      await expect.poll(() => mobile.getByTestId('detail-state').textContent()).toBe('待受理');
      expect(await mobile.getByTestId('detail-union').textContent()).toBe(DEMO_ORGS.shenzhenRiders);
      await expect.poll(() => mobile.getByTestId('kept-file').count()).toBe(1);
      expect(await mobile.getByTestId('kept-file').textContent()).toContain('配送费账单.jpg');
      await shoot('rights-detail-open');
      // 我的求助: the request with its union and deadline
      await mobile.goto(`${baseUrl}/rights`);
      const card = mobile.locator(`[data-testid="my-ticket"][data-id="${asked.ticketId}"]`);
      await card.waitFor();
      expect(await card.getByTestId('ticket-org').textContent()).toBe(DEMO_ORGS.shenzhenRiders);
      expect(await card.getByTestId('ticket-deadline').textContent()).toMatch(/^办结期限：\d+月\d+日/);
      expect(await card.getByTestId('ticket-state').textContent()).toBe('待受理');
      await shoot('rights-mine');
    });

    // the riders' federation accepts and closes it with ¥8,600 recovered
    // (its own context: logging the handler in must not replace the rider's session cookie)
    const apiContext = await suite.browser.newContext();
    const request = apiContext.request;
    const federation = await findOrgId(request, baseUrl, suite.adminToken, DEMO_ORGS.shenzhenRiders);
    const token = await handlerToken(request, baseUrl, suite.adminToken, federation, `rights_e2e_${Date.now().toString(36)}`);
    await acceptAndCloseThroughApi(request, baseUrl, token, asked.ticketId, '经调解，配送站已补发 10 月、11 月配送费。', 860_000);
    await apiContext.close();

    await onFailure(mobile, 'rights-closed', async () => {
      await mobile.goto(`${baseUrl}/rights/${asked.ticketId}`);
      await expect.poll(() => mobile.getByTestId('detail-state').textContent()).toBe('已办结');
      expect(await mobile.getByTestId('detail-recovered').textContent()).toContain('8,600 元');
      expect((await mobile.getByTestId('detail-step').allTextContents()).length).toBe(3);
      await rateOnPhone(mobile, baseUrl, asked.ticketId, 5, '处理及时，谢谢工会', shoot);
      expect(await mobile.getByTestId('detail-rating').textContent()).toContain('5 分');
      await mobile.reload();
      await mobile.getByTestId('detail-rating').waitFor();
      expect(await mobile.getByTestId('rating-form').count()).toBe(0);
      await shoot('rights-detail-closed');
      await mobile.goto(`${baseUrl}/rights`);
      const card = mobile.locator(`[data-testid="my-ticket"][data-id="${asked.ticketId}"]`);
      await expect.poll(() => card.getByTestId('ticket-state').textContent()).toBe('已办结');
      expect(await card.getByTestId('ticket-deadline').textContent()).toContain('追回 8,600 元');
    });
    // closing the context runs the axe sweep over every page visited (three views each)
    await mobile.context().close();
  }, 300_000);
});
