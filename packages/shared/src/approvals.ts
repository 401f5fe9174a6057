import type { Role } from './auth';
import type { EmployeeRef, DepartmentRef } from './org';
import type { Platform } from './platform';
import type { PageQuery } from './paging';

/** Business types the approval engine routes. Modules register their own; `general` is built in. */
export const BusinessType = {
  General: 'general',
  Leave: 'leave',
  LeaveCancel: 'leave_cancel',
  Overtime: 'overtime',
  AttendanceCorrection: 'attendance_correction',
} as const;
export type BusinessType = (typeof BusinessType)[keyof typeof BusinessType];

export const BUSINESS_TYPE_NAMES: Record<string, string> = {
  general: '通用审批',
  leave: '请假',
  leave_cancel: '销假',
  overtime: '加班',
  attendance_correction: '补卡',
};

export const ApprovalStatus = {
  Pending: 'pending',
  Approved: 'approved',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
} as const;
export type ApprovalStatus = (typeof ApprovalStatus)[keyof typeof ApprovalStatus];

export const APPROVAL_STATUS_NAMES: Record<ApprovalStatus, string> = {
  pending: '审批中',
  approved: '已同意',
  rejected: '已拒绝',
  withdrawn: '已撤回',
};

export const TaskStatus = {
  /** Created but its step is not active yet. */
  Waiting: 'waiting',
  Pending: 'pending',
  Approved: 'approved',
  Rejected: 'rejected',
  Transferred: 'transferred',
  /** Another approver of an "any" step decided first, or the instance ended. */
  Cancelled: 'cancelled',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

/** Who approves a step. */
export type ApproverRule =
  /** level 1 = direct manager, 2 = manager's manager … */
  | { type: 'manager'; level: number }
  /** Head of the applicant's (main) department; for a head, the head of the parent department. */
  | { type: 'departmentHead' }
  /** Every active employee holding the role. */
  | { type: 'role'; role: Role }
  | { type: 'employees'; employeeIds: string[] };

export type ConditionOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** The step applies only when `data[field] op value` holds for the request's data. */
export interface RouteCondition {
  field: string;
  op: ConditionOp;
  value: number | string;
}

export interface RouteStep {
  name: string;
  approver: ApproverRule;
  /** any: one approval is enough; all: every approver must approve. */
  mode: 'any' | 'all';
  condition?: RouteCondition | null;
}

export interface ApprovalRouteView {
  id: string | null; // null: the built-in default, never saved
  businessType: string;
  businessTypeName: string;
  steps: RouteStep[];
  /** Remind a pending approver after this many hours; null = never. */
  reminderHours: number | null;
  updatedAt: string | null;
}

export interface UpsertApprovalRouteRequest {
  steps: RouteStep[];
  reminderHours: number | null;
}

export const ApprovalAction = {
  Submit: 'submit',
  Approve: 'approve',
  Reject: 'reject',
  Transfer: 'transfer',
  Comment: 'comment',
  Withdraw: 'withdraw',
  /** A step or an approver was skipped (self, nobody to approve). */
  Skip: 'skip',
  Remind: 'remind',
} as const;
export type ApprovalAction = (typeof ApprovalAction)[keyof typeof ApprovalAction];

export interface ApprovalTimelineEntry {
  id: string;
  action: ApprovalAction;
  actor: EmployeeRef | null;
  /** Transfer target, or the skipped approver. */
  target: EmployeeRef | null;
  comment: string | null;
  /** Where the decision came from: the mini-program, a card button, the admin. */
  via: 'app' | 'card' | 'admin' | 'system' | null;
  platform: Platform | null;
  at: string;
}

export interface ApprovalTaskView {
  id: string;
  stepIndex: number;
  approver: EmployeeRef;
  status: TaskStatus;
  comment: string | null;
  decidedAt: string | null;
}

export interface ApprovalStepView {
  index: number;
  name: string;
  mode: 'any' | 'all';
  /** pending (current), done, waiting (later), skipped */
  state: 'waiting' | 'current' | 'done' | 'skipped';
  tasks: ApprovalTaskView[];
}

export interface ApprovalFormField {
  label: string;
  value: string;
}

export interface ApprovalInstanceSummary {
  id: string;
  businessType: string;
  businessTypeName: string;
  title: string;
  applicant: EmployeeRef & { departments: DepartmentRef[] };
  status: ApprovalStatus;
  currentApprovers: EmployeeRef[];
  createdAt: string;
  finishedAt: string | null;
}

export interface ApprovalInstanceDetail extends ApprovalInstanceSummary {
  form: ApprovalFormField[];
  /** The request's own data (e.g. amountFen, days) as the business module stored it. */
  data: Record<string, unknown>;
  steps: ApprovalStepView[];
  timeline: ApprovalTimelineEntry[];
  /** The caller's pending task on this instance, if any. */
  myTaskId: string | null;
  canWithdraw: boolean;
}

export interface ApprovalActRequest {
  action: 'approve' | 'reject' | 'transfer' | 'comment';
  /** Required for reject (the reason) and comment. */
  comment?: string;
  /** Required for transfer. */
  transferToEmployeeId?: string;
}

export interface ApprovalCounts {
  todo: number;
  mine: number;
  done: number;
}

export interface ApprovalListQuery extends PageQuery {
  status?: ApprovalStatus;
  businessType?: string;
}

export interface AdminApprovalListQuery extends ApprovalListQuery {
  applicantId?: string;
  /** YYYY-MM-DD, on createdAt in the tenant's time zone. */
  from?: string;
  to?: string;
}

/** 通用审批. */
export interface CreateGeneralRequest {
  title: string;
  details: string;
  /** Integer fen; optional. */
  amountFen?: number | null;
  /** File ids or URLs; optional. */
  attachments?: string[];
}

export const DeliveryStatus = {
  Pending: 'pending',
  Sending: 'sending',
  Sent: 'sent',
  Failed: 'failed',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** One outbox message to a platform. */
export interface DeliveryView {
  id: string;
  platform: Platform;
  /** card.send, card.update, todo.create, todo.done, notice.send … */
  kind: string;
  recipient: EmployeeRef | null;
  instanceId: string | null;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  /** What the platform answered: task_id, message_id, response_code … */
  platformRef: Record<string, unknown> | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

export interface DeliveryListQuery extends PageQuery {
  status?: DeliveryStatus;
  platform?: Platform;
  instanceId?: string;
}

/** Timeline action names, shared by the mini-program and the admin. */
export const APPROVAL_ACTION_NAMES: Record<ApprovalAction, string> = {
  submit: '提交申请',
  approve: '同意',
  reject: '拒绝',
  transfer: '转交',
  comment: '评论',
  withdraw: '撤回',
  skip: '自动跳过',
  remind: '催办提醒',
};

/** Where a decision came from. */
export const APPROVAL_VIA_NAMES: Record<NonNullable<ApprovalTimelineEntry['via']>, string> = {
  app: '应用',
  card: '卡片',
  admin: '管理后台',
  system: '系统',
};

export const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  waiting: '未开始',
  pending: '待审批',
  approved: '已同意',
  rejected: '已拒绝',
  transferred: '已转交',
  cancelled: '无需审批',
};

/** 或签: one approver is enough; 会签: every approver. */
export const APPROVAL_MODE_NAMES: Record<'any' | 'all', string> = { any: '或签', all: '会签' };

export const STEP_STATE_NAMES: Record<ApprovalStepView['state'], string> = {
  waiting: '未开始',
  current: '进行中',
  done: '已完成',
  skipped: '已跳过',
};
