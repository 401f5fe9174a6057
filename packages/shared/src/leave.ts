import type { EmployeeRef } from './org';
import type { ApprovalStatus } from './approvals';
import type { PageQuery } from './paging';

/** How a leave type is requested and counted. */
export const LeaveUnit = {
  /** Whole days. */
  Day: 'day',
  /** Days in halves: 上午 / 下午. */
  HalfDay: 'half_day',
  /** Hours (HH:mm, whole or half hours). */
  Hour: 'hour',
} as const;
export type LeaveUnit = (typeof LeaveUnit)[keyof typeof LeaveUnit];

export type HalfDay = 'am' | 'pm';

/** A calendar day's kind, after HR overrides. */
export const DayKind = {
  Workday: 'workday',
  /** Saturday / Sunday that is not a make-up workday. */
  RestDay: 'restday',
  /** Public holiday (法定节假日 and the 调休 rest days around it). */
  Holiday: 'holiday',
  /** 调休上班: a weekend day that is a working day. */
  MakeupWorkday: 'makeup_workday',
} as const;
export type DayKind = (typeof DayKind)[keyof typeof DayKind];

export interface CalendarDayView {
  date: string; // YYYY-MM-DD
  kind: DayKind;
  /** Holiday or make-up name, e.g. 国庆节. */
  name: string | null;
  /** Where the kind comes from: the maintained package, an HR override, or plain weekday/weekend rules. */
  source: 'package' | 'override' | 'weekday_rule';
}

export interface CalendarYearView {
  year: number;
  /** False when the holiday package has no data for this year: only weekends are known (+ HR overrides). */
  published: boolean;
  /** Only days that are not plain weekdays/weekends, plus every override. */
  days: CalendarDayView[];
}

export interface CalendarOverrideRequest {
  date: string;
  kind: DayKind;
  name?: string | null;
}

export interface LeaveTypeView {
  id: string;
  /** Stable code: annual, comp_time, personal, sick, marriage, maternity, paternity, bereavement, or HR's own. */
  code: string;
  name: string;
  paid: boolean;
  unit: LeaveUnit;
  /** Hours in one day for this type (unit hour ↔ day conversions). Default 8. */
  hoursPerDay: number;
  /** True: rest days and holidays inside a request are counted (calendar days, e.g. 产假). */
  countsRestDays: boolean;
  requiresBalance: boolean;
  /** The balance may go below zero (only when requiresBalance). */
  allowNegative: boolean;
  /** Attachment required when a request is longer than this many days; null = never. */
  attachmentOverDays: number | null;
  /** Must be requested at least this many days ahead; null = no rule. */
  minNoticeDays: number | null;
  /** Most one request may take, in the type's unit (days, or hours for unit hour); null = no cap. */
  maxPerRequest: number | null;
  /** Unused days carried into next year at most; null = no carry-forward. */
  carryForwardCap: number | null;
  /** MM-DD in the next year when carried days expire, e.g. "03-31"; null = never. */
  carryForwardExpiry: string | null;
  /** Statutory annual leave: the yearly grant job computes its entitlement. */
  isAnnual: boolean;
  enabled: boolean;
}

export type UpsertLeaveTypeRequest = Omit<LeaveTypeView, 'id' | 'isAnnual'> & { isAnnual?: boolean };

export interface LeavePoint {
  date: string;
  /** For unit half_day: which half. Start 'pm' = from the afternoon; end 'am' = until noon. */
  half?: HalfDay;
  /** For unit hour: HH:mm. */
  time?: string;
}

export interface LeaveRequestInput {
  leaveTypeId: string;
  start: LeavePoint;
  end: LeavePoint;
  reason: string;
  attachments?: string[];
}

export interface LeaveDayBreakdown {
  date: string;
  kind: DayKind;
  /** Amount counted on this day in the type's unit (1, 0.5, hours …); 0 when not counted. */
  amount: number;
}

export interface LeavePreview {
  /** Total in `unit` (days for day / half_day types, hours for hour types). */
  amount: number;
  unit: 'day' | 'hour';
  days: LeaveDayBreakdown[];
  /** null when the type needs no balance. */
  balanceBefore: number | null;
  balanceAfter: number | null;
  attachmentRequired: boolean;
  /** Rule problems found (same codes the submit would refuse with), empty when it can be submitted. */
  problems: { code: string; message: string }[];
}

export const LeaveRequestStatus = {
  Pending: 'pending',
  Approved: 'approved',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
  /** Approved, then a revoke was approved: balance and days restored. */
  Cancelled: 'cancelled',
  /** Approved and a revoke request is pending. */
  Cancelling: 'cancelling',
} as const;
export type LeaveRequestStatus = (typeof LeaveRequestStatus)[keyof typeof LeaveRequestStatus];

export interface LeaveRequestView {
  id: string;
  employee: EmployeeRef;
  leaveType: { id: string; name: string; unit: LeaveUnit };
  start: LeavePoint;
  end: LeavePoint;
  amount: number;
  unit: 'day' | 'hour';
  reason: string;
  attachments: string[];
  status: LeaveRequestStatus;
  approvalInstanceId: string | null;
  cancelApprovalInstanceId: string | null;
  createdAt: string;
}

export interface LeaveBalanceView {
  leaveType: { id: string; code: string; name: string; unit: LeaveUnit };
  unit: 'day' | 'hour';
  /** Granted this period (grants + accruals + adjustments + carried-in − expired). */
  granted: number;
  used: number;
  /** Reserved by pending requests. */
  pending: number;
  /** granted − used − pending. */
  available: number;
  /** Carried over from last year and still usable; used first. */
  carriedOver: number;
  carriedExpiresOn: string | null;
  /** For annual leave: how the entitlement was computed. */
  annual: AnnualEntitlementView | null;
}

