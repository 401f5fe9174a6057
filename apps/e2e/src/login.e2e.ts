import type { Browser } from 'playwright-core';
import { demoPeople, launchBrowser, openPhone, phonePage, productUrls, screenshot, type SandboxPerson } from './browser';


let browser: Browser;
let people: SandboxPerson[];
const { appUrl, sandboxUrl } = productUrls();

beforeAll(async () => {
  browser = await launchBrowser();
  people = await demoPeople(sandboxUrl);
});

afterAll(async () => {
  await browser?.close();
});

// A staff member three levels down (has a manager), different per platform.
const cases = [
  { platform: 'dingtalk', employeeNo: 'E0010' },
  { platform: 'wecom', employeeNo: 'E0011' },
  { platform: 'feishu', employeeNo: 'E0012' },
] as const;

describe.each(cases)('log in from the $platform workbench', ({ platform, employeeNo }) => {
  it('goes through the auth code path and shows the profile', async () => {
    const person = people.find((p) => p.employeeNo === employeeNo)!;
    expect(person).toBeDefined();
    const manager = people.find((p) => p.employeeNo === person.managerEmployeeNo);

    const page = await phonePage(browser);
    await page.goto(`${sandboxUrl}/`);
    await page.click(`[data-testid=platform-${platform}]`);
    await page.click(`[data-testid=person-${employeeNo}]`);
    await page.click('[data-testid=open-app]');

    // The sandbox opens the H5 mini-program with a fresh, single-use auth code.
    await page.waitForURL((url) => url.href.startsWith(`${appUrl}/h5/`), { timeout: 30_000 });
    await page.waitForSelector('#home-greeting', { timeout: 30_000 });
    expect(await page.textContent('#home-greeting')).toContain(person.name);

    await page.goto(`${appUrl}/h5/#/pages/profile/index`);
    await page.waitForSelector('#profile-name');
    expect(await page.textContent('#profile-name')).toContain(person.name);
    expect(await page.textContent('#profile-department')).toContain(person.department);
    if (manager) expect(await page.textContent('#profile-manager')).toContain(manager.name);
    await screenshot(page, `profile-${platform}`);
    await page.context().close();
  });
});

it('a reused auth code shows a clear error instead of logging in', async () => {
  const res = await fetch(`${sandboxUrl}/__sandbox/api/auth-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ platform: 'dingtalk', employeeNo: 'E0010' }),
  });
  const { launchUrl } = (await res.json()) as { launchUrl: string };
  const page = await phonePage(browser);
  await page.goto(launchUrl);
  await page.waitForSelector('#home-greeting', { timeout: 30_000 });

  const second = await phonePage(browser);
  await second.goto(launchUrl);
  await second.waitForSelector('#login-error', { timeout: 30_000 });
  expect(await second.textContent('#login-error')).toMatch(/授权码|过期|已被使用/);
  await page.context().close();
  await second.context().close();
});
