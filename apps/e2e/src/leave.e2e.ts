import type { Browser, Page } from 'playwright-core';
import { demoPeople, launchBrowser, openPhone, phonePage, productUrls, screenshot, type SandboxPerson } from './browser';


let browser: Browser;
let people: SandboxPerson[];
const { sandboxUrl } = productUrls();

beforeAll(async () => {
  browser = await launchBrowser();
  people = await demoPeople(sandboxUrl);
});

afterAll(async () => {
  await browser?.close();
});


async function annualAvailable(page: Page): Promise<number> {
  const text = await page.textContent('.balance-row[data-code=annual]:visible .balance-available');
  return Number(text);
}

it('an employee applies for annual leave in the H5 app; the manager approves on the card; the balance drops', async () => {
  const applicant = people.find((p) => p.employeeNo === 'E0018')!;
  const manager = people.find((p) => p.employeeNo === applicant.managerEmployeeNo)!;

  // Applicant opens hrlink from WeCom and looks at 我的假期 (annual leave was granted on hire by the org sync).
  const phone = await phonePage(browser);
  await openPhone(phone, sandboxUrl, 'wecom', applicant.employeeNo);
  await phone.click('[data-testid=open-app]');
  await phone.waitForSelector('#home-greeting', { timeout: 30_000 });
  const appBase = phone.url().split('#')[0];
  await phone.goto(`${appBase}#/pages/leave/balances`);
  await phone.waitForSelector('.balance-row[data-code=annual]:visible');
  const before = await annualAvailable(phone);
  expect(before).toBeGreaterThanOrEqual(1);

  // 请假: annual leave, one full workday (Tuesday 2026-12-15); the preview counts it before submitting.
  await phone.goto(`${appBase}#/pages/leave/apply`);
  await phone.click('.leave-type-option[data-code=annual]:visible');
  await phone.fill('#leave-start-date:visible input', '2026-12-15');
  await phone.click('#leave-start-half:visible [data-value=am]');
  await phone.fill('#leave-end-date:visible input', '2026-12-15');
  await phone.click('#leave-end-half:visible [data-value=pm]');
  await phone.fill('#leave-reason:visible textarea', '家中有事，请假一天');
  await phone.waitForSelector('#leave-preview[data-loading="0"]:visible');
  expect(await phone.textContent('#leave-preview-amount:visible')).toContain('1');
  expect(await phone.textContent('#leave-preview-balance-after:visible')).toContain(String(before - 1));
  await phone.click('#leave-submit:visible');
  await phone.waitForSelector('#leave-request-status:visible', { timeout: 30_000 });
  expect(await phone.textContent('#leave-request-status:visible')).toContain('审批中');
  await screenshot(phone, 'leave-submitted');

  // The manager approves on the WeCom card (a real signed callback).
  const managerPhone = await phonePage(browser);
  await openPhone(managerPhone, sandboxUrl, 'wecom', manager.employeeNo);
  const card = managerPhone.locator('[data-testid=inbox-item]', { hasText: applicant.name }).filter({ hasText: '请假' }).first();
  await card.locator('[data-testid=card-approve]').click({ timeout: 30_000 });
  await managerPhone.waitForSelector(`[data-testid=inbox-item][data-state=updated]`, { timeout: 30_000 });

  // The employee sees the new balance.
  let after = before;
  for (let i = 0; i < 15 && after !== before - 1; i++) {
    await phone.goto(`${appBase}#/pages/leave/balances`);
    await phone.reload();
    await phone.waitForSelector('.balance-row[data-code=annual]:visible');
    after = await annualAvailable(phone);
    if (after !== before - 1) await phone.waitForTimeout(1000);
  }
  expect(after).toBe(before - 1);
  await screenshot(phone, 'leave-balance-after');
  await phone.context().close();
  await managerPhone.context().close();
});
