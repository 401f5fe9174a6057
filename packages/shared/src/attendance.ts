import type { EmployeeRef, DepartmentRef } from './org';
import type { PageQuery } from './paging';

export interface WifiSpot {
  ssid: string;
  /** Lower-case, colon-separated MAC, e.g. "a4:56:02:11:22:33". */
  bssid: string;
}

export interface SiteView {
  id: string;
  name: string;
  address: string | null;
  /** GCJ-02 as the hosts' getLocation returns by default (type: 'gcj02'). */
  latitude: number;
  longitude: number;
  /** 100 … 3000 m (DingTalk's range); default 300. */
  radiusMeters: number;
  wifi: WifiSpot[];
}

export type UpsertSiteRequest = Omit<SiteView, 'id'>;

export interface FixedShift {
  /** HH:mm local time. */
  start: string;
  end: string;
  lunchStart: string | null;
  lunchEnd: string | null;
  /** Punching in up to this many minutes after start still counts as on time. */
  graceMinutes: number;
  /** Late by more than this → 严重迟到. */
  seriousLateMinutes: number;
  /** Late by more than this (or leaving this much early) → 旷工 for the half/day. */
  absentAfterMinutes: number;
}

export interface FreeHours {
  /** Minimum worked hours in a day. */
  minHours: number;
}

export interface CorrectionRules {
  /** 补卡 requests per calendar month; 0 = not allowed. */
  monthlyCap: number;
  /** How many days back a request may reach (the day itself counts as 0). */
  daysBack: number;
  /** Which anomalies can be corrected. */
  anomalies: ('missing' | 'late' | 'early')[];
}

export interface AttendanceGroupView {
  id: string;
  name: string;
  kind: 'fixed' | 'free';
  shift: FixedShift | null;
  free: FreeHours | null;
  /** Members: every employee of these departments (and sub-departments), plus these people. */
  departments: DepartmentRef[];
  employees: EmployeeRef[];
  sites: SiteView[];
  allowField: boolean;
  fieldRemarkRequired: boolean;
  fieldPhotoRequired: boolean;
  correction: CorrectionRules;
  memberCount: number;
  /**
   * First day the group applies (YYYY-MM-DD, tenant-local). Days before it get no daily result at all (not absent):
   * not in the month view, daily / anomaly lists, team today or the monthly report; 补卡 for them is not needed.
   */
  effectiveFrom: string;
}

export interface UpsertAttendanceGroupRequest {
  name: string;
  kind: 'fixed' | 'free';
  shift?: FixedShift | null;
  free?: FreeHours | null;
  departmentIds: string[];
  employeeIds: string[];
  allowField: boolean;
  fieldRemarkRequired: boolean;
  fieldPhotoRequired: boolean;
  correction: CorrectionRules;
  /** YYYY-MM-DD, tenant-local. Create: defaults to today; update: omitted = unchanged. */
  effectiveFrom?: string;
}

/**
 * HR's 重新计算 of a group (POST adminAttendance.groupRecompute): the group's stored daily results of from..to are
 * cleared and recomputed with its current rules on the next read. At most 62 days, not in the future, not before the
 * group's effectiveFrom.
 */
export interface RecomputeGroupRequest {
  from: string;
  to: string;
}

export interface RecomputeGroupResult {
  from: string;
  to: string;
  /** Calendar days in the range. */
  days: number;
  /** People whose days will be recomputed: the group's members and anyone whose results of the range were stored under it. */
  employees: number;
  /** Stored results cleared. */
  cleared: number;
}

/** What the device reports. */
export interface DeviceLocation {
  latitude: number;
  longitude: number;
  /** Metres. */
  accuracy: number;
  /** DingTalk device.geolocation.get isFromMock (Android); absent elsewhere. */
  isMock?: boolean;
  wifi?: WifiSpot | null;
  /** A stable device id where the host gives one. */
  deviceId?: string | null;
  /** ISO time of the location fix where the host gives one; a fix more than 2 min in the future is refused (ATTENDANCE_LOCATION_INVALID). */
  locatedAt?: string | null;
}

export interface LocationCheck {
  inRange: boolean;
  /** How it is in range: a site's radius or a matching Wi-Fi BSSID. */
  matchedBy: 'site' | 'wifi' | null;
  site: { id: string; name: string; distanceMeters: number } | null;
  /** The nearest site whether in range or not (null when the group has none). */
  nearest: { id: string; name: string; distanceMeters: number } | null;
  wifiMatched: WifiSpot | null;
}

export type PunchKind = 'in' | 'out';

export const PunchFlag = {
  Mock: 'mock',
  LowAccuracy: 'low_accuracy',
  ImpossibleTravel: 'impossible_travel',
  DeviceChange: 'device_change',
} as const;
export type PunchFlag = (typeof PunchFlag)[keyof typeof PunchFlag];

