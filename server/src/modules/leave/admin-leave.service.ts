import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { randomBytes } from 'node:crypto';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import {
  AdminBalanceRow, AnnualGrantPreviewRow, AnnualGrantResult, CalendarYearView, ErrorCode, ImportPreview, LeavePolicyView, LeaveRequestView,
  LeaveTypeView, OvertimeRequestView, Page,
} from '@hrlink/shared';
import { AuditService } from '../../common/audit/audit.service';
import { OrgEventBus } from '../../common/org-events';
import type { SessionUser } from '../../common/auth/auth.types';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import { pageParams, toPage } from '../../common/pagination';
import { Transactions } from '../../database/transactions';
import { ApprovalsService } from '../approvals/approvals.service';
import { Employee } from '../org/entities/employee.entity';
import { Tenant } from '../tenants/tenant.entity';
import { annualEntitlement } from './domain/annual';
import { CalendarEvent, CalendarEventBus } from './calendar-events';
import { carryForward, consumeFifo, dueExpiries, LotState } from './domain/ledger';
import {
  AdjustmentDto, AdminBalanceQueryDto, AdminLeaveRequestQueryDto, AdminOvertimeQueryDto, CalendarOverrideDto, LeavePolicyDto, UpsertLeaveTypeDto,
} from './dto/leave.dto';
import { CalendarOverride, ImportBatch, LeaveLedgerEntry, LeavePolicy, LeaveRequest, LeaveType, OvertimeRequest } from './entities';
import { LeaveCore, localDate } from './leave-core.service';
import { describe } from './leave.service';
import { OvertimeService } from './overtime.service';

export const EXPORT_MAX_ROWS = 10_000;
/** leave_locks row (employeeId column) serialising a tenant's grant / carry-forward / expiry runs. */
const JOB_LOCK = 'annual-jobs';
const STATUS_NAMES: Record<string, string> = { pending: '审批中', approved: '已通过', rejected: '已拒绝', withdrawn: '已撤回', cancelled: '已销假', cancelling: '销假中' };
const IMPORT_COLUMNS = ['工号', '假期类型', '数量', '说明'] as const;
export interface UploadedXlsx { buffer: Buffer; originalname?: string; size?: number }

