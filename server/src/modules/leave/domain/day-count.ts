import type { LeaveDayBreakdown, LeavePoint, LeaveUnit } from '@hrlink/shared';
import { addDays, eachDate, isDate } from './dates';
import type { WorkCalendar } from './calendar';

/**
 * Working hours used for hourly leave and for placing half days: 09:00–18:00 with lunch 12:00–13:00 (8 hours).
 * 上午 = 09:00–12:00, 下午 = 13:00–18:00. A tenant setting can replace it later (WorkHours is a parameter).
 */
export interface WorkHours { start: string; lunchStart: string; lunchEnd: string; end: string }
export const STANDARD_HOURS: WorkHours = { start: '09:00', lunchStart: '12:00', lunchEnd: '13:00', end: '18:00' };

export interface CountableType { unit: LeaveUnit; countsRestDays: boolean }

export interface LeaveCount {
  ok: true;
  /** Days (day / half_day) or hours (hour). */
  amount: number;
  unit: 'day' | 'hour';
  days: LeaveDayBreakdown[];
  /** Occupied time as 'YYYY-MM-DDTHH:mm' keys, [startKey, endKey): compare as strings for overlaps. */
  startKey: string;
  endKey: string;
}
export interface CountProblem { ok: false; code: 'LEAVE_INVALID_RANGE'; message: string }

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutes = (t: string): number => +t.slice(0, 2) * 60 + +t.slice(3, 5);
const bad = (message: string): CountProblem => ({ ok: false, code: 'LEAVE_INVALID_RANGE', message });

/** Working minutes between two times of one day, lunch excluded. */
export function workMinutes(from: string, to: string, wh: WorkHours = STANDARD_HOURS): number {
  const seg = (a: number, b: number) => Math.max(0, Math.min(b, minutes(to)) - Math.max(a, minutes(from)));
  return seg(minutes(wh.start), minutes(wh.lunchStart)) + seg(minutes(wh.lunchEnd), minutes(wh.end));
}

/**
 * How much a request takes. Day and half-day types: every date in the range counts 1 when it is a working day (a 调休
 * make-up weekend day is one) or when the type counts rest days; a half-day start 'pm' or end 'am' counts that end as
 * ½. Hour types: one working day, start and end times on whole or half hours inside the working hours, lunch excluded.
 */
export function countLeave(cal: WorkCalendar, type: CountableType, start: LeavePoint, end: LeavePoint, wh: WorkHours = STANDARD_HOURS): LeaveCount | CountProblem {
  if (!isDate(start?.date) || !isDate(end?.date)) return bad('日期格式不正确');
  if (end.date < start.date) return bad('结束日期早于开始日期');
  if (end.date > addDays(start.date, 366)) return bad('单次请假不能超过一年');
  const counts = (date: string) => type.countsRestDays || cal.isWorkingDay(date);

  if (type.unit === 'hour') {
    if (start.date !== end.date) return bad('按小时请假只能在同一天内');
    if (!TIME_RE.test(start.time ?? '') || !TIME_RE.test(end.time ?? '')) return bad('请选择开始和结束时间');
    const s = start.time!, e = end.time!;
    if (minutes(s) % 30 || minutes(e) % 30) return bad('时间须为整点或半点');
    if (minutes(s) >= minutes(e)) return bad('结束时间须晚于开始时间');
    if (minutes(s) < minutes(wh.start) || minutes(e) > minutes(wh.end)) return bad(`时间须在 ${wh.start}–${wh.end} 之内`);
    const kind = cal.day(start.date).kind;
    const hours = counts(start.date) ? workMinutes(s, e, wh) / 60 : 0;
    return { ok: true, amount: hours, unit: 'hour', days: [{ date: start.date, kind, amount: hours }], startKey: `${start.date}T${s}`, endKey: `${start.date}T${e}` };
  }

  const half = type.unit === 'half_day';
  const sh = half ? start.half ?? 'am' : 'am';
  const eh = half ? end.half ?? 'pm' : 'pm';
  if ((sh !== 'am' && sh !== 'pm') || (eh !== 'am' && eh !== 'pm')) return bad('上午/下午不正确');
  if (start.date === end.date && sh === 'pm' && eh === 'am') return bad('结束时间早于开始时间');
  const days: LeaveDayBreakdown[] = eachDate(start.date, end.date).map((date) => {
    let amount = counts(date) ? 1 : 0;
    if (amount && date === start.date && sh === 'pm') amount -= 0.5;
    if (amount && date === end.date && eh === 'am') amount -= 0.5;
    return { date, kind: cal.day(date).kind, amount };
  });
  return {
    ok: true, amount: days.reduce((s, d) => s + d.amount, 0), unit: 'day', days,
    startKey: `${start.date}T${sh === 'pm' ? '12:00' : '00:00'}`,
    endKey: eh === 'am' ? `${end.date}T12:00` : `${addDays(end.date, 1)}T00:00`,
  };
}

/** Two occupied ranges [aStart, aEnd) and [bStart, bEnd) overlap. */
export const overlaps = (a: { startKey: string; endKey: string }, b: { startKey: string; endKey: string }): boolean =>
  a.startKey < b.endKey && b.startKey < a.endKey;
