import type { CalendarDayView, CalendarYearView, DayKind } from '@hrlink/shared';
import { eachDate, weekday } from './dates';

/** Holiday data: public holidays (incl. the 调休 rest days) and make-up workdays, with the years it covers. */
export interface HolidaySource {
  holidays: Map<string, string>;
  workdays: Map<string, string>;
  years: Set<number>;
}

export interface CalendarOverrideData {
  date: string;
  kind: DayKind;
  name: string | null;
}

/**
 * A tenant's calendar: HR overrides win, then the package (when it has the year), then weekday rules
 * (Mon–Fri workday, Sat/Sun rest day).
 */
export class WorkCalendar {
  private readonly overrides: Map<string, CalendarOverrideData>;

  constructor(private readonly source: HolidaySource, overrides: CalendarOverrideData[] = []) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
  }

  published(year: number): boolean {
    return this.source.years.has(year);
  }

  day(date: string): CalendarDayView {
    const o = this.overrides.get(date);
    if (o) return { date, kind: o.kind, name: o.name, source: 'override' };
    const h = this.source.holidays.get(date);
    if (h !== undefined) return { date, kind: 'holiday', name: h, source: 'package' };
    const w = this.source.workdays.get(date);
    if (w !== undefined) return { date, kind: 'makeup_workday', name: `${w}调休上班`, source: 'package' };
    const wd = weekday(date);
    return { date, kind: wd === 0 || wd === 6 ? 'restday' : 'workday', name: null, source: 'weekday_rule' };
  }

  isWorkingDay(date: string): boolean {
    const k = this.day(date).kind;
    return k === 'workday' || k === 'makeup_workday';
  }

  /** Days that are not plain weekdays/weekends, plus every override. */
  year(year: number): CalendarYearView {
    const days = eachDate(`${year}-01-01`, `${year}-12-31`).map((d) => this.day(d)).filter((d) => d.source !== 'weekday_rule');
    return { year, published: this.published(year), days };
  }
}
