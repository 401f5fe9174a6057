const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11" of a local Date. */
export function monthOf(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** Move a YYYY-MM by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}`;
}

export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface GridCell {
  /** null = padding before the 1st / after the last day. */
  date: string | null;
  day: number | null;
}

/** Weeks Monday → Sunday; leading and trailing padding cells so every row has 7 cells. */
export function monthGrid(month: string): GridCell[][] {
  const [y, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (first + 6) % 7;
  const n = daysInMonth(month);
  const cells: GridCell[] = [];
  for (let i = 0; i < lead; i++) cells.push({ date: null, day: null });
  for (let d = 1; d <= n; d++) cells.push({ date: `${month}-${pad(d)}`, day: d });
  while (cells.length % 7) cells.push({ date: null, day: null });
  const weeks: GridCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export const WEEK_HEADER = ['一', '二', '三', '四', '五', '六', '日'];
