import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, productUrls, screenshot } from './browser';

// The demo group's site: 示例科技总部, stored in GCJ-02 (31.2304, 121.4737), radius 300 m; field punches allowed with a
// remark. A browser reports WGS-84 and the H5 app converts it to GCJ-02 (miniprogram/src/platform/gcj02.ts), so the
// faked positions below are WGS-84: each is the GCJ-02 point in its comment converted back (gcoord GCJ02 → WGS84,
// rounded to 6 decimals). In Shanghai the two systems are ~480 m apart, more than the site's radius.
const SITE_GCJ = { latitude: 31.2304, longitude: 121.4737 };
const AT_SITE = { latitude: 31.232429, longitude: 121.469263, accuracy: 20 }; // GCJ-02 31.2305, 121.4738: ~15 m from the site
const FAR_AWAY = { latitude: 31.242325, longitude: 121.469161, accuracy: 20 }; // GCJ-02 31.2404, 121.4737: ~1.1 km north
// A browser fix equal to the site's GCJ-02 numbers is a WGS-84 point ~480 m south-west of the site once converted.
const SITE_NUMBERS_AS_WGS = { ...SITE_GCJ, accuracy: 20 };

// A 1×1 JPEG (starts with FF D8 FF).
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

let browser: Browser;
const { appUrl, sandboxUrl } = productUrls();
const ROOT = join(__dirname, '../../..');

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A phone with the given GPS position, logged into the H5 app as `employeeNo` through the sandbox. */
async function phoneAt(position: { latitude: number; longitude: number; accuracy: number }, employeeNo: string): Promise<{ ctx: BrowserContext; page: Page; appBase: string; sent: SentLocation[] }> {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: position,
    permissions: ['geolocation'],
  });
  const page = await ctx.newPage();
  const sent = recordSentLocations(page);
  await page.goto(`${sandboxUrl}/`);
  await page.click('[data-testid=platform-dingtalk]');
  await page.click(`[data-testid=person-${employeeNo}]`);
  await page.click('[data-testid=open-app]');
  await page.waitForSelector('#home-greeting', { timeout: 30_000 });
  return { ctx, page, appBase: page.url().split('#')[0], sent };
}

/** A location the app sent to the server: the today check's query, a punch's or a field check-in's body. */
interface SentLocation {
  via: 'today' | 'punch' | 'field';
  latitude: number;
  longitude: number;
}

function recordSentLocations(page: Page): SentLocation[] {
  const sent: SentLocation[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('/attendance/today') && url.searchParams.has('latitude')) {
      sent.push({ via: 'today', latitude: Number(url.searchParams.get('latitude')), longitude: Number(url.searchParams.get('longitude')) });
    } else if (req.method() === 'POST' && (url.pathname.endsWith('/attendance/punches') || url.pathname.endsWith('/attendance/field-checkins'))) {
      const body = JSON.parse(req.postData() || '{}') as { latitude: number; longitude: number };
      sent.push({ via: url.pathname.endsWith('/punches') ? 'punch' : 'field', latitude: body.latitude, longitude: body.longitude });
    }
  });
  return sent;
}

/** Every location sent is the GCJ-02 point (±1e-4° ≈ 11 m), and `via` was among them. */
function expectSentGcj(sent: SentLocation[], via: SentLocation['via'], gcj: { latitude: number; longitude: number }): void {
  expect(sent.map((s) => s.via)).toContain(via);
  for (const s of sent) {
    expect(Math.abs(s.latitude - gcj.latitude)).toBeLessThan(1e-4);
    expect(Math.abs(s.longitude - gcj.longitude)).toBeLessThan(1e-4);
  }
}

/** "… 481 米 …" / "… 1.1 公里 …" in the location line → metres. */
function metresIn(text: string): number {
  const m = /([\d.]+)\s*(米|公里)/.exec(text);
  if (!m) throw new Error(`no distance in "${text}"`);
  return Number(m[1]) * (m[2] === '公里' ? 1000 : 1);
}

