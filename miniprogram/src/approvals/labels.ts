import {
  APPROVAL_STATUS_NAMES,
  BUSINESS_TYPE_NAMES,
  type ApprovalInstanceSummary,
  type ApprovalStatus,
  type ApprovalStepView,
  type ApprovalTimelineEntry,
  type TaskStatus,
} from '@hrlink/shared';

/** 审批中 / 已同意 / 已拒绝 / 已撤回; an unknown status is shown as is. */
export function statusLabel(status: string): string {
  return (APPROVAL_STATUS_NAMES as Record<string, string>)[status] ?? status;
}

/** NutUI Tag type for a status. */
export function statusTagType(status: string): 'primary' | 'success' | 'danger' | 'default' {
  switch (status as ApprovalStatus) {
    case 'pending':
      return 'primary';
    case 'approved':
      return 'success';
    case 'rejected':
      return 'danger';
    default:
      return 'default';
  }
}

export function businessTypeLabel(item: Pick<ApprovalInstanceSummary, 'businessType' | 'businessTypeName'>): string {
  return item.businessTypeName || BUSINESS_TYPE_NAMES[item.businessType] || item.businessType;
}

const ACTION_NAMES: Record<string, string> = {
  submit: '提交申请',
  approve: '同意',
  reject: '拒绝',
  transfer: '转交',
  comment: '评论',
  withdraw: '撤回',
  skip: '自动跳过',
  remind: '催办提醒',
};

export function actionLabel(action: string): string {
  return ACTION_NAMES[action] ?? action;
}

const VIA_NAMES: Record<string, string> = { app: '应用', card: '卡片', admin: '管理后台', system: '系统' };

/** Where a decision came from: 卡片 / 应用 / 管理后台 / 系统; '' when unknown. */
export function viaLabel(via: ApprovalTimelineEntry['via']): string {
  return via ? VIA_NAMES[via] ?? via : '';
}

const TASK_STATUS_NAMES: Record<TaskStatus, string> = {
  waiting: '未开始',
  pending: '待审批',
  approved: '已同意',
  rejected: '已拒绝',
  transferred: '已转交',
  cancelled: '无需审批',
};

export function taskStatusLabel(status: string): string {
  return (TASK_STATUS_NAMES as Record<string, string>)[status] ?? status;
}

/** 或签 (any one approver) / 会签 (all approvers). */
export function stepModeLabel(mode: ApprovalStepView['mode']): string {
  return mode === 'all' ? '会签' : '或签';
}

const STEP_STATE_NAMES: Record<ApprovalStepView['state'], string> = {
  waiting: '未开始',
  current: '进行中',
  done: '已完成',
  skipped: '已跳过',
};

export function stepStateLabel(state: string): string {
  return (STEP_STATE_NAMES as Record<string, string>)[state] ?? state;
}

/** One timeline line: "王总 同意", "李经理 转交给 张三", "自动跳过 赵六". */
export function timelineText(e: Pick<ApprovalTimelineEntry, 'action' | 'actor' | 'target'>): string {
  const who = e.actor?.name ?? '系统';
  if (e.action === 'transfer') return `${who} 转交给 ${e.target?.name ?? '—'}`;
  if (e.action === 'skip') return `自动跳过${e.target ? ` ${e.target.name}` : ''}`;
  if (e.action === 'remind') return `提醒${e.target ? ` ${e.target.name}` : '审批人'}处理`;
  return `${who} ${actionLabel(e.action)}`;
}

/** Result toast after an action of ours. */
export function actResultLabel(action: string): string {
  switch (action) {
    case 'approve':
      return '已同意';
    case 'reject':
      return '已拒绝';
    case 'transfer':
      return '已转交';
    case 'comment':
      return '已评论';
    case 'withdraw':
      return '已撤回';
    default:
      return '操作成功';
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * ISO instant → local "MM-DD HH:mm" (same year as `now`) or "YYYY-MM-DD HH:mm"; '' for
 * null, the input itself when unparseable.
 */
export function formatTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const md = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return d.getFullYear() === now.getFullYear() ? `${md} ${hm}` : `${d.getFullYear()}-${md} ${hm}`;
}
