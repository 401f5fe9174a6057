import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual } from 'typeorm';
import {
  ApprovalAction, ApprovalFormField, ApprovalStatus, ErrorCode, Platform, TaskStatus,
} from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import type { SessionUser } from '../../common/auth/auth.types';
import { Transactions } from '../../database/transactions';
import { AdminUser } from '../auth/entities/admin-user.entity';
import { Employee } from '../org/entities/employee.entity';
import { ApprovalActions, ApprovalEventBus, ApprovalInstanceRef, ApprovalTaskRef } from './approval-events';
import { ApprovalTypes } from './approval-types';
import { ApprovalRoutesService } from './approval-routes.service';
import { carriedForward, resolveRoute, stepOutcome } from './domain/routing';
import { ApprovalInstance, ApprovalTask, ApprovalTimeline } from './entities';
import { loadOrgView, roleHolderIds } from './org-view.loader';

export interface SubmitInput {
  title: string;
  form: ApprovalFormField[];
  /** The request's data; route conditions read it (e.g. amountFen, days). */
  data: Record<string, unknown>;
  /** The business module's own record id. */
  businessId?: string | null;
  platform?: Platform | null;
}

export type Via = 'app' | 'card' | 'admin' | 'system';

interface DecideInput {
  tenantId: string;
  instanceId?: string;
  taskId?: string;
  actorId: string;
  action: 'approve' | 'reject' | 'transfer';
  comment: string | null;
  transferToEmployeeId?: string;
  via: Via;
  platform: Platform | null;
  /** Session roles (HR / admin see every instance). */
  roles?: readonly string[];
  /** The engine itself moves a leaver's task: no actor-status check, timeline actor null. */
  system?: boolean;
}

/** A concurrent decision bumped the instance version first: the whole unit of work is retried on fresh data. */
class VersionConflict extends Error {}

/** MySQL deadlock / lock-wait timeout: the transaction was rolled back and can be retried as a whole. */
const isRetryable = (err: unknown): boolean => {
  if (err instanceof VersionConflict) return true;
  const d = (err as { driverError?: { errno?: number } })?.driverError;
  return d?.errno === 1213 || d?.errno === 1205;
};

/** Per-transaction state: the next timeline sequence number and the time of the decision. */
interface Ctx {
  now: Date;
  seq: number;
}

const MAX_ATTEMPTS = 8;
const REMINDER_BATCH = 200;
const isUuid = (s: unknown): s is string => typeof s === 'string' && /^[0-9a-f-]{36}$/i.test(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The approval engine: submission, decisions, withdrawal, reminders. Every state change runs in one transaction that
 * first bumps the instance's `version` with a conditional UPDATE (serialising decisions per instance; a loser retries
 * on fresh data), then changes the task with `… WHERE id = ? AND status = 'pending'` (exactly one decision per task),
 * and emits the bus events with the same EntityManager so listeners' rows commit or roll back with the decision.
 */
