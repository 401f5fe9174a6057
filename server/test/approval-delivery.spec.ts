import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '@hrlink/shared';
import { Employee } from '../src/modules/org/entities/employee.entity';
import { Harness } from './support/harness';
import { inbox, InboxItem, registerCallbacks } from './support/delivery';

// End to end with the approval engine: a demo employee applies, the approver's super-app gets the card, 同意 is
// pressed on the card (a real signed callback) or given in the app (DingTalk: OA notices have no buttons), the cards
// update and the applicant is told. Runs once the engine exists in this checkout.
const engine = existsSync(join(__dirname, '../src/modules/approvals/approvals.service.ts'));
const describeWithEngine = engine ? describe : describe.skip;

describeWithEngine('approvals delivered to the platforms', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ DISPATCHER_ENABLED: '1', DISPATCHER_INTERVAL_MS: '100' });
    await h.seed();
    const token = await h.adminLogin();
    await h.syncAll(token);
    await registerCallbacks(h, token);
  });
  afterAll(async () => h?.stop());

  async function login(platform: Platform, no: string): Promise<string> {
    const r = await h.platformLogin(platform, no);
    if (r.status !== 200) throw new Error(`login ${no} failed: ${r.text}`);
    return r.body.accessToken;
  }

  async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  async function noOf(employeeId: string): Promise<string> {
    return (await h.ds.getRepository(Employee).findOneByOrFail({ id: employeeId })).employeeNo!;
  }

  async function card(platform: Platform, no: string, title: string, pred: (i: InboxItem) => boolean): Promise<InboxItem> {
    return waitFor(`${platform} card for ${no}`, async () => (await inbox(h, platform, no)).find((i) => i.title.includes(title) && i.kind !== 'todo' && pred(i)));
  }

  for (const platform of ['wecom', 'feishu', 'dingtalk'] as Platform[]) {
    it(`${platform}: apply → card 待审批 → 同意 (${platform === 'dingtalk' ? 'in the app' : 'on the card'}) → approved, cards updated, applicant told`, async () => {
      const applicant = await login(platform, 'E0012');
      const title = `报销申请-${platform}`;
      const created = await h.api('POST', '/approvals/general', { token: applicant, body: { title, details: '出差打车费' } });
      expect(created.status).toBe(201);
      const instanceId = created.body.id;
      const seen: string[] = [];
      for (let step = 0; step < 6; step++) {
        const detail = (await h.api('GET', `/approvals/instances/${instanceId}`, { token: applicant })).body;
        if (detail.status !== 'pending') break;
        const approverNo = await noOf(detail.currentApprovers[0].id);
        seen.push(approverNo);
        const c = await card(platform, approverNo, title, (i) => i.statusText.includes('待审批'));
        expect(c.form.length).toBeGreaterThan(1);
        if (platform === 'dingtalk') {
          const t = await login(platform, approverNo);
          const r = await h.api('POST', `/approvals/instances/${instanceId}/actions`, { token: t, body: { action: 'approve' } });
          expect(r.status).toBeLessThan(300);
        } else {
          const press = await h.control<{ status: number; body: string }>('POST', `/inbox/${c.id}/press`, { text: '同意' });
          expect(press.status).toBe(200);
        }
        // this approver's card now reads 已同意, without buttons
        await waitFor('card update', async () => {
          const mine = (await inbox(h, platform, approverNo)).filter((i) => i.title.includes(title) && i.kind !== 'todo');
          return mine.some((i) => (i.statusText + i.content).includes('已同意') && i.buttons.length === 0);
        });
        await waitFor('the step to move', async () => {
          const d = (await h.api('GET', `/approvals/instances/${instanceId}`, { token: applicant })).body;
          return d.status !== 'pending' || (d.currentApprovers[0] && (await noOf(d.currentApprovers[0].id)) !== approverNo);
        });
      }
      const final = (await h.api('GET', `/approvals/instances/${instanceId}`, { token: applicant })).body;
      expect(final.status).toBe('approved');
      expect(seen.length).toBeGreaterThan(0);
      const told = await waitFor('result notice', async () => (await inbox(h, platform, 'E0012')).find((i) => i.title.includes(title)));
      expect(told.title + told.content).toContain('已同意');
    });
  }
});
