import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EntityManager, In, IsNull } from 'typeorm';
import { BUSINESS_TYPE_NAMES, Platform } from '@hrlink/shared';
import type { ApprovalCard, CardUpdate, MessageRecipient } from '@hrlink/connectors';
import { TypedConfig } from '../../config/typed-config';
import { ApprovalEvent, ApprovalEventBus, ApprovalInstanceRef, ApprovalTaskRef } from '../approvals/approval-events';
import { ApprovalInstance } from '../approvals/entities/approval-instance.entity';
import { PlatformBinding } from '../integrations/entities/platform-binding.entity';
import { EmployeeIdentity } from '../org/entities/employee-identity.entity';
import { Employee } from '../org/entities/employee.entity';
import { buttonValue, renderLink } from './domain/links';
import { OutboxKind, OutboxMessage, OutboxPayload } from './entities/outbox-message.entity';

export interface Target {
  binding: PlatformBinding;
  employeeId: string;
  recipient: MessageRecipient;
}

const CLOSED_TEXT: Record<string, { state: CardUpdate['state']; text: string }> = {
  approved: { state: 'approved', text: '已同意' },
  rejected: { state: 'rejected', text: '已拒绝' },
  transferred: { state: 'transferred', text: '已转交' },
  cancelled: { state: 'done_by_other', text: '已由他人处理' },
  withdrawn: { state: 'withdrawn', text: '已撤回' },
};

/**
 * Turns approval events into outbox rows, inside the engine's transaction (the `em` it passes): one card per approver
 * per platform identity, a card update per card sent once its task closes, result and reminder notices.
 */
@Injectable()
export class OutboxService implements OnModuleInit {
  private readonly logger = new Logger('Outbox');

  constructor(
    private readonly config: TypedConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const bus = this.optional<ApprovalEventBus>(ApprovalEventBus);
    if (!bus) {
      this.logger.warn('no ApprovalEventBus registered: approval events will not be delivered');
      return;
    }
    bus.on((em, e) => this.onApprovalEvent(em, e));
  }

  private optional<T>(token: unknown): T | null {
    try {
      return this.moduleRef.get(token as never, { strict: false }) as T;
    } catch {
      return null;
    }
  }

  async onApprovalEvent(em: EntityManager, e: ApprovalEvent): Promise<void> {
    switch (e.type) {
      case 'tasks.activated':
        return this.onActivated(em, e.instance, e.tasks);
      case 'tasks.closed':
        return this.onClosed(em, e.instance, e.tasks);
      case 'instance.finished':
        return this.onFinished(em, e.instance, e.status, e.comment);
      case 'task.reminder':
        return this.onReminder(em, e.instance, e.task);
    }
  }

  // ----- recipients and rendering -----

  /** Every enabled binding the employee has an identity on, with their ids there. */
  async targets(em: EntityManager, tenantId: string, employeeId: string): Promise<Target[]> {
    const identities = await em.findBy(EmployeeIdentity, { tenantId, employeeId });
    if (!identities.length) return [];
    const bindings = await em.findBy(PlatformBinding, { id: In(identities.map((i) => i.bindingId)), tenantId, enabled: true });
    return identities
      .map((i) => ({ i, b: bindings.find((b) => b.id === i.bindingId) }))
      .filter((x): x is { i: EmployeeIdentity; b: PlatformBinding } => !!x.b)
      .sort((x, y) => x.b.platform.localeCompare(y.b.platform))
      .map(({ i, b }) => ({ binding: b, employeeId, recipient: { userId: i.platformUserId, unionId: i.unionId, openId: i.openId } }));
  }

  link(b: PlatformBinding, instanceId: string): { mobile: string; pc: string } {
    const d = this.config.get('delivery');
    const url = renderLink(d.linkTemplates[b.platform as Platform] ?? null, d.linkBase, b, instanceId);
    return { mobile: url, pc: url };
  }

  private async form(em: EntityManager, instance: ApprovalInstanceRef): Promise<{ label: string; value: string }[]> {
    const applicant = await em.findOne(Employee, { where: { id: instance.applicantId }, select: { id: true, name: true } });
    const base = [
      { label: '申请人', value: applicant?.name ?? '' },
      { label: '类型', value: BUSINESS_TYPE_NAMES[instance.businessType] ?? instance.businessType },
    ];
    // The instance's own form rows (类型 / 时间 / 天数 / 事由 …, written by the business module), read in the engine's transaction.
    const inst = await em.findOne(ApprovalInstance, { where: { id: instance.instanceId }, select: { id: true, form: true } });
    const rows = inst?.form?.length ? inst.form : [{ label: '标题', value: instance.title }];
    return [...base, ...rows.filter((r) => !base.some((x) => x.label === r.label)).map((r) => ({ label: r.label, value: String(r.value ?? '') }))];
  }

  // ----- writing rows -----

  /** Inserts one row unless its idempotency key exists already (a re-emitted event adds nothing). */
  async enqueue(
    em: EntityManager,
    row: { tenantId: string; target: Target; kind: OutboxKind; key: string; instanceId: string | null; taskId: string | null; payload: OutboxPayload; dependsOnId?: string | null },
  ): Promise<OutboxMessage | null> {
    if (await em.findOne(OutboxMessage, { where: { idempotencyKey: row.key }, select: { id: true } })) return null;
    const now = new Date();
    const msg = em.create(OutboxMessage, {
      tenantId: row.tenantId, bindingId: row.target.binding.id, platform: row.target.binding.platform, kind: row.kind,
      recipientEmployeeId: row.target.employeeId, recipient: row.target.recipient, instanceId: row.instanceId, taskId: row.taskId,
      dependsOnId: row.dependsOnId ?? null, payload: row.payload, idempotencyKey: row.key, status: 'pending', attempts: 0,
      nextAttemptAt: now, leaseOwner: null, leaseUntil: null, lastError: null, platformRef: null, sentAt: null,
    });
    await em.insert(OutboxMessage, msg as never);
    return msg;
  }

