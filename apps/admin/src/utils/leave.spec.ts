import type { CalendarDayView, ImportPreview } from '@hrlink/shared';
import {
  NEW_LEAVE_TYPE,
  classifyDay,
  dayMap,
  importColumns,
  importErrorsFromDetails,
  importSummary,
  leaveTypeErrors,
  leaveTypeRequest,
  monthDayError,
  monthGrid,
  statutoryDays,
  tierDays,
  tierErrors,
  yearCounts,
} from './leave';

describe('statutory annual leave tiers', () => {
  it('5 / 10 / 15 days at 1 / 10 / 20 working years, none below one year', () => {
    expect(statutoryDays(0)).toBe(0);
    expect(statutoryDays(0.99)).toBe(0);
    expect(statutoryDays(1)).toBe(5);
    expect(statutoryDays(9)).toBe(5);
    expect(statutoryDays(10)).toBe(10);
    expect(statutoryDays(19)).toBe(10);
    expect(statutoryDays(20)).toBe(15);
    expect(statutoryDays(40)).toBe(15);
  });

  it('a custom table is read as steps from each minYears', () => {
    const tiers = [
      { minYears: 0, days: 5 },
      { minYears: 5, days: 8 },
      { minYears: 15, days: 15 },
    ];
    expect(tierDays(tiers, 0)).toBe(5);
    expect(tierDays(tiers, 7)).toBe(8);
    expect(tierDays(tiers, 12)).toBe(8);
    expect(tierDays(tiers, 30)).toBe(15);
  });
});

describe('tierErrors', () => {
  it('accepts the statutory table itself and more generous ones', () => {
    expect(tierErrors([{ minYears: 1, days: 5 }, { minYears: 10, days: 10 }, { minYears: 20, days: 15 }])).toEqual([]);
    expect(tierErrors([{ minYears: 0, days: 7 }, { minYears: 10, days: 12 }, { minYears: 20, days: 20 }])).toEqual([]);
    // Unsorted input is fine; the comparison does not depend on order.
    expect(tierErrors([{ minYears: 20, days: 15 }, { minYears: 1, days: 5 }, { minYears: 10, days: 10 }])).toEqual([]);
  });

  it('refuses a table that drops below the law at 1, 10 or 20 years', () => {
    expect(tierErrors([{ minYears: 2, days: 5 }, { minYears: 10, days: 10 }, { minYears: 20, days: 15 }])).toEqual([
      '累计工作满 1 年时为 0 天，低于法定的 5 天',
    ]);
    expect(tierErrors([{ minYears: 1, days: 5 }, { minYears: 12, days: 12 }, { minYears: 20, days: 15 }])).toEqual([
      '累计工作满 10 年时为 5 天，低于法定的 10 天',
    ]);
    expect(tierErrors([{ minYears: 1, days: 6 }, { minYears: 10, days: 12 }, { minYears: 20, days: 14 }])).toEqual([
      '累计工作满 20 年时为 14 天，低于法定的 15 天',
    ]);
    // A later, smaller tier also counts: 12 days from 10 years, then 9 from 15.
    expect(tierErrors([{ minYears: 1, days: 5 }, { minYears: 10, days: 12 }, { minYears: 15, days: 9 }, { minYears: 20, days: 15 }])).toEqual([
      '累计工作满 15 年时为 9 天，低于法定的 10 天',
    ]);
  });

  it('refuses empty tables, duplicates and bad numbers', () => {
    expect(tierErrors([])).toEqual(['至少需要一档']);
    expect(tierErrors([{ minYears: 1, days: 5 }, { minYears: 1, days: 6 }])).toEqual(['第 2 档：工作年限 1 年重复']);
    expect(tierErrors([{ minYears: 1.5, days: 5 }])).toEqual(['第 1 档：工作年限应为 0–60 的整数']);
    expect(tierErrors([{ minYears: 1, days: 5.5 }])).toEqual(['第 1 档：天数应为 0–365 的整数']);
  });
});

describe('monthDayError', () => {
  it('accepts real month-days', () => {
    for (const v of ['01-01', '03-31', '02-28', '06-30', '12-31']) expect(monthDayError(v)).toBeNull();
  });
  it('refuses bad formats and days a month does not have', () => {
    expect(monthDayError('3-31')).toBe('格式为 MM-DD，例如 03-31');
    expect(monthDayError('2026-03-31')).toBe('格式为 MM-DD，例如 03-31');
    expect(monthDayError('13-01')).toBe('月份应为 01–12');
    expect(monthDayError('00-10')).toBe('月份应为 01–12');
    expect(monthDayError('04-31')).toBe('04 月只有 30 天');
    expect(monthDayError('02-30')).toBe('02 月只有 28 天');
    expect(monthDayError('01-00')).toBe('01 月只有 31 天');
    expect(monthDayError('02-29')).toMatch(/并非每年都有/);
  });
});

