import type { Browser } from 'playwright-core';
import { launchBrowser, productUrls, screenshot } from './browser';

let browser: Browser;
const { appUrl } = productUrls();

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

it('HR logs into the admin and sees the organisation synced from the platforms', async () => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${appUrl}/admin/`);
  await page.fill('#username', 'hr');
  await page.fill('#password', 'hrlink2026');
  await page.click('button[type=submit]');

  await page.click('#menu-org');
  await page.waitForSelector('[data-testid=dept-tree]');
  await page.waitForSelector('[data-testid=employee-table] tbody tr.ant-table-row');
  const tree = await page.textContent('[data-testid=dept-tree]');
  expect(tree).toContain('人力资源部');
  const table = await page.textContent('[data-testid=employee-table]');
  expect(table).toMatch(/E00\d\d/);
  await screenshot(page, 'admin-org');

  await page.click('#menu-integrations');
  for (const platform of ['dingtalk', 'wecom', 'feishu']) {
    await page.waitForSelector(`[data-testid=binding-${platform}]`);
  }
  await page.waitForSelector('[data-testid=sync-runs]');
  expect(await page.textContent('[data-testid=binding-dingtalk]')).not.toContain('dingdemo-app-secret-0001');
  await screenshot(page, 'admin-integrations');
  await page.close();
});

it('a wrong password is refused with a message', async () => {
  const page = await browser.newPage();
  await page.goto(`${appUrl}/admin/`);
  await page.fill('#username', 'hr');
  await page.fill('#password', 'wrong-password');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=用户名或密码错误', { timeout: 15_000 });
  await page.close();
});
