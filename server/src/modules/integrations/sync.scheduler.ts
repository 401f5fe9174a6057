import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { SyncTrigger } from '@hrlink/shared';
import { Tenant } from '../tenants/tenant.entity';
import { TenantsService } from '../tenants/tenants.service';
import { SyncService } from './sync.service';

/**
 * One cron job per tenant (tenant.syncCron in tenant.timeZone, default daily 03:00 Asia/Shanghai). Every instance
 * schedules it; the binding lease plus "not synced in the last 10 minutes" let only one of them run it.
 */
@Injectable()
export class SyncScheduler implements OnModuleDestroy {
  private readonly logger = new Logger('SyncScheduler');
  private readonly onChanged = (t: Tenant) => this.schedule(t);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly tenants: TenantsService,
    private readonly sync: SyncService,
  ) {}

  async start(): Promise<void> {
    for (const t of await this.tenants.list()) this.schedule(t);
    this.tenants.events.on('changed', this.onChanged);
  }

  onModuleDestroy(): void {
    this.tenants.events.off('changed', this.onChanged);
    for (const name of this.registry.getCronJobs().keys()) {
      if (name.startsWith('org-sync:')) {
        void this.registry.getCronJob(name).stop();
        this.registry.deleteCronJob(name);
      }
    }
  }

  schedule(tenant: Tenant): void {
    const name = `org-sync:${tenant.id}`;
    if (this.registry.doesExist('cron', name)) {
      void this.registry.getCronJob(name).stop();
      this.registry.deleteCronJob(name);
    }
    const job = CronJob.from({
      cronTime: tenant.syncCron,
      timeZone: tenant.timeZone,
      start: true,
      onTick: () => {
        this.logger.log({ tenantId: tenant.id }, 'scheduled org sync');
        this.sync.syncTenantInBackground(tenant.id, SyncTrigger.Scheduled, { notSyncedSince: new Date(Date.now() - 10 * 60_000) });
      },
    });
    this.registry.addCronJob(name, job as never);
  }
}
