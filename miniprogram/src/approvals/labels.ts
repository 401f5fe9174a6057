import {
  APPROVAL_ACTION_NAMES,
  APPROVAL_MODE_NAMES,
  APPROVAL_STATUS_NAMES,
  APPROVAL_VIA_NAMES,
  STEP_STATE_NAMES,
  TASK_STATUS_NAMES,
  BUSINESS_TYPE_NAMES,
  type ApprovalInstanceSummary,
  type ApprovalStatus,
  type ApprovalStepView,
  type ApprovalTimelineEntry,
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


export function actionLabel(action: string): string {
  return (APPROVAL_ACTION_NAMES as Record<string, string>)[action] ?? action;
}


/** Where a decision came from: 卡片 / 应用 / 管理后台 / 系统; '' when unknown. */
export function viaLabel(via: ApprovalTimelineEntry['via']): string {
  return via ? APPROVAL_VIA_NAMES[via] ?? via : '';
}


export function taskStatusLabel(status: string): string {
  return (TASK_STATUS_NAMES as Record<string, string>)[status] ?? status;
}

/** 或签 (any one approver) / 会签 (all approvers). */
export function stepModeLabel(mode: ApprovalStepView['mode']): string {
  return APPROVAL_MODE_NAMES[mode] ?? mode;
}


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
