import type { Browser, Page } from 'playwright-core';
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


/** Reloads until the element's text contains `text` (or 15 s pass); returns the last text seen. */
async function waitForText(page: Page, selector: string, text: string): Promise<string> {
  let last = '';
  for (let i = 0; i < 15; i++) {
    await page.waitForSelector(selector);
    last = (await page.textContent(selector)) ?? '';
    if (last.includes(text)) return last;
    await page.waitForTimeout(1000);
    await page.reload();
  }
  return last;
}

it('a WeCom employee files a request in the H5 app; the manager approves on the card; the applicant sees 已同意', async () => {
  const applicant = people.find((p) => p.employeeNo === 'E0016')!;
  const manager = people.find((p) => p.employeeNo === applicant.managerEmployeeNo)!;
  expect(manager).toBeDefined();
  const title = `e2e 采购申请 ${Date.now()}`;

  // The applicant opens hrlink from the WeCom workbench and files a 通用审批.
  const phone = await phonePage(browser);
  await openPhone(phone, sandboxUrl, 'wecom', applicant.employeeNo);
  await phone.click('[data-testid=open-app]');
  await phone.waitForSelector('#home-greeting', { timeout: 30_000 });
  await phone.click('#tile-approval');
  await phone.click('#approvals-new');
  await phone.fill('#general-title input', title);
  await phone.fill('#general-details textarea', '购买一台显示器，用于设计评审');
  await phone.fill('#general-amount input', '1299.00');
  await phone.click('#general-submit');
  await phone.waitForSelector('#approval-status:visible');
  expect(await phone.textContent('#approval-status:visible')).toContain('审批中');
  const detailUrl = phone.url();

  // The manager's WeCom receives a button card and presses 同意 on it (a real signed, encrypted callback).
  const managerPhone = await phonePage(browser);
  await openPhone(managerPhone, sandboxUrl, 'wecom', manager.employeeNo);
  const card = managerPhone.locator('[data-testid=inbox-item]', { hasText: title });
  await card.locator('[data-testid=card-approve]').click({ timeout: 30_000 });
  await managerPhone.waitForSelector(`[data-testid=inbox-item][data-state=updated] >> text=${title}`, { timeout: 30_000 });
  expect(await card.locator('[data-testid=item-status]').textContent()).toContain('已同意');
  await screenshot(managerPhone, 'approvals-manager-card');

  // The applicant's page shows the decision.
  await phone.goto(detailUrl);
  await phone.reload();
  await phone.waitForSelector('#approval-status:visible');
  expect(await waitForText(phone, '#approval-status:visible', '已同意')).toContain('已同意');
  await screenshot(phone, 'approvals-applicant-approved');
  await phone.context().close();
  await managerPhone.context().close();
});
