import type { Platform } from './platform';
import type { PageQuery } from './paging';

/** Which field identifies one person across the three platforms. */
export const MatchKey = {
  Mobile: 'mobile',
  EmployeeNo: 'employeeNo',
} as const;
export type MatchKey = (typeof MatchKey)[keyof typeof MatchKey];

export interface PlatformBindingInput {
  platform: Platform;
  corpId: string;
  appKey?: string | null;
  /** Write-only: omitted or empty on update keeps the stored secret. */
  appSecret?: string | null;
  agentId?: string | null;
  callbackToken?: string | null;
  callbackAesKey?: string | null;
  enabled?: boolean;
  /** Make this binding the tenant's org source (default: the tenant's first binding). */
  isOrgSource?: boolean;
  /** DingTalk: also create a DingTalk to-do (待办) per approval task; Feishu: mirror into the approval center. */
  todoEnabled?: boolean;
}

/** A binding as the API returns it: secrets are never returned, only whether they are set. */
export interface PlatformBindingView {
  id: string;
  platform: Platform;
  corpId: string;
  appKey: string | null;
  agentId: string | null;
  appSecretSet: boolean;
  appSecretMasked: string | null;
  callbackTokenSet: boolean;
  callbackAesKeySet: boolean;
  enabled: boolean;
  /**
   * The tenant's org source: its sync owns departments, managers and employee records.
   * Other bindings' syncs only link identities to employees matched by the tenant's match key.
   */
  isOrgSource: boolean;
  todoEnabled: boolean;
  /** Path (under /api) to paste into the platform's developer console as the event callback URL. */
  callbackPath: string;
  lastSyncAt: string | null;
  lastSyncStatus: SyncRunStatus | null;
  createdAt: string;
  updatedAt: string;
}

export interface TestConnectionResult {
  ok: boolean;
  /** Milliseconds the token call took. */
  latencyMs: number;
  message: string;
  details?: Record<string, unknown>;
}

export const SyncRunStatus = {
  Running: 'running',
  Succeeded: 'succeeded',
  Failed: 'failed',
} as const;
export type SyncRunStatus = (typeof SyncRunStatus)[keyof typeof SyncRunStatus];

export const SyncTrigger = {
  Manual: 'manual',
  Scheduled: 'scheduled',
  Startup: 'startup',
  Event: 'event',
} as const;
export type SyncTrigger = (typeof SyncTrigger)[keyof typeof SyncTrigger];

export interface SyncRunView {
  id: string;
  bindingId: string;
  platform: Platform;
  trigger: SyncTrigger;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  /** Progress while running: departments and members read so far. */
  departmentsSeen: number;
  membersSeen: number;
  departmentsCreated: number;
  departmentsUpdated: number;
  departmentsDeactivated: number;
  employeesCreated: number;
  employeesUpdated: number;
  employeesDeactivated: number;
  /** Identities linked to / removed from employees (non-source bindings, and the source's own). */
  identitiesLinked: number;
  identitiesRemoved: number;
  /** Platform users that matched no employee by the match key (non-source bindings). */
  unmatched: number;
  /** Rows written; 0 for a no-change sync. */
  rowsWritten: number;
  errors: { message: string; code?: string; context?: Record<string, unknown> }[];
}

export interface SyncRunQuery extends PageQuery {
  bindingId?: string;
}

export interface TenantSettingsView {
  id: string;
  name: string;
  timeZone: string;
  matchKey: MatchKey;
  syncCron: string;
}

export interface UpdateTenantSettingsRequest {
  name?: string;
  timeZone?: string;
  matchKey?: MatchKey;
  syncCron?: string;
}
