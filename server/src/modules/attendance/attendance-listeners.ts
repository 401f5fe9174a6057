import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { BusinessType } from '@hrlink/shared';
import { TypedConfig } from '../../config/typed-config';
import { OrgEventBus } from '../../common/org-events';
import { ApprovalEventBus } from '../approvals/approval-events';
import { CalendarEventBus } from '../leave/calendar-events';
import { LeaveRequest } from '../leave/entities';
import { Tenant } from '../tenants/tenant.entity';
import { DEMO_TENANT } from '../seed/demo-tenants';
import { AttendanceCore } from './attendance-core.service';
import { DailyResult } from './entities';
import { AttendanceSeed } from './attendance-seed';

/**
 * Leave approved / cancelled (instance.finished of leave or leave_cancel): the person's stored results of those days
 * are deleted in the engine's transaction, so every read recomputes them from the new leave (no stale row survives a
 * commit, no result is computed from uncommitted data; a read that began before the commit does not store its result:
 * AttendanceCore.clearingResults). Calendar overrides (holiday / rest day / 调休 workday) created,
 * changed or deleted: every stored result of those dates in the tenant is deleted in the override's transaction, and
 * the in-process calendar cache is dropped (in the transaction and again after the commit), so reads recompute the days
 * with the new calendar. Org sync: assignments of people whose group changed (from today); the demo tenant's default
 * group (DEMO_SEED).
 */
@Injectable()
export class AttendanceListeners implements OnModuleInit {
  private readonly logger = new Logger(AttendanceListeners.name);

  constructor(
    private readonly bus: ApprovalEventBus,
    private readonly orgEvents: OrgEventBus,
    private readonly calendarEvents: CalendarEventBus,
    private readonly core: AttendanceCore,
    private readonly seed: AttendanceSeed,
    private readonly config: TypedConfig,
  ) {}

  onModuleInit(): void {
    this.bus.on(async (m, event) => {
      if (event.type !== 'instance.finished' || !event.instance.businessId) return;
      if (event.instance.businessType !== BusinessType.Leave && event.instance.businessType !== BusinessType.LeaveCancel) return;
      const req = await m.getRepository(LeaveRequest).findOneBy({ id: event.instance.businessId, tenantId: event.instance.tenantId });
      if (!req) return;
      await this.core.clearingResults(m, req.tenantId);
      await m.createQueryBuilder().delete().from(DailyResult)
        .where('tenantId = :t AND employeeId = :e AND date >= :f AND date <= :to', { t: req.tenantId, e: req.employeeId, f: req.startDate, to: req.endDate })
        .execute();
    });
    this.calendarEvents.onChanged(async (m, event) => {
      if (!event.dates.length) return;
      await this.core.clearingResults(m, event.tenantId);
      await m.getRepository(DailyResult).delete({ tenantId: event.tenantId, date: In(event.dates) });
      this.core.invalidate();
    });
    this.calendarEvents.onCommitted(() => this.core.invalidate());
    // Org sync (after its commit): people created or changed whose group changed count under it from today. Department
    // moves are not evented; AttendanceCore.groupOf records those lazily when it resolves the person.
    this.orgEvents.on(async (event) => {
      if (event.type !== 'employees.changed') return;
      const n = await this.core.writeAlone((m) => this.core.reconcileAssignments(m, event.tenantId));
      if (n) this.core.invalidate();
    });
    this.orgEvents.on(async (event) => {
      if (event.type !== 'employees.changed' || !this.config.get('app').demoSeed) return;
      const tenant = await this.core.ds.getRepository(Tenant).findOneBy({ id: event.tenantId });
      if (tenant?.name !== DEMO_TENANT.name) return;
      const created = await this.seed.seedDemoGroup(event.tenantId);
      if (created) this.logger.log({ tenantId: event.tenantId }, 'demo attendance group seeded: 总部考勤组');
    });
  }
}
