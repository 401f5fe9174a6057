import type { TeamLeaveEntry } from '@hrlink/shared';
import { addDays, weekday } from './format';

/** Monday … Sunday of the week containing `today` (YYYY-MM-DD). */
export function weekOf(today: string): { from: string; to: string } {
  const back = (weekday(today) + 6) % 7; // Monday = 0
  const from = addDays(today, -back);
  return { from, to: addDays(from, 6) };
}

export interface TeamDayEntry {
  entry: TeamLeaveEntry;
  /** '' = the whole day; else 上午 / 下午 / "14:00–18:00". */
  part: string;
}

export interface TeamDay {
  date: string;
  entries: TeamDayEntry[];
}

/** Which part of `date` an entry covers. */
function partOf(e: TeamLeaveEntry, date: string): string {
  const first = e.start.date === date;
  const last = e.end.date === date;
  if (e.start.time || e.end.time) {
    const from = first && e.start.time ? e.start.time : '';
    const to = last && e.end.time ? e.end.time : '';
    if (from && to) return `${from}–${to}`;
    if (from) return `${from} 起`;
    if (to) return `至 ${to}`;
    return '';
  }
  if (first && e.start.half === 'pm') return '下午';
  if (last && e.end.half === 'am') return '上午';
  return '';
}

/** Every day from..to with the entries that cover it (name order), including days with none. */
export function groupTeamByDay(entries: TeamLeaveEntry[], from: string, to: string): TeamDay[] {
  const out: TeamDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const list = entries
      .filter((e) => e.start.date <= d && d <= e.end.date)
      .map((entry) => ({ entry, part: partOf(entry, d) }))
      .sort((a, b) => a.entry.employee.name.localeCompare(b.entry.employee.name, 'zh-CN'));
    out.push({ date: d, entries: list });
  }
  return out;
}
