import type { Platform } from '@hrlink/shared';
import { Employee } from '../src/modules/org/entities/employee.entity';
import { Harness } from './support/harness';
import { inbox, InboxItem, registerCallbacks } from './support/delivery';

// End to end with the approval engine: a demo employee applies, the approver's super-app gets the card, 同意 is
// pressed on the card (a real signed callback) or given in the app (DingTalk: OA notices have no buttons), the cards
// update and the applicant is told.
describe('approvals delivered to the platforms', () => {
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

  async function apply(platform: Platform, applicantNo: string, title: string) {
    const token = await login(platform, applicantNo);
    const created = await h.api('POST', '/approvals/general', { token, body: { title, details: '测试详情' } });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const approverId: string = created.body.currentApprovers[0].id;
    const approverNo = await noOf(approverId);
    return { token, id, approverId, approverNo };
  }
  const detail = async (token: string, id: string) => (await h.api('GET', `/approvals/instances/${id}`, { token })).body;
  const cardsOf = async (platform: Platform, no: string, title: string) =>
    (await inbox(h, platform, no)).filter((i) => i.title.includes(title) && i.kind !== 'todo');
  const reads = (i: InboxItem, text: string) => (i.statusText + i.content).includes(text);

  it('wecom: 拒绝 on the card → rejected with the fixed card reason, card 已拒绝, applicant told 已拒绝', async () => {
    const title = '采购申请-拒绝';
    const a = await apply('wecom', 'E0013', title);
    const c = await card('wecom', a.approverNo, title, (i) => i.buttons.length > 0);
    const press = await h.control<{ status: number }>('POST', `/inbox/${c.id}/press`, { text: '拒绝' });
    expect(press.status).toBe(200);
    const d = await waitFor('rejected', async () => { const x = await detail(a.token, a.id); return x.status === 'rejected' && x; });
    const rej = d.timeline.find((t: { action: string }) => t.action === 'reject');
    expect(rej).toMatchObject({ comment: '通过卡片拒绝', via: 'card', platform: 'wecom' });
    await waitFor('card 已拒绝', async () => (await cardsOf('wecom', a.approverNo, title)).some((i) => reads(i, '已拒绝') && i.buttons.length === 0));
    const told = await waitFor('notice', async () => (await cardsOf('wecom', 'E0013', title))[0]);
    expect(told.title + told.content).toContain('已拒绝');
  });

  it('feishu: withdraw → the approver card reads 已撤回 without buttons; the applicant is told', async () => {
    const title = '出差申请-撤回';
    const a = await apply('feishu', 'E0014', title);
    await card('feishu', a.approverNo, title, (i) => i.buttons.length > 0);
    const w = await h.api('POST', `/approvals/instances/${a.id}/withdraw`, { token: a.token });
    expect(w.status).toBeLessThan(300);
    await waitFor('card 已撤回', async () => (await cardsOf('feishu', a.approverNo, title)).some((i) => reads(i, '已撤回') && i.buttons.length === 0));
    const told = await waitFor('notice', async () => (await cardsOf('feishu', 'E0014', title))[0]);
    expect(told.title + told.content).toContain('已撤回');
  });

  it('feishu: transfer → old card 已转交, the new approver gets a card 待审批', async () => {
    const title = '用章申请-转交';
    const a = await apply('feishu', 'E0015', title);
    await card('feishu', a.approverNo, title, (i) => i.buttons.length > 0);
    const to = await h.ds.getRepository(Employee).findOneByOrFail({ employeeNo: a.approverNo === 'E0004' ? 'E0005' : 'E0004' });
    const t = await login('feishu', a.approverNo);
    const r = await h.api('POST', `/approvals/instances/${a.id}/actions`, { token: t, body: { action: 'transfer', transferToEmployeeId: to.id, comment: '请你处理' } });
    expect(r.status).toBeLessThan(300);
    await waitFor('old card 已转交', async () => (await cardsOf('feishu', a.approverNo, title)).some((i) => reads(i, '已转交') && i.buttons.length === 0));
    const fresh = await card('feishu', to.employeeNo!, title, (i) => i.statusText.includes('待审批') && i.buttons.length > 0);
    expect(fresh).toBeTruthy();
  });

  it('dingtalk with to-dos: notice + to-do; a reminder notice; approval in the app → status bar 已同意 and the to-do done', async () => {
    const admin = await h.adminLogin();
    const bindings = (await h.api('GET', '/integrations/bindings', { token: admin })).body as { id: string; platform: string }[];
    const dd = bindings.find((b) => b.platform === 'dingtalk')!;
    expect((await h.api('PATCH', `/integrations/bindings/${dd.id}`, { token: admin, body: { todoEnabled: true } })).status).toBe(200);
    const title = '培训申请-待办';
    const a = await apply('dingtalk', 'E0016', title);
    await card('dingtalk', a.approverNo, title, (i) => i.statusText.includes('待审批'));
    const todo = await waitFor('to-do', async () => (await inbox(h, 'dingtalk', a.approverNo)).find((i) => i.kind === 'todo' && i.title.includes(title)));
    expect(todo.state).toBe('open');

    const { ApprovalsService } = await import('../src/modules/approvals/approvals.service');
    const { ApprovalTask } = await import('../src/modules/approvals/entities/approval-task.entity');
    // the task has waited past its reminder time (the route's hours)
    await h.ds.getRepository(ApprovalTask).update({ instanceId: a.id, status: 'pending' }, { remindAt: new Date(Date.now() - 1000), remindedAt: null });
    expect(await h.app.get(ApprovalsService).sendDueReminders(new Date())).toBeGreaterThan(0);
    const reminder = await waitFor('reminder', async () => (await inbox(h, 'dingtalk', a.approverNo)).find((i) => i.title.includes('审批提醒') && i.title.includes(title)));
    expect(reminder.link).toContain(a.id);

    const t = await login('dingtalk', a.approverNo);
    expect((await h.api('POST', `/approvals/instances/${a.id}/actions`, { token: t, body: { action: 'approve' } })).status).toBeLessThan(300);
    await waitFor('status bar 已同意', async () => (await cardsOf('dingtalk', a.approverNo, title)).some((i) => i.kind === 'oa' && reads(i, '已同意')));
    await waitFor('to-do done', async () => (await inbox(h, 'dingtalk', a.approverNo)).find((i) => i.kind === 'todo' && i.title.includes(title) && i.state === 'done'));
    await h.api('PATCH', `/integrations/bindings/${dd.id}`, { token: admin, body: { todoEnabled: false } });
  });

  it('forged card presses are refused and change nothing; a replayed genuine press is acknowledged and applied once', async () => {
    const title = '付款申请-安全';
    const a = await apply('wecom', 'E0017', title);
    const c = await card('wecom', a.approverNo, title, (i) => i.buttons.length > 0);
    for (const kind of ['wrong_key', 'tampered', 'stale', 'bad_signature']) {
      const r = await h.control<{ status: number }>('POST', '/callbacks/forge', { corp: 'demo', platform: 'wecom', kind, itemId: c.id });
      expect({ kind, status: r.status }).toEqual({ kind, status: 401 });
    }
    const still = await detail(a.token, a.id);
    expect(still.status).toBe('pending');
    expect(still.timeline.filter((t: { action: string }) => t.action === 'approve')).toHaveLength(0);

    expect((await h.control<{ status: number }>('POST', `/inbox/${c.id}/press`, { text: '同意' })).status).toBe(200);
    await waitFor('approved step', async () => (await detail(a.token, a.id)).timeline.some((t: { action: string }) => t.action === 'approve'));
    const replay = await h.control<{ status: number }>('POST', '/callbacks/forge', { corp: 'demo', platform: 'wecom', kind: 'replay' });
    expect(replay.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const after = await detail(a.token, a.id);
    expect(after.timeline.filter((t: { action: string; via: string }) => t.action === 'approve' && t.via === 'card')).toHaveLength(1);
  });

  it('feishu: 同意 on a card whose task was already decided → 200 with an error toast, nothing changes', async () => {
    const { Dispatcher } = await import('../src/modules/notifications/dispatcher.service');
    const title = '借款申请-过期卡片';
    const a = await apply('feishu', 'E0018', title);
    const c = await card('feishu', a.approverNo, title, (i) => i.buttons.length > 0);
    const d = h.app.get(Dispatcher);
    await d.stop(); // the card update is not delivered yet: the card still has its buttons
    try {
      const t = await login('feishu', a.approverNo);
      expect((await h.api('POST', `/approvals/instances/${a.id}/actions`, { token: t, body: { action: 'reject', comment: '预算不足' } })).status).toBeLessThan(300);
      const press = await h.control<{ status: number; body: string }>('POST', `/inbox/${c.id}/press`, { text: '同意' });
      expect(press.status).toBe(200);
      expect(JSON.stringify(press.body)).toContain('error');
      const x = await detail(a.token, a.id);
      expect(x.status).toBe('rejected');
      expect(x.timeline.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(0);
    } finally {
      d.start();
    }
    await waitFor('card 已拒绝', async () => (await cardsOf('feishu', a.approverNo, title)).some((i) => reads(i, '已拒绝')));
  });
});
