import type {
  CalendarDayView,
  DayKind,
  ImportPreview,
  LeaveRequestStatus,
  LeaveTypeView,
  LeaveUnit,
  LedgerKind,
  OvertimeDayKind,
  UpsertLeaveTypeRequest,
} from '@hrlink/shared';
import { DAY_KIND_NAMES, LEAVE_STATUS_NAMES, LEDGER_KIND_NAMES } from '@hrlink/shared';

// ---------------------------------------------------------------- labels

export const UNIT_LABEL: Record<LeaveUnit, string> = { day: '天', half_day: '半天', hour: '小时' };
export const AMOUNT_UNIT: Record<'day' | 'hour', string> = { day: '天', hour: '小时' };

const LEAVE_STATUS_COLOR: Record<LeaveRequestStatus, string> = {
  pending: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default', cancelled: 'default', cancelling: 'warning',
};

/** The shared names with a tag colour; the table's tag keeps 销假中 short. */
export const LEAVE_STATUS = Object.fromEntries((Object.keys(LEAVE_STATUS_COLOR) as LeaveRequestStatus[]).map((s) => [s, {
  label: s === 'cancelling' ? '销假中' : LEAVE_STATUS_NAMES[s], color: LEAVE_STATUS_COLOR[s],
}])) as Record<LeaveRequestStatus, { label: string; color: string }>;

export const OVERTIME_DAY_KIND: Record<OvertimeDayKind, string> = DAY_KIND_NAMES;

/** The shared names; HR's ledger says who adjusted: 手动调整. */
export const LEDGER_KIND: Record<LedgerKind, string> = { ...LEDGER_KIND_NAMES, adjust: '手动调整' };

/** The admin calendar names a holiday by its legal kind: 法定节假日. */
export const DAY_KIND_LABEL: Record<DayKind, string> = { ...DAY_KIND_NAMES, holiday: '法定节假日' };

/** "2026-10-01 上午" / "2026-10-01 09:00" / "2026-10-01". */
export function formatPoint(p: { date: string; half?: 'am' | 'pm'; time?: string }): string {
  if (p.time) return `${p.date} ${p.time}`;
  if (p.half) return `${p.date} ${p.half === 'am' ? '上午' : '下午'}`;
  return p.date;
}

/** 1.5 → "1.5", 2 → "2", 0.333333 → "0.33". */
export function formatAmount(n: number): string {
  return String(Math.round(n * 100) / 100);
}

// ---------------------------------------------------------------- MM-DD

/**
 * A month-day like "03-31" that exists in every year. 02-29 is refused: carried days would have no expiry in
 * three years out of four.
 */
export function monthDayError(value: string): string | null {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return '格式为 MM-DD，例如 03-31';
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12) return '月份应为 01–12';
  const max = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (month === 2 && day === 29) return '02-29 并非每年都有，请选择 02-28 或 03-01';
  if (day < 1 || day > max) return `${m[1]} 月只有 ${max} 天`;
  return null;
}

// ---------------------------------------------------------------- annual tiers

export interface AnnualTier {
  minYears: number;
  days: number;
}

/** 职工带薪年休假条例 第三条: 1–<10 years → 5 days, 10–<20 → 10, ≥20 → 15; less than one year → none. */
export const STATUTORY_TIERS: AnnualTier[] = [
  { minYears: 1, days: 5 },
  { minYears: 10, days: 10 },
  { minYears: 20, days: 15 },
];

/** Full-year days for `years` cumulative working years under a tier table (0 below the first tier). */
export function tierDays(tiers: AnnualTier[], years: number): number {
  let days = 0;
  let best = -Infinity;
  for (const t of tiers) {
    if (t.minYears <= years && t.minYears > best) {
      best = t.minYears;
      days = t.days;
    }
  }
  return days;
}

export function statutoryDays(years: number): number {
  return tierDays(STATUTORY_TIERS, years);
}

export const TIER_LIMITS = { maxTiers: 20, maxYears: 60, maxDays: 365 };

/**
 * Problems with custom tiers (empty = fine). Both tables are step functions that change only at a tier's
 * minYears, so comparing at every boundary of either table covers every working-years value.
 */
export function tierErrors(tiers: AnnualTier[]): string[] {
  const errors: string[] = [];
  if (!tiers.length) return ['至少需要一档'];
  if (tiers.length > TIER_LIMITS.maxTiers) errors.push(`最多 ${TIER_LIMITS.maxTiers} 档`);
  const seen = new Set<number>();
  tiers.forEach((t, i) => {
    const n = i + 1;
    if (!Number.isInteger(t.minYears) || t.minYears < 0 || t.minYears > TIER_LIMITS.maxYears) {
      errors.push(`第 ${n} 档：工作年限应为 0–${TIER_LIMITS.maxYears} 的整数`);
    } else if (seen.has(t.minYears)) {
      errors.push(`第 ${n} 档：工作年限 ${t.minYears} 年重复`);
    } else seen.add(t.minYears);
    if (!Number.isInteger(t.days) || t.days < 0 || t.days > TIER_LIMITS.maxDays) {
      errors.push(`第 ${n} 档：天数应为 0–${TIER_LIMITS.maxDays} 的整数`);
    }
  });
  if (errors.length) return errors;
  const points = [...new Set([0, ...STATUTORY_TIERS.map((t) => t.minYears), ...tiers.map((t) => t.minYears)])].sort((a, b) => a - b);
  for (const y of points) {
    const mine = tierDays(tiers, y);
    const law = statutoryDays(y);
    if (mine < law) errors.push(`累计工作满 ${y} 年时为 ${mine} 天，低于法定的 ${law} 天`);
  }
  return errors;
}

