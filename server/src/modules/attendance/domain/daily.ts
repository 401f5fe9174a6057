import type { CorrectionRules, DayStatus, FixedShift, FreeHours, PunchKind } from '@hrlink/shared';
import { hm } from './time';

export interface DayPunch {
  /** Minutes since local midnight (fractions = seconds). */
  minutes: number;
  kind: PunchKind;
  source: 'site' | 'wifi' | 'field' | 'correction';
}

/** One approved leave entry of the date, as LeaveService.onLeaveDays gives it. */
export interface DayLeave {
  amount: number;
  unit: 'day' | 'hour';
  half?: 'am' | 'pm';
  startTime?: string;
  endTime?: string;
}

export interface DayInput {
  /** From the tenant calendar: workday or 调休 make-up workday. */
  workday: boolean;
  kind: 'fixed' | 'free';
  shift: FixedShift | null;
  free: FreeHours | null;
  punches: DayPunch[];
  leave: DayLeave[];
  /** Minutes since local midnight when the date is today; null for a past date (the result is final). */
  nowMinutes: number | null;
}

export interface DayOutcome {
  statuses: DayStatus[];
  lateMinutes: number;
  earlyMinutes: number;
  workedMinutes: number;
  leaveDays: number;
  provisional: boolean;
  firstIn: number | null;
  lastOut: number | null;
}

const ORDER: DayStatus[] = ['absent', 'serious_late', 'late', 'early', 'missing_in', 'missing_out', 'leave', 'field', 'rest', 'normal'];
const sortStatuses = (s: Set<DayStatus>): DayStatus[] => ORDER.filter((x) => s.has(x));
const round2 = (n: number) => Math.round(n * 100) / 100;

function span(punches: DayPunch[]) {
  const ins = punches.filter((p) => p.kind === 'in').map((p) => p.minutes);
  const outs = punches.filter((p) => p.kind === 'out').map((p) => p.minutes);
  return { firstIn: ins.length ? Math.min(...ins) : null, lastOut: outs.length ? Math.max(...outs) : null };
}

/**
 * The expected working window of a fixed shift after leave: a morning half (am) moves the start to the end of lunch,
 * an afternoon half (pm) moves the end to the start of lunch; hourly leave at either edge moves that edge. Null when
 * leave covers the whole day.
 */
export function expectedWindow(shift: FixedShift, leave: DayLeave[]): { start: number; end: number; leaveDays: number } | null {
  const start0 = hm(shift.start);
  const end0 = hm(shift.end);
  const lunchStart = shift.lunchStart ? hm(shift.lunchStart) : Math.round((start0 + end0) / 2);
  const lunchEnd = shift.lunchEnd ? hm(shift.lunchEnd) : lunchStart;
  let start = start0;
  let end = end0;
  let days = 0;
  let am = false;
  let pm = false;
  for (const l of leave) {
    if (l.unit === 'day') {
      days += l.amount;
      if (l.amount >= 1) am = pm = true;
      else if (l.half === 'pm') pm = true;
      else am = true;
    } else if (l.startTime && l.endTime) {
      const s = hm(l.startTime);
      const e = hm(l.endTime);
      const shiftHours = (end0 - start0 - (lunchEnd - lunchStart)) / 60 || 8;
      days += l.amount / shiftHours;
      if (s <= start && e > start) start = e >= lunchStart && e <= lunchEnd ? lunchEnd : e;
      if (e >= end && s < end) end = s >= lunchStart && s <= lunchEnd ? lunchStart : s;
    }
  }
  if (am) start = Math.max(start, lunchEnd);
  if (pm) end = Math.min(end, lunchStart);
  if ((am && pm) || days >= 1 || start >= end) return null;
  return { start, end, leaveDays: round2(days) };
}

function worked(firstIn: number | null, lastOut: number | null, lunch: [number, number] | null): number {
  if (firstIn === null || lastOut === null || lastOut <= firstIn) return 0;
  let w = lastOut - firstIn;
  if (lunch) w -= Math.max(0, Math.min(lastOut, lunch[1]) - Math.max(firstIn, lunch[0]));
  return Math.floor(w);
}

