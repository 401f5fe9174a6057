import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Tenant } from '../tenants/tenant.entity';
import { addDays } from '../leave/domain/dates';
import { AttendanceCore, ResolvedGroup } from './attendance-core.service';
import { DayKey, DirtyDays } from './dirty-days';
import { Punch } from './entities';
import { groupBy } from '../../common/group-by';

/** A punch's day is written within this long (or at once when this many are waiting). */
const FLUSH_MS = 100;
const BATCH = 500;
/** Safety net for a process that stopped with days still queued: punches newer than their day's result. */
const SWEEP_MS = 60_000;
/** A later sweep also looks at punches created this long before the previous sweep began. */
const SWEEP_OVERLAP_MS = 5 * 60_000;

/**
 * Stores the daily results of punched days in batches, off the request. Only days whose outcome is final (the shift
 * is over) are queued: a provisional day's stored row is never trusted by reads (they compute it), so the morning's
 * punches cost no result write at all, and the evening's become a few multi-row statements (punches of ≤ 500 people,
 * their leave, one upsert). The punch answers with the same outcome computed in memory; readers in this process
 * compute a queued day (DirtyDays), others see the stored row within ~100 ms. A sweep (at start, then every minute)
 * re-queues any stored row of today / yesterday older than a punch of its day, so a crash between the punch and the
 * write leaves nothing stale (a missing row is computed and stored by the next read). Graceful shutdown writes what is
 * queued.
 */
@Injectable()
export class DailyResultsWriter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(DailyResultsWriter.name);
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private sweeper: NodeJS.Timeout | null = null;
  private firstSweep: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  /** When the last completed sweep began (ms), null before the first. */
  private sweptAt: number | null = null;

  constructor(
    private readonly core: AttendanceCore,
    private readonly dirty: DirtyDays,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep().catch((err) => this.logger.warn({ err: (err as Error).message }, 'results sweep failed')), SWEEP_MS);
    this.sweeper.unref();
    this.firstSweep = setTimeout(() => void this.sweep().catch(() => undefined), 2_000);
    this.firstSweep.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.firstSweep) clearTimeout(this.firstSweep);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch((err) => this.logger.error({ err: (err as Error).message }, 'results not written at shutdown'));
  }

  /** Queue a punched day. */
  mark(k: DayKey): void {
    const n = this.dirty.mark(k);
    this.schedule(n >= BATCH ? 0 : FLUSH_MS);
  }

  private schedule(ms: number): void {
    if (this.stopped) return; // the next start's sweep writes what arrives during shutdown
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush({ drain: false }).then(() => { this.failures = 0; }, (err) => {
        this.failures++;
        const wait = Math.min(30_000, 1_000 * 2 ** Math.min(this.failures - 1, 5));
        this.logger.warn({ err: (err as Error).message, retryInMs: wait }, 'daily results not written; retrying');
        this.schedule(wait);
      });
    }, ms);
  }

  /**
   * Writes what is queued, one batch at a time. `drain` (shutdown, sweep, tests): until the queue is empty. Else (the
   * timer) only the days queued when it started: days punched meanwhile wait for their own timer, so under a steady
   * stream of punches each write carries ~100 ms of them instead of the few that arrived during the previous write.
   */
  async flush(opts: { drain: boolean } = { drain: true }): Promise<void> {
    while (this.running) await this.running;
    if (!this.dirty.size) return;
    let rounds = opts.drain ? Infinity : Math.ceil(this.dirty.size / BATCH);
    this.running = (async () => {
      while (this.dirty.size && rounds-- > 0) {
        const taken = this.dirty.take(BATCH);
        try {
          await this.write(taken);
          this.dirty.done(taken, true);
        } catch (err) {
          this.dirty.done(taken, false);
          throw err;
        }
      }
    })().finally(() => { this.running = null; });
    await this.running;
  }

  /** Computes and upserts the days: per tenant, one read of punches and one of leave (AttendanceCore.outcomesOf), one upsert. */
  private async write(keys: DayKey[]): Promise<void> {
    for (const [tenantId, list] of groupBy(keys, (k) => k.tenantId)) {
      const at = new Date(); // before the reads: a row computed from an older read never replaces a newer one
      const epoch = await this.core.resultEpoch(this.core.ds.manager, tenantId); // and no row outlives a clearing commit
      const days: { employeeId: string; date: string; group: ResolvedGroup }[] = [];
      for (const { employeeId, date } of list) {
        // Usually the current group (cached: the punch resolved it moments ago); a date before a move, the group then.
        const group = await this.core.groupOn(tenantId, employeeId, date);
        if (group) days.push({ employeeId, date, group });
      }
      const outcomes = await this.core.outcomesOf(tenantId, days);
      const rows = days.flatMap((d, i) => {
        const o = outcomes[i];
        return o ? [this.core.resultRow(tenantId, d.employeeId, d.date, d.group.group.id, o, at)] : [];
      });
      // Refused when the tenant's results were cleared meanwhile (leave approved, …): the days' rows are removed and
      // the next read computes them from the new data.
      if (rows.length) await this.core.storeResults(this.core.ds.manager, tenantId, rows, epoch);
    }
  }

  /**
   * Queues the days of today and yesterday (tenant-local) whose stored FINAL result is older than one of their punches
   * (a provisional row is never read, so a stale one does not matter). The first sweep of a process looks at every
   * punch of those days; later ones only at punches created since the previous sweep began, less SWEEP_OVERLAP_MS (a
   * punch another process took just before it stopped) — so the minute-by-minute join stays small on a big tenant.
   * This assumes the servers' clocks agree within that overlap (createdAt is the punching process's clock): a process
   * more than 5 minutes behind that dies with days queued leaves them to the next process start's full sweep.
   */
  async sweep(): Promise<number> {
    let n = 0;
    const ds = this.core.ds;
    const q = (x: string) => ds.driver.escape(x);
    const started = Date.now();
    const since = this.sweptAt === null ? null
      : ds.driver.preparePersistentValue(new Date(this.sweptAt - SWEEP_OVERLAP_MS), ds.getMetadata(Punch).findColumnWithPropertyName('createdAt')!);
    for (const t of await ds.getRepository(Tenant).find({ select: { id: true } })) {
      const today = (await this.core.now(t.id)).date;
      const rows: { employeeId: string; date: string }[] = await ds.query(
        `SELECT DISTINCT p.${q('employeeId')} AS ${q('employeeId')}, p.${q('date')} AS ${q('date')} FROM ${q('attendance_punches')} p
         JOIN ${q('attendance_daily_results')} r ON r.${q('tenantId')} = p.${q('tenantId')} AND r.${q('employeeId')} = p.${q('employeeId')} AND r.${q('date')} = p.${q('date')}
         WHERE p.${q('tenantId')} = ? AND p.${q('date')} IN (?, ?)${since === null ? '' : ` AND p.${q('createdAt')} >= ?`} AND r.${q('computedAt')} < p.${q('createdAt')} AND r.${q('provisional')} = 0`,
        [t.id, today, addDays(today, -1), ...(since === null ? [] : [since])]);
      for (const r of rows) this.dirty.mark({ tenantId: t.id, employeeId: r.employeeId, date: r.date });
      n += rows.length;
    }
    if (n) await this.flush();
    this.sweptAt = started;
    return n;
  }
}