  private async onActivated(em: EntityManager, instance: ApprovalInstanceRef, tasks: ApprovalTaskRef[]): Promise<void> {
    const form = await this.form(em, instance);
    for (const task of tasks) {
      for (const target of await this.targets(em, instance.tenantId, task.approverId)) {
        const key = `card:${task.taskId}:${target.binding.id}`;
        const card: ApprovalCard = {
          idempotencyKey: key, title: instance.title, form, statusText: '待审批', link: this.link(target.binding, instance.instanceId),
          buttons: { approveValue: buttonValue('approve', task.taskId), rejectValue: buttonValue('reject', task.taskId) },
          createTodo: target.binding.todoEnabled, dueAt: null,
        };
        await this.enqueue(em, { tenantId: instance.tenantId, target, kind: 'card.send', key, instanceId: instance.instanceId, taskId: task.taskId, payload: { card } });
      }
    }
  }

  /** The instance's final status when its result notice was already written in this transaction. */
  private async finishedStatus(em: EntityManager, instanceId: string): Promise<string | null> {
    const n = await em.findOne(OutboxMessage, { where: { instanceId, kind: 'notice.send', taskId: IsNull() }, order: { createdAt: 'DESC' } });
    const p = n?.payload as { resultStatus?: string } | undefined;
    return p?.resultStatus ?? null;
  }

  private async onClosed(em: EntityManager, instance: ApprovalInstanceRef, tasks: ApprovalTaskRef[]): Promise<void> {
    const finished = await this.finishedStatus(em, instance.instanceId);
    for (const task of tasks) {
      const sends = await em.findBy(OutboxMessage, { taskId: task.taskId, kind: 'card.send' });
      const status = task.status === 'cancelled' && finished === 'withdrawn' ? 'withdrawn' : task.status;
      const closed = CLOSED_TEXT[status] ?? { state: 'done_by_other' as const, text: '已处理' };
      for (const send of sends) {
        const sent = (send.payload as { card: ApprovalCard }).card;
        const card: ApprovalCard = { ...sent, statusText: closed.text, buttons: null, createTodo: false };
        const target: Target = { binding: { id: send.bindingId, platform: send.platform } as PlatformBinding, employeeId: send.recipientEmployeeId!, recipient: send.recipient };
        await this.enqueue(em, {
          tenantId: instance.tenantId, target, kind: 'card.update', key: `upd:${task.taskId}:${send.bindingId}`, instanceId: instance.instanceId,
          taskId: task.taskId, dependsOnId: send.id, payload: { update: { state: closed.state, statusText: closed.text }, card, taskStatus: task.status } as OutboxPayload,
        });
      }
    }
  }

  private async onFinished(em: EntityManager, instance: ApprovalInstanceRef, status: string, comment: string | null): Promise<void> {
    const text =
      status === 'approved' ? '你的申请已同意' : status === 'rejected' ? `你的申请已拒绝${comment ? `：${comment}` : ''}` : '你的申请已撤回';
    const statusText = CLOSED_TEXT[status]?.text ?? status;
    for (const target of await this.targets(em, instance.tenantId, instance.applicantId)) {
      const key = `res:${instance.instanceId}:${target.binding.id}`;
      await this.enqueue(em, {
        tenantId: instance.tenantId, target, kind: 'notice.send', key, instanceId: instance.instanceId, taskId: null,
        payload: { notice: { idempotencyKey: key, title: `${instance.title}（${statusText}）`, text, link: this.link(target.binding, instance.instanceId) }, resultStatus: status } as OutboxPayload,
      });
    }
    if (status === 'withdrawn') {
      // Cards of tasks cancelled by the withdrawal (closed earlier in this transaction) read 已撤回.
      const updates = await em.find(OutboxMessage, { where: { instanceId: instance.instanceId, kind: 'card.update', status: 'pending' } });
      for (const u of updates) {
        const p = u.payload as { update: { state: string; statusText: string }; card: ApprovalCard; taskStatus?: string };
        if (p.taskStatus !== 'cancelled') continue;
        p.update = { state: 'withdrawn', statusText: '已撤回' };
        p.card = { ...p.card, statusText: '已撤回' };
        await em.update(OutboxMessage, { id: u.id }, { payload: p as never, updatedAt: new Date() });
      }
    }
  }

  private async onReminder(em: EntityManager, instance: ApprovalInstanceRef, task: ApprovalTaskRef): Promise<void> {
    const applicant = await em.findOne(Employee, { where: { id: instance.applicantId }, select: { id: true, name: true } });
    for (const target of await this.targets(em, instance.tenantId, task.approverId)) {
      const n = await em.count(OutboxMessage, { where: { taskId: task.taskId, bindingId: target.binding.id, kind: 'notice.send' } });
      const key = `rem:${task.taskId}:${target.binding.id}:${n + 1}`;
      await this.enqueue(em, {
        tenantId: instance.tenantId, target, kind: 'notice.send', key, instanceId: instance.instanceId, taskId: task.taskId,
        payload: { notice: { idempotencyKey: key, title: `审批提醒：${instance.title}`, text: `${applicant?.name ?? ''}的申请仍在等待你审批（第 ${n + 1} 次提醒）`, link: this.link(target.binding, instance.instanceId) } },
      });
    }
  }
}
