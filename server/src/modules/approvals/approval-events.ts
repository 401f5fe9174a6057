import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ApprovalStatus, TaskStatus } from '@hrlink/shared';

/**
 * The seam between the approval engine and everything that reacts to it (delivery of cards and
 * notices, business modules such as leave). The engine emits these INSIDE its transaction, passing
 * the transaction's EntityManager, so listeners write their rows (outbox messages, balance ledger
 * entries) atomically with the decision. The engine never calls a business module directly.
 */
export interface ApprovalInstanceRef {
  tenantId: string;
  instanceId: string;
  businessType: string;
  /** The business module's own record id (null for a general request). */
  businessId: string | null;
  applicantId: string;
  title: string;
}

export interface ApprovalTaskRef {
  taskId: string;
  approverId: string;
  stepIndex: number;
  status: TaskStatus;
}

export type ApprovalEvent =
  /** Tasks became pending (a step started, or a task was transferred to someone): tell their approvers. */
  | { type: 'tasks.activated'; instance: ApprovalInstanceRef; tasks: ApprovalTaskRef[] }
  /**
   * Pending tasks were closed (approved / rejected / transferred / cancelled because another approver
   * decided or the instance ended): update the cards already sent for them.
   */
  | { type: 'tasks.closed'; instance: ApprovalInstanceRef; tasks: ApprovalTaskRef[]; actorId: string | null }
  /** The instance reached a final status: business modules apply the outcome; the applicant is told. */
  | { type: 'instance.finished'; instance: ApprovalInstanceRef; status: Exclude<ApprovalStatus, 'pending'>; actorId: string | null; comment: string | null }
  /** A task has waited past the route's reminder hours. */
  | { type: 'task.reminder'; instance: ApprovalInstanceRef; task: ApprovalTaskRef };

export type ApprovalListener = (em: EntityManager, event: ApprovalEvent) => Promise<void> | void;

/** In-process, synchronous (awaited) event bus. Listeners register in their module's onModuleInit. */
@Injectable()
export class ApprovalEventBus {
  private readonly listeners: ApprovalListener[] = [];

  on(listener: ApprovalListener): void {
    this.listeners.push(listener);
  }

  /** Called by the engine inside its transaction; a listener's error rolls the whole decision back. */
  async emit(em: EntityManager, event: ApprovalEvent): Promise<void> {
    for (const listener of this.listeners) await listener(em, event);
  }
}

/**
 * How callbacks (card buttons) and other modules act on approvals without knowing the engine's
 * internals. Implemented by the approvals service.
 */
export interface ApprovalActions {
  /** Applies a decision as `actorEmployeeId` on the given task, exactly as the mini-program would. */
  actOnTask(input: {
    tenantId: string;
    taskId: string;
    actorEmployeeId: string;
    action: 'approve' | 'reject';
    comment?: string;
    via: 'card' | 'app' | 'admin';
    platform?: string | null;
  }): Promise<{ instanceId: string; instanceStatus: ApprovalStatus; taskStatus: TaskStatus }>;
  /**
   * Pending tasks whose approver is no longer active (left) are transferred (the engine's transfer, via 'system',
   * actor null) to that approver's manager when active, else to the first HR role holder. Idempotent; called after
   * every contact event and by the reminder job's pass (which covers full syncs), `tenantId` omitted = every tenant.
   * Returns how many were reassigned.
   */
  reassignTasksOfLeavers(tenantId?: string): Promise<number>;
}

export const APPROVAL_ACTIONS = Symbol('APPROVAL_ACTIONS');
