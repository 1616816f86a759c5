// The Content-Security-Policy in a real browser: both web apps and the API docs render under it with
// no violation reported — the member card's QR code (a data: image) is drawn, the console's charts
// draw, its camera scanner plays (Chromium's fake camera) — and every page carries the policy.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DOCS_CSP, WEB_CSP } from '../../server/http/security-headers.ts';
import { desktop, launchBrowser, onFailure, openPage, phone } from './browser.ts';
import { joinAsApprovedMember, randomPhone, staffLogsIn, staffToken, workerLogsIn } from './people.ts';

const base = inject('baseUrl');

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

/** Records every violation the page reports, from before its first script, and every console error. */
async function watch(context: BrowserContext, page: Page): Promise<{ violations: () => Promise<string[]>; errors: string[] }> {
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return { violations: () => page.evaluate(() => window.cspViolations ?? []), errors };
}

/** Goes to a path of the app and waits until its requests have settled; returns the page's own CSP header. */
async function visit(page: Page, path: string): Promise<string | undefined> {
  const res = await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  return res?.headers()['content-security-policy'];
}

describe('Content-Security-Policy in the browser', () => {
  let browser: Browser;
  let adminToken: string;

  beforeAll(async () => {
    browser = await launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    const probe = await openPage(browser, desktop);
    adminToken = await staffToken(probe.request, base);
    await probe.context().close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the member site: log-in, home, the card with its QR code, activities, campaigns — nothing blocked', async () => {
    const page = await openPage(browser, phone);
    const seen = await watch(page.context(), page);
    await onFailure(page, 'csp-member', async () => {
      expect(await visit(page, '/')).toBe(WEB_CSP);
      await workerLogsIn(page, base, adminToken, randomPhone('198'));
      await joinAsApprovedMember(page, base, adminToken, '柯安全');
      expect(await visit(page, '/card')).toBe(WEB_CSP);
      const qr = page.getByTestId('card-qr');
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
      for (const path of ['/activities', '/campaigns', '/me', '/me/points']) {
        expect(await visit(page, path), path).toBe(WEB_CSP);
      }
    });
    expect(await seen.violations()).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('the console: workbench, members, figures with charts, campaigns, and the camera scanner — nothing blocked', async () => {
    const page = await staffLogsIn(browser, base, 'huazhou');
    const seen = await watch(page.context(), page);
    await onFailure(page, 'csp-console', async () => {
      for (const path of ['/console/workbench', '/console/members', '/console/campaigns', '/console/rosters', '/console/points/ledger', '/console/hardship']) {
        expect(await visit(page, path), path).toBe(WEB_CSP);
        await page.locator('.ant-layout-content').waitFor();
      }
      expect(await visit(page, '/console/activity-stats')).toBe(WEB_CSP);
      await page.locator('.ant-card canvas').first().waitFor();
      expect(await visit(page, '/console/verify-card')).toBe(WEB_CSP);
      await page.getByRole('button', { name: '打开摄像头扫码' }).click();
      await page.waitForFunction(() => {
        const v = document.querySelector('video');
        return !!v && v.readyState >= 2 && v.videoWidth > 0;
      });
      await page.getByRole('button', { name: '停止扫码' }).click();
    });
    expect(await seen.violations()).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });

  it('the API docs (Swagger UI) render the operations under their own policy — nothing blocked', async () => {
    const page = await openPage(browser, desktop);
    const seen = await watch(page.context(), page);
    await onFailure(page, 'csp-docs', async () => {
      expect(await visit(page, '/api/docs')).toBe(DOCS_CSP);
      await page.locator('.swagger-ui .info .title').filter({ hasText: '智慧工会' }).waitFor();
      // Tags start folded (server/app.ts): every tag of the document shows, and one opens on a click.
      const doc = (await (await page.request.get(`${base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
      const tags = new Set(Object.values(doc.paths).flatMap((p) => Object.values(p).flatMap((op) => op.tags ?? [])));
      expect(tags.size).toBeGreaterThan(10);
      await expect.poll(() => page.locator('.swagger-ui .opblock-tag').count()).toBe(tags.size);
      await page.locator('.swagger-ui .opblock-tag[data-tag="orgs"]').click();
      await expect.poll(() => page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(3);
      await page.locator('.swagger-ui .opblock-summary').first().click();
      await page.locator('.swagger-ui .opblock-body').first().waitFor();
    });
    expect(await seen.violations()).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.context().close();
  });
});
