import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { whenTransactionEnds } from '../../database/transaction-end';
import { TtlCache } from '../../common/ttl-cache';
import { FastRows } from '../../database/fast-rows';
import { LeaveRequest } from './entities';
import { approvedLeaveDays, LeaveDay } from './leave-days';

/** How long a tenant's "on leave that day" set is reused in a process. */
export const LEAVE_TODAY_TTL_MS = 5_000;

/**
 * Who is on approved leave on one date in a tenant, read once for everyone (clock-in reads it for every punch; a
 * morning's punches then share one statement every few seconds instead of one per batch). Dropped in this process
 * when a leave or cancellation request is approved (LeaveService: in the decision's transaction and when it
 * ends); another process sees the change within LEAVE_TODAY_TTL_MS. Only the immediate answer of a punch uses it:
 * stored results, reports and every other read take leave from the database.
 */
@Injectable()
export class LeaveToday {
  private readonly cache = new TtlCache<string, Map<string, LeaveDay[]>>(LEAVE_TODAY_TTL_MS, 10_000);
  private readonly loading = new Map<string, Promise<Map<string, LeaveDay[]>>>();
  private rows?: FastRows<LeaveRequest>;

  constructor(private readonly ds: DataSource) {}

  /** Every employee's leave days of `date` (employees on no leave are absent). */
  on(tenantId: string, date: string): Promise<Map<string, LeaveDay[]>> {
    const key = `${tenantId}|${date}`;
    const hit = this.cache.peek(key);
    if (hit) return Promise.resolve(hit.value);
    // Batches arriving together while it loads share the one read.
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.cache.get(key, () => this.load(tenantId, date)).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * A leave or 销假 was approved in the transaction of `m`: dropped now and again when that transaction ends (a read in
   * between — the old set on another connection, or on SQLite's shared one a set the rollback then undoes — would
   * otherwise be remembered for LEAVE_TODAY_TTL_MS).
   */
  changed(m: EntityManager): void {
    this.invalidate();
    whenTransactionEnds(m, () => this.invalidate());
  }

  invalidate(): void {
    this.cache.clear();
    this.loading.clear(); // a read already under way may predate the change: later callers start their own
  }

  /** Everyone's: the requests ending on or after the date (ix_leave_request_end) that started by then. */
  private load(tenantId: string, date: string): Promise<Map<string, LeaveDay[]>> {
    return approvedLeaveDays((this.rows ??= new FastRows(this.ds, LeaveRequest)), this.ds.manager, tenantId, date, date);
  }
}
