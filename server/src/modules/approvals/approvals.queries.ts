import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import {
  AdminApprovalListQuery, APPROVAL_STATUS_NAMES, ApprovalCounts, ApprovalInstanceDetail, ApprovalInstanceSummary, ApprovalListQuery,
  ApprovalStatus, ApprovalStepView, DepartmentRef, EmployeeRef, ErrorCode, Page, PageQuery, TaskStatus,
} from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import type { SessionUser } from '../../common/auth/auth.types';
import { iso } from '../../common/dates';
import { pageParams, toPage } from '../../common/pagination';
import { Department } from '../org/entities/department.entity';
import { EmployeeDepartment } from '../org/entities/employee-department.entity';
import { Employee } from '../org/entities/employee.entity';
import { Tenant } from '../tenants/tenant.entity';
import { ApprovalTypes } from './approval-types';
import { ApprovalsService } from './approvals.service';
import { endOfLocalDay, formatLocal, startOfLocalDay } from './domain/local-dates';
import { ApprovalInstance, ApprovalTask, ApprovalTimeline } from './entities';

export const EXPORT_MAX_ROWS = 10_000;
const DECIDED = [TaskStatus.Approved, TaskStatus.Rejected, TaskStatus.Transferred];
const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** Read side: lists, counts, detail, transfer candidates, admin list and export. */
@Injectable()
export class ApprovalsQueries {
  constructor(
    private readonly ds: DataSource,
    private readonly types: ApprovalTypes,
    private readonly engine: ApprovalsService,
  ) {}

  private base(tenantId: string, q: ApprovalListQuery): SelectQueryBuilder<ApprovalInstance> {
    const qb = this.ds.getRepository(ApprovalInstance).createQueryBuilder('i').where('i.tenantId = :tid', { tid: tenantId });
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    if (q.businessType) qb.andWhere('i.businessType = :type', { type: q.businessType });
    return qb;
  }

  private todoQb(tenantId: string, me: string, q: ApprovalListQuery) {
    return this.base(tenantId, { ...q, status: undefined }).andWhere('i.status = :pendingI', { pendingI: ApprovalStatus.Pending })
      .andWhere('i.id IN (SELECT t.instanceId FROM approval_tasks t WHERE t.tenantId = :tid AND t.approverId = :me AND t.status = :pendingT)', { me, pendingT: TaskStatus.Pending });
  }

  private mineQb(tenantId: string, me: string, q: ApprovalListQuery) {
    return this.base(tenantId, q).andWhere('i.applicantId = :me', { me });
  }

  private doneQb(tenantId: string, me: string, q: ApprovalListQuery) {
    return this.base(tenantId, q)
      .andWhere('i.id IN (SELECT t.instanceId FROM approval_tasks t WHERE t.tenantId = :tid AND t.approverId = :me AND t.status IN (:...decided) AND t.decidedAt IS NOT NULL)', { me, decided: DECIDED });
  }

  async list(user: SessionUser, which: 'todo' | 'mine' | 'done', q: ApprovalListQuery): Promise<Page<ApprovalInstanceSummary>> {
    const me = await this.engine.actorEmployeeId(user);
    const qb = which === 'todo' ? this.todoQb(user.tenantId, me, q) : which === 'mine' ? this.mineQb(user.tenantId, me, q) : this.doneQb(user.tenantId, me, q);
    return this.page(user.tenantId, qb, q);
  }

  /** todo: my pending tasks; mine: every request I filed; done: every instance I decided on. */
  async counts(user: SessionUser): Promise<ApprovalCounts> {
    const me = await this.engine.actorEmployeeId(user);
    const [todo, mine, done] = await Promise.all([
      this.todoQb(user.tenantId, me, {}).getCount(), this.mineQb(user.tenantId, me, {}).getCount(), this.doneQb(user.tenantId, me, {}).getCount(),
    ]);
    return { todo, mine, done };
  }

  private async page(tenantId: string, qb: SelectQueryBuilder<ApprovalInstance>, q: PageQuery): Promise<Page<ApprovalInstanceSummary>> {
    const p = pageParams(q);
    const [rows, total] = await qb.orderBy('i.createdAt', 'DESC').addOrderBy('i.id', 'DESC').skip(p.skip).take(p.take).getManyAndCount();
    return toPage(await this.summaries(tenantId, rows), total, p);
  }

  // ---------------------------------------------------------------- detail

  async detail(user: SessionUser, id: string): Promise<ApprovalInstanceDetail> {
    const inst = isUuid(id) ? await this.ds.getRepository(ApprovalInstance).findOneBy({ id, tenantId: user.tenantId }) : null;
    const me = user.kind === 'employee' ? user.id : await this.engine.actorEmployeeId(user).catch(() => null);
    if (!inst || !(await this.engine.canSee(this.ds.manager, inst, me, user.roles))) throw AppError.notFound('审批');
    return this.toDetail(user.tenantId, inst, me);
  }

