// 爱心驿站 on a phone (390×844): a courier in 揭阳 lets the site use the position (granted to the
// browser, set at 莲花社区), filters 饮水 + 只看开放中 and sees the nearest open stations with water,
// nearest first — the first the one the server names nearest — opens it and finds the 高德 link
// pointing at its GCJ-02 position (longitude first, coordinate=gaode, our src), with 百度 and 腾讯
// beside it; going back keeps the filters and does not ask again. At 莲花社区's own page the worker
// sees its photos in a strip (the server's, in its order, loaded lazily), taps one to see it large,
// goes to the other and closes the viewer (screenshots at 390×844 and 1440×900 in tmp/screenshots).
// A worker who refuses the position
// is offered the towns instead, picks a town of 深圳 南山区 and still sees the stations near it, nearest first.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PLACES } from '../../server/db/seed/demo-keys.ts';
import { desktop, onFailure, openPage, phone } from './browser.ts';
import { randomPhone, workerLogsIn } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');

/** 莲花社区, 揭阳 榕城区 东升街道, as a phone's GPS gives it (WGS-84; the station is at GCJ-02 23.5436, 116.378). */
const LIANHUA_GPS = { latitude: 23.5461, longitude: 116.3726 };

interface NearbyPlace {
  id: number;
  name: string;
  lat: number;
  lng: number;
  distanceM: number;
  open: boolean;
  services: string[];
}

async function cards(page: Page) {
  return page.getByTestId('place-card').evaluateAll((els) =>
    els.map((e) => ({
      id: Number(e.getAttribute('data-id')),
      distance: Number(e.getAttribute('data-distance')),
      name: e.querySelector('[data-testid="place-name"]')?.textContent ?? '',
      open: e.querySelector('[data-testid="place-open"]')?.getAttribute('data-open') === 'true',
      services: Array.from(e.querySelectorAll('.pl-service')).map((s) => s.getAttribute('data-service')),
      distanceText: e.querySelector('[data-testid="place-distance"]')?.textContent ?? '',
    })),
  );
}

