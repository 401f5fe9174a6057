import { randomUUID } from 'node:crypto';
import { OutboxMessage } from '../src/modules/notifications/entities/outbox-message.entity';
import { Harness } from './support/harness';
import { emit, employeeByNo, inbox, instanceRef, PLATFORMS } from './support/delivery';

// Two server instances on one MySQL/MariaDB database, both dispatchers running: each outbox message is claimed by one
// of them (FOR UPDATE SKIP LOCKED + lease) and delivered once. SQLite is single-instance: MySQL only.
const describeOnMysql = process.env.DATABASE_URL ? describe : describe.skip;

describeOnMysql('delivery with two instances on one MySQL database', () => {
  let a: Harness;
  let b: Harness;
  const env = { DISPATCHER_ENABLED: '1', DISPATCHER_INTERVAL_MS: '50', DELIVERY_BATCH_SIZE: '3' };

  beforeAll(async () => {
    a = await Harness.start({ ...env, DISPATCHER_ENABLED: '0' });
    await a.seed();
    await a.syncAll(await a.adminLogin());
    await a.stop().catch(() => undefined); // restart with the dispatcher on, now that the org is there
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('each message is delivered once (sandbox inbox items = outbox rows)', async () => {
    // a was stopped with its sandbox: start both again on the same database and a fresh sandbox.
    a = await Harness.start({ ...env, ...a.dbEnv });
    b = await Harness.start({ ...env, ...a.dbEnv }, { sandbox: a.sandbox });
    await a.syncAll(await a.adminLogin()); // identities against the new sandbox (same ids)
    const approvers = ['E0003', 'E0004', 'E0005', 'E0006', 'E0007'];
    const title = `并发投递-${randomUUID().slice(0, 6)}`;
    for (const no of approvers) {
      const instance = await instanceRef(a, 'E0010', `${title}-${no}`);
      const approver = await employeeByNo(a, no);
      await emit(a, { type: 'tasks.activated', instance, tasks: [{ taskId: randomUUID(), approverId: approver.id, stepIndex: 0, status: 'pending' }] });
    }
    const repo = a.ds.getRepository(OutboxMessage);
    const until = Date.now() + 30_000;
    while ((await repo.count({ where: [{ status: 'pending' }, { status: 'sending' }] })) > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const rows = (await repo.find()).filter((r) => (r.payload as { card?: { title: string } }).card?.title.startsWith(title));
    expect(rows).toHaveLength(approvers.length * 3);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    let items = 0;
    for (const no of approvers) {
      for (const p of PLATFORMS) {
        const mine = (await inbox(a, p, no)).filter((i) => i.title.startsWith(title) && i.kind !== 'todo');
        expect({ no, p, n: mine.length }).toEqual({ no, p, n: 1 });
        items += mine.length;
      }
    }
    const byOwner = new Set(rows.map((r) => r.sentAt && r.id)).size;
    console.log(`two-instance delivery counts: ${JSON.stringify({ outboxRows: rows.length, sandboxInboxItems: items, attemptsTotal: rows.reduce((s, r) => s + r.attempts, 0), distinctSent: byOwner })}`);
    expect(items).toBe(rows.length);
  });
});
