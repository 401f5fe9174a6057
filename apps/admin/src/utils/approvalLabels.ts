import {
  API_PREFIX,
  APPROVAL_ACTION_NAMES,
  APPROVAL_MODE_NAMES,
  APPROVAL_STATUS_NAMES,
  APPROVAL_VIA_NAMES,
  BUSINESS_TYPE_NAMES,
  STEP_STATE_NAMES,
  TASK_STATUS_NAMES,
} from '@hrlink/shared';
import type { ApprovalAction, ApprovalStatus, ApprovalStepView, ApprovalTimelineEntry, DeliveryStatus, TaskStatus } from '@hrlink/shared';

/** Business types the admin offers, general first (the server may know more; they are listed after these). */
export const ADMIN_BUSINESS_TYPES = ['general', 'leave', 'leave_cancel', 'overtime', 'attendance_correction'];

export function businessTypeName(type: string, serverName?: string | null): string {
  return serverName || BUSINESS_TYPE_NAMES[type] || type;
}

export const APPROVAL_STATUS_COLOR: Record<ApprovalStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function approvalStatusName(s: ApprovalStatus): string {
  return APPROVAL_STATUS_NAMES[s] ?? s;
}

const TASK_STATUS_COLOR: Record<TaskStatus, string> = {
  waiting: 'default', pending: 'processing', approved: 'success', rejected: 'error', transferred: 'warning', cancelled: 'default',
};
export const TASK_STATUS = Object.fromEntries(
  (Object.keys(TASK_STATUS_NAMES) as TaskStatus[]).map((k) => [k, { label: TASK_STATUS_NAMES[k], color: TASK_STATUS_COLOR[k] }]),
) as Record<TaskStatus, { label: string; color: string }>;

const STEP_STATE_COLOR: Record<ApprovalStepView['state'], string> = { waiting: 'default', current: 'processing', done: 'success', skipped: 'default' };
export const STEP_STATE = Object.fromEntries(
  (Object.keys(STEP_STATE_NAMES) as ApprovalStepView['state'][]).map((k) => [k, { label: STEP_STATE_NAMES[k], color: STEP_STATE_COLOR[k] }]),
) as Record<ApprovalStepView['state'], { label: string; color: string }>;

export const MODE_LABEL = APPROVAL_MODE_NAMES;
export const MODE_HELP: Record<'any' | 'all', string> = { any: '一人同意即可', all: '须所有人同意' };

/**
 * The admin's timeline puts the actor first ("系统 跳过 李四", "后台"), so it keeps shorter verbs than the shared
 * APPROVAL_ACTION_NAMES / APPROVAL_VIA_NAMES (which the mini-program shows on their own).
 */
export const ACTION_LABEL: Record<ApprovalAction, string> = { ...APPROVAL_ACTION_NAMES, skip: '跳过', remind: '催办' };

/** Timeline dot colors by action. */
export const ACTION_COLOR: Record<ApprovalAction, string> = {
  submit: 'blue',
  approve: 'green',
  reject: 'red',
  transfer: 'orange',
  comment: 'gray',
  withdraw: 'gray',
  skip: 'gray',
  remind: 'blue',
};

export const VIA_LABEL: Record<NonNullable<ApprovalTimelineEntry['via']>, string> = { ...APPROVAL_VIA_NAMES, admin: '后台' };

/** "张三 同意" / "王总 转交给 李四" / "系统 跳过 赵六". */
export function timelineHeadline(e: Pick<ApprovalTimelineEntry, 'action' | 'actor' | 'target'>): string {
  const who = e.actor?.name ?? '系统';
  const what = ACTION_LABEL[e.action] ?? e.action;
  if (e.action === 'transfer' && e.target) return `${who} 转交给 ${e.target.name}`;
  if (e.target) return `${who} ${what} ${e.target.name}`;
  return `${who} ${what}`;
}

export const DELIVERY_STATUS: Record<DeliveryStatus, { label: string; color: string }> = {
  pending: { label: '待发送', color: 'default' },
  sending: { label: '发送中', color: 'processing' },
  sent: { label: '已送达', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

const KIND_LABEL: Record<string, string> = {
  'card.send': '发送卡片',
  'card.update': '更新卡片',
  'todo.create': '创建待办',
  'todo.done': '完成待办',
  'notice.send': '发送通知',
  'notice.update': '更新通知',
};

/** "card.send" -> "发送卡片"; unknown kinds are shown as they are. */
export function deliveryKindName(kind: string): string {
  return KIND_LABEL[kind] ?? kind;
}

/** Stable, readable JSON for the platform reply; '' when there is none. */
export function prettyJson(value: unknown): string {
  if (value === null || value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/** Callback URL to paste into the platform console: the admin's origin + /api + the binding's path. */
export function callbackUrl(origin: string, callbackPath: string): string {
  const base = origin.replace(/\/+$/, '');
  const path = callbackPath.startsWith('/') ? callbackPath : `/${callbackPath}`;
  return `${base}${API_PREFIX}${path}`;
}