export function sortTiers(tiers: AnnualTier[]): AnnualTier[] {
  return [...tiers].sort((a, b) => a.minYears - b.minYears);
}

// ---------------------------------------------------------------- calendar

/** What a day looks like on the calendar (colour class). */
export type DayClass = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'company';

export const DAY_CLASS_STYLE: Record<DayClass, { label: string; bg: string; fg: string }> = {
  workday: { label: '工作日', bg: '#ffffff', fg: 'rgba(0,0,0,0.88)' },
  weekend: { label: '周末', bg: '#f5f5f5', fg: 'rgba(0,0,0,0.45)' },
  holiday: { label: '法定节假日', bg: '#fff1f0', fg: '#cf1322' },
  makeup: { label: '调休上班', bg: '#fff7e6', fg: '#d46b08' },
  company: { label: '公司假日 / 自定义', bg: '#f9f0ff', fg: '#531dab' },
};

export interface ClassifiedDay {
  date: string;
  cls: DayClass;
  kind: DayKind;
  name: string | null;
  overridden: boolean;
}

function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/**
 * The kind and colour of one date. `days` holds only the special days (package data and HR overrides); any
 * other date is a plain weekday or weekend. An HR override is coloured 公司假日 whatever its kind, so HR sees
 * what they changed; a package day is 法定节假日 or 调休上班.
 */
export function classifyDay(date: string, days: Map<string, CalendarDayView>): ClassifiedDay {
  const d = days.get(date);
  if (d) {
    const overridden = d.source === 'override';
    let cls: DayClass;
    if (overridden) cls = 'company';
    else if (d.kind === 'holiday') cls = 'holiday';
    else if (d.kind === 'makeup_workday') cls = 'makeup';
    else if (d.kind === 'restday') cls = 'weekend';
    else cls = 'workday';
    return { date, cls, kind: d.kind, name: d.name, overridden };
  }
  const weekend = isWeekend(date);
  return { date, cls: weekend ? 'weekend' : 'workday', kind: weekend ? 'restday' : 'workday', name: null, overridden: false };
}