/** The daily result of one person: pure, from the shift, punches (incl. approved 补卡), approved leave and the calendar. */
export function computeDay(input: DayInput): DayOutcome {
  const { firstIn, lastOut } = span(input.punches);
  const field = input.punches.some((p) => p.source === 'field');
  const s = new Set<DayStatus>();
  const out = (extra: Partial<DayOutcome>): DayOutcome => ({
    statuses: sortStatuses(s), lateMinutes: 0, earlyMinutes: 0, workedMinutes: 0, leaveDays: 0, provisional: false, firstIn, lastOut, ...extra,
  });
  const lunch: [number, number] | null = input.kind === 'fixed' && input.shift?.lunchStart && input.shift.lunchEnd ? [hm(input.shift.lunchStart), hm(input.shift.lunchEnd)] : null;

  if (!input.workday) {
    // A rest day stays a rest day when someone punches (overtime is its own request); the minutes are kept.
    s.add('rest');
    if (field) s.add('field');
    return out({ workedMinutes: worked(firstIn, lastOut, lunch) });
  }

  if (input.kind === 'free' || !input.shift) {
    const fullLeave = input.leave.reduce((a, l) => a + (l.unit === 'day' ? l.amount : l.amount / 8), 0);
    if (fullLeave >= 1) {
      s.add('leave');
      return out({ leaveDays: 1 });
    }
    const provisional = input.nowMinutes !== null;
    const w = worked(firstIn, lastOut, null);
    const minimum = Math.round((input.free?.minHours ?? 8) * 60 * (1 - fullLeave));
    let early = 0;
    if (!provisional) {
      if (!input.punches.length) s.add('absent');
      else if (lastOut === null) s.add('missing_out');
      else if (w < minimum) {
        early = minimum - w;
        s.add('early');
      }
    }
    if (fullLeave > 0) s.add('leave');
    if (field) s.add('field');
    if (!s.size) s.add('normal');
    return out({ provisional, workedMinutes: w, earlyMinutes: early, leaveDays: round2(fullLeave) });
  }

  const shift = input.shift;
  const win = expectedWindow(shift, input.leave);
  if (!win) {
    s.add('leave');
    return out({ leaveDays: 1 });
  }
  const provisional = input.nowMinutes !== null && input.nowMinutes < win.end;
  let late = 0;
  let early = 0;
  if (firstIn === null) {
    if (!provisional) s.add('missing_in');
    else if (input.nowMinutes! > win.start + shift.graceMinutes) s.add('missing_in');
  } else {
    const l = Math.floor(firstIn - win.start);
    if (l > shift.graceMinutes) {
      late = l;
      s.add(l > shift.absentAfterMinutes ? 'absent' : l > shift.seriousLateMinutes ? 'serious_late' : 'late');
    }
  }
  if (lastOut === null) {
    if (!provisional) s.add('missing_out');
  } else {
    const e = Math.ceil(win.end - lastOut - 1e-9);
    if (e > 0) {
      early = e;
      s.add(e > shift.absentAfterMinutes ? 'absent' : 'early');
    }
  }
  if (!provisional && firstIn === null && lastOut === null) {
    s.delete('missing_in');
    s.delete('missing_out');
    s.add('absent');
  }
  if (win.leaveDays > 0) s.add('leave');
  if (field) s.add('field');
  if (!s.size) s.add('normal');
  return out({ provisional, lateMinutes: late, earlyMinutes: early, workedMinutes: worked(firstIn, lastOut, lunch), leaveDays: win.leaveDays });
}

/** What the punch result says right away. */
export function punchMessage(day: Pick<DayOutcome, 'statuses' | 'lateMinutes' | 'earlyMinutes'>, kind: PunchKind, source: DayPunch['source']): string {
  if (source === 'field') return '外勤';
  if (day.statuses.includes('rest')) return '休息日打卡';
  if (kind === 'in' && day.lateMinutes > 0) return `迟到 ${day.lateMinutes} 分钟`;
  if (kind === 'out' && day.earlyMinutes > 0) return `早退 ${day.earlyMinutes} 分钟`;
  return '正常';
}

/** Whether a 补卡 of this kind fixes an anomaly of the day that the group lets people correct. */
export function correctionNeeded(day: DayOutcome, kind: PunchKind, rules: CorrectionRules): boolean {
  if (day.statuses.includes('rest') || (day.statuses.length === 1 && day.statuses[0] === 'leave')) return false;
  const a = rules.anomalies;
  if (kind === 'in') return (day.firstIn === null && a.includes('missing')) || (day.lateMinutes > 0 && a.includes('late'));
  return (day.lastOut === null && a.includes('missing')) || (day.earlyMinutes > 0 && a.includes('early'));
}

/** The next punch's kind: the first of the day is 上班, later ones 下班 (one after a 下班 updates it). */
export function nextPunchKind(existing: { kind: PunchKind }[]): { kind: PunchKind; action: 'in' | 'out' | 'update' } {
  if (!existing.some((p) => p.kind === 'in')) return { kind: 'in', action: 'in' };
  if (!existing.some((p) => p.kind === 'out')) return { kind: 'out', action: 'out' };
  return { kind: 'out', action: 'update' };
}
