import type { AttendanceGroupView, RecomputeGroupResult } from '@hrlink/shared';

/** The server's limit for one 重新计算 (days, inclusive). */
export const RECOMPUTE_MAX_DAYS = 62;

const DAY_MS = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fmt = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Days from..to inclusive (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((ms(to) - ms(from)) / DAY_MS) + 1;
}

/** Default range: the current month up to today, not before the group's effectiveFrom; null when the group starts later. */
export function defaultRecomputeRange(today: string, effectiveFrom: string): [string, string] | null {
  if (effectiveFrom > today) return null;
  const monthStart = `${today.slice(0, 8)}01`;
  return [effectiveFrom > monthStart ? effectiveFrom : monthStart, today];
}

/** Whether the picker offers this date: not in the future, not before effectiveFrom. */
export function recomputeDateAllowed(date: string, today: string, effectiveFrom: string): boolean {
  return date <= today && date >= effectiveFrom;
}

/** The same checks as the server (its message wins when they differ); null when the range is fine. */
export function recomputeRangeError(from: string, to: string, today: string, effectiveFrom: string): string | null {
  if (!from || !to) return '请选择日期范围';
  if (from > to) return '结束日期不能早于开始日期';
  if (to > today) return `不能重新计算未来的日期（今天是 ${today}）`;
  if (from < effectiveFrom) return `开始日期不能早于考勤组生效日期 ${effectiveFrom}`;
  if (daysBetween(from, to) > RECOMPUTE_MAX_DAYS) return `重新计算的范围须在 ${RECOMPUTE_MAX_DAYS} 天以内`;
  return null;
}

/** The latest allowed end for a start (for the picker): start + 61 days, capped at today. */
export function recomputeMaxEnd(from: string, today: string): string {
  const end = fmt(ms(from) + (RECOMPUTE_MAX_DAYS - 1) * DAY_MS);
  return end < today ? end : today;
}

/** What HR sees after 重新计算. */
export function recomputeMessage(r: RecomputeGroupResult): string {
  const range = r.from === r.to ? r.from : `${r.from} 至 ${r.to}`;
  return `已清除 ${r.cleared} 条已保存的结果：${range}（${r.days} 天）共 ${r.employees} 人的考勤将按当前规则和日历重新计算`;
}

/** The rules a day is computed with (kind, shift times and thresholds, free hours), independent of key order. */
export function groupRulesKey(g: Pick<AttendanceGroupView, 'kind' | 'shift' | 'free'>): string {
  const s = g.kind === 'fixed' ? g.shift : null;
  return JSON.stringify([g.kind, s && [s.start, s.end, s.lunchStart ?? null, s.lunchEnd ?? null, s.graceMinutes, s.seriousLateMinutes, s.absentAfterMinutes],
    g.kind === 'free' && g.free ? Number(g.free.minHours) : null]);
}
