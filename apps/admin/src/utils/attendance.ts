import { DAY_STATUS_NAMES } from '@hrlink/shared';
import type {
  AttendanceGroupView,
  CorrectionRules,
  DayStatus,
  FixedShift,
  MonthlyReportRow,
  PunchFlag,
  PunchView,
  UpsertAttendanceGroupRequest,
  UpsertSiteRequest,
  WifiSpot,
} from '@hrlink/shared';

// ---------------------------------------------------------------- labels

export const DAY_STATUS_COLOR: Record<DayStatus, string> = {
  normal: 'success',
  late: 'warning',
  serious_late: 'orange',
  early: 'warning',
  missing_in: 'error',
  missing_out: 'error',
  absent: 'red',
  leave: 'blue',
  field: 'cyan',
  rest: 'default',
};

export function dayStatusLabel(s: DayStatus, lateMinutes = 0, earlyMinutes = 0): string {
  const name = DAY_STATUS_NAMES[s] ?? s;
  if ((s === 'late' || s === 'serious_late') && lateMinutes > 0) return `${name} ${lateMinutes} 分钟`;
  if (s === 'early' && earlyMinutes > 0) return `${name} ${earlyMinutes} 分钟`;
  return name;
}

export const PUNCH_FLAG_LABEL: Record<PunchFlag, string> = {
  mock: '虚拟定位',
  low_accuracy: '定位精度低',
  impossible_travel: '异常位移',
  device_change: '更换设备',
};

/** Unknown flags (a newer server) are shown as they are. */
export function flagLabel(flag: string): string {
  return (PUNCH_FLAG_LABEL as Record<string, string>)[flag] ?? flag;
}

export const PUNCH_SOURCE_LABEL: Record<PunchView['source'], string> = {
  site: '地点',
  wifi: 'Wi-Fi',
  field: '外勤',
  correction: '补卡',
};

export const PUNCH_KIND_LABEL = { in: '上班', out: '下班' } as const;

export const ANOMALY_LABEL: Record<CorrectionRules['anomalies'][number], string> = {
  missing: '缺卡',
  late: '迟到',
  early: '早退',
};

/** 1234.5 -> "1,235 米" (always metres: HR compares it with radii in metres). */
export function formatMeters(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '—';
  return `${Math.round(m).toLocaleString('en-US')} 米`;
}

/** Latitude / longitude with 6 decimals and the hemisphere: "31.230416°N, 121.473701°E". */
export function formatCoord(lat: number | null | undefined, lng: number | null | undefined): string {
  if (lat === null || lat === undefined || lng === null || lng === undefined) return '—';
  const la = `${Math.abs(lat).toFixed(6)}°${lat >= 0 ? 'N' : 'S'}`;
  const lo = `${Math.abs(lng).toFixed(6)}°${lng >= 0 ? 'E' : 'W'}`;
  return `${la}, ${lo}`;
}

// ---------------------------------------------------------------- shift

