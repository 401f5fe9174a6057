import { Injectable, OnModuleInit } from '@nestjs/common';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { FastRows } from '../../database/fast-rows';
import {
  BusinessType, CalendarYearView, ErrorCode, ERROR_MESSAGES, LeaveBalanceView, LeavePreview, LeaveRequestInput, LeaveRequestView,
  LedgerEntryView, LedgerQuery, Page, PageQuery, TeamLeaveEntry,
} from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import { pageParams, toPage } from '../../common/pagination';
import { Transactions } from '../../database/transactions';
import { ApprovalTypes } from '../approvals/approval-types';
import { ApprovalsService } from '../approvals/approvals.service';
import type { ApprovalInstance } from '../approvals/entities';
import { FilesService } from '../files/files.service';
import { Employee } from '../org/entities/employee.entity';
import { countLeave, LeaveCount } from './domain/day-count';
import { diffDays } from './domain/dates';
import { LeaveLedgerEntry, LeaveRequest, LeaveType } from './entities';
import { LeaveCore, point } from './leave-core.service';
import { LeaveToday } from './leave-today';
import { approvedLeaveDays, LeaveDay } from './leave-days';

type Problem = { code: ErrorCode; message: string };
const problem = (code: ErrorCode, message?: string): Problem => ({ code, message: message ?? ERROR_MESSAGES[code] });
const HALF = { am: '上午', pm: '下午' } as const;
const ACTIVE = ['pending', 'approved', 'cancelling'];

interface Evaluation { type: LeaveType; count: LeaveCount | null; problems: Problem[]; balanceBefore: number | null; attachmentRequired: boolean }

