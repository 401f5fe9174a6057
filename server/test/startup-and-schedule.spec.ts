import type { Page, SyncRunView, TenantSettingsView } from '@hrlink/shared';
import { SyncService } from '../src/modules/integrations/sync.service';
import { Harness } from './support/harness';

// DEMO_SEED=1 + start-up sync + the per-tenant cron, as `pnpm start` runs them.
describe('demo seed, start-up sync and scheduled sync', () => {
  let h: Harness;
  let token: string;

  const runs = async () => (await h.api<Page<SyncRunView>>('GET', '/integrations/sync-runs?pageSize=100', { token })).body.items;
  const until = async <T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await what();
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    h = await Harness.start({ DEMO_SEED: '1', SYNC_ON_STARTUP: '1', SYNC_SCHEDULE_ENABLED: '1' });
    token = await h.adminLogin();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('seeds the demo tenant and syncs all three bindings at start-up, org source first', async () => {
    await h.app.get(SyncService).idle();
    const list = await runs();
    expect(list.map((r) => [r.platform, r.trigger, r.status]).reverse()).toEqual([
      ['dingtalk', 'startup', 'succeeded'],
      ['wecom', 'startup', 'succeeded'],
      ['feishu', 'startup', 'succeeded'],
    ]);
    expect(list.find((r) => r.platform === 'wecom')!.identitiesLinked).toBe(40);
    const me = await h.api('GET', '/me', { token });
    expect(me.body).toMatchObject({ employeeNo: 'E0002', departments: [{ name: '人力资源部' }] });
  });

  it('a second start does not seed again nor re-run the start-up sync', async () => {
    const sync = h.app.get(SyncService);
    await sync.syncAllTenantsOnStartup(); // every binding has synced once: nothing to do
    await sync.idle();
    expect(await runs()).toHaveLength(3);
  });

  it('the tenant cron runs a scheduled sync, and not again while the last sync is fresh', async () => {
    // Make the last syncs look old, then schedule every second.
    const { PlatformBinding } = await import('../src/modules/integrations/entities/platform-binding.entity');
    await h.ds.createQueryBuilder().update(PlatformBinding).set({ lastSyncAt: new Date(Date.now() - 3600_000) }).execute();
    const res = await h.api<TenantSettingsView>('PATCH', '/tenant/settings', { token, body: { syncCron: '* * * * * *' } });
    expect(res.status).toBe(200);
    const list = await until(runs, (l) => l.filter((r) => r.trigger === 'scheduled' && r.status !== 'running').length === 3);
    const scheduled = list.filter((r) => r.trigger === 'scheduled');
    expect(scheduled.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(scheduled.map((r) => r.rowsWritten)).toEqual([0, 0, 0]);
    await new Promise((r) => setTimeout(r, 2500));
    await h.app.get(SyncService).idle();
    expect((await runs()).filter((r) => r.trigger === 'scheduled')).toHaveLength(3);
    await h.api('PATCH', '/tenant/settings', { token, body: { syncCron: '0 3 * * *' } });
  });
});
