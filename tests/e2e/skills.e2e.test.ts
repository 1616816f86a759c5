// 技能培训 on the phone (issue 17 slice A): a rider of 南山 opens the 技能培训 tile, adds 叉车 at 中级工
// from the catalogue picker, registers a certificate (待核验); 深圳's clerk verifies it on 证书核验 in the
// console; back on the phone the certificate reads 已核验 and the skill 叉车（三级）. Then the job
// profile: consent given and withdrawn, each its own act. Screens at 390×844 go to /tmp/shots-s17a/.
import { describe, expect, inject, it } from 'vitest';
import { confirmWith, onFailure } from './browser.ts';
import { browserSuite, memberOnPhone } from './suite.ts';
import { staffLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

describe('技能培训', () => {
  const suite = browserSuite(baseUrl);

  it('a member records a skill and a certificate, the union verifies it, the member consents and withdraws', async () => {
    const { mobile, member } = await memberOnPhone(suite, baseUrl, '136', '叶技能');
    const number = `S0000${Date.now() % 10_000_000_000}`;
    await onFailure(mobile, 'skills-member', async () => {
      await mobile.goto(`${baseUrl}/`);
      await mobile.getByTestId('home-services').locator('[data-service="skills"]').click();
      await mobile.waitForURL(/\/skills$/);
      await mobile.getByTestId('skills-page').waitFor();
      expect(await mobile.getByTestId('my-skill').count()).toBe(0);

      await mobile.getByTestId('add-skill').click();
      const sheet = mobile.getByTestId('add-skill-sheet');
      await sheet.getByTestId('skill-search').fill('叉车');
      await sheet.getByTestId('skill-option').filter({ hasText: '叉车' }).first().click();
      await sheet.getByText('3级 中级工（四级）').click();
      await sheet.getByTestId('add-skill-submit').click();
      await mobile.getByTestId('my-skill').filter({ hasText: '叉车（四级）' }).waitFor();

      await mobile.getByTestId('add-certificate').click();
      await mobile.waitForURL(/\/skills\/certificate$/);
      const form = mobile.getByTestId('certificate-form');
      await form.getByTestId('skill-search').fill('叉车');
      await form.getByTestId('skill-option').filter({ hasText: '叉车' }).first().click();
      await form.getByText('4级 高级工（三级）').click();
      await form.getByTestId('certificate-number').fill(number);
      await form.getByTestId('certificate-issuer').fill('深圳市职业技能鉴定指导中心');
      await form.getByTestId('certificate-date').fill('2025-06-18');
      await form.getByTestId('certificate-submit').click();
      await mobile.waitForURL(/\/skills$/);
      await mobile.getByTestId('my-certificate').filter({ hasText: '待核验' }).waitFor();
      expect(await mobile.getByText(number).count()).toBe(0);
      await mobile.screenshot({ path: '/tmp/shots-s17a/skills-390.png', fullPage: true });
    });

    const staff = await staffLogsIn(suite.browser, baseUrl, 'shenzhen');
    await onFailure(staff, 'skills-staff', async () => {
      await staff.goto(`${baseUrl}/console/certificates`);
      const row = staff.getByTestId('certificates').locator('tr', { hasText: member.name });
      await row.getByTestId('verify-certificate').click();
      await confirmWith(staff, /已核对/);
      // verified, it leaves the 待核验 list (the default filter)
      await staff.getByText('已核验，技能已记入会员档案').waitFor();
      await row.waitFor({ state: 'detached' });
      await staff.screenshot({ path: '/tmp/shots-s17a/certificates-1440.png', fullPage: true });
      // the register lists the member's skills, the verified certificate's among them
      await staff.goto(`${baseUrl}/console/skills-register`);
      const skills = staff.getByTestId('skill-register').locator('tr', { hasText: member.name });
      await skills.filter({ hasText: '叉车（三级）' }).filter({ hasText: '证书' }).waitFor();
      await skills.filter({ hasText: '叉车（四级）' }).filter({ hasText: '自己填写' }).waitFor();
      await staff.screenshot({ path: '/tmp/shots-s17a/skills-register-1440.png', fullPage: true });
    });
    await staff.context().close();

    await onFailure(mobile, 'skills-member-after', async () => {
      await mobile.reload();
      await mobile.getByTestId('certificate-verified').waitFor();
      await mobile.getByTestId('my-skill').filter({ hasText: '叉车（三级）' }).waitFor();

      await mobile.getByTestId('job-profile-link').click();
      await mobile.waitForURL(/\/skills\/job-profile$/);
      await mobile.getByTestId('job-consent-give').click();
      await mobile.getByTestId('job-consent-state').getByText('已同意').waitFor();
      await mobile.screenshot({ path: '/tmp/shots-s17a/job-profile-390.png', fullPage: true });
      await mobile.getByTestId('job-withdraw').click();
      await mobile.locator('.adm-dialog').getByRole('button', { name: '撤回' }).click();
      await mobile.getByTestId('job-consent-state').getByText('未同意').waitFor();
    });
    await mobile.context().close();
  }, 180_000);
});