@Injectable()
export class ApprovalsService implements ApprovalActions {
  private readonly logger = new Logger('Approvals');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly bus: ApprovalEventBus,
    private readonly types: ApprovalTypes,
    private readonly routes: ApprovalRoutesService,
  ) {}

  // ---------------------------------------------------------------- who is acting

  /** The employee behind a session: the employee itself, or the employee an admin account is linked to. */
  async actorEmployeeId(user: SessionUser): Promise<string> {
    if (user.kind === 'employee') return user.id;
    const admin = await this.ds.getRepository(AdminUser).findOneBy({ id: user.id, tenantId: user.tenantId });
    let id = admin?.employeeId ?? null;
    if (!id && admin?.linkEmployeeNo) {
      id = (await this.ds.getRepository(Employee).findOneBy({ tenantId: user.tenantId, employeeNo: admin.linkEmployeeNo }))?.id ?? null;
    }
    if (!id) throw new AppError(ErrorCode.FORBIDDEN, '该管理员账号未关联员工，不能处理审批');
    return id;
  }

  /** Applicant, anyone ever assigned a task, or HR / admin. */
  async canSee(m: EntityManager, inst: ApprovalInstance, employeeId: string | null, roles: readonly string[]): Promise<boolean> {
    if (roles.includes('hr') || roles.includes('admin')) return true;
    if (!employeeId) return false;
    if (inst.applicantId === employeeId) return true;
    return (await m.getRepository(ApprovalTask).countBy({ instanceId: inst.id, approverId: employeeId })) > 0;
  }

  // ---------------------------------------------------------------- submit

  /**
   * Starts an approval. Business modules pass their transaction's manager to create their record and the instance
   * atomically; without one the engine opens its own transaction.
   */
  async submit(tenantId: string, applicantId: string, businessType: string, input: SubmitInput, em?: EntityManager): Promise<ApprovalInstance> {
    const work = (m: EntityManager) => this.submitIn(m, tenantId, applicantId, businessType, input);
    return em ? work(em) : this.tx.run(work);
  }

  private async submitIn(m: EntityManager, tenantId: string, applicantId: string, businessType: string, input: SubmitInput): Promise<ApprovalInstance> {
    this.types.require(businessType);
    const applicant = await m.getRepository(Employee).findOneBy({ id: applicantId, tenantId });
    if (!applicant) throw AppError.notFound('员工');
    if (applicant.status !== 'active') throw new AppError(ErrorCode.EMPLOYEE_LEFT);
    const route = await this.routes.effective(m, tenantId, businessType);
    const org = await loadOrgView(m, tenantId, applicantId, route.steps);
    const res = resolveRoute(route.steps, org, applicantId, input.data ?? {});
    const ctx: Ctx = { now: new Date(), seq: 0 };

    const inst = m.create(ApprovalInstance, {
      id: newId(), tenantId, businessType, businessId: input.businessId ?? null, applicantId, title: input.title.slice(0, 200), form: input.form,
      data: input.data ?? {}, steps: res.steps.map((s) => ({ name: s.name, mode: s.mode, skipped: s.approverIds.length === 0 })),
      status: ApprovalStatus.Pending, currentStep: 0, version: 0, reminderHours: route.reminderHours, finishedAt: null,
      createdAt: ctx.now, updatedAt: ctx.now,
    });
    await m.insert(ApprovalInstance, inst as never);
    await this.log(m, ctx, inst, ApprovalAction.Submit, applicantId, { via: 'app', platform: input.platform ?? null });

    const tasks: ApprovalTask[] = [];
    res.steps.forEach((s, stepIndex) => {
      for (const approverId of s.approverIds) {
        tasks.push(m.create(ApprovalTask, {
          id: newId(), createdAt: ctx.now, updatedAt: ctx.now, tenantId, instanceId: inst.id, stepIndex, approverId, status: TaskStatus.Waiting, comment: null, decidedAt: null,
          transferredFromTaskId: null, activatedAt: null, remindAt: null, remindedAt: null,
        }));
      }
    });
    for (const s of res.steps) {
      if (s.selfRemoved) {
        await this.log(m, ctx, inst, ApprovalAction.Skip, null, { target: applicantId, comment: `申请人本人不审批自己的申请（${s.name}）`, via: 'system' });
      }
      if (s.approverIds.length === 0) {
        await this.log(m, ctx, inst, ApprovalAction.Skip, null, { comment: `「${s.name}」没有可用的审批人，已跳过`, via: 'system' });
      }
    }
    if (res.fallback === 'hr') {
      await this.log(m, ctx, inst, ApprovalAction.Skip, null, { comment: '审批流程中没有可用的审批人，转人事审批', via: 'system' });
    }
    if (tasks.length) await m.insert(ApprovalTask, tasks);

    if (res.fallback === 'auto') {
      await this.log(m, ctx, inst, ApprovalAction.Approve, null, { comment: '没有可用的审批人（也没有人事），系统自动通过', via: 'system' });
      inst.currentStep = inst.steps.length;
      await this.finish(m, ctx, inst, ApprovalStatus.Approved, null, null);
    } else {
      await this.activateFrom(m, ctx, inst, 0, []);
    }
    return inst;
  }

  // ---------------------------------------------------------------- decisions

  /** APPROVAL_ACTIONS: a decision on a given task (card buttons, other modules). */
  async actOnTask(input: Parameters<ApprovalActions['actOnTask']>[0]) {
    if (input.action === 'reject' && !input.comment?.trim()) throw new AppError(ErrorCode.APPROVAL_REASON_REQUIRED);
    const out = await this.decide({
      tenantId: input.tenantId, taskId: input.taskId, actorId: input.actorEmployeeId, action: input.action,
      comment: input.comment?.trim() || null, via: input.via, platform: (input.platform as Platform | null | undefined) ?? null,
    });
    return { instanceId: out.instance.id, instanceStatus: out.instance.status, taskStatus: out.taskStatus };
  }

  /** Approve / reject / transfer the caller's pending task on an instance. */
  async act(user: SessionUser, instanceId: string, input: { action: 'approve' | 'reject' | 'transfer'; comment?: string; transferToEmployeeId?: string }, via: Via = 'app') {
    const comment = input.comment?.trim() || null;
    if (input.action === 'reject' && !comment) throw new AppError(ErrorCode.APPROVAL_REASON_REQUIRED);
    if (input.action === 'transfer' && !isUuid(input.transferToEmployeeId)) {
      throw new AppError(ErrorCode.APPROVAL_TRANSFER_INVALID, '请选择转交对象');
    }
    const actorId = await this.actorEmployeeId(user);
    return this.decide({
      tenantId: user.tenantId, instanceId, actorId, action: input.action, comment, transferToEmployeeId: input.transferToEmployeeId,
      via, platform: user.platform, roles: user.roles,
    });
  }

  /** Acting on approvals needs an active employee (a session issued before they left, a card pressed later). */
  private async assertActive(m: EntityManager, tenantId: string, employeeId: string): Promise<void> {
    const e = await m.getRepository(Employee).findOne({ where: { id: employeeId, tenantId }, select: { id: true, status: true } });
    if (!e || e.status !== 'active') throw new AppError(ErrorCode.EMPLOYEE_LEFT);
  }

  /**
   * A leaver's pending tasks go, through the engine's own transfer (timeline `transfer` via 'system', actor null;
   * `tasks.closed` + `tasks.activated` so cards are updated / sent), to their manager when active and allowed
   * (not the applicant, not already an approver of that step), else to the first such HR role holder (by employee
   * number). A task nobody can take stays with the leaver (HR can still act on it in the admin). Idempotent.
   */
  async reassignTasksOfLeavers(tenantId?: string): Promise<number> {
    const qb = this.ds.getRepository(ApprovalTask).createQueryBuilder('t')
      .select('t.tenantId', 'tenantId').addSelect('t.approverId', 'approverId').distinct(true)
      .innerJoin(Employee, 'e', 'e.id = t.approverId')
      .where('t.status = :pending AND e.status <> :active', { pending: TaskStatus.Pending, active: 'active' });
    if (tenantId) qb.andWhere('t.tenantId = :tenantId', { tenantId });
    const rows: { tenantId: string; approverId: string }[] = await qb.getRawMany();
    let moved = 0;
    for (const r of rows) {
      try {
        moved += await this.reassignTasksOf(r.tenantId, r.approverId);
      } catch (err) {
        this.logger.error({ err, employeeId: r.approverId }, 'reassigning a leaver\'s tasks failed');
      }
    }
    return moved;
  }

  private async reassignTasksOf(tenantId: string, employeeId: string): Promise<number> {
    const tasks = await this.ds.getRepository(ApprovalTask).find({ where: { tenantId, approverId: employeeId, status: TaskStatus.Pending } });
    if (!tasks.length) return 0;
    const leaver = await this.ds.getRepository(Employee).findOneBy({ id: employeeId, tenantId });
    const manager = leaver?.managerId ? await this.ds.getRepository(Employee).findOneBy({ id: leaver.managerId, tenantId, status: 'active' }) : null;
    const hrIds = await roleHolderIds(this.ds.manager, tenantId, 'hr');
    const hr = hrIds.length ? await this.ds.getRepository(Employee).find({ where: { id: In(hrIds), tenantId, status: 'active' }, order: { employeeNo: 'ASC' } }) : [];
    let moved = 0;
    for (const task of tasks) {
      const inst = await this.ds.getRepository(ApprovalInstance).findOneBy({ id: task.instanceId });
      if (!inst || inst.status !== ApprovalStatus.Pending) continue;
      const busy = new Set((await this.ds.getRepository(ApprovalTask).find({
        where: { instanceId: inst.id, stepIndex: task.stepIndex, status: In([TaskStatus.Pending, TaskStatus.Waiting]) },
      })).map((t) => t.approverId));
      const target = [manager, ...hr].find((e) => e && e.id !== employeeId && e.id !== inst.applicantId && !busy.has(e.id));
      if (!target) {
        this.logger.warn({ taskId: task.id, employeeId }, 'leaver task: nobody to reassign it to');
        continue;
      }
      try {
        await this.decide({
          tenantId, taskId: task.id, actorId: employeeId, action: 'transfer', transferToEmployeeId: target.id,
          comment: '原审批人已离职，自动转交', via: 'system', platform: null, system: true,
        });
        moved++;
      } catch (err) {
        if (err instanceof AppError && err.code === ErrorCode.APPROVAL_NOT_PENDING) continue; // decided meanwhile
        throw err;
      }
    }
    if (moved) this.logger.log({ employeeId, moved }, 'leaver tasks reassigned');
    return moved;
  }

  private async decide(input: DecideInput): Promise<{ instance: ApprovalInstance; taskStatus: TaskStatus }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run((m) => this.decideIn(m, input));
      } catch (err) {
        if (!isRetryable(err)) throw err;
        this.logger.warn({ attempt, reason: err instanceof VersionConflict ? 'version' : (err as { driverError?: { code?: string } }).driverError?.code }, 'approval decision retried');
        if (attempt >= MAX_ATTEMPTS) throw new AppError(ErrorCode.CONFLICT);
        await sleep(2 + Math.random() * 10 * attempt);
      }
    }
  }

  private async decideIn(m: EntityManager, input: DecideInput): Promise<{ instance: ApprovalInstance; taskStatus: TaskStatus }> {
    const ctx: Ctx = { now: new Date(), seq: 0 };
    let instanceId = input.instanceId;
    let given: ApprovalTask | null = null;
    if (input.taskId) {
      given = isUuid(input.taskId) ? await m.getRepository(ApprovalTask).findOneBy({ id: input.taskId, tenantId: input.tenantId }) : null;
      if (!given) throw AppError.notFound('审批任务');
      if (given.approverId !== input.actorId) throw new AppError(ErrorCode.APPROVAL_NOT_YOUR_TASK);
      instanceId = given.instanceId;
    }
    const inst = isUuid(instanceId) ? await m.getRepository(ApprovalInstance).findOneBy({ id: instanceId, tenantId: input.tenantId }) : null;
    if (!inst) throw AppError.notFound('审批');
    if (!input.system) await this.assertActive(m, input.tenantId, input.actorId);
    const mine = await m.getRepository(ApprovalTask).find({ where: { instanceId: inst.id, approverId: input.actorId } });
    const task = given ?? mine.find((t) => t.status === TaskStatus.Pending) ?? null;
    if (!task) {
      if (!(await this.canSee(m, inst, input.actorId, input.roles ?? []))) throw AppError.notFound('审批');
      if (inst.status !== ApprovalStatus.Pending || mine.length) throw new AppError(ErrorCode.APPROVAL_NOT_PENDING);
      throw new AppError(ErrorCode.APPROVAL_NOT_YOUR_TASK);
    }
    if (inst.status !== ApprovalStatus.Pending || task.status !== TaskStatus.Pending) throw new AppError(ErrorCode.APPROVAL_NOT_PENDING);

    let target: Employee | null = null;
    if (input.action === 'transfer') {
      target = isUuid(input.transferToEmployeeId)
        ? await m.getRepository(Employee).findOneBy({ id: input.transferToEmployeeId, tenantId: input.tenantId })
        : null;
      const reason = !target || target.status !== 'active' ? '转交对象不存在或已离职'
        : target.id === inst.applicantId ? '不能转交给申请人'
          : target.id === input.actorId ? '不能转交给自己'
            : (await m.getRepository(ApprovalTask).countBy({ instanceId: inst.id, stepIndex: task.stepIndex, approverId: target.id, status: In([TaskStatus.Pending, TaskStatus.Waiting]) })) > 0
              ? '该员工已是本步骤的审批人' : null;
      if (reason) throw new AppError(ErrorCode.APPROVAL_TRANSFER_INVALID, reason);
    }

    await this.bumpVersion(m, inst, ctx);
    const newStatus = input.action === 'approve' ? TaskStatus.Approved : input.action === 'reject' ? TaskStatus.Rejected : TaskStatus.Transferred;
    const claimed = await m.createQueryBuilder().update(ApprovalTask)
      .set({ status: newStatus, comment: input.comment, decidedAt: ctx.now, updatedAt: ctx.now })
      .where('id = :id AND status = :pending', { id: task.id, pending: TaskStatus.Pending })
      .execute();
    if ((claimed.affected ?? 0) !== 1) throw new AppError(ErrorCode.APPROVAL_NOT_PENDING);
    task.status = newStatus;
    task.comment = input.comment;
    task.decidedAt = ctx.now;
    const via = { via: input.via, platform: input.platform };

    if (input.action === 'transfer') {
      await this.log(m, ctx, inst, ApprovalAction.Transfer, input.system ? null : input.actorId, { target: target!.id, comment: input.comment, ...via });
      const next = m.create(ApprovalTask, {
        id: newId(), createdAt: ctx.now, updatedAt: ctx.now, tenantId: inst.tenantId, instanceId: inst.id, stepIndex: task.stepIndex, approverId: target!.id, status: TaskStatus.Pending,
        comment: null, decidedAt: null, transferredFromTaskId: task.id, activatedAt: ctx.now, remindAt: this.remindAt(inst, ctx.now), remindedAt: null,
      });
      await m.insert(ApprovalTask, next);
      await this.emitClosed(m, inst, [task], input.system ? null : input.actorId);
      await this.bus.emit(m, { type: 'tasks.activated', instance: this.ref(inst), tasks: [this.taskRef(next)] });
      return { instance: inst, taskStatus: task.status };
    }

    if (input.action === 'reject') {
      await this.log(m, ctx, inst, ApprovalAction.Reject, input.actorId, { comment: input.comment, ...via });
      const others = await this.closeOpenTasks(m, ctx, inst);
      await this.emitClosed(m, inst, [task, ...others], input.actorId);
      await this.finish(m, ctx, inst, ApprovalStatus.Rejected, input.actorId, input.comment);
      return { instance: inst, taskStatus: task.status };
    }

    await this.log(m, ctx, inst, ApprovalAction.Approve, input.actorId, { comment: input.comment, ...via });
    const stepTasks = await m.getRepository(ApprovalTask).find({ where: { instanceId: inst.id, stepIndex: task.stepIndex } });
    const mode = inst.steps[task.stepIndex]?.mode ?? 'any';
    if (stepOutcome(mode, stepTasks.map((t) => t.status)) !== 'approved') {
      await this.emitClosed(m, inst, [task], input.actorId);
      return { instance: inst, taskStatus: task.status };
    }
    const cancelled = await this.cancelTasks(m, ctx, stepTasks.filter((t) => t.status === TaskStatus.Pending));
    await this.emitClosed(m, inst, [task, ...cancelled], input.actorId);
    const approvedBy = stepTasks.filter((t) => t.status === TaskStatus.Approved).map((t) => t.approverId);
    await this.activateFrom(m, ctx, inst, task.stepIndex + 1, approvedBy, input.actorId);
    return { instance: inst, taskStatus: task.status };
  }

  /** The applicant withdraws a pending request. */
  async withdraw(user: SessionUser, instanceId: string): Promise<ApprovalInstance> {
    const actorId = await this.actorEmployeeId(user);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run(async (m) => {
          const ctx: Ctx = { now: new Date(), seq: 0 };
          const inst = isUuid(instanceId) ? await m.getRepository(ApprovalInstance).findOneBy({ id: instanceId, tenantId: user.tenantId }) : null;
          if (!inst || !(await this.canSee(m, inst, actorId, user.roles))) throw AppError.notFound('审批');
          if (inst.applicantId !== actorId) throw new AppError(ErrorCode.FORBIDDEN, '只有申请人可以撤回');
          if (inst.status !== ApprovalStatus.Pending) throw new AppError(ErrorCode.APPROVAL_NOT_PENDING);
          await this.bumpVersion(m, inst, ctx);
          await this.log(m, ctx, inst, ApprovalAction.Withdraw, actorId, { via: 'app', platform: user.platform });
          const closed = await this.closeOpenTasks(m, ctx, inst);
          await this.emitClosed(m, inst, closed, actorId);
          await this.finish(m, ctx, inst, ApprovalStatus.Withdrawn, actorId, null);
          return inst;
        });
      } catch (err) {
        if (!isRetryable(err)) throw err;
        this.logger.warn({ attempt, reason: err instanceof VersionConflict ? 'version' : (err as { driverError?: { code?: string } }).driverError?.code }, 'approval decision retried');
        if (attempt >= MAX_ATTEMPTS) throw new AppError(ErrorCode.CONFLICT);
        await sleep(2 + Math.random() * 10 * attempt);
      }
    }
  }

  /** A comment by anyone who can see the instance (applicant, approvers, HR); changes no state. */
  async comment(user: SessionUser, instanceId: string, text: string | undefined): Promise<ApprovalInstance> {
    const comment = text?.trim();
    if (!comment) throw new AppError(ErrorCode.VALIDATION_FAILED, '请填写评论内容', { fields: { comment: ['请填写评论内容'] } });
    const actorId = await this.actorEmployeeId(user);
    return this.tx.run(async (m) => {
      const inst = isUuid(instanceId) ? await m.getRepository(ApprovalInstance).findOneBy({ id: instanceId, tenantId: user.tenantId }) : null;
      if (!inst || !(await this.canSee(m, inst, actorId, user.roles))) throw AppError.notFound('审批');
      const ctx: Ctx = { now: new Date(), seq: 0 };
      await this.log(m, ctx, inst, ApprovalAction.Comment, actorId, { comment, via: 'app', platform: user.platform });
      return inst;
    });
  }

  // ---------------------------------------------------------------- reminders

  /**
   * Finds pending tasks past their reminder time that were never reminded; each is claimed with a conditional UPDATE
   * of remindedAt (so two instances never remind twice) and announced as task.reminder in the same transaction.
   */
  async sendDueReminders(now = new Date()): Promise<number> {
    const due = await this.ds.getRepository(ApprovalTask).find({
      where: { status: TaskStatus.Pending, remindedAt: IsNull(), remindAt: LessThanOrEqual(now) },
      order: { remindAt: 'ASC' }, take: REMINDER_BATCH,
    });
    let sent = 0;
    for (const t of due) {
      try {
        const done = await this.tx.run(async (m) => {
          const claim = await m.createQueryBuilder().update(ApprovalTask).set({ remindedAt: now, updatedAt: now })
            .where('id = :id AND status = :pending AND remindedAt IS NULL', { id: t.id, pending: TaskStatus.Pending }).execute();
          if ((claim.affected ?? 0) !== 1) return false;
          const inst = await m.getRepository(ApprovalInstance).findOneByOrFail({ id: t.instanceId });
          if (inst.status !== ApprovalStatus.Pending) return false;
          await this.log(m, { now, seq: 0 }, inst, ApprovalAction.Remind, null, { target: t.approverId, via: 'system', comment: `已等待超过 ${inst.reminderHours} 小时` });
          await this.bus.emit(m, { type: 'task.reminder', instance: this.ref(inst), task: this.taskRef(t) });
          return true;
        });
        if (done) sent++;
      } catch (err) {
        this.logger.error({ err, taskId: t.id }, 'approval reminder failed');
      }
    }
    return sent;
  }

  // ---------------------------------------------------------------- internals

  private async bumpVersion(m: EntityManager, inst: ApprovalInstance, ctx: Ctx): Promise<void> {
    const res = await m.createQueryBuilder().update(ApprovalInstance)
      .set({ version: inst.version + 1, updatedAt: ctx.now })
      .where('id = :id AND version = :version AND status = :pending', { id: inst.id, version: inst.version, pending: ApprovalStatus.Pending })
      .execute();
    if ((res.affected ?? 0) !== 1) throw new VersionConflict();
    inst.version += 1;
    inst.updatedAt = ctx.now;
  }

  private remindAt(inst: ApprovalInstance, from: Date): Date | null {
    return inst.reminderHours ? new Date(from.getTime() + inst.reminderHours * 3600_000) : null;
  }

  /**
   * Starts the first step from `fromStep` that has approvers. Approvers who approved the step just finished have their
   * task approved automatically (their approval carries forward); if that completes the step, the next one starts.
   * No step left → the instance is approved.
   */
  private async activateFrom(m: EntityManager, ctx: Ctx, inst: ApprovalInstance, fromStep: number, approvedBefore: string[], actorId: string | null = null): Promise<void> {
    let prev = approvedBefore;
    for (let i = fromStep; i < inst.steps.length; i++) {
      if (inst.steps[i].skipped) continue;
      const tasks = await m.getRepository(ApprovalTask).find({ where: { instanceId: inst.id, stepIndex: i, status: TaskStatus.Waiting } });
      if (!tasks.length) continue;
      const carried = new Set(carriedForward(tasks.map((t) => t.approverId), prev));
      for (const t of tasks.filter((x) => carried.has(x.approverId))) {
        await m.update(ApprovalTask, { id: t.id }, { status: TaskStatus.Approved, comment: '已在上一步同意，自动通过', decidedAt: ctx.now, activatedAt: ctx.now, updatedAt: ctx.now });
        t.status = TaskStatus.Approved;
        await this.log(m, ctx, inst, ApprovalAction.Approve, t.approverId, { comment: `已在上一步同意，「${inst.steps[i].name}」自动通过`, via: 'system' });
      }
      const outcome = stepOutcome(inst.steps[i].mode, tasks.map((t) => (t.status === TaskStatus.Approved ? 'approved' : 'pending')));
      if (outcome === 'approved') {
        const rest = tasks.filter((t) => t.status === TaskStatus.Waiting);
        if (rest.length) await m.update(ApprovalTask, { id: In(rest.map((t) => t.id)) }, { status: TaskStatus.Cancelled, updatedAt: ctx.now });
        prev = [...carried];
        continue;
      }
      const pending = tasks.filter((t) => t.status === TaskStatus.Waiting);
      const remindAt = this.remindAt(inst, ctx.now);
      await m.update(ApprovalTask, { id: In(pending.map((t) => t.id)) }, { status: TaskStatus.Pending, activatedAt: ctx.now, remindAt, updatedAt: ctx.now });
      for (const t of pending) Object.assign(t, { status: TaskStatus.Pending, activatedAt: ctx.now, remindAt });
      inst.currentStep = i;
      await m.update(ApprovalInstance, { id: inst.id }, { currentStep: i, updatedAt: ctx.now });
      await this.bus.emit(m, { type: 'tasks.activated', instance: this.ref(inst), tasks: pending.map((t) => this.taskRef(t)) });
      return;
    }
    inst.currentStep = inst.steps.length;
    await m.update(ApprovalInstance, { id: inst.id }, { currentStep: inst.currentStep, updatedAt: ctx.now });
    await this.finish(m, ctx, inst, ApprovalStatus.Approved, actorId, null);
  }

  /** Cancels every pending task (returned, their cards need updating) and every waiting one (never shown to anyone). */
  private async closeOpenTasks(m: EntityManager, ctx: Ctx, inst: ApprovalInstance): Promise<ApprovalTask[]> {
    const open = await m.getRepository(ApprovalTask).find({ where: { instanceId: inst.id, status: In([TaskStatus.Pending, TaskStatus.Waiting]) } });
    const waiting = open.filter((t) => t.status === TaskStatus.Waiting);
    if (waiting.length) await m.update(ApprovalTask, { id: In(waiting.map((t) => t.id)) }, { status: TaskStatus.Cancelled, updatedAt: ctx.now });
    return this.cancelTasks(m, ctx, open.filter((t) => t.status === TaskStatus.Pending));
  }

  private async cancelTasks(m: EntityManager, ctx: Ctx, tasks: ApprovalTask[]): Promise<ApprovalTask[]> {
    const out: ApprovalTask[] = [];
    for (const t of tasks) {
      const res = await m.createQueryBuilder().update(ApprovalTask).set({ status: TaskStatus.Cancelled, updatedAt: ctx.now })
        .where('id = :id AND status = :pending', { id: t.id, pending: TaskStatus.Pending }).execute();
      if ((res.affected ?? 0) === 1) out.push(Object.assign(t, { status: TaskStatus.Cancelled }));
    }
    return out;
  }

  private async finish(m: EntityManager, ctx: Ctx, inst: ApprovalInstance, status: Exclude<ApprovalStatus, 'pending'>, actorId: string | null, comment: string | null): Promise<void> {
    inst.status = status;
    inst.finishedAt = ctx.now;
    await m.update(ApprovalInstance, { id: inst.id }, { status, finishedAt: ctx.now, updatedAt: ctx.now });
    const leftovers = await m.getRepository(ApprovalTask).find({ where: { instanceId: inst.id, status: TaskStatus.Waiting } });
    if (leftovers.length) await m.update(ApprovalTask, { id: In(leftovers.map((t) => t.id)) }, { status: TaskStatus.Cancelled, updatedAt: ctx.now });
    await this.types.get(inst.businessType)?.onFinished?.(m, inst, status);
    await this.bus.emit(m, { type: 'instance.finished', instance: this.ref(inst), status, actorId, comment });
  }

  private async emitClosed(m: EntityManager, inst: ApprovalInstance, tasks: ApprovalTask[], actorId: string | null): Promise<void> {
    if (!tasks.length) return;
    await this.bus.emit(m, { type: 'tasks.closed', instance: this.ref(inst), tasks: tasks.map((t) => this.taskRef(t)), actorId });
  }

  private async log(
    m: EntityManager, ctx: Ctx, inst: ApprovalInstance, action: ApprovalAction, actorId: string | null,
    o: { target?: string | null; comment?: string | null; via?: Via | null; platform?: Platform | null } = {},
  ): Promise<void> {
    if (ctx.seq === 0) ctx.seq = await m.getRepository(ApprovalTimeline).countBy({ instanceId: inst.id });
    await m.insert(ApprovalTimeline, {
      id: newId(), tenantId: inst.tenantId, instanceId: inst.id, action, actorId, targetId: o.target ?? null,
      comment: o.comment ?? null, via: o.via ?? null, platform: o.platform ?? null, at: ctx.now, seq: ctx.seq++, createdAt: ctx.now, updatedAt: ctx.now,
    });
  }

  ref(inst: ApprovalInstance): ApprovalInstanceRef {
    return { tenantId: inst.tenantId, instanceId: inst.id, businessType: inst.businessType, businessId: inst.businessId, applicantId: inst.applicantId, title: inst.title };
  }

  private taskRef(t: ApprovalTask): ApprovalTaskRef {
    return { taskId: t.id, approverId: t.approverId, stepIndex: t.stepIndex, status: t.status };
  }
}