export interface PunchRequest extends DeviceLocation {
  /** Client-generated, unique per attempt; a retry with the same key is stored once. */
  idempotencyKey: string;
  /** Field punch (外勤): required when out of range and the group allows it. */
  field?: boolean;
  remark?: string | null;
  photoFileIds?: string[];
}

export interface PunchView {
  id: string;
  at: string;
  kind: PunchKind;
  source: 'site' | 'wifi' | 'field' | 'correction';
  siteName: string | null;
  distanceMeters: number | null;
  latitude: number | null;
  longitude: number | null;
  accuracy: number | null;
  wifi: WifiSpot | null;
  flags: PunchFlag[];
  remark: string | null;
  /** Short-lived URLs, only for viewers allowed to see them. */
  photoUrls: string[];
}

export const DayStatus = {
  Normal: 'normal',
  Late: 'late',
  SeriousLate: 'serious_late',
  Early: 'early',
  MissingIn: 'missing_in',
  MissingOut: 'missing_out',
  Absent: 'absent',
  Leave: 'leave',
  Field: 'field',
  Rest: 'rest',
} as const;
export type DayStatus = (typeof DayStatus)[keyof typeof DayStatus];

export const DAY_STATUS_NAMES: Record<DayStatus, string> = {
  normal: '正常',
  late: '迟到',
  serious_late: '严重迟到',
  early: '早退',
  missing_in: '上班缺卡',
  missing_out: '下班缺卡',
  absent: '旷工',
  leave: '请假',
  field: '外勤',
  rest: '休息',
};

export interface DailyResultView {
  date: string;
  employee: EmployeeRef;
  /** All that apply, most important first (e.g. ['late', 'missing_out']); ['normal'] when nothing is wrong. */
  statuses: DayStatus[];
  lateMinutes: number;
  earlyMinutes: number;
  workedMinutes: number;
  /** Leave taken that day, in days (0.5 / 1). */
  leaveDays: number;
  /** Today before the shift ends: may still change. */
  provisional: boolean;
  punches: PunchView[];
}

export interface PunchResult {
  punch: PunchView;
  /** Stored before (idempotent retry). */
  duplicate: boolean;
  day: DailyResultView;
  /** e.g. "迟到 12 分钟", "正常", "外勤". */
  message: string;
}

export interface TodayView {
  date: string;
  group: { id: string; name: string; kind: 'fixed' | 'free' } | null;
  shift: FixedShift | null;
  workday: boolean;
  punches: PunchView[];
  /** What the big button does now. */
  nextAction: 'in' | 'out' | 'update';
  location: LocationCheck | null;
  allowField: boolean;
  fieldRemarkRequired: boolean;
  fieldPhotoRequired: boolean;
  day: DailyResultView | null;
}

export interface FieldCheckinInput {
  idempotencyKey: string;
  latitude: number;
  longitude: number;
  accuracy: number;
  address: string;
  customerName: string;
  remark?: string | null;
  photoFileIds: string[];
}

export interface FieldCheckinView {
  id: string;
  employee: EmployeeRef;
  at: string;
  latitude: number;
  longitude: number;
  accuracy: number;
  address: string;
  customerName: string;
  remark: string | null;
  photoUrls: string[];
}

export interface CorrectionRequestInput {
  date: string;
  kind: PunchKind;
  /** HH:mm, the time that should have been punched. */
  time: string;
  reason: string;
}

export interface CorrectionQuota {
  month: string; // YYYY-MM
  cap: number;
  used: number;
  remaining: number;
  daysBack: number;
}

export interface CorrectionView {
  id: string;
  date: string;
  kind: PunchKind;
  time: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  approvalInstanceId: string | null;
  createdAt: string;
}

export interface MonthView {
  month: string;
  days: DailyResultView[];
  /**
   * The month's 补卡 quota; null when the employee is in no attendance group now (taken out of every group): their
   * days are those counted under earlier groups, and 补卡 needs a current group.
   */
  quota: CorrectionQuota | null;
}

export interface TeamTodayRow {
  employee: EmployeeRef;
  statuses: DayStatus[];
  firstIn: string | null;
  lastOut: string | null;
  onLeave: boolean;
  field: boolean;
}

export interface UploadedFileView {
  id: string;
  contentType: string;
  size: number;
  /** Short-lived URL (for the uploader right away). */
  url: string;
}

export interface AdminDailyQuery extends PageQuery {
  from: string;
  to: string;
  departmentId?: string;
  employeeId?: string;
  status?: DayStatus;
}

export interface MonthlyReportRow {
  employee: EmployeeRef & { employeeNo: string | null; departments: DepartmentRef[] };
  month: string;
  workdays: number;
  daysWorked: number;
  lateCount: number;
  lateMinutes: number;
  seriousLateCount: number;
  earlyCount: number;
  earlyMinutes: number;
  missingCount: number;
  absentDays: number;
  /** Days by leave type name. */
  leaveDays: Record<string, number>;
  overtimeHours: number;
  fieldDays: number;
}
