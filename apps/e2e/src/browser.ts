import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface ProductUrls {
  appUrl: string;
  sandboxUrl: string;
}

export function productUrls(): ProductUrls {
  return JSON.parse(readFileSync(join(tmpdir(), 'hrlink-e2e-state.json'), 'utf8')) as ProductUrls;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

export interface SandboxPerson {
  employeeNo: string;
  name: string;
  department: string;
  managerEmployeeNo?: string | null;
}

/** The demo corp's people as the sandbox has them (independent of what the server synced). */
export async function demoPeople(sandboxUrl: string): Promise<SandboxPerson[]> {
  const corps = (await (await fetch(`${sandboxUrl}/__sandbox/api/corps`)).json()) as { key: string; people: SandboxPerson[] }[];
  return corps.find((c) => c.key === 'demo')!.people;
}

/** The sandbox phone as `employeeNo` on `platform`: the person's workbench with their inbox. */
export async function openPhone(page: Page, sandboxUrl: string, platform: string, employeeNo: string): Promise<void> {
  await page.goto(`${sandboxUrl}/`);
  await page.click(`[data-testid=platform-${platform}]`);
  await page.click(`[data-testid=person-${employeeNo}]`);
  await page.waitForSelector('[data-testid=inbox]');
}