/** HR admin: types, calendar, policy, annual grant, balances (list, adjust, import, export), all requests. */
@Injectable()
export class AdminLeaveService implements OnModuleInit {
  private readonly logger = new Logger('Leave');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly core: LeaveCore,
    private readonly audit: AuditService,
    private readonly engine: ApprovalsService,
    private readonly overtime: OvertimeService,
    private readonly orgEvents: OrgEventBus,
    private readonly calendarEvents: CalendarEventBus,
  ) {}

  /**
   * The on-hire grant: when people join or leave through the org sync or a contact event, this year's annual leave
   * is granted at once instead of at the next daily run. (HR's corrections of hire / first-work dates are applied
   * through 年假发放, which previews the difference first.) The grant is idempotent and writes only differences.
   */
  onModuleInit(): void {
    this.orgEvents.on(async (event) => {
      if (event.type !== 'employees.changed') return;
      const tz = await this.core.timeZone(this.ds.manager, event.tenantId);
      const year = +localDate(new Date(), tz).slice(0, 4);
      const r = await this.annualGrant({ kind: 'system', id: null, tenantId: event.tenantId }, year, false);
      if (r.rows.length) this.logger.log({ tenantId: event.tenantId, year, granted: r.rows.length }, 'annual leave granted on org change');
    });
  }

  // ------------------------------------------------------------------ types

  async listTypes(user: SessionUser): Promise<LeaveTypeView[]> {
    await this.core.ensureDefaults(user.tenantId);
    return (await this.core.types(this.ds.manager, user.tenantId)).map((t) => this.core.typeView(t));
  }

  async createType(user: SessionUser, dto: UpsertLeaveTypeDto): Promise<LeaveTypeView> {
    await this.core.ensureDefaults(user.tenantId);
    this.checkType(dto);
    return this.tx.run(async (m) => {
      if (await m.getRepository(LeaveType).existsBy({ tenantId: user.tenantId, code: dto.code })) {
        throw new AppError(ErrorCode.CONFLICT, `编码 ${dto.code} 已存在`, { fields: { code: ['编码已存在'] } });
      }
      const max = await m.getRepository(LeaveType).maximum('sortOrder', { tenantId: user.tenantId });
      const now = new Date();
      const row = m.create(LeaveType, { ...dto, isAnnual: dto.isAnnual ?? false, id: newId(), tenantId: user.tenantId, sortOrder: (max ?? 0) + 1, createdAt: now, updatedAt: now });
      await m.insert(LeaveType, row as never);
      await this.audit.record(user, 'leave-type.create', { type: 'leave_type', id: row.id }, { ...dto }, m);
      return this.core.typeView(row);
    });
  }

  async updateType(user: SessionUser, id: string, dto: UpsertLeaveTypeDto): Promise<LeaveTypeView> {
    this.checkType(dto);
    return this.tx.run(async (m) => {
      const t = await this.core.requireType(m, user.tenantId, id).catch(() => { throw AppError.notFound('假期类型'); });
      if (dto.code !== t.code && (await m.getRepository(LeaveType).existsBy({ tenantId: user.tenantId, code: dto.code }))) {
        throw new AppError(ErrorCode.CONFLICT, `编码 ${dto.code} 已存在`, { fields: { code: ['编码已存在'] } });
      }
      if (dto.code !== t.code && ['annual', 'comp_time'].includes(t.code)) throw new AppError(ErrorCode.VALIDATION_FAILED, '年假和调休的编码不能修改', { fields: { code: ['不能修改'] } });
      if (dto.unit !== t.unit && (dto.unit === 'hour') !== (t.unit === 'hour')) {
        const used = (await m.getRepository(LeaveRequest).countBy({ leaveTypeId: t.id })) + (await m.getRepository(LeaveLedgerEntry).countBy({ leaveTypeId: t.id }));
        if (used) throw new AppError(ErrorCode.VALIDATION_FAILED, '该假期已有记录，不能在按天和按小时之间切换单位', { fields: { unit: ['已有记录，不能切换'] } });
      }
      const before = this.core.typeView(t);
      Object.assign(t, { ...dto, isAnnual: dto.isAnnual ?? t.isAnnual, updatedAt: new Date() });
      await m.save(LeaveType, t);
      await this.audit.record(user, 'leave-type.update', { type: 'leave_type', id: t.id }, { before, after: this.core.typeView(t) }, m);
      return this.core.typeView(t);
    });
  }

  /** A type with requests or ledger entries cannot be deleted (disable it instead). */
  async deleteType(user: SessionUser, id: string): Promise<void> {
    await this.tx.run(async (m) => {
      const t = await this.core.requireType(m, user.tenantId, id).catch(() => { throw AppError.notFound('假期类型'); });
      const used = (await m.getRepository(LeaveRequest).countBy({ leaveTypeId: t.id })) + (await m.getRepository(LeaveLedgerEntry).countBy({ leaveTypeId: t.id }));
      if (used || t.isAnnual || t.code === 'comp_time') throw new AppError(ErrorCode.CONFLICT, '该假期类型已被使用或为系统类型，不能删除，请停用');
      await m.delete(LeaveType, { id: t.id });
      await this.audit.record(user, 'leave-type.delete', { type: 'leave_type', id: t.id }, { code: t.code, name: t.name }, m);
    });
  }

  private checkType(dto: UpsertLeaveTypeDto): void {
    const fields: Record<string, string[]> = {};
    if (dto.allowNegative && !dto.requiresBalance) fields.allowNegative = ['只有需要余额的假期才能允许负数'];
    if (dto.carryForwardExpiry && dto.carryForwardCap === null) fields.carryForwardExpiry = ['未设置结转上限'];
    if (Object.keys(fields).length) throw new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields });
  }

  // ------------------------------------------------------------------ calendar & policy

  async calendar(user: SessionUser, year?: number): Promise<CalendarYearView> {
    const m = this.ds.manager;
    const y = year ?? +(await this.core.today(m, user.tenantId)).slice(0, 4);
    return (await this.core.calendar(m, user.tenantId)).year(y);
  }

  async putOverride(user: SessionUser, dto: CalendarOverrideDto): Promise<CalendarYearView> {
    const event: CalendarEvent = { type: 'calendar.changed', tenantId: user.tenantId, dates: [dto.date] };
    await this.tx.run(async (m) => {
      const existing = await m.getRepository(CalendarOverride).findOneBy({ tenantId: user.tenantId, date: dto.date });
      const now = new Date();
      if (existing) await m.update(CalendarOverride, { id: existing.id }, { kind: dto.kind, name: dto.name ?? null, updatedAt: now });
      else await m.insert(CalendarOverride, { id: newId(), tenantId: user.tenantId, date: dto.date, kind: dto.kind, name: dto.name ?? null, createdAt: now, updatedAt: now } as never);
      await this.audit.record(user, 'leave-calendar.override', { type: 'calendar', id: dto.date }, { ...dto, before: existing ? { kind: existing.kind, name: existing.name } : null }, m);
      await this.calendarEvents.changed(m, event);
    });
    await this.calendarEvents.committed(event);
    return this.calendar(user, +dto.date.slice(0, 4));
  }

  async deleteOverride(user: SessionUser, date: string): Promise<CalendarYearView> {
    const event: CalendarEvent = { type: 'calendar.changed', tenantId: user.tenantId, dates: [date] };
    await this.tx.run(async (m) => {
      const res = await m.delete(CalendarOverride, { tenantId: user.tenantId, date });
      if (!res.affected) throw AppError.notFound('日历调整');
      await this.audit.record(user, 'leave-calendar.override-delete', { type: 'calendar', id: date }, null, m);
      await this.calendarEvents.changed(m, event);
    });
    await this.calendarEvents.committed(event);
    return this.calendar(user, /^\d{4}/.test(date) ? +date.slice(0, 4) : undefined);
  }

  async getPolicy(user: SessionUser): Promise<LeavePolicyView> {
    await this.core.ensureDefaults(user.tenantId);
    return this.core.policyView(await this.core.policy(this.ds.manager, user.tenantId));
  }

  async putPolicy(user: SessionUser, dto: LeavePolicyDto): Promise<LeavePolicyView> {
    await this.core.ensureDefaults(user.tenantId);
    const tiers = [...dto.annualTiers].sort((a, b) => a.minYears - b.minYears);
    if (new Set(tiers.map((t) => t.minYears)).size !== tiers.length) throw new AppError(ErrorCode.VALIDATION_FAILED, '年限不能重复', { fields: { annualTiers: ['年限不能重复'] } });
    if (dto.annualMode === 'custom' && !tiers.length) throw new AppError(ErrorCode.VALIDATION_FAILED, '自定义档位不能为空', { fields: { annualTiers: ['请添加档位'] } });
    return this.tx.run(async (m) => {
      const p = (await m.getRepository(LeavePolicy).findOneBy({ tenantId: user.tenantId }))!;
      const before = this.core.policyView(p);
      Object.assign(p, { annualMode: dto.annualMode, annualTiers: tiers, compTimeRatio: dto.compTimeRatio, compForWorkdayOvertime: dto.compForWorkdayOvertime,
        compTimeExpiryDays: dto.compTimeExpiryDays, updatedAt: new Date() });
      await m.save(LeavePolicy, p);
      await this.audit.record(user, 'leave-policy.update', { type: 'leave_policy', id: p.id }, { before, after: this.core.policyView(p) }, m);
      return this.core.policyView(p);
    });
  }

  // ------------------------------------------------------------------ annual grant

  /**
   * Computes every employee's statutory/custom annual entitlement for `year` and compares it with the grant entries
   * already written for that year; dryRun → the differences; otherwise writes one `grant` entry per changed employee
   * with the difference (so re-running writes nothing when nothing changed). Leavers: prorated to the leaving date, but
   * never below what they already used (no claw-back).
   */
  async annualGrant(actor: SessionUser | { kind: 'system'; id: null; tenantId: string }, year: number, dryRun: boolean): Promise<AnnualGrantResult> {
    const tenantId = actor.tenantId;
    await this.core.ensureDefaults(tenantId);
    await this.core.ensureLock(tenantId, JOB_LOCK);
    return this.tx.run(async (m) => {
      await this.core.lockEmployee(m, tenantId, JOB_LOCK); // first: concurrent runs (HR + the job) write a difference once
      const type = await m.getRepository(LeaveType).findOneBy({ tenantId, isAnnual: true, code: 'annual' })
        ?? await m.getRepository(LeaveType).findOneBy({ tenantId, isAnnual: true });
      if (!type) throw new AppError(ErrorCode.VALIDATION_FAILED, '没有年假类型');
      const policy = await this.core.policy(m, tenantId);
      const tz = await this.core.timeZone(m, tenantId);
      const people = await m.getRepository(Employee).createQueryBuilder('e')
        .where('e.tenantId = :t AND (e.status = :a OR e.leftAt >= :from)', { t: tenantId, a: 'active', from: new Date(Date.UTC(year, 0, 1) - 86_400_000) })
        .orderBy('e.employeeNo', 'ASC').getMany();
      const grants = await m.getRepository(LeaveLedgerEntry).createQueryBuilder('l').select('l.employeeId', 'employeeId').addSelect('SUM(l.amount)', 'sum')
        .where('l.tenantId = :t AND l.leaveTypeId = :lt AND l.kind = :k AND l.year = :y', { t: tenantId, lt: type.id, k: 'grant', y: year })
        .groupBy('l.employeeId').getRawMany<{ employeeId: string; sum: string | number }>();
      const current = new Map(grants.map((g) => [g.employeeId, Number(g.sum)]));
      const usedRows = await m.getRepository(LeaveLedgerEntry).createQueryBuilder('l').select('l.employeeId', 'employeeId').addSelect('SUM(l.amount)', 'sum')
        .where('l.tenantId = :t AND l.leaveTypeId = :lt AND l.kind IN (:...k) AND l.year = :y', { t: tenantId, lt: type.id, k: ['use', 'restore'], y: year })
        .groupBy('l.employeeId').getRawMany<{ employeeId: string; sum: string | number }>();
      const used = new Map(usedRows.map((g) => [g.employeeId, -Number(g.sum)]));
      const rows: AnnualGrantPreviewRow[] = [];
      let unchanged = 0;
      for (const e of people) {
        const leaveDate = e.status !== 'active' && e.leftAt ? localDate(e.leftAt, tz) : null;
        if (leaveDate && leaveDate < `${year}-01-01`) continue;
        const r = annualEntitlement({ year, firstWorkDate: e.firstWorkDate, hireDate: e.hireDate, leaveDate, policy });
        const computed = leaveDate ? Math.max(r.grantedDays, Math.min(used.get(e.id) ?? 0, r.fullYearDays)) : r.grantedDays;
        const cur = current.get(e.id) ?? 0;
        const difference = Math.round((computed - cur) * 1000) / 1000;
        if (!difference) { unchanged++; continue; }
        rows.push({ employee: { id: e.id, name: e.name, title: e.title }, current: cur, computed, difference, explanation: r.explanation });
        if (!dryRun) {
          await this.core.addEntry(m, { tenantId, employeeId: e.id, leaveTypeId: type.id, kind: 'grant', amount: difference, year, expiresOn: `${year}-12-31`,
            requestId: null, reason: cur ? `${year} 年年假重新计算（${cur} → ${computed} 天）：${r.explanation}` : `${year} 年年假：${r.explanation}`, actorId: null });
        }
      }
      if (!dryRun && rows.length) await this.audit.record(actor, 'leave.annual-grant', { type: 'leave_type', id: type.id }, { year, changed: rows.length, unchanged }, m);
      return { year, dryRun, rows, unchanged };
    });
  }

  /**
   * Every hour at :10, each tenant whose local time is 00:xx runs, in this order: on Jan 1 the carry-forward of last
   * year; the expiry of lots past their date (annual grants on 12-31, carried days, comp time); the current year's
   * grant — on Jan 1 this is the yearly grant, on other days it picks up new hires and corrected hire / first-work
   * dates. Everything is idempotent: a second run writes nothing.
   */
  @Cron('10 * * * *')
  async scheduledGrant(now = new Date()): Promise<number> {
    let runs = 0;
    for (const t of await this.ds.getRepository(Tenant).find()) {
      const hour = +new Intl.DateTimeFormat('en-GB', { timeZone: t.timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now);
      if (hour !== 0) continue;
      const today = localDate(now, t.timeZone);
      try {
        await this.dailyJobs(t.id, today);
        runs++;
      } catch (err) {
        this.logger.error({ tenantId: t.id, err: (err as Error).message }, 'leave daily jobs failed');
      }
    }
    return runs;
  }

  /** The jobs of one tenant's day (also callable on demand, e.g. by tests with another date). */
  async dailyJobs(tenantId: string, today: string): Promise<{ carried: number; expired: number; granted: number }> {
    const year = +today.slice(0, 4);
    const carried = today.endsWith('-01-01') ? await this.carryForward(tenantId, year - 1) : 0;
    const expired = await this.expire(tenantId, today);
    const r = await this.annualGrant({ kind: 'system', id: null, tenantId }, year, false);
    if (carried || expired || r.rows.length) this.logger.log({ tenantId, today, carried, expired, granted: r.rows.length }, 'leave daily jobs');
    return { carried, expired, granted: r.rows.length };
  }

  /**
   * Year-end carry-forward for types with a cap: what is left of the lots expiring on `year`-12-31 (FIFO, pending
   * reservations count as taken) is carried up to the cap, expiring on the type's MM-DD of the next year. One
   * `carry_forward` entry per employee and type (year = year + 1): re-running writes nothing.
   */
  async carryForward(tenantId: string, year: number): Promise<number> {
    await this.core.ensureLock(tenantId, JOB_LOCK);
    return this.tx.run(async (m) => {
      await this.core.lockEmployee(m, tenantId, JOB_LOCK);
      const types = (await this.core.types(m, tenantId)).filter((t) => t.requiresBalance && t.carryForwardCap !== null && t.carryForwardCap > 0);
      let written = 0;
      for (const t of types) {
        const done = new Set((await m.getRepository(LeaveLedgerEntry).find({ where: { tenantId, leaveTypeId: t.id, kind: 'carry_forward', year: year + 1 }, select: { employeeId: true } })).map((e) => e.employeeId));
        for (const [employeeId, states] of await this.lotStates(m, tenantId, t.id)) {
          if (done.has(employeeId)) continue;
          const left = states.filter((l) => l.expiresOn === `${year}-12-31`).reduce((a, l) => a + l.remaining, 0);
          const cf = carryForward(left, t.carryForwardCap, t.carryForwardExpiry, year);
          if (!cf.amount) continue;
          await this.core.addEntry(m, { tenantId, employeeId, leaveTypeId: t.id, kind: 'carry_forward', amount: cf.amount, year: year + 1, expiresOn: cf.expiresOn,
            requestId: null, reason: `${year} 年未休 ${left} 天，结转 ${cf.amount} 天${cf.expiresOn ? `，${cf.expiresOn} 过期` : ''}`, actorId: null });
          written++;
        }
      }
      return written;
    });
  }

  /** Writes an `expire` entry for what is left of every lot whose expiry date is before `today` (FIFO by expiry). */
  async expire(tenantId: string, today: string): Promise<number> {
    await this.core.ensureLock(tenantId, JOB_LOCK);
    return this.tx.run(async (m) => {
      await this.core.lockEmployee(m, tenantId, JOB_LOCK);
      let written = 0;
      for (const t of (await this.core.types(m, tenantId)).filter((x) => x.requiresBalance)) {
        for (const [employeeId, states] of await this.lotStates(m, tenantId, t.id)) {
          for (const lot of dueExpiries(states, today)) {
            await this.core.addEntry(m, { tenantId, employeeId, leaveTypeId: t.id, kind: 'expire', amount: -lot.remaining, year: null, expiresOn: lot.expiresOn,
              requestId: null, reason: `${lot.expiresOn} 到期未使用，作废 ${lot.remaining}${t.unit === 'hour' ? ' 小时' : ' 天'}`, actorId: null });
            written++;
          }
        }
      }
      return written;
    });
  }

  /** Per employee: positive lots of a type and what is left of each after uses, expiries, negative changes and pending reservations. */
  private async lotStates(m: EntityManager, tenantId: string, leaveTypeId: string): Promise<Map<string, LotState[]>> {
    const entries = await m.getRepository(LeaveLedgerEntry).find({ where: { tenantId, leaveTypeId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const pending = await m.getRepository(LeaveRequest).createQueryBuilder('r').select('r.employeeId', 'employeeId').addSelect('SUM(r.reserved)', 'sum')
      .where('r.tenantId = :t AND r.leaveTypeId = :lt AND r.status = :st', { t: tenantId, lt: leaveTypeId, st: 'pending' })
      .groupBy('r.employeeId').getRawMany<{ employeeId: string; sum: string | number }>();
    const byEmp = new Map<string, LeaveLedgerEntry[]>();
    for (const e of entries) byEmp.set(e.employeeId, [...(byEmp.get(e.employeeId) ?? []), e]);
    const out = new Map<string, LotState[]>();
    for (const [employeeId, list] of byEmp) {
      const lots = list.filter((e) => e.amount > 0 && e.kind !== 'restore').map((e) => ({ amount: e.amount, expiresOn: e.expiresOn, carried: e.kind === 'carry_forward' }));
      const consumed = -list.filter((e) => e.amount < 0 || e.kind === 'restore').reduce((a, e) => a + e.amount, 0)
        + Number(pending.find((p) => p.employeeId === employeeId)?.sum ?? 0);
      out.set(employeeId, consumeFifo(lots, consumed));
    }
    return out;
  }

  // ------------------------------------------------------------------ balances

  async balances(user: SessionUser, q: AdminBalanceQueryDto): Promise<Page<AdminBalanceRow>> {
    await this.core.ensureDefaults(user.tenantId);
    const p = pageParams(q);
    const [people, total] = await this.peopleQuery(user.tenantId, q).skip(p.skip).take(p.take).getManyAndCount();
    return toPage(await this.balanceRows(user.tenantId, people, q.leaveTypeId), total, p);
  }

  private peopleQuery(tenantId: string, q: { q?: string; departmentId?: string }) {
    const qb = this.ds.getRepository(Employee).createQueryBuilder('e').where('e.tenantId = :t AND e.status = :a', { t: tenantId, a: 'active' });
    if (q.q?.trim()) qb.andWhere(new Brackets((b) => b.where('e.name LIKE :q', { q: `%${q.q!.trim()}%` }).orWhere('e.employeeNo LIKE :q')));
    if (q.departmentId) qb.andWhere('e.id IN (SELECT ed.employeeId FROM employee_departments ed WHERE ed.departmentId = :d)', { d: q.departmentId });
    return qb.orderBy('e.employeeNo', 'ASC').addOrderBy('e.id', 'ASC');
  }

  private async balanceRows(tenantId: string, people: Employee[], leaveTypeId?: string): Promise<AdminBalanceRow[]> {
    const m = this.ds.manager;
    const types = (await this.core.types(m, tenantId)).filter((t) => t.enabled && (!leaveTypeId || t.id === leaveTypeId));
    const today = await this.core.today(m, tenantId);
    const out: AdminBalanceRow[] = [];
    for (const e of people) {
      out.push({ employee: { id: e.id, name: e.name, title: e.title, employeeNo: e.employeeNo }, balances: await this.core.balances(m, tenantId, e, types, today) });
    }
    return out;
  }

  async exportBalances(user: SessionUser, q: AdminBalanceQueryDto): Promise<Buffer> {
    await this.core.ensureDefaults(user.tenantId);
    const people = await this.peopleQuery(user.tenantId, q).take(EXPORT_MAX_ROWS + 1).getMany();
    if (people.length > EXPORT_MAX_ROWS) throw new AppError(ErrorCode.VALIDATION_FAILED, '导出行数过多，请缩小范围', { max: EXPORT_MAX_ROWS });
    const rows = await this.balanceRows(user.tenantId, people, q.leaveTypeId);
    return this.xlsx('假期余额', ['工号', '姓名', '假期类型', '单位', '已发放', '已使用', '审批中', '可用', '结转剩余', '结转过期日'],
      rows.flatMap((r) => r.balances.map((b) => [r.employee.employeeNo ?? '', r.employee.name, b.leaveType.name, b.unit === 'hour' ? '小时' : '天',
        b.granted, b.used, b.pending, b.available, b.carriedOver, b.carriedExpiresOn ?? ''])));
  }

  /** Manual adjustment: reason required, ledgered (kind adjust, actor), audited. A negative one respects the balance rule. */
  async adjust(user: SessionUser, dto: AdjustmentDto) {
    if (!dto.amount) throw new AppError(ErrorCode.VALIDATION_FAILED, '调整数量不能为 0', { fields: { amount: ['不能为 0'] } });
    if (!dto.reason.trim()) throw new AppError(ErrorCode.VALIDATION_FAILED, '请填写调整原因', { fields: { reason: ['必填'] } });
    const m0 = this.ds.manager;
    const emp = /^[0-9a-f-]{36}$/i.test(dto.employeeId) ? await m0.getRepository(Employee).findOneBy({ id: dto.employeeId, tenantId: user.tenantId }) : null;
    if (!emp) throw AppError.notFound('员工');
    await this.core.requireType(m0, user.tenantId, dto.leaveTypeId);
    const actorId = await this.engine.actorEmployeeId(user).catch(() => null);
    await this.core.ensureLock(user.tenantId, emp.id);
    const entry = await this.tx.run(async (m) => {
      await this.core.lockEmployee(m, user.tenantId, emp.id);
      const type = await this.core.requireType(m, user.tenantId, dto.leaveTypeId);
      const amount = type.unit === 'hour' ? Math.round(dto.amount * 2) / 2 : Math.round(dto.amount * 2) / 2;
      const e = await this.core.addEntry(m, { tenantId: user.tenantId, employeeId: emp.id, leaveTypeId: type.id, kind: 'adjust', amount, year: null, expiresOn: null,
        requestId: null, reason: dto.reason.trim(), actorId });
      await this.audit.record(user, 'leave.adjust', { type: 'employee', id: emp.id }, { leaveTypeId: type.id, amount, reason: dto.reason.trim() }, m);
      return e;
    });
    return (await this.core.ledgerViews(this.ds.manager, user.tenantId, [entry]))[0];
  }

  // ------------------------------------------------------------------ import opening balances

  async importTemplate(): Promise<Buffer> {
    return this.xlsx('期初余额', [...IMPORT_COLUMNS], [['E0001', '年假', 5, '期初余额'], ['E0001', 'comp_time', 8, '调休期初（小时）']]);
  }

  /** Reads the first sheet (header row 工号 / 假期类型 / 数量 / 说明), validates every row; a token only when all are valid. */
  async importPreview(user: SessionUser, file: UploadedXlsx | undefined): Promise<ImportPreview> {
    if (!file?.buffer?.length) throw new AppError(ErrorCode.IMPORT_INVALID, '请上传 .xlsx 文件');
    await this.core.ensureDefaults(user.tenantId);
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(file.buffer as never);
    } catch {
      throw new AppError(ErrorCode.IMPORT_INVALID, '文件不是有效的 .xlsx');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError(ErrorCode.IMPORT_INVALID, '文件没有工作表');
    const header = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').trim());
    const col = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, header.indexOf(c) + 1]));
    const missing = IMPORT_COLUMNS.filter((c) => c !== '说明' && !col[c]);
    if (missing.length) throw new AppError(ErrorCode.IMPORT_INVALID, `缺少列：${missing.join('、')}`);
    const m = this.ds.manager;
    const people = new Map((await m.getRepository(Employee).findBy({ tenantId: user.tenantId })).filter((e) => e.employeeNo).map((e) => [e.employeeNo!, e]));
    const types = await this.core.types(m, user.tenantId);
    const rows: ImportPreview['rows'] = [];
    const good: ImportBatch['rows'] = [];
    const seen = new Set<string>();
    const text = (v: unknown) => (v && typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : v === null || v === undefined ? '' : String(v)).trim();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values = { 工号: text(row.getCell(col['工号']).value), 假期类型: text(row.getCell(col['假期类型']).value),
        数量: text(row.getCell(col['数量']).value), 说明: col['说明'] ? text(row.getCell(col['说明']).value) : '' };
      if (!values.工号 && !values.假期类型 && !values.数量 && !values.说明) continue;
      const errors: string[] = [];
      const emp = people.get(values.工号);
      if (!emp) errors.push(values.工号 ? `工号 ${values.工号} 不存在` : '工号为空');
      else if (emp.status !== 'active') errors.push(`工号 ${values.工号} 已离职`);
      const type = types.find((t) => t.name === values.假期类型 || t.code === values.假期类型);
      if (!type) errors.push(values.假期类型 ? `假期类型「${values.假期类型}」不存在` : '假期类型为空');
      const amount = Number(values.数量);
      if (values.数量 === '' || !Number.isFinite(amount)) errors.push(`数量「${values.数量}」不是数字`);
      else if (Math.round(amount * 2) !== amount * 2) errors.push('数量须为 0.5 的整数倍');
      else if (Math.abs(amount) > 9999) errors.push('数量过大');
      const key = `${values.工号}|${type?.id ?? values.假期类型}`;
      if (seen.has(key)) errors.push('与前面的行重复（同一工号和假期类型）');
      seen.add(key);
      rows.push({ row: r, values, errors });
      if (!errors.length) good.push({ employeeId: emp!.id, leaveTypeId: type!.id, amount, reason: values.说明 || '期初余额导入' });
    }
    const valid = rows.filter((r) => !r.errors.length).length;
    let token: string | null = null;
    if (rows.length && valid === rows.length) {
      token = randomBytes(24).toString('hex');
      const now = new Date();
      await this.tx.run((tm) => tm.insert(ImportBatch, { id: newId(), tenantId: user.tenantId, token, rows: good, createdBy: user.id,
        expiresAt: new Date(now.getTime() + 30 * 60_000), committedAt: null, createdAt: now, updatedAt: now } as never));
    }
    return { token, total: rows.length, valid, rows };
  }

  /** All rows in one transaction (kind adjust, reason from 说明); a token commits once. */
  async importCommit(user: SessionUser, token: string): Promise<{ imported: number }> {
    const actorId = await this.engine.actorEmployeeId(user).catch(() => null);
    return this.tx.run(async (m) => {
      const batch = await m.getRepository(ImportBatch).findOneBy({ token, tenantId: user.tenantId });
      if (!batch) throw AppError.notFound('导入批次');
      if (batch.expiresAt.getTime() < Date.now()) throw new AppError(ErrorCode.IMPORT_EXPIRED);
      const claimed = await m.createQueryBuilder().update(ImportBatch).set({ committedAt: new Date(), updatedAt: new Date() })
        .where('id = :id AND committedAt IS NULL', { id: batch.id }).execute();
      if (!claimed.affected) throw new AppError(ErrorCode.CONFLICT, '该导入已提交');
      for (const r of batch.rows) {
        await this.core.addEntry(m, { tenantId: user.tenantId, employeeId: r.employeeId, leaveTypeId: r.leaveTypeId, kind: 'adjust', amount: r.amount, year: null,
          expiresOn: null, requestId: null, reason: `导入：${r.reason}`, actorId });
      }
      await this.audit.record(user, 'leave.import', { type: 'import', id: batch.id }, { rows: batch.rows.length }, m);
      return { imported: batch.rows.length };
    });
  }

  // ------------------------------------------------------------------ ledger & requests

  async requests(user: SessionUser, q: AdminLeaveRequestQueryDto): Promise<Page<LeaveRequestView>> {
    const p = pageParams(q);
    const [rows, total] = await this.requestQuery(user.tenantId, q).skip(p.skip).take(p.take).getManyAndCount();
    return toPage(await this.core.requestViews(this.ds.manager, user.tenantId, rows, user), total, p);
  }

  private requestQuery(tenantId: string, q: AdminLeaveRequestQueryDto) {
    const qb = this.ds.getRepository(LeaveRequest).createQueryBuilder('r').where('r.tenantId = :t', { t: tenantId });
    if (q.status) qb.andWhere('r.status = :s', { s: q.status });
    if (q.leaveTypeId) qb.andWhere('r.leaveTypeId = :lt', { lt: q.leaveTypeId });
    if (q.employeeId) qb.andWhere('r.employeeId = :e', { e: q.employeeId });
    if (q.from) qb.andWhere('r.endDate >= :from', { from: q.from });
    if (q.to) qb.andWhere('r.startDate <= :to', { to: q.to });
    return qb.orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'ASC');
  }

  async exportRequests(user: SessionUser, q: AdminLeaveRequestQueryDto): Promise<Buffer> {
    const rows = await this.requestQuery(user.tenantId, q).take(EXPORT_MAX_ROWS + 1).getMany();
    if (rows.length > EXPORT_MAX_ROWS) throw new AppError(ErrorCode.VALIDATION_FAILED, '导出行数过多，请缩小范围', { max: EXPORT_MAX_ROWS });
    const views = await this.core.requestViews(this.ds.manager, user.tenantId, rows);
    const people = await this.core.refs(this.ds.manager, user.tenantId, rows.map((r) => r.employeeId));
    return this.xlsx('请假记录', ['工号', '姓名', '假期类型', '时间', '数量', '单位', '事由', '状态', '提交时间'],
      views.map((v, i) => [people.get(v.employee.id)?.employeeNo ?? '', v.employee.name, v.leaveType.name, describe(rows[i]), v.amount, v.unit === 'hour' ? '小时' : '天',
        v.reason, STATUS_NAMES[v.status] ?? v.status, v.createdAt]));
  }

  async overtimeList(user: SessionUser, q: AdminOvertimeQueryDto): Promise<Page<OvertimeRequestView>> {
    const p = pageParams(q);
    const [rows, total] = await this.overtimeQuery(user.tenantId, q).skip(p.skip).take(p.take).getManyAndCount();
    return toPage(await this.overtime.views(user.tenantId, rows), total, p);
  }

  private overtimeQuery(tenantId: string, q: AdminOvertimeQueryDto) {
    const qb = this.ds.getRepository(OvertimeRequest).createQueryBuilder('o').where('o.tenantId = :t', { t: tenantId });
    if (q.status) qb.andWhere('o.status = :s', { s: q.status });
    if (q.employeeId) qb.andWhere('o.employeeId = :e', { e: q.employeeId });
    if (q.from) qb.andWhere('o.date >= :from', { from: q.from });
    if (q.to) qb.andWhere('o.date <= :to', { to: q.to });
    return qb.orderBy('o.date', 'DESC').addOrderBy('o.id', 'ASC');
  }

  async exportOvertime(user: SessionUser, q: AdminOvertimeQueryDto): Promise<Buffer> {
    const rows = await this.overtimeQuery(user.tenantId, q).take(EXPORT_MAX_ROWS + 1).getMany();
    if (rows.length > EXPORT_MAX_ROWS) throw new AppError(ErrorCode.VALIDATION_FAILED, '导出行数过多，请缩小范围', { max: EXPORT_MAX_ROWS });
    const people = await this.core.refs(this.ds.manager, user.tenantId, rows.map((r) => r.employeeId));
    const kinds = { workday: '工作日', restday: '休息日', holiday: '节假日' };
    return this.xlsx('加班记录', ['工号', '姓名', '日期', '类型', '时长(小时)', '事由', '状态', '调休(小时)', '调休过期日'],
      rows.map((r) => [people.get(r.employeeId)?.employeeNo ?? '', people.get(r.employeeId)?.name ?? '', r.date, kinds[r.dayKind], r.hours, r.reason,
        STATUS_NAMES[r.status] ?? r.status, r.compHoursGranted, r.compExpiresOn ?? '']));
  }

  private async xlsx(sheet: string, header: string[], rows: (string | number)[][]): Promise<Buffer> {
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'hrlink';
    const ws = wb.addWorksheet(sheet);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => { c.width = 14; });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