it('clock-in inside the site is recorded with an immediate result', async () => {
  const { ctx, page, appBase, sent } = await phoneAt(AT_SITE, 'E0017');
  await page.goto(`${appBase}#/pages/attendance/clock`);
  await page.locator('#clock-location[data-in-range="1"][data-loading="0"]:visible', { hasText: '示例科技总部' }).waitFor({ timeout: 30_000 });
  const where = (await page.textContent('#clock-location:visible'))!;
  expect(where).toContain('示例科技总部');
  // ~15 m after the conversion (the raw WGS-84 fix would be ~480 m away, out of range).
  expect(metresIn(where)).toBeLessThan(50);
  const action = await page.getAttribute('#clock-button:visible', 'data-action');
  expect(['in', 'out', 'update']).toContain(action);
  await page.click('#clock-button:visible');
  await page.waitForSelector('#clock-result:visible', { timeout: 30_000 });
  expect((await page.textContent('#clock-result:visible'))!.trim().length).toBeGreaterThan(0);
  expectSentGcj(sent, 'punch', { latitude: 31.2305, longitude: 121.4738 });
  await screenshot(page, 'attendance-clock-in-range');
  await ctx.close();
});

it('outside every site: shows the nearest site and distance, and records a field punch with a remark', async () => {
  const { ctx, page, appBase, sent } = await phoneAt(FAR_AWAY, 'E0018');
  await page.goto(`${appBase}#/pages/attendance/clock`);
  // Settled: not locating any more, and the nearest site is known.
  await page.locator('#clock-location[data-in-range="0"][data-loading="0"]:visible', { hasText: '最近' }).waitFor({ timeout: 30_000 });
  const where = (await page.textContent('#clock-location:visible'))!;
  expect(where).toContain('示例科技总部');
  expect(metresIn(where)).toBeGreaterThanOrEqual(1000);
  expect(metresIn(where)).toBeLessThanOrEqual(1200);
  expect(await page.getAttribute('#clock-button:visible', 'data-action')).toBe('field');
  await page.fill('#clock-field-remark:visible textarea, #clock-field-remark:visible input', '拜访客户：上海某科技公司');
  await page.click('#clock-button:visible');
  await page.waitForSelector('#clock-result:visible', { timeout: 30_000 });
  expect(await page.textContent('#clock-result:visible')).toContain('外勤');
  expectSentGcj(sent, 'punch', { latitude: 31.2404, longitude: 121.4737 });
  await screenshot(page, 'attendance-field-punch');
  await ctx.close();
});

it('field check-in with a photo from the camera', async () => {
  const { ctx, page, appBase, sent } = await phoneAt(FAR_AWAY, 'E0019');
  await page.goto(`${appBase}#/pages/attendance/field`);
  // The page shows (and will send) the converted GCJ-02 position.
  await page.locator('#field-location[data-loading="0"]:visible', { hasText: '31.24040, 121.47370' }).waitFor({ timeout: 30_000 });
  await page.setInputFiles('#field-photo:visible input[type=file]', { name: 'visit.jpg', mimeType: 'image/jpeg', buffer: JPEG });
  await page.fill('#field-customer:visible input', '上海某科技公司');
  await page.fill('#field-address:visible input, #field-address:visible textarea', '上海市黄浦区人民大道 200 号');
  await page.fill('#field-remark:visible textarea, #field-remark:visible input', '季度回访');
  await page.click('#field-submit:visible');
  await page.waitForSelector('.field-row:visible', { timeout: 30_000 });
  expect(await page.textContent('.field-row:visible')).toContain('上海某科技公司');
  expectSentGcj(sent, 'field', { latitude: 31.2404, longitude: 121.4737 });
  await screenshot(page, 'attendance-field-checkin');

  // 查看地图 on H5 (no native map): the AMap marker page at the stored GCJ-02 point, in a new window. The request to
  // uri.amap.com is recorded and aborted (no network needed).
  let amapSeen!: (url: string) => void;
  const amapUrl = new Promise<string>((resolve) => (amapSeen = resolve));
  await ctx.route(/^https:\/\/uri\.amap\.com\//, (route) => {
    amapSeen(route.request().url());
    return route.abort();
  });
  const mapLink = page.locator('.field-row:visible', { hasText: '上海某科技公司' }).first().locator('.map-link');
  expect((await mapLink.textContent())!.trim()).toBe('查看地图');
  const [popup] = await Promise.all([page.waitForEvent('popup'), mapLink.click()]);
  const url = new URL(await amapUrl);
  expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
  const [lng, lat] = url.searchParams.get('position')!.split(',').map(Number);
  expect(Math.abs(lat - 31.2404)).toBeLessThan(1e-4);
  expect(Math.abs(lng - 121.4737)).toBeLessThan(1e-4);
  expect(url.searchParams.get('name')).toBe('上海某科技公司');
  expect(url.searchParams.get('coordinate')).toBe('gaode');
  expect(url.searchParams.get('callnative')).toBe('0');
  // The app stays where it was (a new window, not a navigation of the app).
  expect(page.url()).toContain('pages/attendance/list');
  await popup.close();
  await ctx.close();
});

