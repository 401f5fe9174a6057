import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApprovalStatus, BusinessType, ErrorCode, OvertimeDayKind, OvertimeRequestInput, OvertimeRequestView, Page, PageQuery } from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import { pageParams, toPage } from '../../common/pagination';
import { Transactions } from '../../database/transactions';
import { ApprovalTypes } from '../approvals/approval-types';
import { ApprovalsService } from '../approvals/approvals.service';
import type { ApprovalInstance } from '../approvals/entities';
import { Employee } from '../org/entities/employee.entity';
import { isDate } from './domain/dates';
import { compTimeFor } from './domain/ledger';
import { LeaveType, OvertimeRequest } from './entities';
import { LeaveCore } from './leave-core.service';

const KIND_NAMES: Record<OvertimeDayKind, string> = { workday: '工作日', restday: '休息日', holiday: '节假日' };

/** 加班: submit (day kind from the calendar), approval type `overtime`; approved → comp time per the tenant's policy. */
@Injectable()
export class OvertimeService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly core: LeaveCore,
    private readonly types: ApprovalTypes,
    private readonly engine: ApprovalsService,
  ) {}

  onModuleInit(): void {
    this.types.registerType({ type: BusinessType.Overtime, name: '加班', onFinished: (em, inst, status) => this.onFinished(em, inst, status) });
  }

  /** Idempotent: only a pending request changes; comp time goes to the `comp_time` type's ledger (kind overtime). */
  async onFinished(m: EntityManager, inst: ApprovalInstance, status: 'approved' | 'rejected' | 'withdrawn'): Promise<void> {
    if (!inst.businessId) return;
    const req = await m.getRepository(OvertimeRequest).findOneBy({ id: inst.businessId, tenantId: inst.tenantId });
    if (!req) return;
    const res = await m.createQueryBuilder().update(OvertimeRequest).set({ status, updatedAt: new Date() })
      .where('id = :id AND status = :st', { id: req.id, st: 'pending' }).execute();
    if (!res.affected || status !== 'approved') return;
    const policy = await this.core.policy(m, req.tenantId);
    const today = await this.core.today(m, req.tenantId);
    const comp = compTimeFor(req.dayKind, req.hours, policy, today);
    const type = await m.getRepository(LeaveType).findOneBy({ tenantId: req.tenantId, code: 'comp_time' });
    if (!comp.hours || !type) return;
    const amount = type.unit === 'hour' ? comp.hours : Math.round((comp.hours / (type.hoursPerDay || 8)) * 1000) / 1000;
    await this.core.addEntry(m, { tenantId: req.tenantId, employeeId: req.employeeId, leaveTypeId: type.id, kind: 'overtime', amount, year: +req.date.slice(0, 4),
      expiresOn: comp.expiresOn, requestId: req.id, reason: `${req.date} ${KIND_NAMES[req.dayKind]}加班 ${req.hours} 小时`, actorId: null });
    await m.update(OvertimeRequest, { id: req.id }, { compHoursGranted: comp.hours, compExpiresOn: comp.expiresOn });
  }

  async submit(user: SessionUser, input: OvertimeRequestInput): Promise<OvertimeRequestView> {
    await this.core.ensureDefaults(user.tenantId);
    const me = await this.engine.actorEmployeeId(user);
    const hours = Number(input.hours);
    if (!isDate(input.date)) throw new AppError(ErrorCode.OVERTIME_INVALID, '加班日期不正确');
    if (!Number.isFinite(hours) || hours < 0.5 || hours > 24 || Math.round(hours * 2) !== hours * 2) throw new AppError(ErrorCode.OVERTIME_INVALID, '加班时长须为 0.5–24 小时，以 0.5 小时为单位');
    if (!input.reason?.trim()) throw new AppError(ErrorCode.OVERTIME_INVALID, '请填写加班事由');
    const id = await this.tx.run(async (m) => {
      const emp = await m.getRepository(Employee).findOneByOrFail({ id: me, tenantId: user.tenantId });
      if (emp.hireDate && input.date < emp.hireDate) throw new AppError(ErrorCode.OVERTIME_INVALID, '加班日期早于入职日期');
      const kind = (await this.core.calendar(m, user.tenantId)).day(input.date).kind;
      const dayKind: OvertimeDayKind = kind === 'holiday' ? 'holiday' : kind === 'restday' ? 'restday' : 'workday';
      const dup = await m.getRepository(OvertimeRequest).createQueryBuilder('o')
        .where('o.tenantId = :t AND o.employeeId = :e AND o.date = :d AND o.status IN (:...st)', { t: user.tenantId, e: me, d: input.date, st: ['pending', 'approved'] }).getCount();
      if (dup) throw new AppError(ErrorCode.OVERTIME_INVALID, '该日期已有加班申请');
      const now = new Date();
      const row = m.create(OvertimeRequest, { id: newId(), tenantId: user.tenantId, employeeId: me, date: input.date, hours, dayKind, reason: input.reason.trim(),
        status: ApprovalStatus.Pending, compHoursGranted: 0, compExpiresOn: null, approvalInstanceId: null, createdAt: now, updatedAt: now });
      await m.insert(OvertimeRequest, row as never);
      const inst = await this.engine.submit(user.tenantId, me, BusinessType.Overtime, {
        title: `${emp.name}的加班申请`,
        form: [{ label: '日期', value: input.date }, { label: '类型', value: KIND_NAMES[dayKind] }, { label: '时长', value: `${hours} 小时` }, { label: '事由', value: row.reason }],
        data: { hours, dayKind }, businessId: row.id, platform: user.platform,
      }, m);
      await m.update(OvertimeRequest, { id: row.id }, { approvalInstanceId: inst.id });
      return row.id;
    });
    return this.detail(user, id);
  }

  async mine(user: SessionUser, q: PageQuery): Promise<Page<OvertimeRequestView>> {
    const me = await this.engine.actorEmployeeId(user);
    const p = pageParams(q);
    const [rows, total] = await this.ds.getRepository(OvertimeRequest).findAndCount({ where: { tenantId: user.tenantId, employeeId: me }, order: { createdAt: 'DESC' }, skip: p.skip, take: p.take });
    return toPage(await this.views(user.tenantId, rows), total, p);
  }

  async detail(user: SessionUser, id: string): Promise<OvertimeRequestView> {
    const me = await this.engine.actorEmployeeId(user);
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.ds.getRepository(OvertimeRequest).findOneBy({ id, tenantId: user.tenantId }) : null;
    const hr = user.roles.includes('hr' as never) || user.roles.includes('admin' as never);
    if (!row || (row.employeeId !== me && !hr)) throw AppError.notFound('加班申请');
    return (await this.views(user.tenantId, [row]))[0];
  }

  async views(tenantId: string, rows: OvertimeRequest[]): Promise<OvertimeRequestView[]> {
    const people = await this.core.refs(this.ds.manager, tenantId, rows.map((r) => r.employeeId));
    return rows.map((r) => {
      const p = people.get(r.employeeId);
      return {
        id: r.id, employee: p ? { id: p.id, name: p.name, title: p.title } : { id: r.employeeId, name: '未知员工', title: null }, date: r.date, hours: r.hours,
        dayKind: r.dayKind, reason: r.reason, status: r.status, compHoursGranted: r.compHoursGranted, compExpiresOn: r.compExpiresOn,
        approvalInstanceId: r.approvalInstanceId, createdAt: r.createdAt.toISOString(),
      };
    });
  }
}
