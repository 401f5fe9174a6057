// The maintained holiday data (chinese-days): 法定节假日 and 调休 make-up workdays per year. Plain data, no framework.
import data from 'chinese-days/dist/chinese-days.json';
import type { HolidaySource } from './calendar';

interface PackageData { holidays: Record<string, string>; workdays: Record<string, string> }

/** Entries look like "National Day,国庆节,3": the Chinese name is the second field. */
const zhName = (v: string): string => v.split(',')[1] ?? v;

let cached: HolidaySource | null = null;

export function chineseDaysSource(): HolidaySource {
  if (cached) return cached;
  const d = data as unknown as PackageData;
  const holidays = new Map(Object.entries(d.holidays).map(([k, v]) => [k, zhName(v)]));
  const workdays = new Map(Object.entries(d.workdays).map(([k, v]) => [k, zhName(v)]));
  const years = new Set<number>([...holidays.keys()].map((k) => +k.slice(0, 4)));
  cached = { holidays, workdays, years };
  return cached;
}
