import type { EntityManager } from 'typeorm';
import type { FastRows } from '../../database/fast-rows';
import type { LeaveRequest } from './entities';

/** One day (or part of one) of approved leave, as attendance reads it. */
export interface LeaveDay { date: string; amount: number; unit: 'day' | 'hour'; requestId: string; leaveTypeId: string; half?: 'am' | 'pm'; startTime?: string; endTime?: string }

/** Approved requests' days within from..to, by employee, each person's in date order. */
function leaveDaysOf(rows: LeaveRequest[], from: string, to: string): Map<string, LeaveDay[]> {
  const out = new Map<string, LeaveDay[]>();
  for (const r of rows) {
    const list = out.get(r.employeeId) ?? [];
    for (const d of r.days) {
      if (d.date < from || d.date > to) continue;
      const half = r.unit === 'day' && d.amount === 0.5 ? (d.date === r.startDate && r.startHalf === 'pm' ? 'pm' : 'am') : undefined;
      list.push({ date: d.date, amount: d.amount, unit: r.unit, requestId: r.id, leaveTypeId: r.leaveTypeId, ...(half ? { half } : {}),
        ...(r.startTime ? { startTime: r.startTime, endTime: r.endTime! } : {}) });
    }
    out.set(r.employeeId, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}

/**
 * Approved (and being-cancelled: still leave until the 销假 is approved) leave days in from..to of `employeeIds`, or
 * of everyone in the tenant when omitted: one statement over leave_requests, then `leaveDaysOf`.
 */
export async function approvedLeaveDays(rows: FastRows<LeaveRequest>, m: EntityManager, tenantId: string, from: string, to: string,
  employeeIds?: string[]): Promise<Map<string, LeaveDay[]>> {
  if (employeeIds && !employeeIds.length) return new Map();
  const c = (k: keyof LeaveRequest & string) => rows.col(k);
  const who = employeeIds ? ` AND ${c('employeeId')} IN (${employeeIds.map(() => '?').join(', ')})` : '';
  const found = await rows.select(m, `WHERE ${c('tenantId')} = ?${who} AND ${c('status')} IN ('approved', 'cancelling')
    AND ${c('startDate')} <= ? AND ${c('endDate')} >= ?`, [tenantId, ...(employeeIds ?? []), to, from]);
  return leaveDaysOf(found, from, to);
}
