import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, productUrls, screenshot } from './browser';

// The demo group's site: 示例科技总部 (31.2304, 121.4737), radius 300 m; field punches allowed with a remark.
const AT_SITE = { latitude: 31.2305, longitude: 121.4738, accuracy: 20 };
const FAR_AWAY = { latitude: 31.2404, longitude: 121.4737, accuracy: 20 }; // ~1.1 km north

// A 1×1 JPEG (starts with FF D8 FF).
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

let browser: Browser;
const { sandboxUrl } = productUrls();

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A phone with the given GPS position, logged into the H5 app as `employeeNo` through the sandbox. */
async function phoneAt(position: { latitude: number; longitude: number; accuracy: number }, employeeNo: string): Promise<{ ctx: BrowserContext; page: Page; appBase: string }> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: position,
    permissions: ['geolocation'],
  });
  const page = await ctx.newPage();
  await page.goto(`${sandboxUrl}/`);
  await page.click('[data-testid=platform-dingtalk]');
  await page.click(`[data-testid=person-${employeeNo}]`);
  await page.click('[data-testid=open-app]');
  await page.waitForSelector('#home-greeting', { timeout: 30_000 });
  return { ctx, page, appBase: page.url().split('#')[0] };
}

it('clock-in inside the site is recorded with an immediate result', async () => {
  const { ctx, page, appBase } = await phoneAt(AT_SITE, 'E0017');
  await page.goto(`${appBase}#/pages/attendance/clock`);
  await page.locator('#clock-location[data-in-range="1"][data-loading="0"]:visible', { hasText: '示例科技总部' }).waitFor({ timeout: 30_000 });
  expect(await page.textContent('#clock-location:visible')).toContain('示例科技总部');
  const action = await page.getAttribute('#clock-button:visible', 'data-action');
  expect(['in', 'out', 'update']).toContain(action);
  await page.click('#clock-button:visible');
  await page.waitForSelector('#clock-result:visible', { timeout: 30_000 });
  expect((await page.textContent('#clock-result:visible'))!.trim().length).toBeGreaterThan(0);
  await screenshot(page, 'attendance-clock-in-range');
  await ctx.close();
});

it('outside every site: shows the nearest site and distance, and records a field punch with a remark', async () => {
  const { ctx, page, appBase } = await phoneAt(FAR_AWAY, 'E0018');
  await page.goto(`${appBase}#/pages/attendance/clock`);
  // Settled: not locating any more, and the nearest site is known.
  await page.locator('#clock-location[data-in-range="0"][data-loading="0"]:visible', { hasText: '最近' }).waitFor({ timeout: 30_000 });
  const where = (await page.textContent('#clock-location:visible'))!;
  expect(where).toContain('示例科技总部');
  expect(where).toMatch(/公里|米/);
  expect(await page.getAttribute('#clock-button:visible', 'data-action')).toBe('field');
  await page.fill('#clock-field-remark:visible textarea, #clock-field-remark:visible input', '拜访客户：上海某科技公司');
  await page.click('#clock-button:visible');
  await page.waitForSelector('#clock-result:visible', { timeout: 30_000 });
  expect(await page.textContent('#clock-result:visible')).toContain('外勤');
  await screenshot(page, 'attendance-field-punch');
  await ctx.close();
});

it('field check-in with a photo from the camera', async () => {
  const { ctx, page, appBase } = await phoneAt(FAR_AWAY, 'E0019');
  await page.goto(`${appBase}#/pages/attendance/field`);
  await page.setInputFiles('#field-photo:visible input[type=file]', { name: 'visit.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await page.fill('#field-customer:visible input', '上海某科技公司');
  await page.fill('#field-address:visible input, #field-address:visible textarea', '上海市黄浦区人民大道 200 号');
  await page.fill('#field-remark:visible textarea, #field-remark:visible input', '季度回访');
  await page.click('#field-submit:visible');
  await page.waitForSelector('.field-row:visible', { timeout: 30_000 });
  expect(await page.textContent('.field-row:visible')).toContain('上海某科技公司');
  await screenshot(page, 'attendance-field-checkin');
  await ctx.close();
});
