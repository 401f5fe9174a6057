import {
  APPROVAL_STATUS_NAMES,
  DAY_KIND_NAMES,
  LEAVE_STATUS_NAMES,
  LEDGER_KIND_NAMES,
  type DayKind,
  type LeaveDayBreakdown,
  type LeavePoint,
  type LedgerKind,
  type OvertimeDayKind,
} from '@hrlink/shared';

/** 3 → "3", 2.5 → "2.5", 0.125 → "0.13" (at most two decimals, no trailing zeros). */
export function fmtNum(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** 3 → "+3", -1.5 → "−1.5" (ledger amounts). */
export function fmtSigned(n: number): string {
  if (n > 0) return `+${fmtNum(n)}`;
  if (n < 0) return `−${fmtNum(-n)}`;
  return '0';
}

export function unitLabel(unit: 'day' | 'hour'): string {
  return unit === 'hour' ? '小时' : '天';
}

/** "3 天", "1.5 小时". */
export function fmtAmount(n: number, unit: 'day' | 'hour'): string {
  return `${fmtNum(n)} ${unitLabel(unit)}`;
}

function parts(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map((s) => parseInt(s, 10));
  return { y, m, d };
}

/** "2025-10-01" → "10月1日". */
export function monthDay(date: string): string {
  const { m, d } = parts(date);
  return `${m}月${d}日`;
}

/** A span of dates: "10月1日", "10月1日–8日", "9月30日–10月8日". */
export function rangeLabel(from: string, to: string): string {
  if (from === to) return monthDay(from);
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.m === b.m) return `${a.m}月${a.d}日–${b.d}日`;
  return `${monthDay(from)}–${monthDay(to)}`;
}

/** Next calendar day of a YYYY-MM-DD (UTC arithmetic, no time zone drift). */
export function nextDate(date: string): string {
  const { y, m, d } = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return t.toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  const { y, m, d } = parts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const { y, m, d } = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
export function weekdayLabel(date: string): string {
  return WEEKDAYS[weekday(date)];
}

/** 国庆节 → 国庆, 中秋节 → 中秋; 春节 / 元旦 stay (a 2-character name keeps its 节). */
function shortHolidayName(name: string): string {
  const n = name.trim();
  return n.length >= 3 && n.endsWith('节') ? n.slice(0, -1) : n;
}

interface Run {
  from: string;
  to: string;
  kind: DayKind;
}

/** Consecutive days (by date) of the same kind, in order. */
function runs(days: LeaveDayBreakdown[], pick: (d: LeaveDayBreakdown) => boolean): Run[] {
  const out: Run[] = [];
  for (const d of days) {
    if (!pick(d)) continue;
    const last = out[out.length - 1];
    if (last && last.kind === d.kind && nextDate(last.to) === d.date) last.to = d.date;
    else out.push({ from: d.date, to: d.date, kind: d.kind });
  }
  return out;
}

/**
 * The line shown above the submit button, from the server's day breakdown, e.g.
 * "共 3 天（跳过 10月1日–8日 国庆、中秋假期，10月11日 调休上班计入）".
 * `names` maps dates to holiday names (from GET /leave/calendar); without one a holiday run is
 * called 节假日. Rest days are listed while there are at most `maxRestRuns` runs of them, then
 * counted ("跳过 6 个休息日").
 */
export function previewSummary(
  preview: { amount: number; unit: 'day' | 'hour'; days: LeaveDayBreakdown[] },
  names: Record<string, string | null | undefined> = {},
  maxRestRuns = 2,
): string {
  const days = preview.days.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const notes: string[] = [];

  for (const r of runs(days, (d) => d.amount === 0 && d.kind === 'holiday')) {
    const seen: string[] = [];
    for (let d = r.from; ; d = nextDate(d)) {
      const n = names[d];
      if (n) {
        const s = shortHolidayName(n);
        if (!seen.includes(s)) seen.push(s);
      }
      if (d === r.to) break;
    }
    notes.push(`跳过 ${rangeLabel(r.from, r.to)} ${seen.length ? `${seen.join('、')}假期` : '节假日'}`);
  }

  const rest = runs(days, (d) => d.amount === 0 && d.kind === 'restday');
  if (rest.length > 0 && rest.length <= maxRestRuns) {
    notes.push(`跳过 ${rest.map((r) => rangeLabel(r.from, r.to)).join('、')} 休息日`);
  } else if (rest.length > maxRestRuns) {
    const n = days.filter((d) => d.amount === 0 && d.kind === 'restday').length;
    notes.push(`跳过 ${n} 个休息日`);
  }

  const makeup = days.filter((d) => d.kind === 'makeup_workday' && d.amount > 0).map((d) => monthDay(d.date));
  if (makeup.length) notes.push(`${makeup.join('、')} 调休上班计入`);

  const head = `共 ${fmtAmount(preview.amount, preview.unit)}`;
  return notes.length ? `${head}（${notes.join('，')}）` : head;
}

export { LEAVE_STATUS_NAMES };

export function leaveStatusLabel(status: string): string {
  return (LEAVE_STATUS_NAMES as Record<string, string>)[status] ?? status;
}

export type Tone = 'primary' | 'success' | 'danger' | 'default' | 'warning';

/** Pill colour of a leave (or overtime = approval) status. */
export function statusTone(status: string): Tone {
  switch (status) {
    case 'pending':
      return 'primary';
    case 'cancelling':
      return 'warning';
    case 'approved':
      return 'success';
    case 'rejected':
      return 'danger';
    default:
      return 'default';
  }
}

/** Overtime requests carry the approval status: 审批中 / 已同意 / 已拒绝 / 已撤回. */
export function overtimeStatusLabel(status: string): string {
  return (APPROVAL_STATUS_NAMES as Record<string, string>)[status] ?? status;
}

export function dayKindLabel(kind: DayKind | OvertimeDayKind | string): string {
  return (DAY_KIND_NAMES as Record<string, string>)[kind] ?? kind;
}

export function ledgerKindLabel(kind: string): string {
  return (LEDGER_KIND_NAMES as Record<string, string>)[kind] ?? kind;
}

/** "2025-10-09 上午", "2025-10-09 14:00", "2025-10-09". */
export function pointLabel(p: LeavePoint): string {
  if (p.half) return `${p.date} ${p.half === 'am' ? '上午' : '下午'}`;
  if (p.time) return `${p.date} ${p.time}`;
  return p.date;
}

/**
 * "2025-10-09 上午 至 2025-10-10 下午"; on one date: "2025-10-09", "2025-10-09 下午", "2025-10-09 全天",
 * "2025-10-09 09:00–11:30".
 */
export function spanLabel(start: LeavePoint, end: LeavePoint): string {
  if (start.date === end.date) {
    if (start.time && end.time) return `${start.date} ${start.time}–${end.time}`;
    if (start.half && end.half) {
      if (start.half === end.half) return pointLabel(start);
      if (start.half === 'am' && end.half === 'pm') return `${start.date} 全天`;
    }
    if (!start.half && !end.half && !start.time && !end.time) return start.date;
  }
  return `${pointLabel(start)} 至 ${pointLabel(end)}`;
}

/** Whole days from `today` until `date` (negative when past); both YYYY-MM-DD. */
export function daysUntil(date: string, today: string): number {
  const a = parts(today);
  const b = parts(date);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86400000);
}

/** Carried days expiring within 30 days (and not yet expired) are highlighted. */
export function expiresSoon(date: string | null, today: string, within = 30): boolean {
  if (!date) return false;
  const n = daysUntil(date, today);
  return n >= 0 && n <= within;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local calendar date of a Date as YYYY-MM-DD. */
export function localDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
