import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  AnnualEntitlementView, EmployeeRef, ErrorCode, LeaveBalanceView, LeavePolicyView, LeaveRequestView, LeaveTypeView, LedgerEntryView,
} from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import { Transactions } from '../../database/transactions';
import type { SessionUser } from '../../common/auth/auth.types';
import { FilesService } from '../files/files.service';
import { Employee } from '../org/entities/employee.entity';
import { Tenant } from '../tenants/tenant.entity';
import { annualEntitlement } from './domain/annual';
import { WorkCalendar } from './domain/calendar';
import { chineseDaysSource } from './domain/holiday-package';
import { consumeFifo, summarize } from './domain/ledger';
import { CalendarOverride, LeaveLedgerEntry, LeaveLock, LeavePolicy, LeaveRequest, LeaveType } from './entities';
import { DEFAULT_LEAVE_TYPES, DEFAULT_POLICY } from './leave-defaults';

/** YYYY-MM-DD of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const PENDING_LIKE = ['pending'] as const;

/** Shared plumbing of the leave module: defaults, calendar, balances, locks, views. */
@Injectable()
export class LeaveCore {
  private readonly seeded = new Set<string>();

  constructor(private readonly ds: DataSource, private readonly tx: Transactions, private readonly files: FilesService) {}

  // ------------------------------------------------------------------ defaults

  /** Seeds the 8 default types and the policy for a tenant once (INSERT … IGNORE: safe when racing). */
  async ensureDefaults(tenantId: string): Promise<void> {
    if (this.seeded.has(tenantId)) return;
    const have = await this.ds.getRepository(LeaveType).countBy({ tenantId });
    const policy = await this.ds.getRepository(LeavePolicy).countBy({ tenantId });
    if (!have || !policy) {
      await this.tx.run(async (m) => {
        const now = new Date();
        if (!have) {
          await m.createQueryBuilder().insert().into(LeaveType).orIgnore()
            .values(DEFAULT_LEAVE_TYPES.map((t) => ({ ...t, id: newId(), tenantId, createdAt: now, updatedAt: now }))).execute();
        }
        if (!policy) {
          await m.createQueryBuilder().insert().into(LeavePolicy).orIgnore()
            .values({ ...DEFAULT_POLICY, id: newId(), tenantId, createdAt: now, updatedAt: now } as never).execute();
        }
      });
    }
    this.seeded.add(tenantId);
  }

  async policy(m: EntityManager, tenantId: string): Promise<LeavePolicy> {
    const p = await m.getRepository(LeavePolicy).findOneBy({ tenantId });
    if (p) return p;
    return { ...DEFAULT_POLICY, tenantId } as LeavePolicy;
  }

  async timeZone(m: EntityManager, tenantId: string): Promise<string> {
    return (await m.getRepository(Tenant).findOneBy({ id: tenantId }))?.timeZone ?? 'Asia/Shanghai';
  }

  async today(m: EntityManager, tenantId: string): Promise<string> {
    return localDate(new Date(), await this.timeZone(m, tenantId));
  }

  async calendar(m: EntityManager, tenantId: string): Promise<WorkCalendar> {
    const overrides = await m.getRepository(CalendarOverride).findBy({ tenantId });
    return new WorkCalendar(chineseDaysSource(), overrides);
  }

  // ------------------------------------------------------------------ locking

  /**
   * Serialises balance-changing work of one employee. Call FIRST in the transaction: on MySQL the UPDATE takes the
   * row's X lock until commit, and the transaction's read snapshot starts after it (so the balance it reads includes
   * everything committed by the previous holder). On SQLite the Transactions queue already runs one at a time.
   */
  async lockEmployee(m: EntityManager, tenantId: string, employeeId: string): Promise<void> {
    const res = await m.createQueryBuilder().update(LeaveLock).set({ version: () => 'version + 1', updatedAt: new Date() })
      .where('tenantId = :tenantId AND employeeId = :employeeId', { tenantId, employeeId }).execute();
    if (!res.affected) throw new Error('leave lock row missing (ensureLock first)');
  }

  /** Creates the lock row (its own small transaction, before the work). */
  async ensureLock(tenantId: string, employeeId: string): Promise<void> {
    const exists = await this.ds.getRepository(LeaveLock).existsBy({ tenantId, employeeId });
    if (exists) return;
    await this.tx.run((m) => m.createQueryBuilder().insert().into(LeaveLock).orIgnore()
      .values({ id: newId(), tenantId, employeeId, version: 0, createdAt: new Date(), updatedAt: new Date() }).execute());
  }

  // ------------------------------------------------------------------ balances