/** Server DTO: grace 0–120, serious late ≤ 480, absent 1–720; min hours 1–24 (the server takes 0.5–24). */
export const SHIFT_LIMITS = { graceMax: 120, seriousMax: 480, absentMax: 720, minHoursMin: 1, minHoursMax: 24 } as const;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" -> 570; anything else -> null. */
export function toMinutes(hhmm: string | null | undefined): number | null {
  const m = HHMM.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export const DEFAULT_SHIFT: FixedShift = {
  start: '09:00',
  end: '18:00',
  lunchStart: '12:00',
  lunchEnd: '13:00',
  graceMinutes: 5,
  seriousLateMinutes: 30,
  absentAfterMinutes: 120,
};

const isInt = (n: unknown, min: number, max: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

/** Field -> message. Same-day shifts only (end after start); lunch both or neither, inside the shift. */
export function shiftErrors(s: FixedShift): Record<string, string> {
  const e: Record<string, string> = {};
  const start = toMinutes(s.start);
  const end = toMinutes(s.end);
  if (start === null) e.start = '请输入上班时间（HH:mm）';
  if (end === null) e.end = '请输入下班时间（HH:mm）';
  if (start !== null && end !== null && end <= start) e.end = '下班时间必须晚于上班时间';

  const hasLunch = !!s.lunchStart || !!s.lunchEnd;
  if (hasLunch) {
    const ls = toMinutes(s.lunchStart);
    const le = toMinutes(s.lunchEnd);
    if (ls === null || le === null) e.lunch = '午休开始和结束都要填写（或都不填）';
    else if (le <= ls) e.lunch = '午休结束必须晚于午休开始';
    else if (start !== null && end !== null && (ls <= start || le >= end)) e.lunch = '午休必须在上下班时间之内';
  }

  const { graceMinutes: g, seriousLateMinutes: sl, absentAfterMinutes: ab } = s;
  const L = SHIFT_LIMITS;
  if (!isInt(g, 0, L.graceMax)) e.graceMinutes = `弹性分钟数为 0–${L.graceMax} 的整数`;
  if (!isInt(sl, 1, L.seriousMax)) e.seriousLateMinutes = `严重迟到分钟数为 1–${L.seriousMax} 的整数`;
  if (!isInt(ab, 1, L.absentMax)) e.absentAfterMinutes = `旷工分钟数为 1–${L.absentMax} 的整数`;
  if (!e.graceMinutes && !e.seriousLateMinutes && sl <= g) e.seriousLateMinutes = '严重迟到分钟数必须大于弹性分钟数';
  if (!e.seriousLateMinutes && !e.absentAfterMinutes && ab <= sl) e.absentAfterMinutes = '旷工分钟数必须大于严重迟到分钟数';
  if (!e.absentAfterMinutes && start !== null && end !== null && end > start && ab > end - start)
    e.absentAfterMinutes = '旷工分钟数不能超过班次时长';
  return e;
}

/** Shift length minus lunch, in hours (for the summary). */
export function shiftHours(s: FixedShift): number | null {
  const start = toMinutes(s.start);
  const end = toMinutes(s.end);
  if (start === null || end === null || end <= start) return null;
  const ls = toMinutes(s.lunchStart);
  const le = toMinutes(s.lunchEnd);
  const lunch = ls !== null && le !== null && le > ls ? le - ls : 0;
  return Math.round(((end - start - lunch) / 60) * 100) / 100;
}

export function minHoursError(h: unknown): string | null {
  if (typeof h !== 'number' || !Number.isFinite(h)) return '请输入每日最少工时';
  if (h < SHIFT_LIMITS.minHoursMin || h > SHIFT_LIMITS.minHoursMax) return '每日最少工时为 1–24 小时';
  if (Math.round(h * 2) !== h * 2) return '工时以 0.5 小时为单位';
  return null;
}

// ---------------------------------------------------------------- group

export const CORRECTION_LIMITS = { monthlyCapMax: 31, daysBackMax: 62 } as const;

export interface GroupDraft {
  name: string;
  kind: 'fixed' | 'free';
  shift: FixedShift;
  minHours: number;
  departments: { id: string; name: string }[];
  employees: { id: string; name: string }[];
  allowField: boolean;
  fieldRemarkRequired: boolean;
  fieldPhotoRequired: boolean;
  correction: CorrectionRules;
  /** 生效日期 YYYY-MM-DD (days before it get no results); '' = let the server use today. */
  effectiveFrom: string;
}

export const NEW_GROUP: GroupDraft = {
  name: '',
  kind: 'fixed',
  shift: DEFAULT_SHIFT,
  minHours: 8,
  departments: [],
  employees: [],
  allowField: false,
  fieldRemarkRequired: true,
  fieldPhotoRequired: false,
  correction: { monthlyCap: 3, daysBack: 30, anomalies: ['missing', 'late', 'early'] },
  effectiveFrom: '',
};

export function groupDraft(g: AttendanceGroupView): GroupDraft {
  return {
    name: g.name,
    kind: g.kind,
    shift: g.shift ?? DEFAULT_SHIFT,
    minHours: g.free?.minHours ?? 8,
    departments: g.departments,
    employees: g.employees,
    allowField: g.allowField,
    fieldRemarkRequired: g.fieldRemarkRequired,
    fieldPhotoRequired: g.fieldPhotoRequired,
    correction: g.correction,
    effectiveFrom: g.effectiveFrom ?? '',
  };
}

/** Field -> message for the whole group form ('shift.<field>' for shift fields). */
export function groupErrors(d: GroupDraft): Record<string, string> {
  const e: Record<string, string> = {};
  const name = d.name.trim();
  if (!name) e.name = '请输入考勤组名称';
  else if ([...name].length > 50) e.name = '名称不超过 50 个字';
  if (d.kind === 'fixed') for (const [k, v] of Object.entries(shiftErrors(d.shift))) e[`shift.${k}`] = v;
  else {
    const m = minHoursError(d.minHours);
    if (m) e.minHours = m;
  }
  if (!d.departments.length && !d.employees.length) e.members = '请至少选择一个部门或一名员工';
  const c = d.correction;
  if (!isInt(c.monthlyCap, 0, CORRECTION_LIMITS.monthlyCapMax)) e['correction.monthlyCap'] = '每月补卡次数为 0–31 的整数';
  if (!isInt(c.daysBack, 0, CORRECTION_LIMITS.daysBackMax)) e['correction.daysBack'] = '可补卡天数为 0–62 的整数';
  if (c.monthlyCap > 0 && !c.anomalies.length) e['correction.anomalies'] = '允许补卡时至少选择一种异常';
  if (d.effectiveFrom && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d.effectiveFrom)) e.effectiveFrom = '生效日期格式为 YYYY-MM-DD';
  return e;
}

export function groupRequest(d: GroupDraft): UpsertAttendanceGroupRequest {
  const fixed = d.kind === 'fixed';
  return {
    name: d.name.trim(),
    kind: d.kind,
    shift: fixed ? { ...d.shift, lunchStart: d.shift.lunchStart || null, lunchEnd: d.shift.lunchEnd || null } : null,
    free: fixed ? null : { minHours: d.minHours },
    departmentIds: d.departments.map((x) => x.id),
    employeeIds: d.employees.map((x) => x.id),
    allowField: d.allowField,
    // Field settings only mean something when field punches are allowed.
    fieldRemarkRequired: d.allowField && d.fieldRemarkRequired,
    fieldPhotoRequired: d.allowField && d.fieldPhotoRequired,
    correction: { ...d.correction, anomalies: d.correction.monthlyCap > 0 ? d.correction.anomalies : [] },
    ...(d.effectiveFrom ? { effectiveFrom: d.effectiveFrom } : {}),
  };
}

/** "09:00–18:00（午休 12:00–13:00）" / "每天至少 8 小时". */
export function groupRuleSummary(g: Pick<AttendanceGroupView, 'kind' | 'shift' | 'free'>): string {
  if (g.kind === 'free') return g.free ? `自由工时，每天至少 ${g.free.minHours} 小时` : '自由工时';
  const s = g.shift;
  if (!s) return '固定班制';
  const lunch = s.lunchStart && s.lunchEnd ? `（午休 ${s.lunchStart}–${s.lunchEnd}）` : '';
  return `${s.start}–${s.end}${lunch}`;
}

// ---------------------------------------------------------------- sites

export const RADIUS = { min: 100, max: 3000, default: 300 } as const;

export function radiusError(r: unknown): string | null {
  if (typeof r !== 'number' || !Number.isFinite(r)) return '请输入打卡范围';
  if (!Number.isInteger(r)) return '打卡范围为整数米';
  if (r < RADIUS.min || r > RADIUS.max) return `打卡范围为 ${RADIUS.min}–${RADIUS.max} 米`;
  return null;
}

/** Keeps a radius inside the allowed range (slider / input edge cases). */
export function clampRadius(r: number): number {
  if (!Number.isFinite(r)) return RADIUS.default;
  return Math.min(RADIUS.max, Math.max(RADIUS.min, Math.round(r)));
}

/** "A4-56-02-11-22-33", "a456.0211.2233", "A4:56:02:11:22:33", "a45602112233" -> "a4:56:02:11:22:33"; else null. */
export function normalizeBssid(raw: string): string | null {
  const hex = raw.trim().toLowerCase();
  let digits: string;
  if (/^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/.test(hex)) digits = hex.replace(/[:-]/g, '');
  else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(hex)) digits = hex.replace(/\./g, '');
  else if (/^[0-9a-f]{12}$/.test(hex)) digits = hex;
  else return null;
  return digits.match(/../g)!.join(':');
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Per row: messages; a row with neither ssid nor bssid is an error too (remove it instead). */
export function wifiErrors(list: WifiSpot[]): string[] {
  const errors: string[] = [];
  const seen = new Map<string, number>();
  list.forEach((w, i) => {
    const row = `第 ${i + 1} 个 Wi-Fi`;
    const ssid = (w.ssid ?? '').trim();
    if (!ssid) errors.push(`${row}：请输入名称（SSID）`);
    else if (utf8Length(ssid) > 32) errors.push(`${row}：名称（SSID）不超过 32 字节`);
    const b = normalizeBssid(w.bssid ?? '');
    if (!b) errors.push(`${row}：BSSID 应为 6 组十六进制，如 a4:56:02:11:22:33`);
    else if (seen.has(b)) errors.push(`${row}：BSSID 与第 ${seen.get(b)! + 1} 个重复`);
    else seen.set(b, i);
  });
  return errors;
}

function coordError(v: unknown, max: number, label: string): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return `请输入${label}`;
  if (v < -max || v > max) return `${label}范围为 -${max} 到 ${max}`;
  return null;
}

