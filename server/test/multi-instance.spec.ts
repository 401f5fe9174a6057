import type { Page, PlatformBindingView, SyncRunView } from '@hrlink/shared';
import { SyncService } from '../src/modules/integrations/sync.service';
import { Harness } from './support/harness';

// Two server instances on one MySQL/MariaDB database (the scale-out set-up): the binding lease lets only one of them
// run a binding's sync. SQLite is the single-instance set-up (one file, one writer), so this runs with DATABASE_URL only.
const describeOnMysql = process.env.DATABASE_URL ? describe : describe.skip;

describeOnMysql('two instances sharing one MySQL database', () => {
  let a: Harness;
  let b: Harness;
  let tokenA: string;
  let tokenB: string;
  let bindings: PlatformBindingView[];

  beforeAll(async () => {
    a = await Harness.start();
    b = await Harness.start(a.dbEnv, { sandbox: a.sandbox }); // same database; its start finds the migrations applied
    await a.seed();
    tokenA = await a.adminLogin();
    tokenB = await b.adminLogin();
    bindings = (await a.api<PlatformBindingView[]>('GET', '/integrations/bindings', { token: tokenA })).body;
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('"sync now" on both instances at once: one starts, the other answers SYNC_ALREADY_RUNNING', async () => {
    const id = bindings[0].id;
    const [ra, rb] = await Promise.all([
      a.api<SyncRunView>('POST', `/integrations/bindings/${id}/sync`, { token: tokenA }),
      b.api<SyncRunView>('POST', `/integrations/bindings/${id}/sync`, { token: tokenB }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([202, 409]);
    const started = ra.status === 202 ? ra.body : rb.body;
    const done = await b.waitRun(tokenB, started.id); // visible from the other instance
    expect(done).toMatchObject({ status: 'succeeded', employeesCreated: 40 });
  });

  it('a scheduled tick on both instances syncs each binding exactly once', async () => {
    const tenantId = (await a.api('POST', '/auth/admin-login', { body: { username: 'hr', password: 'hrlink2026' } })).body.user.tenantId;
    const { PlatformBinding } = await import('../src/modules/integrations/entities/platform-binding.entity');
    await a.ds.createQueryBuilder().update(PlatformBinding).set({ lastSyncAt: new Date(Date.now() - 3600_000) }).execute();
    const tick = () => ({ notSyncedSince: new Date(Date.now() - 10 * 60_000) }); // what SyncScheduler passes
    const [fromA, fromB] = await Promise.all([
      a.app.get(SyncService).syncTenant(tenantId, 'scheduled', tick()),
      b.app.get(SyncService).syncTenant(tenantId, 'scheduled', tick()),
    ]);
    expect([...fromA, ...fromB].map((r) => r.platform).sort()).toEqual(['dingtalk', 'feishu', 'wecom']);
    const runs = await a.api<Page<SyncRunView>>('GET', '/integrations/sync-runs?pageSize=100', { token: tokenA });
    expect(runs.body.items.filter((r) => r.trigger === 'scheduled').every((r) => r.status === 'succeeded')).toBe(true);
    expect(runs.body.total).toBe(4);
  });
});
