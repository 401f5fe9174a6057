import type { HalfDay, LeaveRequestInput, LeaveTypeView, LeaveUnit, OvertimeRequestInput } from '@hrlink/shared';

/** What the 请假 page holds while the user edits. Dates / times are kept as typed. */
export interface LeaveFormState {
  leaveTypeId: string;
  startDate: string;
  startHalf: HalfDay;
  startTime: string;
  endDate: string;
  endHalf: HalfDay;
  endTime: string;
  reason: string;
}

export const EMPTY_LEAVE_FORM: LeaveFormState = {
  leaveTypeId: '',
  startDate: '',
  startHalf: 'am',
  startTime: '09:00',
  endDate: '',
  endHalf: 'pm',
  endTime: '18:00',
  reason: '',
};

export const REASON_MAX = 500;

export type LeaveFormField = 'leaveTypeId' | 'start' | 'end' | 'reason';
export type LeaveFormErrors = Partial<Record<LeaveFormField, string>>;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * A typed date → YYYY-MM-DD, or null when it is not a real date. Accepts 2025-10-9, 2025/10/09,
 * 2025.10.09 and 20251009 (the H5 date field is a plain text input).
 */
export function normalizeDate(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) || /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** A typed time → HH:mm on a whole or half hour ("9:00" → "09:00"), or null. */
export function normalizeTime(text: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = +m[1];
  const min = +m[2];
  if (h > 24 || (min !== 0 && min !== 30) || (h === 24 && min !== 0)) return null;
  return `${pad(h)}:${pad(min)}`;
}

/** Code points after trimming (an emoji counts once). */
export function charCount(s: string): number {
  return Array.from(s.trim()).length;
}

/** Comparable key of a point: date, then half / time. */
function pointKey(date: string, unit: LeaveUnit, half: HalfDay, time: string, isEnd: boolean): string {
  if (unit === 'half_day') return `${date} ${half === 'am' ? (isEnd ? '1' : '0') : isEnd ? '3' : '2'}`;
  if (unit === 'hour') return `${date} ${time}`;
  return `${date} ${isEnd ? '9' : '0'}`;
}

export type BuildResult =
  | { ok: true; input: LeaveRequestInput }
  | { ok: false; errors: LeaveFormErrors };

/**
 * Form state → the body of POST /leave/preview and /leave/requests, with the client-side checks.
 * Day types send dates only, half-day types date + half (start 'pm' = from the afternoon, end 'am'
 * = until noon), hour types date + HH:mm. `forPreview` skips the reason check (the preview is
 * shown while the reason is still empty).
 */
export function buildLeaveInput(
  form: LeaveFormState,
  type: Pick<LeaveTypeView, 'id' | 'unit'> | null | undefined,
  opts: { forPreview?: boolean } = {},
): BuildResult {
  const errors: LeaveFormErrors = {};
  if (!type || type.id !== form.leaveTypeId) errors.leaveTypeId = '请选择假期类型';
  const unit: LeaveUnit = type?.unit ?? 'day';

  const startDate = normalizeDate(form.startDate);
  const endDate = normalizeDate(form.endDate);
  const startTime = unit === 'hour' ? normalizeTime(form.startTime) : '';
  const endTime = unit === 'hour' ? normalizeTime(form.endTime) : '';

  if (!form.startDate.trim()) errors.start = '请选择开始日期';
  else if (!startDate) errors.start = '开始日期格式应为 YYYY-MM-DD';
  else if (startTime === null) errors.start = '开始时间格式应为 HH:mm（整点或半点）';

  if (!form.endDate.trim()) errors.end = '请选择结束日期';
  else if (!endDate) errors.end = '结束日期格式应为 YYYY-MM-DD';
  else if (endTime === null) errors.end = '结束时间格式应为 HH:mm（整点或半点）';

  if (!errors.start && !errors.end && startDate && endDate) {
    const a = pointKey(startDate, unit, form.startHalf, startTime || '', false);
    const b = pointKey(endDate, unit, form.endHalf, endTime || '', true);
    if (unit === 'hour' ? b <= a : b < a) errors.end = '结束时间不能早于开始时间';
  }

  const reason = form.reason.trim();
  if (!opts.forPreview) {
    if (!reason) errors.reason = '请填写请假事由';
    else if (charCount(reason) > REASON_MAX) errors.reason = `请假事由不能超过 ${REASON_MAX} 字`;
  }

  if (Object.keys(errors).length > 0 || !type || !startDate || !endDate) return { ok: false, errors };

  const start: LeaveRequestInput['start'] = { date: startDate };
  const end: LeaveRequestInput['end'] = { date: endDate };
  if (unit === 'half_day') {
    start.half = form.startHalf;
    end.half = form.endHalf;
  } else if (unit === 'hour') {
    start.time = startTime as string;
    end.time = endTime as string;
  }
  return { ok: true, input: { leaveTypeId: type.id, start, end, reason } };
}

/** "该假期超过 3 天需上传证明材料" for types with an attachment rule, else null. */
export function attachmentNote(type: Pick<LeaveTypeView, 'attachmentOverDays'> | null | undefined): string | null {
  if (!type || type.attachmentOverDays === null || type.attachmentOverDays === undefined) return null;
  return type.attachmentOverDays <= 0
    ? '该假期需上传证明材料'
    : `该假期超过 ${type.attachmentOverDays} 天需上传证明材料`;
}

/** How a type is requested: 按天 / 按半天 / 按小时. */
export function unitHint(unit: LeaveUnit): string {
  return unit === 'half_day' ? '按半天' : unit === 'hour' ? '按小时' : '按天';
}

export interface OvertimeFormState {
  date: string;
  hours: string;
  reason: string;
}

export type OvertimeFormErrors = Partial<Record<keyof OvertimeFormState, string>>;

/** Overtime hours: a number in 0.5 steps, 0.5 … 24. Returns the message or null when fine. */
export function hoursError(text: string): string | null {
  const s = text.trim();
  if (!s) return '请填写加班时长';
  if (!/^\d+(\.\d+)?$/.test(s)) return '加班时长应为数字，如 2 或 2.5';
  const n = Number(s);
  if (n < 0.5) return '加班时长至少 0.5 小时';
  if (n > 24) return '加班时长不能超过 24 小时';
  if (Math.round(n * 2) !== n * 2) return '加班时长按 0.5 小时递增';
  return null;
}

export function validateOvertime(
  form: OvertimeFormState,
): { ok: true; input: OvertimeRequestInput } | { ok: false; errors: OvertimeFormErrors } {
  const errors: OvertimeFormErrors = {};
  const date = normalizeDate(form.date);
  if (!form.date.trim()) errors.date = '请选择加班日期';
  else if (!date) errors.date = '日期格式应为 YYYY-MM-DD';
  const h = hoursError(form.hours);
  if (h) errors.hours = h;
  const reason = form.reason.trim();
  if (!reason) errors.reason = '请填写加班事由';
  else if (charCount(reason) > REASON_MAX) errors.reason = `加班事由不能超过 ${REASON_MAX} 字`;
  if (Object.keys(errors).length > 0 || !date) return { ok: false, errors };
  return { ok: true, input: { date, hours: Number(form.hours.trim()), reason } };
}