  async pendingOf(m: EntityManager, tenantId: string, employeeId: string, leaveTypeId: string): Promise<number> {
    const row = await m.getRepository(LeaveRequest).createQueryBuilder('r').select('COALESCE(SUM(r.reserved), 0)', 'sum')
      .where('r.tenantId = :tenantId AND r.employeeId = :employeeId AND r.leaveTypeId = :leaveTypeId AND r.status IN (:...st)', { tenantId, employeeId, leaveTypeId, st: PENDING_LIKE })
      .getRawOne<{ sum: string | number }>();
    return Number(row?.sum ?? 0);
  }

  async entries(m: EntityManager, tenantId: string, employeeId: string, leaveTypeIds?: string[]): Promise<LeaveLedgerEntry[]> {
    return m.getRepository(LeaveLedgerEntry).find({
      where: { tenantId, employeeId, ...(leaveTypeIds ? { leaveTypeId: In(leaveTypeIds) } : {}) }, order: { createdAt: 'ASC' },
    });
  }

  /** available = granted − used − pending (null type → not tracked). */
  async available(m: EntityManager, tenantId: string, employeeId: string, leaveTypeId: string): Promise<number> {
    const list = await this.entries(m, tenantId, employeeId, [leaveTypeId]);
    return summarize(list, await this.pendingOf(m, tenantId, employeeId, leaveTypeId)).available;
  }

  async balances(m: EntityManager, tenantId: string, employee: Employee, types: LeaveType[], today: string): Promise<LeaveBalanceView[]> {
    const all = await this.entries(m, tenantId, employee.id, types.map((t) => t.id));
    const pendingRows = await m.getRepository(LeaveRequest).createQueryBuilder('r').select('r.leaveTypeId', 'leaveTypeId').addSelect('SUM(r.reserved)', 'sum')
      .where('r.tenantId = :tenantId AND r.employeeId = :employeeId AND r.status = :st', { tenantId, employeeId: employee.id, st: 'pending' })
      .groupBy('r.leaveTypeId').getRawMany<{ leaveTypeId: string; sum: string | number }>();
    const pending = new Map(pendingRows.map((r) => [r.leaveTypeId, Number(r.sum)]));
    const policy = await this.policy(m, tenantId);
    const out: LeaveBalanceView[] = [];
    for (const t of types) {
      const entries = all.filter((e) => e.leaveTypeId === t.id);
      if (!t.requiresBalance && !entries.length) continue;
      const p = pending.get(t.id) ?? 0;
      const s = summarize(entries, p);
      const lots = entries.filter((e) => e.amount > 0 && e.kind !== 'restore').map((e) => ({ amount: e.amount, expiresOn: e.expiresOn, carried: e.kind === 'carry_forward' }));
      const consumed = s.used + p - entries.filter((e) => e.amount < 0 && e.kind !== 'use').reduce((a, e) => a + e.amount, 0);
      const carried = consumeFifo(lots, consumed).filter((l) => l.carried && l.remaining > 0 && (l.expiresOn === null || l.expiresOn >= today));
      const year = +today.slice(0, 4);
      let annual: AnnualEntitlementView | null = null;
      if (t.isAnnual) {
        const r = annualEntitlement({ year, firstWorkDate: employee.firstWorkDate, hireDate: employee.hireDate, policy });
        annual = { year, workingYears: r.workingYears, fullYearDays: r.fullYearDays, grantedDays: r.grantedDays, explanation: r.explanation };
      }
      out.push({
        leaveType: { id: t.id, code: t.code, name: t.name, unit: t.unit }, unit: t.unit === 'hour' ? 'hour' : 'day',
        granted: s.granted, used: s.used, pending: s.pending, available: s.available,
        carriedOver: carried.reduce((a, l) => a + l.remaining, 0),
        carriedExpiresOn: carried.map((l) => l.expiresOn).filter((x): x is string => !!x).sort()[0] ?? null,
        annual,
      });
    }
    return out;
  }

  // ------------------------------------------------------------------ views

  async refs(m: EntityManager, tenantId: string, ids: (string | null)[]): Promise<Map<string, EmployeeRef & { employeeNo: string | null }>> {
    const list = [...new Set(ids.filter((x): x is string => !!x))];
    if (!list.length) return new Map();
    const rows = await m.getRepository(Employee).find({ where: { tenantId, id: In(list) }, select: { id: true, name: true, title: true, employeeNo: true } });
    return new Map(rows.map((e) => [e.id, { id: e.id, name: e.name, title: e.title, employeeNo: e.employeeNo }]));
  }

