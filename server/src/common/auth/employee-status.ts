import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Employee } from '../../modules/org/entities/employee.entity';
import { FastRows } from '../../database/fast-rows';
import { Coalescer } from '../batching/coalescer';
import { groupBy } from '../group-by';
import { TtlCache } from '../ttl-cache';
import { OrgEventBus } from '../org-events';

export interface EmployeeSession {
  id: string;
  active: boolean;
  name: string | null;
  title: string | null;
}

/** How long one instance trusts a looked-up status when nothing told it of a change. */
export const EMPLOYEE_STATUS_TTL_MS = 10_000;
const MAX_ENTRIES = 100_000;

/**
 * Whether an employee session may still be used: the employee exists in the tenant and is active.
 * Looked up by primary key (look-ups arriving together share one statement) and remembered for 10 s per employee; the org sync / contact events that change a status
 * (`employees.changed`, emitted after commit) drop the remembered entries at once in this process, so a leaver is
 * refused on their next request here and within 10 s on any other instance.
 */
@Injectable()
export class EmployeeStatusCache implements OnModuleInit {
  /** A look-up that started before a status event is answered but not remembered (TtlCache). */
  private readonly entries = new TtlCache<string, EmployeeSession>(EMPLOYEE_STATUS_TTL_MS, MAX_ENTRIES);
  private rows?: FastRows<Employee>;
  private readonly loads = new Coalescer<{ tenantId: string; employeeId: string }, EmployeeSession>((keys) => this.loadAll(keys), 4, 500);

  constructor(
    private readonly ds: DataSource,
    private readonly orgEvents: OrgEventBus,
  ) {}

  onModuleInit(): void {
    this.orgEvents.on((event) => {
      if (event.type !== 'employees.changed') return;
      this.entries.delete(event.employeeIds.map((id) => `${event.tenantId}:${id}`));
    });
  }

  async isActive(tenantId: string, employeeId: string): Promise<boolean> {
    return (await this.lookup(tenantId, employeeId)).active;
  }

  /** Status, name and title of an employee as of ≤ 10 s ago (name / title for views that show the caller). */
  async lookup(tenantId: string, employeeId: string): Promise<EmployeeSession> {
    return this.entries.get(`${tenantId}:${employeeId}`, () => this.loads.push({ tenantId, employeeId }));
  }

  private async loadAll(keys: { tenantId: string; employeeId: string }[]): Promise<EmployeeSession[]> {
    const rows = (this.rows ??= new FastRows(this.ds, Employee));
    const found = new Map<string, Pick<Employee, 'id' | 'status' | 'name' | 'title'>>();
    for (const [tenantId, list] of groupBy(keys, (k) => k.tenantId)) {
      const ids = [...new Set(list.map((k) => k.employeeId))];
      const got = await rows.selectIn(this.ds.manager, ['id', 'status', 'name', 'title'], 'id', ids, `${rows.col('tenantId')} = ?`, [tenantId]);
      for (const e of got) found.set(`${tenantId}:${e.id}`, e);
    }
    return keys.map(({ tenantId, employeeId }) => {
      const e = found.get(`${tenantId}:${employeeId}`);
      return { id: employeeId, active: !!e && e.status === 'active', name: e?.name ?? null, title: e?.title ?? null };
    });
  }

  /** Forget everything (tests, or after a bulk change not announced as an event). */
  clear(): void {
    this.entries.clear();
  }
}
