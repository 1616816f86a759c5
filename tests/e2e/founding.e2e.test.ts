// 我要建会 on the phone: a worker who joins naming an employer nobody knew (no union there) sees the
// 我要建会 tile, opens it, sees the employer and the colleagues count, sends the request and reads
// what happens next; the town's staff see the lead on 建会意愿, the member masked. Screens at
// 390×844 and 1440×900 go to /tmp/shots-g/ (looked at by hand).
import { describe, expect, inject, it } from 'vitest';
import { onFailure, openPage, phone } from './browser.ts';
import { browserSuite } from './suite.ts';
import { DEMO_ORGS } from '../../server/db/seed/demo-keys.ts';
import { freshIdNumber } from '../helpers/workers.ts';
import { randomPhone, staffLogsIn, townOf, workerLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

describe('我要建会', () => {
  const suite = browserSuite(baseUrl);

  it('a member of an employer without a union asks for one; the town sees the lead', async () => {
    const mobile = await openPage(suite.browser, phone);
    const employer = `南山建会测试科技有限公司${Date.now() % 100000}`;
    await onFailure(mobile, 'founding-member', async () => {
      await workerLogsIn(mobile, baseUrl, suite.adminToken, randomPhone('137'));
      const me = (await (await mobile.request.get(`${baseUrl}/api/me`)).json()) as { csrfToken: string };
      const joined = await mobile.request.post(`${baseUrl}/api/members/join`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { name: '林建会', idNumber: freshIdNumber(), employerName: employer, workOrgId: await townOf(mobile.request, baseUrl, suite.adminToken, DEMO_ORGS.nanshan), consent: true },
      });
      expect(joined.status()).toBe(201);
      // a join naming an employer waits for the town: the province approves it
      const { applicationId, status } = (await joined.json()) as { applicationId: number; status: string };
      if (status === 'pending') {
        const ok = await mobile.request.post(`${baseUrl}/api/members/applications/${applicationId}/approve`, { headers: { authorization: `Bearer ${suite.adminToken}` } });
        expect(ok.status()).toBe(200);
      }
      await mobile.goto(`${baseUrl}/`);
      const tile = mobile.getByTestId('home-services').locator('[data-service="founding"]');
      await tile.waitFor();
      await mobile.screenshot({ path: '/tmp/shots-g/home-390.png', fullPage: true });
      await tile.click();
      await mobile.waitForURL(/\/founding$/);
      await mobile.getByTestId('founding-employer').getByText(employer).waitFor();
      await mobile.screenshot({ path: '/tmp/shots-g/founding-390.png', fullPage: true });
      await mobile.getByRole('textbox', { name: /想对工会说的话/ }).fill('我们公司有三十多人，希望成立工会');
      await mobile.getByTestId('founding-submit').click();
      await mobile.getByTestId('founding-sent').waitFor();
      await mobile.screenshot({ path: '/tmp/shots-g/founding-sent-390.png', fullPage: true });
    });
    await mobile.context().close();

    const staff = await staffLogsIn(suite.browser, baseUrl, 'shenzhen');
    await onFailure(staff, 'founding-staff', async () => {
      await staff.goto(`${baseUrl}/console/founding-requests`);
      await staff.getByText(employer).waitFor();
      expect(await staff.getByText('林建会').count()).toBe(0);
      await staff.screenshot({ path: '/tmp/shots-g/founding-requests-1440.png', fullPage: true });
    });
    await staff.context().close();
  }, 180_000);
});
