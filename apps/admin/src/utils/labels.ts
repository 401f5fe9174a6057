import { PLATFORM_META } from '@hrlink/shared';
import type { EmployeeStatus, MatchKey, Platform, Role, SyncRunStatus, SyncTrigger } from '@hrlink/shared';

export const PLATFORM_COLOR: Record<Platform, string> = {
  dingtalk: 'blue',
  wecom: 'green',
  feishu: 'purple',
};

export function platformName(p: Platform): string {
  return PLATFORM_META[p]?.displayName ?? p;
}

export const STATUS_LABEL: Record<EmployeeStatus, string> = { active: '在职', left: '离职' };

export const ROLE_LABEL: Record<Role, string> = { employee: '员工', hr: 'HR', admin: '管理员' };

export const MATCH_KEY_LABEL: Record<MatchKey, string> = { employeeNo: '工号', mobile: '手机号' };

export const TRIGGER_LABEL: Record<SyncTrigger, string> = {
  manual: '手动',
  scheduled: '定时',
  startup: '启动时',
  event: '事件',
};

export const SYNC_STATUS: Record<SyncRunStatus, { label: string; color: string }> = {
  running: { label: '同步中', color: 'processing' },
  succeeded: { label: '成功', color: 'success' },
  failed: { label: '失败', color: 'error' },
};