  /** Admin view: any instance of the tenant. */
  async adminDetail(user: SessionUser, id: string): Promise<ApprovalInstanceDetail> {
    const inst = isUuid(id) ? await this.ds.getRepository(ApprovalInstance).findOneBy({ id, tenantId: user.tenantId }) : null;
    if (!inst) throw AppError.notFound('审批');
    const me = user.kind === 'employee' ? user.id : await this.engine.actorEmployeeId(user).catch(() => null);
    return this.toDetail(user.tenantId, inst, me);
  }

  async toDetail(tenantId: string, inst: ApprovalInstance, me: string | null): Promise<ApprovalInstanceDetail> {
    const [summary] = await this.summaries(tenantId, [inst]);
    const tasks = await this.ds.getRepository(ApprovalTask).find({ where: { instanceId: inst.id }, order: { stepIndex: 'ASC', createdAt: 'ASC' } });
    const timeline = await this.ds.getRepository(ApprovalTimeline).find({ where: { instanceId: inst.id }, order: { at: 'ASC', seq: 'ASC' } });
    const people = await this.refs(tenantId, [...tasks.map((t) => t.approverId), ...timeline.flatMap((e) => [e.actorId, e.targetId])]);
    const ref = (id: string | null): EmployeeRef | null => (id ? people.get(id) ?? { id, name: '未知员工', title: null } : null);
    const steps: ApprovalStepView[] = inst.steps.map((s, index) => ({
      index, name: s.name, mode: s.mode,
      state: s.skipped ? 'skipped'
        : inst.status === ApprovalStatus.Approved || index < inst.currentStep ? 'done'
          : index === inst.currentStep ? (inst.status === ApprovalStatus.Pending ? 'current' : 'done') : 'waiting',
      tasks: tasks.filter((t) => t.stepIndex === index).map((t) => ({
        id: t.id, stepIndex: t.stepIndex, approver: ref(t.approverId)!, status: t.status, comment: t.comment, decidedAt: iso(t.decidedAt),
      })),
    }));
    const myTask = me && inst.status === ApprovalStatus.Pending ? tasks.find((t) => t.approverId === me && t.status === TaskStatus.Pending) : undefined;
    return {
      ...summary,
      form: inst.form,
      data: inst.data,
      steps,
      timeline: timeline.map((e) => ({
        id: e.id, action: e.action, actor: ref(e.actorId), target: ref(e.targetId), comment: e.comment, via: e.via, platform: e.platform, at: iso(e.at)!,
      })),
      myTaskId: myTask?.id ?? null,
      canWithdraw: !!me && inst.applicantId === me && inst.status === ApprovalStatus.Pending,
    };
  }

  // ---------------------------------------------------------------- people (transfer targets)

  async people(user: SessionUser, q: { q?: string } & PageQuery): Promise<Page<EmployeeRef>> {
    const me = await this.engine.actorEmployeeId(user).catch(() => null);
    const p = pageParams(q);
    const qb = this.ds.getRepository(Employee).createQueryBuilder('e').select(['e.id', 'e.name', 'e.title', 'e.employeeNo'])
      .where('e.tenantId = :tid AND e.status = :active', { tid: user.tenantId, active: 'active' });
    if (me) qb.andWhere('e.id <> :me', { me });
    if (q.q?.trim()) {
      const like = `%${q.q.trim().replace(/[!%_]/g, (c) => '!' + c)}%`;
      qb.andWhere(new Brackets((w) => w.where("e.name LIKE :like ESCAPE '!'", { like }).orWhere("e.employeeNo LIKE :like ESCAPE '!'", { like })));
    }
    const [rows, total] = await qb.orderBy('e.employeeNo', 'ASC').addOrderBy('e.id', 'ASC').skip(p.skip).take(p.take).getManyAndCount();
    return toPage(rows.map((e) => ({ id: e.id, name: e.name, title: e.title })), total, p);
  }

  // ---------------------------------------------------------------- admin list + export

  private async adminQb(user: SessionUser, q: AdminApprovalListQuery) {
    const qb = this.base(user.tenantId, q);
    if (q.applicantId) qb.andWhere('i.applicantId = :applicant', { applicant: q.applicantId });
    if (q.from && q.to && q.from > q.to) {
      // YYYY-MM-DD (validated by the DTO) compares as text.
      throw new AppError(ErrorCode.VALIDATION_FAILED, '开始日期不能晚于结束日期', { fields: { from: ['开始日期不能晚于结束日期'], to: ['结束日期不能早于开始日期'] } });
    }
    if (q.from || q.to) {
      const tz = (await this.ds.getRepository(Tenant).findOneBy({ id: user.tenantId }))?.timeZone ?? 'Asia/Shanghai';
      if (q.from) qb.andWhere('i.createdAt >= :from', { from: startOfLocalDay(q.from, tz) });
      if (q.to) qb.andWhere('i.createdAt < :to', { to: endOfLocalDay(q.to, tz) });
    }
    return qb;
  }

