import {
  DEFAULT_PAGE_SIZE,
  Routes,
  type CalendarYearView,
  type LeaveBalanceView,
  type LeavePreview,
  type LeaveRequestInput,
  type LeaveRequestView,
  type LeaveTypeView,
  type LedgerEntryView,
  type OvertimeRequestInput,
  type OvertimeRequestView,
  type Page,
  type TeamLeaveEntry,
} from '@hrlink/shared';
import { http } from './http';
import { itemsOf } from '../approvals/paging';

/** GET /leave/types → the types the caller may request (disabled ones are filtered here too). */
export async function fetchLeaveTypes(): Promise<LeaveTypeView[]> {
  const res = await http.get<Page<LeaveTypeView> | LeaveTypeView[]>(Routes.leave.types);
  return itemsOf(res).filter((t) => t.enabled !== false);
}

export function previewLeave(body: LeaveRequestInput) {
  return http.post<LeavePreview>(Routes.leave.preview, body);
}

export function submitLeave(body: LeaveRequestInput) {
  return http.post<LeaveRequestView>(Routes.leave.requests, body);
}

export function fetchMyLeaveRequests(page: number, pageSize = DEFAULT_PAGE_SIZE) {
  return http.get<Page<LeaveRequestView>>(Routes.leave.requests, { query: { page, pageSize } });
}

export function fetchLeaveRequest(id: string) {
  return http.get<LeaveRequestView>(Routes.leave.request(id));
}

export function withdrawLeave(id: string) {
  return http.post<unknown>(Routes.leave.withdraw(id), {});
}

export function cancelLeave(id: string, reason: string) {
  return http.post<unknown>(Routes.leave.cancel(id), { reason });
}

export async function fetchBalances(): Promise<LeaveBalanceView[]> {
  const res = await http.get<Page<LeaveBalanceView> | LeaveBalanceView[]>(Routes.leave.balances);
  return itemsOf(res);
}

export function fetchLedger(leaveTypeId: string, page: number, pageSize = DEFAULT_PAGE_SIZE) {
  return http.get<Page<LedgerEntryView>>(Routes.leave.ledger, { query: { leaveTypeId, page, pageSize } });
}

export async function fetchTeamLeave(from: string, to: string): Promise<TeamLeaveEntry[]> {
  const res = await http.get<Page<TeamLeaveEntry> | TeamLeaveEntry[]>(Routes.leave.team, { query: { from, to } });
  return itemsOf(res);
}

/** GET /leave/calendar?year → CalendarYearView; used only for holiday names in the preview line. */
export function fetchCalendarYear(year: number) {
  return http.get<CalendarYearView>(Routes.leave.calendar, { query: { year } });
}

export function submitOvertime(body: OvertimeRequestInput) {
  return http.post<OvertimeRequestView>(Routes.overtime.requests, body);
}

export function fetchMyOvertime(page: number, pageSize = DEFAULT_PAGE_SIZE) {
  return http.get<Page<OvertimeRequestView>>(Routes.overtime.requests, { query: { page, pageSize } });
}