  async types(m: EntityManager, tenantId: string): Promise<LeaveType[]> {
    return m.getRepository(LeaveType).find({ where: { tenantId }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
  }

  async requireType(m: EntityManager, tenantId: string, id: string): Promise<LeaveType> {
    const t = /^[0-9a-f-]{36}$/i.test(id) ? await m.getRepository(LeaveType).findOneBy({ tenantId, id }) : null;
    if (!t) throw new AppError(ErrorCode.LEAVE_TYPE_NOT_APPLICABLE, '假期类型不存在');
    return t;
  }

  typeView(t: LeaveType): LeaveTypeView {
    return {
      id: t.id, code: t.code, name: t.name, paid: t.paid, unit: t.unit, hoursPerDay: t.hoursPerDay, countsRestDays: t.countsRestDays,
      requiresBalance: t.requiresBalance, allowNegative: t.allowNegative, attachmentOverDays: t.attachmentOverDays, minNoticeDays: t.minNoticeDays,
      maxPerRequest: t.maxPerRequest, carryForwardCap: t.carryForwardCap, carryForwardExpiry: t.carryForwardExpiry, isAnnual: t.isAnnual, enabled: t.enabled,
    };
  }

  policyView(p: LeavePolicy): LeavePolicyView {
    return { annualMode: p.annualMode, annualTiers: p.annualTiers, compTimeRatio: p.compTimeRatio, compForWorkdayOvertime: p.compForWorkdayOvertime, compTimeExpiryDays: p.compTimeExpiryDays };
  }

  /**
   * Views of requests. `attachments` are short-lived file URLs for `viewer` (applicant → original, manager chain →
   * stripped, HR/admin → original; anyone else → []); without a viewer they are [] (stored ids never leave the server).
   */
  async requestViews(m: EntityManager, tenantId: string, rows: LeaveRequest[], viewer?: SessionUser): Promise<LeaveRequestView[]> {
    const chains = new Map<string, string[]>();
    const urls = await Promise.all(rows.map((r) => (viewer && r.attachments?.length ? this.files.urlsFor(viewer, r.employeeId, r.attachments, chains) : Promise.resolve([]))));
    const people = await this.refs(m, tenantId, rows.map((r) => r.employeeId));
    const types = new Map((await m.getRepository(LeaveType).findBy({ tenantId, id: In([...new Set(rows.map((r) => r.leaveTypeId)), '-']) })).map((t) => [t.id, t]));
    return rows.map((r, i) => {
      const t = types.get(r.leaveTypeId);
      const p = people.get(r.employeeId);
      return {
        id: r.id, employee: p ? { id: p.id, name: p.name, title: p.title } : { id: r.employeeId, name: '未知员工', title: null },
        leaveType: { id: r.leaveTypeId, name: t?.name ?? '', unit: t?.unit ?? 'day' },
        start: point(r.startDate, r.startHalf, r.startTime), end: point(r.endDate, r.endHalf, r.endTime),
        amount: r.amount, unit: r.unit, reason: r.reason, attachments: urls[i], status: r.status,
        approvalInstanceId: r.approvalInstanceId, cancelApprovalInstanceId: r.cancelApprovalInstanceId, createdAt: r.createdAt.toISOString(),
      };
    });
  }

  async ledgerViews(m: EntityManager, tenantId: string, rows: LeaveLedgerEntry[]): Promise<LedgerEntryView[]> {
    const people = await this.refs(m, tenantId, rows.map((r) => r.actorId));
    const types = new Map((await m.getRepository(LeaveType).findBy({ tenantId, id: In([...new Set(rows.map((r) => r.leaveTypeId)), '-']) })).map((t) => [t.id, t]));
    return rows.map((r) => {
      const t = types.get(r.leaveTypeId);
      const a = r.actorId ? people.get(r.actorId) : null;
      return {
        id: r.id, leaveType: { id: r.leaveTypeId, name: t?.name ?? '' }, kind: r.kind, amount: r.amount, unit: t?.unit === 'hour' ? 'hour' : 'day',
        reason: r.reason, requestId: r.requestId, expiresOn: r.expiresOn, actor: a ? { id: a.id, name: a.name, title: a.title } : null, at: r.createdAt.toISOString(),
      };
    });
  }

  async addEntry(m: EntityManager, e: Omit<LeaveLedgerEntry, 'id' | 'createdAt' | 'updatedAt' | 'beforeInsertRow' | 'beforeUpdateRow'>): Promise<LeaveLedgerEntry> {
    const now = new Date();
    const row = m.create(LeaveLedgerEntry, { ...e, id: newId(), createdAt: now, updatedAt: now });
    await m.insert(LeaveLedgerEntry, row as never);
    return row;
  }
}

export function point(date: string, half: 'am' | 'pm' | null, time: string | null) {
  return { date, ...(half ? { half } : {}), ...(time ? { time } : {}) };
}
