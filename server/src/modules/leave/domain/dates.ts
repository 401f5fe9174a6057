// Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so that no local time zone can shift a day.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toISOString().slice(0, 10) === s;
}

const toUtc = (s: string): number => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const fromUtc = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (s: string, n: number): string => fromUtc(toUtc(s) + n * 86_400_000);
/** b − a in days. */
export const diffDays = (a: string, b: string): number => Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
/** 0 = Sunday … 6 = Saturday. */
export const weekday = (s: string): number => new Date(toUtc(s)).getUTCDay();
export const yearOf = (s: string): number => +s.slice(0, 4);
export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInYear = (y: number): number => (isLeapYear(y) ? 366 : 365);
export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** Every date from `from` to `to`, both included. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The same month-day in another year; Feb 29 becomes Feb 28 in a common year. */
export function sameDayIn(s: string, year: number): string {
  const md = s.slice(5);
  if (md === '02-29' && !isLeapYear(year)) return `${year}-02-28`;
  return `${year}-${md}`;
}

/** Whole years from `from` to `on` (an anniversary counts on its day). */
export function fullYearsBetween(from: string, on: string): number {
  if (on < from) return 0;
  let years = yearOf(on) - yearOf(from);
  if (sameDayIn(from, yearOf(on)) > on) years--;
  return Math.max(0, years);
}