describe('爱心驿站 on the phone', () => {
  const suite = browserSuite(baseUrl);
  /** A phone at 莲花社区 that lets the site have its position. */
  const courierAtLianhua = async () => {
    const page = await openPage(suite.browser, phone);
    await page.context().grantPermissions(['geolocation'], { origin: baseUrl });
    await page.context().setGeolocation(LIANHUA_GPS);
    return page;
  };

  it('a courier in 揭阳 finds the nearest open station with water and opens it in 高德地图', async () => {
    const page = await courierAtLianhua();
    await onFailure(page, 'places-member-located', async () => {
      await workerLogsIn(page, baseUrl, suite.adminToken, randomPhone('137'));
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('home-services').locator('[data-service="stations"]').click();
      await page.waitForURL(/\/places\?kind=station$/);

      // asked first, with what the position is for
      const consent = page.getByTestId('places-consent');
      await consent.getByText('不会保存您的位置').waitFor();
      await consent.getByRole('button', { name: '使用我的位置' }).click();
      await page.getByTestId('place-card').first().waitFor();
      expect(await page.getByTestId('places-origin').textContent()).toContain('您的位置附近');

      await page.getByTestId('place-filters').getByRole('button', { name: '饮水' }).click();
      await page.getByTestId('open-now').click();
      await page.waitForURL(/services=water/);
      await page.waitForURL(/open=1/);
      expect(await page.getByTestId('open-now').getAttribute('aria-pressed')).toBe('true');
      expect(await page.getByTestId('place-filters').getByRole('button', { name: '饮水' }).getAttribute('aria-pressed')).toBe('true');

      // what the server answers for the same position and filters
      const answer = (await (
        await page.request.get(`${baseUrl}/api/me/places/nearby`, {
          params: { lat: String(LIANHUA_GPS.latitude), lng: String(LIANHUA_GPS.longitude), system: 'wgs84', kind: 'station', services: 'water', openNow: '1', limit: '20' },
        })
      ).json()) as { places: NearbyPlace[] };
      expect(answer.places.length).toBeGreaterThan(0);
      const nearest = answer.places[0]!;

      await expect.poll(async () => (await cards(page)).map((c) => c.id)).toEqual(answer.places.map((p) => p.id));
      const shown = await cards(page);
      expect(shown.every((c) => c.open && c.services.includes('water'))).toBe(true);
      expect(shown.map((c) => c.distance)).toEqual([...shown.map((c) => c.distance)].sort((a, b) => a - b));
      expect(shown.map((c) => c.name)).toContain(DEMO_PLACES.lianhua);
      for (const c of shown) expect(c.distanceText).toMatch(/^(\d+ 米|\d+(\.\d)? 公里)$/);
      expect(shown[0]!.name).toBe(nearest.name);
      expect(await page.getByTestId('place-open').first().textContent()).toMatch(/^开放中/);

      // the nearest: its page, and the map apps pointing at it
      await page.getByTestId('place-card').first().click();
      await page.waitForURL(new RegExp(`/places/${nearest.id}$`));
      expect(await page.getByTestId('place-title').textContent()).toBe(nearest.name);
      await page.getByTestId('place-hours').waitFor();
      const amap = new URL((await page.getByTestId('map-amap').getAttribute('href'))!);
      expect(amap.origin + amap.pathname).toBe('https://uri.amap.com/marker');
      const [lng, lat] = amap.searchParams.get('position')!.split(',').map(Number);
      expect(lng).toBeCloseTo(nearest.lng, 5);
      expect(lat).toBeCloseTo(nearest.lat, 5);
      expect(amap.searchParams.get('coordinate')).toBe('gaode');
      expect(amap.searchParams.get('src')).toBe('webapp.gonghui.member');
      expect(amap.searchParams.get('name')).toBe(nearest.name);
      expect(await page.getByTestId('map-amap').textContent()).toBe('高德地图');
      const baidu = new URL((await page.getByTestId('map-baidu').getAttribute('href'))!);
      expect(baidu.searchParams.get('coord_type')).toBe('gcj02');
      expect(baidu.searchParams.get('location')!.split(',').map(Number)[0]).toBeCloseTo(nearest.lat, 5);
      expect(await page.getByTestId('map-tencent').getAttribute('href')).toMatch(/^https:\/\/apis\.map\.qq\.com\/uri\/v1\/marker\?marker=coord:/);

      // back: the filters kept, not asked again
      await page.getByRole('button', { name: '返回' }).click();
      await page.waitForURL(/\/places\?kind=station/);
      await page.getByTestId('place-card').first().waitFor();
      expect(page.url()).toMatch(/services=water/);
      expect(await page.getByTestId('places-consent').count()).toBe(0);
    });
    await page.context().close();
  }, 120_000);

  it('a worker sees 莲花社区’s photos on its page: a strip of thumbnails, one tapped to see it large, the next, closed', async () => {
    const page = await courierAtLianhua();
    await onFailure(page, 'places-member-photos', async () => {
      await workerLogsIn(page, baseUrl, suite.adminToken, randomPhone('137'));
      await page.goto(`${baseUrl}/places?kind=station`);
      await page.getByTestId('places-consent').getByRole('button', { name: '使用我的位置' }).click();
      await page.getByTestId('place-card').filter({ hasText: DEMO_PLACES.lianhua }).first().click();
      await page.waitForURL(/\/places\/\d+$/);
      const id = Number(new URL(page.url()).pathname.split('/').pop());
      const served = (await (await page.request.get(`${baseUrl}/api/me/places/${id}`)).json()) as { name: string; photos: { id: number; url: string }[] };
      expect(served.name).toBe(DEMO_PLACES.lianhua);
      expect(served.photos.length).toBe(2);

      // the strip: the server's photos in its order, each a button, loaded lazily
      const strip = page.getByTestId('place-photos');
      await strip.waitFor();
      expect(await strip.getAttribute('aria-label')).toBe(`${DEMO_PLACES.lianhua}的照片（2 张）`);
      const thumbs = strip.getByTestId('photo-thumb');
      expect(await thumbs.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))))).toEqual(served.photos.map((p) => p.id));
      expect(await thumbs.locator('img').evaluateAll((els) => els.map((e) => (e as HTMLImageElement).loading))).toEqual(['lazy', 'lazy']);
      await expect.poll(() => thumbs.locator('img').evaluateAll((els) => els.every((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth === 640))).toBe(true);
      const box = await thumbs.first().boundingBox();
      expect(box!.width).toBeGreaterThanOrEqual(120);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: 'tmp/screenshots/place-photos-phone.png', fullPage: true });

      // tapped: large, the second of two; 上一张 to the first; Escape closes and the focus comes back
      await thumbs.nth(1).click();
      const viewer = page.getByTestId('photo-viewer');
      await viewer.waitFor();
      expect(await viewer.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
      await expect.poll(() => viewer.getByTestId('photo-count').textContent()).toBe('2 / 2');
      const large = viewer.getByTestId('photo-large').nth(1);
      await expect.poll(() => large.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth)).toBe(640);
      expect(await large.getAttribute('src')).toBe(served.photos[1]!.url);
      const shown = await large.boundingBox();
      expect(shown!.width).toBeGreaterThan(350);
      await page.screenshot({ path: 'tmp/screenshots/place-photos-viewer-phone.png' });
      await viewer.getByRole('button', { name: '上一张' }).click();
      await expect.poll(() => viewer.getByTestId('photo-count').textContent()).toBe('1 / 2');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'detached' });
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('photo-thumb');

      // the same page on a desktop screen
      await page.setViewportSize(desktop);
      await strip.getByTestId('photo-thumb').first().waitFor();
      await page.screenshot({ path: 'tmp/screenshots/place-photos-desktop.png', fullPage: true });
      await strip.getByTestId('photo-thumb').first().click();
      await page.getByTestId('photo-viewer').getByTestId('photo-large').first().waitFor();
      await page.screenshot({ path: 'tmp/screenshots/place-photos-viewer-desktop.png' });
      await page.getByTestId('photo-viewer').getByRole('button', { name: '关闭' }).click();
      await page.getByTestId('photo-viewer').waitFor({ state: 'detached' });
    });
    await page.context().close();
  }, 120_000);

  it('a worker who refuses the position picks a town and still sees the places near it', async () => {
    const page = await openPage(suite.browser, phone);
    // the position is refused (as the browser answers when the worker taps 不允许)
    await page.addInitScript(() => {
      const refuse = (_ok: PositionCallback, fail?: PositionErrorCallback | null) =>
        setTimeout(() => fail?.({ code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError), 50);
      Object.defineProperty(navigator.geolocation, 'getCurrentPosition', { value: refuse });
    });
    await onFailure(page, 'places-member-refused', async () => {
      await workerLogsIn(page, baseUrl, suite.adminToken, randomPhone('137'));
      await page.goto(`${baseUrl}/places?kind=station`);
      await page.getByTestId('places-consent').getByRole('button', { name: '使用我的位置' }).click();

      const picker = page.getByTestId('town-picker');
      await picker.getByText('您没有允许使用位置').waitFor();
      // a rider's town in 深圳 南山区, as the towns route lists them (the demo's tree decides which)
      const towns = (await (await page.request.get(`${baseUrl}/api/me/places/towns`, { params: { pageSize: '200' } })).json()) as {
        items: { id: number; name: string; county: string; city: string; lat: number; lng: number }[];
      };
      const nanshan = towns.items.find((t) => t.county === '南山区');
      expect(nanshan, JSON.stringify(towns.items.map((t) => `${t.city}${t.county}${t.name}`))).toBeDefined();
      await picker.getByRole('searchbox', { name: '搜索镇街' }).fill(nanshan!.name.slice(0, 2));
      const town = picker.locator(`[data-testid="town-option"][data-id="${nanshan!.id}"]`);
      await town.waitFor();
      await town.click();

      await page.getByTestId('place-card').first().waitFor();
      expect(await page.getByTestId('places-origin').textContent()).toContain(`${nanshan!.name}附近`);
      const answer = (await (
        await page.request.get(`${baseUrl}/api/me/places/nearby`, {
          params: { lat: String(nanshan!.lat), lng: String(nanshan!.lng), system: 'gcj02', kind: 'station', limit: '20' },
        })
      ).json()) as { places: NearbyPlace[] };
      expect(answer.places.length).toBeGreaterThan(0);
      await expect.poll(async () => (await cards(page)).map((c) => c.id)).toEqual(answer.places.map((p) => p.id));
      const shown = await cards(page);
      expect(shown.map((c) => c.distance)).toEqual([...shown.map((c) => c.distance)].sort((a, b) => a - b));
      // and the way back to the position
      await page.getByTestId('places-origin').getByRole('button', { name: '用我的位置' }).waitFor();
    });
    await page.context().close();
  }, 120_000);
});
