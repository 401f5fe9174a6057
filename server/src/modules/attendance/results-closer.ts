import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { startInterval, stopInterval } from '../../common/scheduling/interval-job';
import { TypedConfig } from '../../config/typed-config';
import { addDays } from '../leave/domain/dates';
import { Employee } from '../org/entities/employee.entity';
import { Tenant } from '../tenants/tenant.entity';
import { AttendanceCore } from './attendance-core.service';
import { BulkResults, employedFrom } from './bulk-results';

const JOB = 'attendance-close-days';
/** Days before today closed on each pass (yesterday and the day before: a process down over one midnight misses none). */
const DAYS_BACK = 2;

/**
 * Closes each tenant's past days. Every ATTENDANCE_CLOSE_INTERVAL_SECONDS (typed config
 * `attendance.closeIntervalSeconds`, default 600; 0 = off), a tenant whose local date has moved on since its last pass
 * gets the results of the two days before today computed and stored for everyone who counts under a group then
 * (BulkResults: a day already stored is kept, a queued or provisional one is left alone). Without it, a day nobody
 * opened (an absence, a day off) is computed on HR's first read of the month: at 20,000 people that read waited ~37 s
 * for the month's ~440,000 days, ~8 s once they are stored. Every server process runs it: the work is idempotent.
 */
@Injectable()
export class ResultsCloser implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ResultsCloser.name);
  /** tenantId → the tenant-local date its last completed pass closed up to (the day before it). */
  private readonly closedFor = new Map<string, string>();
  private running = false;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly core: AttendanceCore,
    private readonly bulk: BulkResults,
    private readonly config: TypedConfig,
  ) {}

  onApplicationBootstrap(): void {
    startInterval(this.registry, JOB, this.config.get('attendance').closeIntervalSeconds * 1000, () => this.tick());
  }

  onModuleDestroy(): void {
    stopInterval(this.registry, JOB);
  }

  /** One pass over the tenants (skipped while the previous one runs); the number of days read or stored. */
  async tick(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let n = 0;
    try {
      for (const t of await this.core.ds.getRepository(Tenant).find({ select: { id: true } })) {
        const today = (await this.core.now(t.id)).date;
        if (this.closedFor.get(t.id) === today) continue;
        try {
          n += await this.close(t.id, addDays(today, -DAYS_BACK), addDays(today, -1));
          this.closedFor.set(t.id, today);
        } catch (err) {
          this.logger.warn({ err: (err as Error).message, tenantId: t.id }, 'closing attendance days failed; next pass retries');
        }
      }
      return n;
    } finally {
      this.running = false;
    }
  }

  /** Computes and stores the results of from..to for everyone who counts under a group then; the number of days. */
  async close(tenantId: string, from: string, to: string): Promise<number> {
    const people = employedFrom(await this.core.ds.getRepository(Employee).find({ where: { tenantId }, select: { id: true, hireDate: true, status: true, leftAt: true } }), from);
    let n = 0;
    await this.bulk.eachCounted(tenantId, people, from, to, async ({ rows }) => {
      n += rows.length;
    });
    return n;
  }
}