export interface SiteDraft {
  name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  radiusMeters: number;
  wifi: WifiSpot[];
}

export const NEW_SITE: SiteDraft = { name: '', address: '', latitude: null, longitude: null, radiusMeters: RADIUS.default, wifi: [] };

export function siteErrors(d: SiteDraft): Record<string, string> {
  const e: Record<string, string> = {};
  const name = d.name.trim();
  if (!name) e.name = '请输入地点名称';
  else if ([...name].length > 50) e.name = '名称不超过 50 个字';
  if ([...d.address.trim()].length > 200) e.address = '地址不超过 200 个字';
  const la = coordError(d.latitude, 90, '纬度');
  if (la) e.latitude = la;
  const lo = coordError(d.longitude, 180, '经度');
  if (lo) e.longitude = lo;
  if (!la && !lo && d.latitude === 0 && d.longitude === 0) e.latitude = '经纬度不能都为 0';
  const r = radiusError(d.radiusMeters);
  if (r) e.radiusMeters = r;
  const w = wifiErrors(d.wifi);
  if (w.length) e.wifi = w.join('；');
  return e;
}

/** Rounds coordinates to 6 decimals (~0.1 m) and normalises BSSIDs to lower-case colon form. */
export function siteRequest(d: SiteDraft): UpsertSiteRequest {
  const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
  return {
    name: d.name.trim(),
    address: d.address.trim() || null,
    latitude: round6(d.latitude ?? 0),
    longitude: round6(d.longitude ?? 0),
    radiusMeters: d.radiusMeters,
    wifi: d.wifi.map((w) => ({ ssid: w.ssid.trim(), bssid: normalizeBssid(w.bssid) ?? w.bssid.trim().toLowerCase() })),
  };
}

