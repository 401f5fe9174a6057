import { eachDate } from '../../leave/domain/dates';

/** A person's counted range of days under one group (null: a group deleted since — its stored rows only). */
export interface PlanSegment<G> { from: string; to: string; group: G | null }

/**
 * What a read of a person's results does with each day of their counted ranges: keep the stored row, or compute the
 * day — and store it, unless it is still queued for the results writer (the writer owns it: a read racing a punch
 * must not store its older view). A day is computed when its group applies and it has no stored row, a provisional
 * one, or a queued punch. A final row stored under another group stays (moving someone does not rewrite their
 * history; HR's 重新计算 does). A deleted group's range keeps its stored rows only.
 */
export function planDays<G, R extends { date: string; provisional: boolean }>(
  segments: PlanSegment<G>[], stored: Map<string, R>, applies: (g: G, date: string) => boolean, queued: (date: string) => boolean,
): { keep: R[]; compute: { date: string; group: G; store: boolean }[] } {
  const keep: R[] = [];
  const compute: { date: string; group: G; store: boolean }[] = [];
  for (const { from, to, group } of segments) {
    for (const date of eachDate(from, to)) {
      const row = stored.get(date);
      if (!group || !applies(group, date)) {
        if (row) keep.push(row);
        continue;
      }
      const q = queued(date);
      if (row && !row.provisional && !q) keep.push(row);
      else compute.push({ date, group, store: !q });
    }
  }
  return { keep, compute };
}