export interface AnnualEntitlementView {
  year: number;
  /** Cumulative working years at the start of the year (or when computed). */
  workingYears: number;
  /** 0 / 5 / 10 / 15 (or the tenant's tiers). */
  fullYearDays: number;
  /** After proration, fractions below one day dropped. */
  grantedDays: number;
  /** Human explanation, e.g. "累计工作 12 年，全年 10 天；2026-07-01 入职，按 184/365 折算为 5 天". */
  explanation: string;
}

export const LedgerKind = {
  Grant: 'grant',
  Accrual: 'accrual',
  Use: 'use',
  /** Restored after an approved request was cancelled. */
  Restore: 'restore',
  CarryForward: 'carry_forward',
  Expire: 'expire',
  Adjust: 'adjust',
  /** Comp time granted from approved overtime. */
  Overtime: 'overtime',
} as const;
export type LedgerKind = (typeof LedgerKind)[keyof typeof LedgerKind];

export interface LedgerEntryView {
  id: string;
  leaveType: { id: string; name: string };
  kind: LedgerKind;
  /** Positive adds, negative takes. */
  amount: number;
  unit: 'day' | 'hour';
  reason: string;
  requestId: string | null;
  /** For grants / carry-forward: when these days expire. */
  expiresOn: string | null;
  actor: EmployeeRef | null;
  at: string;
}

export interface LedgerQuery extends PageQuery {
  leaveTypeId?: string;
}

export const OvertimeDayKind = {
  Workday: 'workday',
  RestDay: 'restday',
  Holiday: 'holiday',
} as const;
export type OvertimeDayKind = (typeof OvertimeDayKind)[keyof typeof OvertimeDayKind];

export interface OvertimeRequestInput {
  date: string;
  /** 0.5 steps, 0.5 … 24. */
  hours: number;
  reason: string;
}

export interface OvertimeRequestView {
  id: string;
  employee: EmployeeRef;
  date: string;
  hours: number;
  /** From the calendar, not from the client. */
  dayKind: OvertimeDayKind;
  reason: string;
  status: ApprovalStatus;
  /** Comp time granted when approved (hours), per the tenant's rule; 0 for workday overtime paid instead. */
  compHoursGranted: number;
  compExpiresOn: string | null;
  approvalInstanceId: string | null;
  createdAt: string;
}

export interface TeamLeaveEntry {
  employee: EmployeeRef;
  requestId: string;
  leaveTypeName: string;
  start: LeavePoint;
  end: LeavePoint;
  status: 'approved' | 'pending';
}

export interface LeavePolicyView {
  /** statutory: 5/10/15 by cumulative working years; custom: the tiers below (never less than statutory). */
  annualMode: 'statutory' | 'custom';
  /** Custom tiers: from `minYears` working years, `days` a year. Sorted by minYears. */
  annualTiers: { minYears: number; days: number }[];
  /** Comp time per overtime hour: 1 = 1:1. */
  compTimeRatio: number;
  /** Whether workday overtime earns comp time (rest-day and holiday overtime always does). */
  compForWorkdayOvertime: boolean;
  /** Comp time expires this many days after it is granted; null = never. */
  compTimeExpiryDays: number | null;
}

export interface AnnualGrantPreviewRow {
  employee: EmployeeRef;
  current: number;
  computed: number;
  difference: number;
  explanation: string;
}

export interface AnnualGrantResult {
  year: number;
  dryRun: boolean;
  /** Only employees whose grant changes. */
  rows: AnnualGrantPreviewRow[];
  unchanged: number;
}

export interface BalanceAdjustmentRequest {
  employeeId: string;
  leaveTypeId: string;
  /** Positive adds, negative takes; in the type's unit. */
  amount: number;
  reason: string;
}

export interface AdminBalanceQuery extends PageQuery {
  q?: string;
  departmentId?: string;
  leaveTypeId?: string;
}

export interface AdminBalanceRow {
  employee: EmployeeRef & { employeeNo: string | null };
  balances: LeaveBalanceView[];
}

/** Result of uploading an Excel file for import: nothing is written until committed. */
export interface ImportPreview {
  /** Use to commit; valid for 30 minutes; only when every row is valid. */
  token: string | null;
  total: number;
  valid: number;
  rows: { row: number; values: Record<string, unknown>; errors: string[] }[];
}

export interface AdminLeaveRequestQuery extends PageQuery {
  status?: LeaveRequestStatus;
  leaveTypeId?: string;
  employeeId?: string;
  from?: string;
  to?: string;
}

// ---------------------------------------------------------------- zh-CN names (admin and mini-program)

export const LEAVE_STATUS_NAMES: Record<LeaveRequestStatus, string> = {
  pending: '审批中',
  approved: '已通过',
  rejected: '已拒绝',
  withdrawn: '已撤回',
  cancelled: '已销假',
  cancelling: '销假审批中',
};

/** Calendar day kinds as an employee reads them; the admin's calendar says 法定节假日 for holiday. */
export const DAY_KIND_NAMES: Record<DayKind, string> = {
  workday: '工作日',
  restday: '休息日',
  holiday: '节假日',
  makeup_workday: '调休上班',
};

export const LEDGER_KIND_NAMES: Record<LedgerKind, string> = {
  grant: '发放',
  accrual: '累计',
  use: '使用',
  restore: '销假退回',
  carry_forward: '结转',
  expire: '过期',
  adjust: '调整',
  overtime: '加班调休',
};