// ---------------------------------------------------------------- monthly report

export interface ReportColumn {
  key: string;
  title: string;
  /** Column group header (e.g. 迟到 over 次数 / 分钟). */
  group?: string;
  value: (r: MonthlyReportRow) => string | number;
}

/** Leave type names across all rows, in first-seen order. */
export function leaveTypeNames(rows: MonthlyReportRow[]): string[] {
  const names: string[] = [];
  for (const r of rows) for (const n of Object.keys(r.leaveDays ?? {})) if (!names.includes(n)) names.push(n);
  return names;
}

const num = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? Math.round(n * 100) / 100 : 0);

/** The report's columns in order; leave columns follow the types present in the rows. */
export function reportColumns(rows: MonthlyReportRow[]): ReportColumn[] {
  const cols: ReportColumn[] = [
    { key: 'name', title: '姓名', value: (r) => r.employee.name },
    { key: 'employeeNo', title: '工号', value: (r) => r.employee.employeeNo ?? '' },
    { key: 'department', title: '部门', value: (r) => (r.employee.departments ?? []).map((d) => d.name).join('、') },
    { key: 'workdays', title: '应出勤', value: (r) => num(r.workdays) },
    { key: 'daysWorked', title: '实出勤', value: (r) => num(r.daysWorked) },
    { key: 'lateCount', title: '次数', group: '迟到', value: (r) => num(r.lateCount) },
    { key: 'lateMinutes', title: '分钟', group: '迟到', value: (r) => num(r.lateMinutes) },
    { key: 'seriousLateCount', title: '严重迟到', value: (r) => num(r.seriousLateCount) },
    { key: 'earlyCount', title: '次数', group: '早退', value: (r) => num(r.earlyCount) },
    { key: 'earlyMinutes', title: '分钟', group: '早退', value: (r) => num(r.earlyMinutes) },
    { key: 'missingCount', title: '缺卡', value: (r) => num(r.missingCount) },
    { key: 'absentDays', title: '旷工天数', value: (r) => num(r.absentDays) },
  ];
  for (const name of leaveTypeNames(rows))
    cols.push({ key: `leave:${name}`, title: name, group: '请假（天）', value: (r) => num(r.leaveDays?.[name]) });
  cols.push(
    { key: 'overtimeHours', title: '加班小时', value: (r) => num(r.overtimeHours) },
    { key: 'fieldDays', title: '外勤天数', value: (r) => num(r.fieldDays) },
  );
  return cols;
}