describe('calendar classification', () => {
  const days: CalendarDayView[] = [
    { date: '2026-10-01', kind: 'holiday', name: '国庆节', source: 'package' },
    { date: '2026-10-10', kind: 'makeup_workday', name: '国庆节调休', source: 'package' },
    { date: '2026-12-24', kind: 'holiday', name: '公司年会', source: 'override' },
    { date: '2026-11-21', kind: 'workday', name: '补班', source: 'override' },
  ];
  const map = dayMap(days);

  it('package holidays and make-up Saturdays keep their names', () => {
    expect(classifyDay('2026-10-01', map)).toEqual({ date: '2026-10-01', cls: 'holiday', kind: 'holiday', name: '国庆节', overridden: false });
    // 2026-10-10 is a Saturday that is a working day.
    expect(classifyDay('2026-10-10', map)).toMatchObject({ cls: 'makeup', kind: 'makeup_workday', name: '国庆节调休' });
  });

  it('HR overrides are coloured as company days whatever their kind', () => {
    expect(classifyDay('2026-12-24', map)).toMatchObject({ cls: 'company', kind: 'holiday', name: '公司年会', overridden: true });
    // 2026-11-21 is a Saturday overridden to a workday.
    expect(classifyDay('2026-11-21', map)).toMatchObject({ cls: 'company', kind: 'workday', overridden: true });
  });

  it('other dates follow the weekday: 2026-09-20 is a Sunday, 2026-10-12 a Monday', () => {
    expect(classifyDay('2026-09-20', map)).toMatchObject({ cls: 'weekend', kind: 'restday', name: null });
    expect(classifyDay('2026-10-12', map)).toMatchObject({ cls: 'workday', kind: 'workday' });
  });

  it('month grids start on Monday and hold every day', () => {
    const feb = monthGrid(2026, 2); // 2026-02-01 is a Sunday
    expect(feb[0]).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(feb.flat().filter(Boolean)).toHaveLength(28);
    expect(monthGrid(2028, 2).flat().filter(Boolean)).toHaveLength(29);
    const oct = monthGrid(2026, 10); // Thursday
    expect(oct[0].indexOf('2026-10-01')).toBe(3);
  });

  it('a year without data has only weekdays and weekends (2026: 104 weekend days)', () => {
    expect(yearCounts(2026, new Map())).toEqual({ workday: 261, weekend: 104, holiday: 0, makeup: 0, company: 0 });
    expect(yearCounts(2026, map)).toEqual({ workday: 259, weekend: 102, holiday: 1, makeup: 1, company: 2 });
  });
});

describe('leave type validation', () => {
  const ok = { ...NEW_LEAVE_TYPE, code: 'annual', name: '年假' };

  it('a sensible type has no errors', () => {
    expect(leaveTypeErrors(ok)).toEqual({});
    expect(leaveTypeErrors({ ...ok, unit: 'half_day', maxPerRequest: 2.5, carryForwardCap: 5, carryForwardExpiry: '03-31' })).toEqual({});
  });

  it('names the broken fields', () => {
    const e = leaveTypeErrors({
      ...ok,
      code: 'Annual Leave',
      name: ' ',
      hoursPerDay: 25,
      allowNegative: true,
      requiresBalance: false,
      minNoticeDays: -1,
      maxPerRequest: 1.5,
      carryForwardExpiry: '02-30',
    });
    expect(Object.keys(e).sort()).toEqual(['allowNegative', 'carryForwardExpiry', 'code', 'hoursPerDay', 'maxPerRequest', 'minNoticeDays', 'name']);
    expect(leaveTypeErrors({ ...ok, carryForwardExpiry: '03-31' }).carryForwardExpiry).toBe('未设置结转上限时不需要过期日期');
    expect(leaveTypeErrors({ ...ok, unit: 'hour', maxPerRequest: 4.5 })).toEqual({});
  });

  it('the request drops an expiry without a cap and negative without a balance', () => {
    const body = leaveTypeRequest({ ...ok, name: ' 年假 ', allowNegative: true, carryForwardExpiry: '', carryForwardCap: 5 });
    expect(body).toMatchObject({ name: '年假', allowNegative: false, carryForwardExpiry: null, carryForwardCap: 5 });
  });
});

describe('import preview', () => {
  const preview: ImportPreview = {
    token: null,
    total: 3,
    valid: 1,
    rows: [
      { row: 2, values: { 工号: 'E0001', 假期类型: '年假', 期初余额: 5 }, errors: [] },
      { row: 3, values: { 工号: 'E9999', 假期类型: '年假', 期初余额: 5 }, errors: ['工号不存在'] },
      { row: 4, values: { 工号: 'E0002', 假期类型: '年假', 期初余额: 'x', 备注: '' }, errors: ['期初余额不是数字', '超出上限'] },
    ],
  };

  it('lists each row error and refuses commit without a token', () => {
    expect(importSummary(preview)).toEqual({
      canCommit: false,
      errorRows: 2,
      lines: ['第 3 行：工号不存在', '第 4 行：期初余额不是数字；超出上限'],
      more: 0,
    });
    expect(importSummary(preview, 1).more).toBe(1);
    expect(importColumns(preview)).toEqual(['工号', '假期类型', '期初余额', '备注']);
  });

  it('commits only with a token and every row valid', () => {
    const clean: ImportPreview = { token: 't1', total: 1, valid: 1, rows: [preview.rows[0]] };
    expect(importSummary(clean).canCommit).toBe(true);
    expect(importSummary({ ...clean, token: null }).canCommit).toBe(false);
    // A token next to row errors (a server bug) still does not commit.
    expect(importSummary({ ...preview, token: 't2' }).canCommit).toBe(false);
    expect(importSummary({ token: 't3', total: 0, valid: 0, rows: [] }).canCommit).toBe(false);
  });

  it('reads row errors from IMPORT_INVALID details', () => {
    expect(importErrorsFromDetails({ rows: [{ row: 3, errors: ['工号不存在'] }, { row: 4, errors: [] }] })).toEqual([{ row: 3, errors: ['工号不存在'] }]);
    expect(
      importErrorsFromDetails({
        errors: [
          { row: 5, message: 'a' },
          { row: 5, message: 'b' },
          { row: 7, message: 'c' },
        ],
      }),
    ).toEqual([
      { row: 5, errors: ['a', 'b'] },
      { row: 7, errors: ['c'] },
    ]);
    expect(importErrorsFromDetails({ fields: { file: ['x'] } })).toEqual([]);
    expect(importErrorsFromDetails(undefined)).toEqual([]);
  });
});
