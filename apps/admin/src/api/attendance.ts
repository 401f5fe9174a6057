import { Routes } from '@hrlink/shared';
import type {
  AdminDailyQuery,
  AttendanceGroupView,
  DailyResultView,
  FieldCheckinView,
  MonthlyReportRow,
  Page,
  PageQuery,
  RecomputeGroupRequest,
  RecomputeGroupResult,
  SiteView,
  UpsertAttendanceGroupRequest,
  UpsertSiteRequest,
} from '@hrlink/shared';
import { downloadFile, http, type DownloadedFile } from './client';

const R = Routes.adminAttendance;

/** Lists may come as an array, `{items}` or a Page (assumed array; all three read). */
const list = <T>(res: T[] | { items: T[] }): T[] => (Array.isArray(res) ? res : (res?.items ?? []));

// ---- groups
export async function fetchGroups(): Promise<AttendanceGroupView[]> {
  return list(await http.get<AttendanceGroupView[] | { items: AttendanceGroupView[] }>(R.groups));
}
export function fetchGroup(id: string): Promise<AttendanceGroupView> {
  return http.get(R.group(id));
}
export function createGroup(body: UpsertAttendanceGroupRequest): Promise<AttendanceGroupView> {
  return http.post(R.groups, body);
}
export function updateGroup(id: string, body: UpsertAttendanceGroupRequest): Promise<AttendanceGroupView> {
  return http.put(R.group(id), body);
}
export function deleteGroup(id: string): Promise<unknown> {
  return http.del(R.group(id));
}
/** 重新计算: clears the group's stored results of the range; they are recomputed with the current rules on read. */
export function recomputeGroup(id: string, body: RecomputeGroupRequest): Promise<RecomputeGroupResult> {
  return http.post(R.groupRecompute(id), body);
}

// ---- sites
export async function fetchSites(groupId: string): Promise<SiteView[]> {
  return list(await http.get<SiteView[] | { items: SiteView[] }>(R.sites(groupId)));
}
export function createSite(groupId: string, body: UpsertSiteRequest): Promise<SiteView> {
  return http.post(R.sites(groupId), body);
}
export function updateSite(groupId: string, siteId: string, body: UpsertSiteRequest): Promise<SiteView> {
  return http.put(R.site(groupId, siteId), body);
}
export function deleteSite(groupId: string, siteId: string): Promise<unknown> {
  return http.del(R.site(groupId, siteId));
}

// ---- results
export function fetchDaily(query: AdminDailyQuery): Promise<Page<DailyResultView>> {
  return http.get(R.daily, query);
}
/** Same query as daily; only days with an anomaly (assumed: Page<DailyResultView>). */
export function fetchAnomalies(query: AdminDailyQuery): Promise<Page<DailyResultView>> {
  return http.get(R.anomalies, query);
}

/** Not in the shared contract: the daily filters without status. */
export interface AdminFieldCheckinQuery extends PageQuery {
  from?: string;
  to?: string;
  departmentId?: string;
  employeeId?: string;
}
export function fetchFieldCheckins(query: AdminFieldCheckinQuery): Promise<Page<FieldCheckinView>> {
  return http.get(R.fieldCheckins, query);
}

// ---- report
/** `departmentId` is optional (the server takes it; not in the shared contract). */
export async function fetchReport(month: string, departmentId?: string): Promise<MonthlyReportRow[]> {
  return list(await http.get<MonthlyReportRow[] | { items: MonthlyReportRow[] }>(R.report, { month, departmentId }));
}
export function exportReport(month: string, departmentId?: string): Promise<DownloadedFile> {
  return downloadFile(R.reportExport, { month, departmentId }, `考勤月报-${month}.xlsx`);
}