  async adminList(user: SessionUser, q: AdminApprovalListQuery): Promise<Page<ApprovalInstanceSummary>> {
    return this.page(user.tenantId, await this.adminQb(user, q), q);
  }

  /** The filtered instances as an .xlsx (zh-CN headers), at most EXPORT_MAX_ROWS rows. */
  async export(user: SessionUser, q: AdminApprovalListQuery): Promise<Buffer> {
    const qb = await this.adminQb(user, q);
    const total = await qb.getCount();
    if (total > EXPORT_MAX_ROWS) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, `导出最多 ${EXPORT_MAX_ROWS} 条，当前筛选结果 ${total} 条，请缩小筛选范围`, { total, max: EXPORT_MAX_ROWS });
    }
    const tz = (await this.ds.getRepository(Tenant).findOneBy({ id: user.tenantId }))?.timeZone ?? 'Asia/Shanghai';
    const ExcelJS = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'hrlink';
    const ws = wb.addWorksheet('审批记录');
    ws.columns = [
      { header: '编号', key: 'id', width: 38 }, { header: '类型', key: 'type', width: 12 }, { header: '标题', key: 'title', width: 36 },
      { header: '申请人', key: 'applicant', width: 12 }, { header: '部门', key: 'dept', width: 20 }, { header: '状态', key: 'status', width: 10 },
      { header: '当前审批人', key: 'approvers', width: 20 }, { header: '提交时间', key: 'createdAt', width: 18 }, { header: '完成时间', key: 'finishedAt', width: 18 },
    ];
    ws.getRow(1).font = { bold: true };
    const BATCH = 500;
    for (let skip = 0; skip < total; skip += BATCH) {
      const rows = await qb.clone().orderBy('i.createdAt', 'DESC').addOrderBy('i.id', 'DESC').skip(skip).take(BATCH).getMany();
      for (const s of await this.summaries(user.tenantId, rows)) {
        ws.addRow({
          id: s.id, type: s.businessTypeName, title: s.title, applicant: s.applicant.name, dept: s.applicant.departments.map((d) => d.name).join('、'),
          status: APPROVAL_STATUS_NAMES[s.status], approvers: s.currentApprovers.map((a) => a.name).join('、'),
          createdAt: formatLocal(new Date(s.createdAt), tz), finishedAt: s.finishedAt ? formatLocal(new Date(s.finishedAt), tz) : '',
        });
      }
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  // ---------------------------------------------------------------- mapping

  private async refs(tenantId: string, ids: (string | null)[]): Promise<Map<string, EmployeeRef>> {
    const unique = [...new Set(ids.filter((x): x is string => !!x))];
    if (!unique.length) return new Map();
    const rows = await this.ds.getRepository(Employee).find({ select: { id: true, name: true, title: true }, where: { tenantId, id: In(unique) } });
    return new Map(rows.map((e) => [e.id, { id: e.id, name: e.name, title: e.title }]));
  }

  async summaries(tenantId: string, rows: ApprovalInstance[]): Promise<ApprovalInstanceSummary[]> {
    if (!rows.length) return [];
    const pending = await this.ds.getRepository(ApprovalTask).find({
      where: { instanceId: In(rows.map((r) => r.id)), status: TaskStatus.Pending }, order: { createdAt: 'ASC' },
    });
    const applicantIds = [...new Set(rows.map((r) => r.applicantId))];
    const people = await this.refs(tenantId, [...applicantIds, ...pending.map((t) => t.approverId)]);
    const memberships = await this.ds.getRepository(EmployeeDepartment).find({ where: { tenantId, employeeId: In(applicantIds) } });
    const depts = memberships.length
      ? await this.ds.getRepository(Department).find({ where: { tenantId, id: In([...new Set(memberships.map((m) => m.departmentId))]) } })
      : [];
    const deptById = new Map(depts.map((d) => [d.id, d]));
    const departmentsOf = (employeeId: string): DepartmentRef[] => memberships
      .filter((m) => m.employeeId === employeeId && deptById.get(m.departmentId)?.active)
      .sort((a, b) => Number(b.isMain) - Number(a.isMain))
      .map((m) => ({ id: m.departmentId, name: deptById.get(m.departmentId)!.name }));
    return rows.map((r) => ({
      id: r.id,
      businessType: r.businessType,
      businessTypeName: this.types.nameOf(r.businessType),
      title: r.title,
      applicant: { ...(people.get(r.applicantId) ?? { id: r.applicantId, name: '未知员工', title: null }), departments: departmentsOf(r.applicantId) },
      status: r.status,
      currentApprovers: r.status === ApprovalStatus.Pending
        ? pending.filter((t) => t.instanceId === r.id).map((t) => people.get(t.approverId) ?? { id: t.approverId, name: '未知员工', title: null })
        : [],
      createdAt: iso(r.createdAt)!,
      finishedAt: iso(r.finishedAt),
    }));
  }
}