/** Employee side of leave: preview, submit (reserve + approval in one transaction), withdraw, cancel, balances. */
@Injectable()
export class LeaveService implements OnModuleInit {
  private requestRows?: FastRows<LeaveRequest>;

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly core: LeaveCore,
    private readonly types: ApprovalTypes,
    private readonly engine: ApprovalsService,
    private readonly files: FilesService,
    private readonly today: LeaveToday,
  ) {}

  onModuleInit(): void {
    this.types.registerType({ type: BusinessType.Leave, name: '请假', onFinished: (em, inst, status) => this.onLeaveFinished(em, inst, status) });
    this.types.registerType({ type: BusinessType.LeaveCancel, name: '销假', onFinished: (em, inst, status) => this.onCancelFinished(em, inst, status) });
  }

  // ------------------------------------------------------------------ approval outcomes (inside the decision's transaction)

  /** Idempotent: only a request still pending changes (conditional UPDATE), so a repeated call deducts nothing more. */
  async onLeaveFinished(m: EntityManager, inst: ApprovalInstance, status: 'approved' | 'rejected' | 'withdrawn'): Promise<void> {
    if (!inst.businessId) return;
    const req = await m.getRepository(LeaveRequest).findOneBy({ id: inst.businessId, tenantId: inst.tenantId });
    if (!req) return;
    const res = await m.createQueryBuilder().update(LeaveRequest).set({ status, reserved: 0, updatedAt: new Date() })
      .where('id = :id AND status = :st', { id: req.id, st: 'pending' }).execute();
    if (!res.affected || status !== 'approved') return;
    this.today.changed(m);
    const type = await m.getRepository(LeaveType).findOneBy({ id: req.leaveTypeId });
    if (type?.requiresBalance) {
      await this.core.addEntry(m, { tenantId: req.tenantId, employeeId: req.employeeId, leaveTypeId: req.leaveTypeId, kind: 'use', amount: -req.amount,
        year: +req.startDate.slice(0, 4), expiresOn: null, requestId: req.id, reason: `请假 ${describe(req)}`, actorId: null });
    }
  }

  async onCancelFinished(m: EntityManager, inst: ApprovalInstance, status: 'approved' | 'rejected' | 'withdrawn'): Promise<void> {
    if (!inst.businessId) return;
    const req = await m.getRepository(LeaveRequest).findOneBy({ id: inst.businessId, tenantId: inst.tenantId });
    if (!req) return;
    const next = status === 'approved' ? 'cancelled' : 'approved';
    const res = await m.createQueryBuilder().update(LeaveRequest).set({ status: next, updatedAt: new Date() })
      .where('id = :id AND status = :st', { id: req.id, st: 'cancelling' }).execute();
    if (!res.affected || status !== 'approved') return;
    this.today.changed(m);
    const used = await m.getRepository(LeaveLedgerEntry).findOneBy({ requestId: req.id, kind: 'use' });
    if (used) {
      await this.core.addEntry(m, { tenantId: req.tenantId, employeeId: req.employeeId, leaveTypeId: req.leaveTypeId, kind: 'restore', amount: -used.amount,
        year: used.year, expiresOn: null, requestId: req.id, reason: `销假 ${describe(req)}`, actorId: null });
    }
  }

  // ------------------------------------------------------------------ reading

  async listTypes(user: SessionUser) {
    await this.core.ensureDefaults(user.tenantId);
    return (await this.core.types(this.ds.manager, user.tenantId)).filter((t) => t.enabled).map((t) => this.core.typeView(t));
  }

  async calendar(user: SessionUser, year?: number): Promise<CalendarYearView> {
    const m = this.ds.manager;
    const y = year ?? +(await this.core.today(m, user.tenantId)).slice(0, 4);
    return (await this.core.calendar(m, user.tenantId)).year(y);
  }

  async balances(user: SessionUser): Promise<LeaveBalanceView[]> {
    await this.core.ensureDefaults(user.tenantId);
    const m = this.ds.manager;
    const me = await this.employee(m, user);
    const types = (await this.core.types(m, user.tenantId)).filter((t) => t.enabled);
    return this.core.balances(m, user.tenantId, me, types, await this.core.today(m, user.tenantId));
  }

  async ledger(user: SessionUser, q: LedgerQuery): Promise<Page<LedgerEntryView>> {
    const me = await this.employee(this.ds.manager, user);
    return this.ledgerOf(user.tenantId, me.id, q);
  }

  async ledgerOf(tenantId: string, employeeId: string, q: LedgerQuery): Promise<Page<LedgerEntryView>> {
    const p = pageParams(q);
    const [rows, total] = await this.ds.getRepository(LeaveLedgerEntry).findAndCount({
      where: { tenantId, employeeId, ...(q.leaveTypeId ? { leaveTypeId: q.leaveTypeId } : {}) }, order: { createdAt: 'DESC', id: 'ASC' }, skip: p.skip, take: p.take,
    });
    return toPage(await this.core.ledgerViews(this.ds.manager, tenantId, rows), total, p);
  }

  async mine(user: SessionUser, q: PageQuery & { status?: string }): Promise<Page<LeaveRequestView>> {
    const me = await this.employee(this.ds.manager, user);
    const p = pageParams(q);
    const [rows, total] = await this.ds.getRepository(LeaveRequest).findAndCount({
      where: { tenantId: user.tenantId, employeeId: me.id, ...(q.status ? { status: q.status as never } : {}) }, order: { createdAt: 'DESC' }, skip: p.skip, take: p.take,
    });
    return toPage(await this.core.requestViews(this.ds.manager, user.tenantId, rows, user), total, p);
  }

  async detail(user: SessionUser, id: string): Promise<LeaveRequestView> {
    const req = await this.visible(user, id);
    return (await this.core.requestViews(this.ds.manager, user.tenantId, [req], user))[0];
  }

  /** Direct and indirect reports' pending and approved leave touching [from, to]. */
  async team(user: SessionUser, from: string, to: string): Promise<TeamLeaveEntry[]> {
    const m = this.ds.manager;
    const me = await this.employee(m, user);
    const all = await m.getRepository(Employee).find({ where: { tenantId: user.tenantId, status: 'active' as never }, select: { id: true, managerId: true } });
    const reports = new Set<string>();
    let frontier = [me.id];
    while (frontier.length) {
      const next = all.filter((e) => e.managerId && frontier.includes(e.managerId) && !reports.has(e.id) && e.id !== me.id).map((e) => e.id);
      next.forEach((id) => reports.add(id));
      frontier = next;
    }
    if (!reports.size) return [];
    const rows = await m.getRepository(LeaveRequest).createQueryBuilder('r')
      .where('r.tenantId = :t AND r.employeeId IN (:...ids) AND r.status IN (:...st) AND r.startDate <= :to AND r.endDate >= :from',
        { t: user.tenantId, ids: [...reports], st: ['pending', 'approved', 'cancelling'], from, to })
      .orderBy('r.startDate', 'ASC').getMany();
    const views = await this.core.requestViews(m, user.tenantId, rows);
    return views.map((v, i) => ({ employee: v.employee, requestId: v.id, leaveTypeName: v.leaveType.name, start: v.start, end: v.end,
      status: rows[i].status === 'pending' ? 'pending' : 'approved' }));
  }

  // ------------------------------------------------------------------ preview / submit

  async preview(user: SessionUser, input: LeaveRequestInput): Promise<LeavePreview> {
    await this.core.ensureDefaults(user.tenantId);
    const m = this.ds.manager;
    const me = await this.employee(m, user);
    const ev = await this.evaluate(m, user.tenantId, me, input);
    const amount = ev.count?.amount ?? 0;
    return {
      amount, unit: ev.count?.unit ?? (ev.type.unit === 'hour' ? 'hour' : 'day'), days: ev.count?.days ?? [],
      balanceBefore: ev.balanceBefore, balanceAfter: ev.balanceBefore === null ? null : round(ev.balanceBefore - amount),
      attachmentRequired: ev.attachmentRequired, problems: ev.problems,
    };
  }

  async submit(user: SessionUser, input: LeaveRequestInput): Promise<LeaveRequestView> {
    await this.core.ensureDefaults(user.tenantId);
    const me = await this.employee(this.ds.manager, user);
    await this.assertAttachments(user.tenantId, me.id, input.attachments ?? []);
    await this.core.ensureLock(user.tenantId, me.id);
    const id = await this.tx.run(async (m) => {
      await this.core.lockEmployee(m, user.tenantId, me.id); // first statement: see the note in LeaveCore
      const fresh = await this.employee(m, user);
      const ev = await this.evaluate(m, user.tenantId, fresh, input);
      if (ev.problems.length) throw new AppError(ev.problems[0].code, ev.problems[0].message, { problems: ev.problems });
      const c = ev.count!;
      const now = new Date();
      const req = m.create(LeaveRequest, {
        id: newId(), tenantId: user.tenantId, employeeId: me.id, leaveTypeId: ev.type.id,
        startDate: input.start.date, startHalf: ev.type.unit === 'half_day' ? input.start.half ?? 'am' : null, startTime: ev.type.unit === 'hour' ? input.start.time! : null,
        endDate: input.end.date, endHalf: ev.type.unit === 'half_day' ? input.end.half ?? 'pm' : null, endTime: ev.type.unit === 'hour' ? input.end.time! : null,
        startKey: c.startKey, endKey: c.endKey, amount: c.amount, unit: c.unit, days: c.days.filter((d) => d.amount > 0).map((d) => ({ date: d.date, amount: d.amount })),
        reason: input.reason.trim(), attachments: [...new Set(input.attachments ?? [])], status: 'pending', reserved: c.amount,
        approvalInstanceId: null, cancelApprovalInstanceId: null, cancelReason: null, createdAt: now, updatedAt: now,
      });
      await m.insert(LeaveRequest, req as never);
      const unitName = c.unit === 'hour' ? '小时' : '天';
      const inst = await this.engine.submit(user.tenantId, me.id, BusinessType.Leave, {
        title: `${fresh.name}的${ev.type.name}申请`,
        form: [{ label: '类型', value: ev.type.name }, { label: '时间', value: describe(req) }, { label: c.unit === 'hour' ? '时长' : '天数', value: `${c.amount} ${unitName}` }, { label: '事由', value: req.reason },
          ...(req.attachments.length ? [{ label: '附件', value: `${req.attachments.length} 张` }] : [])],
        data: { ...(c.unit === 'hour' ? { hours: c.amount } : { days: c.amount }), leaveTypeCode: ev.type.code },
        businessId: req.id, platform: user.platform,
      }, m);
      await m.update(LeaveRequest, { id: req.id }, { approvalInstanceId: inst.id });
      return req.id;
    });
    return this.detail(user, id);
  }

  /** Pending → withdraws the approval (its onFinished releases the reservation). */
  async withdraw(user: SessionUser, id: string): Promise<LeaveRequestView> {
    const req = await this.own(user, id);
    if (req.status !== 'pending' || !req.approvalInstanceId) throw new AppError(ErrorCode.LEAVE_NOT_CANCELLABLE, '只有审批中的申请可以撤回');
    await this.engine.withdraw(user, req.approvalInstanceId);
    return this.detail(user, id);
  }

  /** Approved → a 销假 approval; approved → restored, rejected → stays approved. */
  async cancel(user: SessionUser, id: string, reason: string | undefined): Promise<LeaveRequestView> {
    const req = await this.own(user, id);
    await this.tx.run(async (m) => {
      const res = await m.createQueryBuilder().update(LeaveRequest).set({ status: 'cancelling', cancelReason: reason?.trim() || null, updatedAt: new Date() })
        .where('id = :id AND status = :st', { id: req.id, st: 'approved' }).execute();
      if (!res.affected) throw new AppError(ErrorCode.LEAVE_NOT_CANCELLABLE);
      const type = await m.getRepository(LeaveType).findOneBy({ id: req.leaveTypeId });
      const applicant = await m.getRepository(Employee).findOneByOrFail({ id: req.employeeId });
      const inst = await this.engine.submit(user.tenantId, req.employeeId, BusinessType.LeaveCancel, {
        title: `${applicant.name}的销假申请`,
        form: [{ label: '类型', value: type?.name ?? '' }, { label: '时间', value: describe(req) }, { label: req.unit === 'hour' ? '时长' : '天数', value: `${req.amount} ${req.unit === 'hour' ? '小时' : '天'}` },
          { label: '销假原因', value: reason?.trim() || '—' }],
        data: { ...(req.unit === 'hour' ? { hours: req.amount } : { days: req.amount }), leaveTypeCode: type?.code ?? '' }, businessId: req.id, platform: user.platform,
      }, m);
      await m.update(LeaveRequest, { id: req.id }, { cancelApprovalInstanceId: inst.id });
    });
    return this.detail(user, id);
  }

  /** Attachments are image files the applicant uploaded (POST /api/files); anything else → VALIDATION_FAILED on `attachments`. */
  private async assertAttachments(tenantId: string, employeeId: string, ids: string[]): Promise<void> {
    try {
      await this.files.assertOwned(tenantId, employeeId, ids);
    } catch (e) {
      if (e instanceof AppError && e.code === ErrorCode.VALIDATION_FAILED) {
        throw new AppError(ErrorCode.VALIDATION_FAILED, '附件无效或不属于你，请重新上传', { fields: { attachments: ['附件无效或不属于你，请重新上传'] } });
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------ rules

  private async evaluate(m: EntityManager, tenantId: string, me: Employee, input: LeaveRequestInput): Promise<Evaluation> {
    const type = await this.core.requireType(m, tenantId, input.leaveTypeId);
    const problems: Problem[] = [];
    const result = (count: LeaveCount | null, balanceBefore: number | null, attachmentRequired = false): Evaluation => ({ type, count, problems, balanceBefore, attachmentRequired });
    if (!type.enabled) problems.push(problem(ErrorCode.LEAVE_TYPE_NOT_APPLICABLE));
    const balanceBefore = type.requiresBalance ? await this.core.available(m, tenantId, me.id, type.id) : null;
    const c = countLeave(await this.core.calendar(m, tenantId), type, input.start, input.end);
    if (!c.ok) {
      problems.push(problem(ErrorCode.LEAVE_INVALID_RANGE, c.message));
      return result(null, balanceBefore);
    }
    if (me.hireDate && input.start.date < me.hireDate) problems.push(problem(ErrorCode.LEAVE_BEFORE_HIRE, `请假日期早于入职日期 ${me.hireDate}`));
    if (c.amount <= 0) problems.push(problem(ErrorCode.LEAVE_NOTHING_TO_TAKE));
    const today = await this.core.today(m, tenantId);
    if (type.minNoticeDays !== null && diffDays(today, input.start.date) < type.minNoticeDays) {
      problems.push(problem(ErrorCode.LEAVE_NOTICE_TOO_SHORT, `${type.name}需至少提前 ${type.minNoticeDays} 天申请`));
    }
    if (type.maxPerRequest !== null && c.amount > type.maxPerRequest) {
      problems.push(problem(ErrorCode.LEAVE_OVER_MAX, `${type.name}单次最多 ${type.maxPerRequest} ${c.unit === 'hour' ? '小时' : '天'}`));
    }
    const days = c.unit === 'hour' ? c.amount / (type.hoursPerDay || 8) : c.amount;
    const attachmentRequired = type.attachmentOverDays !== null && days > type.attachmentOverDays;
    if (attachmentRequired && !(input.attachments ?? []).length) {
      problems.push(problem(ErrorCode.LEAVE_ATTACHMENT_REQUIRED, `${type.name}超过 ${type.attachmentOverDays} 天需上传证明材料`));
    }
    const clash = await m.getRepository(LeaveRequest).createQueryBuilder('r')
      .where('r.tenantId = :t AND r.employeeId = :e AND r.status IN (:...st)', { t: tenantId, e: me.id, st: ACTIVE })
      .andWhere(new Brackets((b) => b.where('r.startKey < :end AND r.endKey > :start', { start: c.startKey, end: c.endKey })))
      .getOne();
    if (clash) problems.push({ code: ErrorCode.LEAVE_OVERLAP, message: `与 ${describe(clash)} 的请假申请重叠` });
    if (type.requiresBalance && !type.allowNegative && balanceBefore !== null && c.amount > 0 && round(balanceBefore - c.amount) < 0) {
      problems.push(problem(ErrorCode.LEAVE_BALANCE_INSUFFICIENT, `${type.name}余额 ${balanceBefore} ${c.unit === 'hour' ? '小时' : '天'}，不足 ${c.amount}`));
    }
    return result(c, balanceBefore, attachmentRequired);
  }

  // ------------------------------------------------------------------ helpers

  private async employee(m: EntityManager, user: SessionUser): Promise<Employee> {
    const id = await this.engine.actorEmployeeId(user);
    const e = await m.getRepository(Employee).findOneBy({ id, tenantId: user.tenantId });
    if (!e) throw AppError.notFound('员工');
    return e;
  }

  private async own(user: SessionUser, id: string): Promise<LeaveRequest> {
    const me = await this.engine.actorEmployeeId(user);
    const req = /^[0-9a-f-]{36}$/i.test(id) ? await this.ds.getRepository(LeaveRequest).findOneBy({ id, tenantId: user.tenantId }) : null;
    if (!req || req.employeeId !== me) throw AppError.notFound('请假申请');
    return req;
  }

  /** Own requests; HR/admin see all; managers see their reports' (via team). */
  private async visible(user: SessionUser, id: string): Promise<LeaveRequest> {
    const req = /^[0-9a-f-]{36}$/i.test(id) ? await this.ds.getRepository(LeaveRequest).findOneBy({ id, tenantId: user.tenantId }) : null;
    if (!req) throw AppError.notFound('请假申请');
    if (user.roles.includes('hr' as never) || user.roles.includes('admin' as never)) return req;
    const me = await this.engine.actorEmployeeId(user);
    if (req.employeeId !== me) {
      let cur = await this.ds.getRepository(Employee).findOneBy({ id: req.employeeId });
      for (let i = 0; cur?.managerId && i < 20; i++) {
        if (cur.managerId === me) return req;
        cur = await this.ds.getRepository(Employee).findOneBy({ id: cur.managerId });
      }
      throw AppError.notFound('请假申请');
    }
    return req;
  }

  /**
   * Approved leave days of one employee in [from, to] (for attendance): each counted date with its amount (1 / 0.5
   * days, or hours) and the request. Only requests currently approved (cancelled ones are gone; a pending revoke still
   * counts as leave until it is approved).
   */
  /** `m`: the caller's transaction, when called inside one (never a second pooled connection per transaction). */
  async onLeaveDays(tenantId: string, employeeId: string, from: string, to: string, m: EntityManager = this.ds.manager): Promise<LeaveDay[]> {
    return (await this.onLeaveDaysOf(tenantId, [employeeId], from, to, m)).get(employeeId) ?? [];
  }

  /**
   * Approved (and being-cancelled) leave days of several people in from..to, by employee, each list by date.
   * One query, filtered by the request's date span in SQL (ix_leave_request_employee).
   */
  async onLeaveDaysOf(tenantId: string, employeeIds: string[], from: string, to: string, m: EntityManager = this.ds.manager): Promise<Map<string, LeaveDay[]>> {
    // Plain SQL (FastRows): the results writer runs this for every batch of punched days.
    return approvedLeaveDays((this.requestRows ??= new FastRows(this.ds, LeaveRequest)), m, tenantId, from, to, employeeIds);
  }
}

/** One day (or hours of a day) of approved leave. */
export type { LeaveDay } from './leave-days';

const round = (n: number) => Math.round(n * 1000) / 1000;

/** "2026-10-08 上午 至 2026-10-09 下午" / "2026-10-08 10:00–12:00". */
export function describe(r: Pick<LeaveRequest, 'startDate' | 'startHalf' | 'startTime' | 'endDate' | 'endHalf' | 'endTime'>): string {
  if (r.startTime) return `${r.startDate} ${r.startTime}–${r.endTime}`;
  const s = `${r.startDate}${r.startHalf ? ` ${HALF[r.startHalf]}` : ''}`;
  const e = `${r.endDate}${r.endHalf ? ` ${HALF[r.endHalf]}` : ''}`;
  return s === e ? s : `${s} 至 ${e}`;
}
export { point };
