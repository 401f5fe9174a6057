import { randomUUID } from 'node:crypto';
import type { DeliveryView, Page, Platform } from '@hrlink/shared';
import { Dispatcher } from '../src/modules/notifications/dispatcher.service';
import { OutboxMessage } from '../src/modules/notifications/entities/outbox-message.entity';
import { CallbackEvent } from '../src/modules/callbacks/entities/callback-event.entity';
import { Employee } from '../src/modules/org/entities/employee.entity';
import { Harness } from './support/harness';
import { dispatchUntilIdle, emit, employeeByNo, inbox, instanceRef, PLATFORMS, registerCallbacks } from './support/delivery';

// Outbox → dispatcher → the sandbox inboxes, card updates via a WeCom click's response code, crash between "sent" and
// "recorded", a failing platform (retries, parked, admin retry), and callback security. Events are emitted through the
// outbox listener directly (the approval engine's emit path), the dispatcher is driven round by round.
describe('delivery: outbox, dispatcher, callbacks', () => {
  let h: Harness;
  let token: string;
  let bindings: Record<Platform, { id: string }>;
  const counts: Record<string, unknown> = {};

  beforeAll(async () => {
    h = await Harness.start({
      DISPATCHER_ENABLED: '0', DELIVERY_LEASE_MS: '1000', DELIVERY_BACKOFF_BASE_MS: '20', DELIVERY_BACKOFF_MAX_MS: '80', DELIVERY_MAX_ATTEMPTS: '3',
      CALLBACK_RETRY_INTERVAL_MS: '200', CALLBACK_RETRY_BASE_MS: '500',
    });
    await h.seed();
    token = await h.adminLogin();
    await h.syncAll(token);
    bindings = await registerCallbacks(h, token);
  });
  afterAll(async () => {
    if (Object.keys(counts).length) console.log(`delivery counts: ${JSON.stringify(counts)}`);
    await h?.stop();
  });

  async function activate(title: string, approverNo = 'E0003', applicantNo = 'E0010') {
    const instance = await instanceRef(h, applicantNo, title);
    const approver = await employeeByNo(h, approverNo);
    const task = { taskId: randomUUID(), approverId: approver.id, stepIndex: 0, status: 'pending' as const };
    await emit(h, { type: 'tasks.activated', instance, tasks: [task] });
    return { instance, task };
  }

  it('tasks.activated: one card per platform identity of the approver, with form rows, 待审批 and buttons', async () => {
    const { task } = await activate('测试申请一');
    const rows = await h.ds.getRepository(OutboxMessage).findBy({ taskId: task.taskId });
    expect(rows.map((r) => r.platform).sort()).toEqual(['dingtalk', 'feishu', 'wecom']);
    expect(rows.every((r) => r.status === 'pending' && r.kind === 'card.send')).toBe(true);
    await dispatchUntilIdle(h);
    for (const p of PLATFORMS) {
      const items = (await inbox(h, p, 'E0003')).filter((i) => i.title.includes('测试申请一') && i.kind !== 'todo');
      expect(items).toHaveLength(1);
      expect(items[0].statusText).toContain('待审批');
      expect(JSON.stringify(items[0].form)).toContain('申请人');
      if (p !== 'dingtalk') expect(items[0].buttons.map((b) => b.text).join()).toMatch(/同意.*拒绝/);
    }
    const sent = await h.ds.getRepository(OutboxMessage).findBy({ taskId: task.taskId });
    expect(sent.every((r) => r.status === 'sent' && r.attempts === 1 && r.platformRef?.messageId)).toBe(true);
  });

  it('WeCom click stores the fresh response code; tasks.closed updates every card (buttons gone, 已同意) and the applicant is told', async () => {
    const { instance, task } = await activate('测试申请二');
    await dispatchUntilIdle(h);
    const card = (await inbox(h, 'wecom', 'E0003')).find((i) => i.title.includes('测试申请二'))!;
    const press = await h.control<{ status: number }>('POST', `/inbox/${card.id}/press`, { text: '同意' });
    expect(press.status).toBe(200); // answered in time; without the engine the toast reports it unavailable
    const send = await h.ds.getRepository(OutboxMessage).findOneByOrFail({ taskId: task.taskId, platform: 'wecom', kind: 'card.send' });
    const ev = await h.ds.getRepository(CallbackEvent).findOneByOrFail({ bindingId: bindings.wecom.id, eventType: 'card_action' });
    expect(ev).toBeTruthy();
    expect(send.platformRef?.responseCode).toBeTruthy();

    await emit(h, { type: 'tasks.closed', instance, tasks: [{ ...task, status: 'approved' }], actorId: task.approverId });
    await emit(h, { type: 'instance.finished', instance, status: 'approved', actorId: task.approverId, comment: null });
    await dispatchUntilIdle(h);
    for (const p of PLATFORMS) {
      const items = (await inbox(h, p, 'E0003')).filter((i) => i.title.includes('测试申请二') && i.kind !== 'todo');
      expect(items.length).toBeGreaterThanOrEqual(1);
      expect(items.some((i) => (i.statusText + i.content).includes('已同意'))).toBe(true);
      expect(items.every((i) => i.buttons.length === 0)).toBe(true);
      const applicant = (await inbox(h, p, 'E0010')).filter((i) => i.title.includes('测试申请二'));
      expect(applicant).toHaveLength(1);
      expect(applicant[0].title + applicant[0].content).toContain('已同意');
    }
  });

  it('withdraw: cancelled tasks read 已撤回', async () => {
    const { instance, task } = await activate('测试申请三');
    await dispatchUntilIdle(h);
    await emit(h, { type: 'tasks.closed', instance, tasks: [{ ...task, status: 'cancelled' }], actorId: instance.applicantId });
    await emit(h, { type: 'instance.finished', instance, status: 'withdrawn', actorId: instance.applicantId, comment: null });
    await dispatchUntilIdle(h);
    const fs = (await inbox(h, 'feishu', 'E0003')).find((i) => i.title.includes('测试申请三'))!;
    expect(fs.statusText + fs.content).toContain('已撤回');
  });

  it('crash between "sent" and "recorded": the re-send after the lease lapses leaves exactly one card per platform, and its update reaches that card', async () => {
    const { instance, task } = await activate('测试申请四');
    const d = h.app.get(Dispatcher);
    const claimed = await d.claim();
    const mine = claimed.filter((r) => r.taskId === task.taskId);
    expect(mine).toHaveLength(3);
    const first: Record<string, string> = {};
    for (const row of mine) first[row.platform] = (await d.send(row)).ref.messageId; // delivered… and the process "dies" before recording
    await new Promise((r) => setTimeout(r, 1100)); // the lease (1 s) lapses
    await dispatchUntilIdle(h);
    const rows = await h.ds.getRepository(OutboxMessage).findBy({ taskId: task.taskId });
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
    // DingTalk answered the resend with a NEW task_id and dropped it (143106 same content): the first one is kept.
    expect(rows.find((r) => r.platform === 'dingtalk')!.platformRef!.messageId).toBe(first.dingtalk);
    const perPlatform: Record<string, number> = {};
    for (const p of PLATFORMS) {
      perPlatform[p] = (await inbox(h, p, 'E0003')).filter((i) => i.title.includes('测试申请四') && i.kind !== 'todo').length;
    }
    counts.crashResend = { sendsPerPlatform: 2, cardsInInbox: perPlatform };
    expect(perPlatform).toEqual({ dingtalk: 1, wecom: 1, feishu: 1 });

    // …and the decision reaches the card the approver actually has.
    await emit(h, { type: 'tasks.closed', instance, tasks: [{ ...task, status: 'approved' }], actorId: task.approverId });
    await dispatchUntilIdle(h);
    const updates = await h.ds.getRepository(OutboxMessage).findBy({ taskId: task.taskId, kind: 'card.update' });
    expect(updates.map((u) => u.status)).toEqual(['sent', 'sent', 'sent']);
    for (const p of PLATFORMS) {
      const items = (await inbox(h, p, 'E0003')).filter((i) => i.title.includes('测试申请四') && i.kind !== 'todo');
      expect({ p, shows: items.some((i) => (i.statusText + i.content).includes('已同意')) }).toEqual({ p, shows: true });
    }
    const dd = (await inbox(h, 'dingtalk', 'E0003')).filter((i) => i.title.includes('测试申请四') && i.kind !== 'todo');
    expect(dd).toHaveLength(1);
    expect(dd[0].statusText).toBe('已同意');
  });

  it('DingTalk: a notice the platform accepts but does not deliver (daily limit, 143105) is failed with that reason, not "sent"', async () => {
    // E0030 already got 500 notices today (sent straight to the platform).
    const base = h.sandbox.url;
    const tok = (await (await fetch(`${base}/gettoken?appkey=dingdemoappkey0001&appsecret=dingdemo-app-secret-0001`)).json()) as { access_token: string };
    for (let i = 0; i < 500; i++) {
      const r = (await (await fetch(`${base}/topapi/message/corpconversation/asyncsend_v2?access_token=${tok.access_token}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agent_id: 3000000001, userid_list: 'dd_E0030', msg: { msgtype: 'text', text: { content: `填满 ${i}` } } }),
      })).json()) as { errcode: number };
      expect(r.errcode).toBe(0);
    }
    const { task } = await activate('超限测试', 'E0030');
    await dispatchUntilIdle(h);
    const rows = await h.ds.getRepository(OutboxMessage).findBy({ taskId: task.taskId });
    const dd = rows.find((r) => r.platform === 'dingtalk')!;
    expect(dd).toMatchObject({ status: 'failed', attempts: 1 });
    expect(dd.lastError).toMatch(/did not deliver.*daily limit.*143105/);
    expect(rows.filter((r) => r.platform !== 'dingtalk').every((r) => r.status === 'sent')).toBe(true);
    expect((await inbox(h, 'dingtalk', 'E0030')).filter((i) => i.title.includes('超限测试'))).toHaveLength(0);
  });

  it('a failing platform: retries with backoff, parked as failed after N attempts, admin retry delivers it', async () => {
    await h.control('PUT', '/faults', { platform: 'feishu', mode: 'error500' });
    const { task } = await activate('测试申请五');
    const repo = h.ds.getRepository(OutboxMessage);
    for (let i = 0; i < 30; i++) {
      await h.app.get(Dispatcher).dispatchOnce();
      const row = await repo.findOneByOrFail({ taskId: task.taskId, platform: 'feishu' });
      if (row.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 60));
    }
    const failed = await repo.findOneByOrFail({ taskId: task.taskId, platform: 'feishu' });
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed.lastError).toMatch(/unreachable|500/i);
    const list = await h.api<Page<DeliveryView>>('GET', '/admin/deliveries?status=failed&platform=feishu', { token });
    expect(list.status).toBe(200);
    const view = list.body.items.find((x) => x.id === failed.id)!;
    expect(view).toMatchObject({ status: 'failed', attempts: 3, kind: 'card.send', recipient: { name: expect.any(String) } });

    await h.control('PUT', '/faults', { platform: 'feishu', mode: 'none' });
    const retry = await h.api<DeliveryView>('POST', `/admin/deliveries/${failed.id}/retry`, { token });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: 'pending', attempts: 0 });
    await dispatchUntilIdle(h);
    expect(await repo.findOneByOrFail({ id: failed.id })).toMatchObject({ status: 'sent', attempts: 1 });
    expect((await inbox(h, 'feishu', 'E0003')).filter((i) => i.title.includes('测试申请五'))).toHaveLength(1);
    const again = await h.api('POST', `/admin/deliveries/${failed.id}/retry`, { token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DELIVERY_NOT_RETRYABLE');
    counts.failingPlatform = { attemptsBeforeParked: 3, deliveredAfterRetry: 1 };
  });

  it('admin deliveries: filters, paging, newest first, hr only', async () => {
    const all = await h.api<Page<DeliveryView>>('GET', '/admin/deliveries?pageSize=5', { token });
    expect(all.body.items).toHaveLength(5);
    const times = all.body.items.map((x) => x.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const wecom = await h.api<Page<DeliveryView>>('GET', '/admin/deliveries?platform=wecom&pageSize=100', { token });
    expect(wecom.body.items.every((x) => x.platform === 'wecom')).toBe(true);
    expect((await h.api('GET', '/admin/deliveries?status=bogus', { token })).status).toBe(400);
    expect((await h.api('GET', '/admin/deliveries')).status).toBe(401);
  });

  type Forged = { status: number; body: string };
  const forge = (platform: Platform, kind: string) => h.control<Forged>('POST', '/callbacks/forge', { corp: 'demo', platform, kind });

  it('callbacks: unknown binding 404; forged / tampered / stale / wrong-key refused with 401 and change nothing', async () => {
    const unknown = await h.api('POST', `/callbacks/wecom/${randomUUID()}`, { raw: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('CALLBACK_UNKNOWN_BINDING');
    const before = await h.ds.getRepository(CallbackEvent).count();
    for (const p of PLATFORMS) {
      for (const kind of ['bad_signature', 'wrong_key', 'tampered', 'stale']) {
        const r = await forge(p, kind);
        expect({ p, kind, status: r.status }).toEqual({ p, kind, status: 401 });
        // A generic answer: which check failed is logged, never told to the caller.
        expect(JSON.parse(String(r.body))).toEqual({ code: 'CALLBACK_REJECTED', message: '回调验签或解密失败' });
      }
    }
    expect(await h.ds.getRepository(CallbackEvent).count()).toBe(before);
  });

  it('a callback body over the 1 MiB limit → 413 PAYLOAD_TOO_LARGE in our error shape (XML / text and JSON)', async () => {
    const big = 'x'.repeat(1024 * 1024 + 10);
    for (const [type, body] of [['text/xml', `<xml><Encrypt><![CDATA[${big}]]></Encrypt></xml>`], ['application/json', JSON.stringify({ encrypt: big })]]) {
      const res = await fetch(`${h.url}/api/callbacks/wecom/${bindings.wecom.id}?msg_signature=a&timestamp=1&nonce=n`, { method: 'POST', headers: { 'content-type': type }, body });
      expect({ type, status: res.status }).toEqual({ type, status: 413 });
      expect(await res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    }
    // Chunked (no content-length): counted while reading.
    const { request } = await import('node:http');
    const u = new URL(`${h.url}/api/callbacks/wecom/${bindings.wecom.id}`);
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'text/xml', 'transfer-encoding': 'chunked' } }, (res) => {
        let b = '';
        res.on('data', (c) => (b += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('y'.repeat(64 * 1024));
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('contact change → incremental org update; its replay is acknowledged and applied once', async () => {
    await h.control('PATCH', '/people/E0012', { corp: 'demo', title: '资深工程师X' });
    const until = Date.now() + 10_000;
    let e = await employeeByNo(h, 'E0012');
    while (e.title !== '资深工程师X' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      e = await employeeByNo(h, 'E0012');
    }
    expect(e.title).toBe('资深工程师X');
    await new Promise((r) => setTimeout(r, 500)); // the other platforms' events arrive too
    const before = await h.ds.getRepository(CallbackEvent).count();
    const replays: number[] = [];
    for (const p of PLATFORMS) {
      const r = await h.control<{ status: number }>('POST', '/callbacks/forge', { corp: 'demo', platform: p, kind: 'replay' });
      replays.push(r.status);
    }
    expect(replays).toEqual([200, 200, 200]);
    expect(await h.ds.getRepository(CallbackEvent).count()).toBe(before);
    counts.replay = { replaysAcknowledged: 3, applied: 0 };
  });

  it('contact events: a person added is created and linked on every platform; a person who left is deactivated and unlinked', async () => {
    const { EmployeeIdentity } = await import('../src/modules/org/entities/employee-identity.entity');
    await h.control('POST', '/people', { corp: 'demo', employeeNo: 'E0901', name: '新同事', title: '工程师', departmentName: '后端组', managerEmployeeNo: 'E0007' });
    const until = Date.now() + 10_000;
    let links = 0;
    let e: InstanceType<typeof Employee> | null = null;
    while (Date.now() < until) {
      e = await h.ds.getRepository(Employee).findOneBy({ employeeNo: 'E0901' });
      links = e ? await h.ds.getRepository(EmployeeIdentity).countBy({ employeeId: e.id }) : 0;
      if (links === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(e).toMatchObject({ name: '新同事', status: 'active' });
    expect(links).toBe(3);
    const manager = await employeeByNo(h, 'E0007');
    expect(e!.managerId).toBe(manager.id);

    await h.control('DELETE', '/people/E0901?corp=demo');
    const until2 = Date.now() + 10_000;
    while (Date.now() < until2) {
      e = await h.ds.getRepository(Employee).findOneBy({ employeeNo: 'E0901' });
      links = await h.ds.getRepository(EmployeeIdentity).countBy({ employeeId: e!.id });
      if (e!.status === 'left' && links === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(e!.status).toBe('left');
    expect(links).toBe(0);
  });

  it('a contact event whose application failed (platform erroring) is retried with backoff and applied once the platform is back', async () => {
    await h.control('PUT', '/faults', { platform: 'dingtalk', mode: 'error500', times: 20 });
    await h.control('POST', '/people', { corp: 'demo', employeeNo: 'E0902', name: '重试同事', title: '工程师', departmentName: '后端组', managerEmployeeNo: 'E0007' });
    const repo = h.ds.getRepository(CallbackEvent);
    let ev: CallbackEvent | null = null;
    for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
      ev = await repo.findOne({ where: { bindingId: bindings.dingtalk.id, eventType: 'contact_user' }, order: { createdAt: 'DESC' } });
      if (ev && ev.status === 'retrying') break;
    }
    expect(ev).toMatchObject({ status: 'retrying', attempts: expect.any(Number) });
    expect(JSON.parse(ev!.payload!)).toEqual({ userIds: [expect.stringMatching(/E0902/)] });
    expect(await h.ds.getRepository(Employee).findOneBy({ employeeNo: 'E0902' })).toBeNull();

    await h.control('PUT', '/faults', { platform: 'dingtalk', mode: 'none' });
    let login = await h.platformLogin('dingtalk', 'E0902');
    for (const until = Date.now() + 20_000; login.status !== 200 && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
      login = await h.platformLogin('dingtalk', 'E0902');
    }
    expect(login.status).toBe(200);
    // The retry commits the employee (so the log-in works) just before it marks the event applied: wait for that.
    let after = await repo.findOneByOrFail({ id: ev!.id });
    for (const until = Date.now() + 10_000; after.status !== 'applied' && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 100));
      after = await repo.findOneByOrFail({ id: ev!.id });
    }
    expect(after).toMatchObject({ status: 'applied', payload: null });
    expect(after.attempts).toBeGreaterThanOrEqual(2);
    counts.contactRetry = { applicationsUntilApplied: after.attempts };
  });

  it("the platform's rate limit: answers over the limit are retried (connector backoff, then dispatcher backoff) until every card is delivered once", async () => {
    await h.control('POST', '/stats/reset');
    await h.control('PUT', '/limits', { platform: 'wecom', rps: 3 });
    try {
      const tasks: string[] = [];
      for (let i = 0; i < 8; i++) tasks.push((await activate(`限流测试-${i}`)).task.taskId);
      await dispatchUntilIdle(h, 200);
      const rows = await h.ds.getRepository(OutboxMessage).find({ where: tasks.map((taskId) => ({ taskId, platform: 'wecom' as const })) });
      expect(rows.every((r) => r.status === 'sent')).toBe(true);
      const cards = (await inbox(h, 'wecom', 'E0003')).filter((i) => i.title.startsWith('限流测试-'));
      expect(cards).toHaveLength(8);
      const stats = await h.control<{ rateLimited: number }>('GET', '/stats');
      counts.rateLimit = { wecomRps: 3, cards: 8, delivered: cards.length, rateLimitedAnswers: stats.rateLimited, dispatcherAttempts: rows.reduce((n, r) => n + r.attempts, 0) };
    } finally {
      await h.control('PUT', '/limits', { platform: 'wecom', rps: null });
    }
  });
});
