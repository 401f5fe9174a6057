import { Routes } from '@hrlink/shared';
import type {
  AdminBalanceQuery,
  AdminBalanceRow,
  AdminLeaveRequestQuery,
  AnnualGrantResult,
  BalanceAdjustmentRequest,
  CalendarDayView,
  CalendarOverrideRequest,
  CalendarYearView,
  ImportPreview,
  LeavePolicyView,
  LeaveRequestView,
  LeaveTypeView,
  LedgerEntryView,
  LedgerQuery,
  OvertimeRequestView,
  Page,
  PageQuery,
  UpsertLeaveTypeRequest,
} from '@hrlink/shared';
import type { ApprovalStatus } from '@hrlink/shared';
import { downloadFile, http, uploadFile, type DownloadedFile } from './client';

const R = Routes.adminLeave;

const list = <T>(res: T[] | { items: T[] }): T[] => (Array.isArray(res) ? res : res.items);

// ---- types
export async function fetchLeaveTypes(): Promise<LeaveTypeView[]> {
  return list(await http.get<LeaveTypeView[] | { items: LeaveTypeView[] }>(R.types));
}
export function createLeaveType(body: UpsertLeaveTypeRequest): Promise<LeaveTypeView> {
  return http.post(R.types, body);
}
export function updateLeaveType(id: string, body: UpsertLeaveTypeRequest): Promise<LeaveTypeView> {
  return http.put(R.type(id), body);
}

// ---- calendar
export function fetchCalendar(year: number): Promise<CalendarYearView> {
  return http.get(R.calendar, { year });
}
export function setCalendarOverride(body: CalendarOverrideRequest): Promise<CalendarDayView | unknown> {
  return http.put(R.calendarOverrides, body);
}
export function removeCalendarOverride(date: string): Promise<unknown> {
  return http.del(R.calendarOverride(date));
}

// ---- policy and grant
export function fetchPolicy(): Promise<LeavePolicyView> {
  return http.get(R.policy);
}
export function savePolicy(body: LeavePolicyView): Promise<LeavePolicyView> {
  return http.put(R.policy, body);
}
export function runAnnualGrant(year: number, dryRun: boolean): Promise<AnnualGrantResult> {
  return http.post(R.annualGrant, { year, dryRun });
}

// ---- balances
export function fetchBalances(query: AdminBalanceQuery): Promise<Page<AdminBalanceRow>> {
  return http.get(R.balances, query);
}
export function exportBalances(query: AdminBalanceQuery, fallbackName: string): Promise<DownloadedFile> {
  const { page: _p, pageSize: _s, ...filters } = query;
  return downloadFile(R.balancesExport, filters, fallbackName);
}
export function adjustBalance(body: BalanceAdjustmentRequest): Promise<unknown> {
  return http.post(R.adjustments, body);
}
export function fetchLedger(query: LedgerQuery & { employeeId: string }): Promise<Page<LedgerEntryView>> {
  return http.get(R.ledger, query);
}
export function downloadImportTemplate(): Promise<DownloadedFile> {
  return downloadFile(R.balancesImportTemplate, undefined, '期初余额导入模板.xlsx');
}
export function uploadBalanceImport(file: Blob, filename: string): Promise<ImportPreview> {
  return uploadFile(R.balancesImport, file, filename);
}
/** Answers `{imported}` (assumed; `{count}` / `{valid}` also read). */
export async function commitBalanceImport(token: string): Promise<number | null> {
  const res = await http.post<Record<string, unknown> | null>(R.balancesImportCommit(token));
  for (const key of ['imported', 'count', 'valid', 'total']) if (res && typeof res[key] === 'number') return res[key] as number;
  return null;
}

// ---- requests
export function fetchLeaveRequests(query: AdminLeaveRequestQuery): Promise<Page<LeaveRequestView>> {
  return http.get(R.requests, query);
}
export function exportLeaveRequests(query: AdminLeaveRequestQuery, fallbackName: string): Promise<DownloadedFile> {
  const { page: _p, pageSize: _s, ...filters } = query;
  return downloadFile(R.requestsExport, filters, fallbackName);
}

/** Not in the shared contract: the same filters as leave requests, status from ApprovalStatus. */
export interface AdminOvertimeQuery extends PageQuery {
  status?: ApprovalStatus;
  employeeId?: string;
  from?: string;
  to?: string;
}
export function fetchOvertimeRequests(query: AdminOvertimeQuery): Promise<Page<OvertimeRequestView>> {
  return http.get(R.overtime, query);
}
export function exportOvertimeRequests(query: AdminOvertimeQuery, fallbackName: string): Promise<DownloadedFile> {
  const { page: _p, pageSize: _s, ...filters } = query;
  return downloadFile(R.overtimeExport, filters, fallbackName);
}