export function dayMap(days: CalendarDayView[]): Map<string, CalendarDayView> {
  return new Map(days.map((d) => [d.date, d]));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Weeks (Monday first) of one month; cells outside the month are null. month is 1–12. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const lead = (first + 6) % 7;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (string | null)[] = Array(lead).fill(null);
  for (let d = 1; d <= length; d++) cells.push(`${year}-${pad(month)}-${pad(d)}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Counts per class over a whole year (legend numbers). */
export function yearCounts(year: number, days: Map<string, CalendarDayView>): Record<DayClass, number> {
  const counts: Record<DayClass, number> = { workday: 0, weekend: 0, holiday: 0, makeup: 0, company: 0 };
  for (let m = 1; m <= 12; m++) {
    for (const week of monthGrid(year, m)) for (const date of week) if (date) counts[classifyDay(date, days).cls]++;
  }
  return counts;
}

// ---------------------------------------------------------------- leave type form

export interface LeaveTypeDraft {
  code: string;
  name: string;
  paid: boolean;
  unit: LeaveUnit;
  hoursPerDay: number | null;
  countsRestDays: boolean;
  requiresBalance: boolean;
  allowNegative: boolean;
  attachmentOverDays: number | null;
  minNoticeDays: number | null;
  maxPerRequest: number | null;
  carryForwardCap: number | null;
  carryForwardExpiry: string | null;
  enabled: boolean;
}

export const NEW_LEAVE_TYPE: LeaveTypeDraft = {
  code: '',
  name: '',
  paid: true,
  unit: 'day',
  hoursPerDay: 8,
  countsRestDays: false,
  requiresBalance: false,
  allowNegative: false,
  attachmentOverDays: null,
  minNoticeDays: null,
  maxPerRequest: null,
  carryForwardCap: null,
  carryForwardExpiry: null,
  enabled: true,
};

export function draftFromType(t: LeaveTypeView): LeaveTypeDraft {
  const { id: _id, isAnnual: _a, ...rest } = t;
  return { ...rest };
}

const isStep = (n: number, step: number) => Math.abs(n / step - Math.round(n / step)) < 1e-9;

/** Field → message for a leave type draft (empty = valid). Mirrors what the server should refuse. */
export function leaveTypeErrors(d: LeaveTypeDraft): Partial<Record<keyof LeaveTypeDraft, string>> {
  const e: Partial<Record<keyof LeaveTypeDraft, string>> = {};
  const name = d.name.trim();
  if (!name) e.name = '请输入名称';
  else if ([...name].length > 20) e.name = '名称最多 20 个字';
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(d.code)) e.code = '编码为最多 64 位小写字母、数字或下划线，以字母开头';
  if (d.hoursPerDay === null || !(d.hoursPerDay >= 1 && d.hoursPerDay <= 24) || !isStep(d.hoursPerDay, 0.5)) {
    e.hoursPerDay = '每天工时应为 1–24，可到 0.5 小时';
  }
  if (d.allowNegative && !d.requiresBalance) e.allowNegative = '只有需要余额的假期才能允许透支';
  if (d.attachmentOverDays !== null && (!Number.isInteger(d.attachmentOverDays) || d.attachmentOverDays < 0 || d.attachmentOverDays > 365)) {
    e.attachmentOverDays = '应为 0–365 的整数';
  }
  if (d.minNoticeDays !== null && (!Number.isInteger(d.minNoticeDays) || d.minNoticeDays < 0 || d.minNoticeDays > 365)) {
    e.minNoticeDays = '应为 0–365 的整数';
  }
  if (d.maxPerRequest !== null) {
    const step = d.unit === 'day' ? 1 : 0.5;
    const cap = d.unit === 'hour' ? 24 * 365 : 365;
    if (!(d.maxPerRequest > 0 && d.maxPerRequest <= cap) || !isStep(d.maxPerRequest, step)) {
      e.maxPerRequest = d.unit === 'day' ? '应为 1–365 的整数天' : d.unit === 'half_day' ? '应为 0.5 的倍数（天），最多 365' : '应为 0.5 的倍数（小时）';
    }
  }
  if (d.carryForwardCap !== null && (!(d.carryForwardCap >= 0 && d.carryForwardCap <= 365) || !isStep(d.carryForwardCap, 0.5))) {
    e.carryForwardCap = '应为 0–365，可到 0.5';
  }
  if (d.carryForwardExpiry) {
    const err = monthDayError(d.carryForwardExpiry);
    if (err) e.carryForwardExpiry = err;
    else if (d.carryForwardCap === null) e.carryForwardExpiry = '未设置结转上限时不需要过期日期';
  }
  return e;
}

/** The body for POST/PUT; trims text, empty expiry → null, no allowNegative without a balance. */
export function leaveTypeRequest(d: LeaveTypeDraft): UpsertLeaveTypeRequest {
  return {
    ...d,
    name: d.name.trim(),
    code: d.code.trim(),
    hoursPerDay: d.hoursPerDay ?? 8,
    allowNegative: d.requiresBalance && d.allowNegative,
    carryForwardExpiry: d.carryForwardCap === null ? null : d.carryForwardExpiry || null,
  };
}

// ---------------------------------------------------------------- import preview

export type ImportRow = ImportPreview['rows'][number];

/** Columns to show: the union of every row's keys, in first-seen order. */
export function importColumns(preview: ImportPreview): string[] {
  const keys: string[] = [];
  for (const r of preview.rows) for (const k of Object.keys(r.values ?? {})) if (!keys.includes(k)) keys.push(k);
  return keys;
}

export interface ImportSummary {
  canCommit: boolean;
  errorRows: number;
  /** "第 3 行：工号不存在" lines, at most `limit`. */
  lines: string[];
  more: number;
}

/** Whether the preview can be committed, and the first row errors as lines. A token is only valid with no errors. */
export function importSummary(preview: ImportPreview, limit = 5): ImportSummary {
  const bad = preview.rows.filter((r) => r.errors.length);
  const all = bad.map((r) => `第 ${r.row} 行：${r.errors.join('；')}`);
  const invalid = preview.total - preview.valid;
  return {
    canCommit: !!preview.token && bad.length === 0 && invalid === 0 && preview.total > 0,
    errorRows: Math.max(bad.length, invalid),
    lines: all.slice(0, limit),
    more: Math.max(0, all.length - limit),
  };
}

/**
 * Row errors the server may put in an IMPORT_INVALID error's details instead of a preview:
 * `{rows: [{row, errors}]}` or `{errors: [{row, message}]}`; anything else → [].
 */
export function importErrorsFromDetails(details: Record<string, unknown> | undefined): { row: number; errors: string[] }[] {
  if (!details) return [];
  const rows = details.rows;
  if (Array.isArray(rows)) {
    return rows
      .filter((r): r is { row: number; errors: unknown } => !!r && typeof (r as { row?: unknown }).row === 'number')
      .map((r) => ({ row: r.row, errors: Array.isArray(r.errors) ? r.errors.map(String) : [String(r.errors)] }))
      .filter((r) => r.errors.length);
  }
  const errors = details.errors;
  if (Array.isArray(errors)) {
    const byRow = new Map<number, string[]>();
    for (const e of errors as { row?: unknown; message?: unknown }[]) {
      if (!e || typeof e.row !== 'number') continue;
      byRow.set(e.row, [...(byRow.get(e.row) ?? []), String(e.message ?? '')]);
    }
    return [...byRow].map(([row, errs]) => ({ row, errors: errs }));
  }
  return [];
}