it('a browser fix at the site\'s own GCJ-02 numbers is WGS-84 ~480 m away: out of range', async () => {
  const { ctx, page, appBase, sent } = await phoneAt(SITE_NUMBERS_AS_WGS, 'E0026');
  await page.goto(`${appBase}#/pages/attendance/clock`);
  await page.locator('#clock-location[data-in-range="0"][data-loading="0"]:visible', { hasText: '最近' }).waitFor({ timeout: 30_000 });
  const where = (await page.textContent('#clock-location:visible'))!;
  expect(where).toContain('示例科技总部');
  const metres = metresIn(where);
  expect(metres).toBeGreaterThan(400);
  expect(metres).toBeLessThan(600);
  expect(await page.getAttribute('#clock-button:visible', 'data-action')).toBe('field');
  expectSentGcj(sent, 'today', { latitude: 31.228458, longitude: 121.478223 });
  await ctx.close();
});

/** A field check-in stored through the API (sandbox code → login → photo → check-in) for `employeeNo`. */
async function seedFieldCheckin(employeeNo: string, customerName: string): Promise<void> {
  const json = async (res: Response) => {
    const text = await res.text();
    if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const { code } = await json(
    await fetch(`${sandboxUrl}/__sandbox/api/auth-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'wecom', corp: 'demo', employeeNo }),
    }),
  );
  const login = await json(
    await fetch(`${appUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ platform: 'wecom', code }) }),
  );
  const auth = { authorization: `Bearer ${String(login.accessToken)}` };
  const form = new FormData();
  form.append('file', new Blob([JPEG], { type: 'image/jpeg' }), 'visit.jpg');
  const file = await json(await fetch(`${appUrl}/api/files`, { method: 'POST', headers: auth, body: form }));
  await json(
    await fetch(`${appUrl}/api/attendance/field-checkins`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        idempotencyKey: `e2e-map-${Date.now()}`,
        latitude: 31.2404,
        longitude: 121.4737,
        accuracy: 20,
        address: '上海市黄浦区人民大道 200 号',
        customerName,
        remark: null,
        photoFileIds: [file.id],
      }),
    }),
  );
}

it('查看地图 in the dd / qywx / lark bundles calls the host\'s openLocation with the stored GCJ-02 point', async () => {
  await seedFieldCheckin('E0020', '浦东某制造厂');
  // The bundles (built by global setup) on a fake host (miniprogram/scripts/mini-smoke.mjs): open 我的外勤, tap 查看地图.
  const expected = {
    dd: { latitude: '31.2404', longitude: '121.4737' }, // DingTalk documents the coordinates as strings
    qywx: { latitude: 31.2404, longitude: 121.4737 },
    lark: { latitude: 31.2404, longitude: 121.4737 },
  };
  for (const type of ['dd', 'qywx', 'lark'] as const) {
    const res = spawnSync(
      process.execPath,
      [
        join(ROOT, 'miniprogram/scripts/mini-smoke.mjs'),
        type,
        '--api',
        `${appUrl}/api`,
        '--sandbox',
        sandboxUrl,
        '--employee',
        'E0020',
        '--page',
        'pages/attendance/list',
        '--expect',
        'map-link',
        '--tap',
        'map-link',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const output = `${res.stdout}\n${res.stderr}`;
    expect({ type, status: res.status, output }).toEqual(expect.objectContaining({ status: 0 }));
    const call = /openLocation (\{.*?\})(, |$)/m.exec(output);
    expect(call).not.toBeNull();
    expect(JSON.parse(call![1])).toEqual({ ...expected[type], name: '浦东某制造厂', address: '上海市黄浦区人民大道 200 号', scale: 16 });
  }
});
