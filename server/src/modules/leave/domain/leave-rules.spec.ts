import { annualEntitlement, leaverRemaining, tierDays } from './annual';
import { WorkCalendar } from './calendar';
import { countLeave, overlaps, type LeaveCount } from './day-count';
import { fullYearsBetween } from './dates';
import { chineseDaysSource } from './holiday-package';
import { carryForward, compTimeFor, consumeFifo, dueExpiries, summarize } from './ledger';

const cal = new WorkCalendar(chineseDaysSource());
const annual = { unit: 'half_day' as const, countsRestDays: false };
const maternity = { unit: 'day' as const, countsRestDays: true };
const hourly = { unit: 'hour' as const, countsRestDays: false };
const ok = (r: ReturnType<typeof countLeave>): LeaveCount => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe('calendar (chinese-days + overrides)', () => {
  it('knows 2026 holidays and 调休 make-up days; 2025 and 2026 published, 2031 not', () => {
    expect(cal.day('2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节', source: 'package' });
    expect(cal.day('2026-10-10')).toMatchObject({ kind: 'makeup_workday', source: 'package' });
    expect(cal.day('2026-02-14')).toMatchObject({ kind: 'makeup_workday' });
    expect(cal.day('2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect(cal.day('2026-11-21').kind).toBe('restday');
    expect(cal.day('2026-11-23').kind).toBe('workday');
    expect(cal.published(2025)).toBe(true);
    expect(cal.published(2026)).toBe(true);
    expect(cal.published(2031)).toBe(false);
    expect(cal.year(2031).days).toEqual([]);
    expect(cal.year(2026).days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date))
      .toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('an HR override wins over the package and the weekday rule', () => {
    const c = new WorkCalendar(chineseDaysSource(), [
      { date: '2026-10-10', kind: 'holiday', name: '公司假期' },
      { date: '2026-11-23', kind: 'holiday', name: '司庆' },
    ]);
    expect(c.day('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'holiday', name: '公司假期', source: 'override' });
    expect(c.isWorkingDay('2026-11-23')).toBe(false);
    expect(c.year(2026).days.find((d) => d.date === '2026-11-23')?.source).toBe('override');
  });
});

describe('day counting', () => {
  it('国庆 2026: Mon 09-28 … Sun 10-11 counts 6 working days (3 + 10-08, 10-09 + make-up Sat 10-10)', () => {
    const r = ok(countLeave(cal, annual, { date: '2026-09-28' }, { date: '2026-10-11' }));
    expect(r.amount).toBe(6);
    expect(r.days.filter((d) => d.amount > 0).map((d) => d.date)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
    expect(r.days.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'makeup_workday', amount: 1 });
  });

  it('a type counting rest days (产假) counts all 14 calendar days of the same span', () => {
    expect(ok(countLeave(cal, maternity, { date: '2026-09-28' }, { date: '2026-10-11' })).amount).toBe(14);
  });

  it('春节 2026: 02-09 … 02-28 counts 11 (5 + make-up Sat 02-14 + 02-24…02-27 + make-up Sat 02-28)', () => {
    const r = ok(countLeave(cal, annual, { date: '2026-02-09' }, { date: '2026-02-28' }));
    expect(r.amount).toBe(11);
    expect(r.days.filter((d) => d.kind === 'holiday').length).toBe(9);
  });

  it('a request starting on a holiday counts only the working days after it; a half on a holiday counts 0', () => {
    expect(ok(countLeave(cal, annual, { date: '2026-10-01' }, { date: '2026-10-09' })).amount).toBe(2);
    expect(ok(countLeave(cal, annual, { date: '2026-10-01', half: 'pm' }, { date: '2026-10-08', half: 'am' })).amount).toBe(0.5);
  });

  it('half days on both ends: Mon pm … Wed am = 2 days; one morning = 0.5; whole-day types ignore halves', () => {
    const r = ok(countLeave(cal, annual, { date: '2026-03-02', half: 'pm' }, { date: '2026-03-04', half: 'am' }));
    expect(r.amount).toBe(2);
    expect(r.days.map((d) => d.amount)).toEqual([0.5, 1, 0.5]);
    expect([r.startKey, r.endKey]).toEqual(['2026-03-02T12:00', '2026-03-04T12:00']);
    expect(ok(countLeave(cal, annual, { date: '2026-03-02', half: 'am' }, { date: '2026-03-02', half: 'am' })).amount).toBe(0.5);
    expect(ok(countLeave(cal, maternity, { date: '2026-03-02', half: 'pm' }, { date: '2026-03-02', half: 'am' })).amount).toBe(1);
  });

  it('all rest days → 0 (nothing to take); bad ranges are refused', () => {
    expect(ok(countLeave(cal, annual, { date: '2026-10-03' }, { date: '2026-10-04' })).amount).toBe(0);
    expect(countLeave(cal, annual, { date: '2026-03-04' }, { date: '2026-03-02' })).toMatchObject({ ok: false, code: 'LEAVE_INVALID_RANGE' });
    expect(countLeave(cal, annual, { date: '2026-03-02', half: 'pm' }, { date: '2026-03-02', half: 'am' }).ok).toBe(false);
    expect(countLeave(cal, annual, { date: '2026-02-30' }, { date: '2026-03-02' }).ok).toBe(false);
  });

  it('hours inside one workday, lunch 12:00–13:00 excluded; on a make-up Saturday too; never on a holiday', () => {
    expect(ok(countLeave(cal, hourly, { date: '2026-03-02', time: '10:00' }, { date: '2026-03-02', time: '15:00' })).amount).toBe(4);
    expect(ok(countLeave(cal, hourly, { date: '2026-03-02', time: '09:00' }, { date: '2026-03-02', time: '18:00' })).amount).toBe(8);
    expect(ok(countLeave(cal, hourly, { date: '2026-10-10', time: '16:30' }, { date: '2026-10-10', time: '18:00' })).amount).toBe(1.5);
    expect(ok(countLeave(cal, hourly, { date: '2026-10-02', time: '09:00' }, { date: '2026-10-02', time: '12:00' })).amount).toBe(0);
    expect(countLeave(cal, hourly, { date: '2026-03-02', time: '10:15' }, { date: '2026-03-02', time: '11:00' }).ok).toBe(false);
    expect(countLeave(cal, hourly, { date: '2026-03-02', time: '08:00' }, { date: '2026-03-02', time: '11:00' }).ok).toBe(false);
    expect(countLeave(cal, hourly, { date: '2026-03-02', time: '10:00' }, { date: '2026-03-03', time: '11:00' }).ok).toBe(false);
  });

  it('overlap: two halves of one day do not overlap, a morning and a 10:00–11:00 do', () => {
    const am = ok(countLeave(cal, annual, { date: '2026-03-02', half: 'am' }, { date: '2026-03-02', half: 'am' }));
    const pm = ok(countLeave(cal, annual, { date: '2026-03-02', half: 'pm' }, { date: '2026-03-02', half: 'pm' }));
    const hrs = ok(countLeave(cal, hourly, { date: '2026-03-02', time: '10:00' }, { date: '2026-03-02', time: '11:00' }));
    const aft = ok(countLeave(cal, hourly, { date: '2026-03-02', time: '13:00' }, { date: '2026-03-02', time: '14:00' }));
    const span = ok(countLeave(cal, annual, { date: '2026-03-01' }, { date: '2026-03-02', half: 'am' }));
    expect(overlaps(am, pm)).toBe(false);
    expect(overlaps(am, hrs)).toBe(true);
    expect(overlaps(pm, hrs)).toBe(false);
    expect(overlaps(pm, aft)).toBe(true);
    expect(overlaps(span, pm)).toBe(false);
    expect(overlaps(span, am)).toBe(true);
  });
});

describe('statutory annual leave', () => {
  it('tiers by working years: <1 → 0, 1–<10 → 5, 10–<20 → 10, ≥20 → 15; custom never below', () => {
    expect([0, 0.99, 1, 9, 10, 19, 20, 35].map((y) => tierDays(Math.floor(y)))).toEqual([0, 0, 5, 5, 10, 10, 15, 15]);
    const custom = { annualMode: 'custom' as const, annualTiers: [{ minYears: 0, days: 5 }, { minYears: 5, days: 12 }] };
    expect([0, 3, 12, 25].map((y) => tierDays(y, custom))).toEqual([5, 5, 12, 15]);
    expect(fullYearsBetween('2016-07-01', '2026-06-30')).toBe(9);
    expect(fullYearsBetween('2016-07-01', '2026-07-01')).toBe(10);
    expect(fullYearsBetween('2016-02-29', '2026-02-28')).toBe(10);
  });

  it('a whole year at 12 working years → 10', () => {
    const r = annualEntitlement({ year: 2026, firstWorkDate: '2014-03-01', hireDate: '2020-05-01' });
    expect(r).toMatchObject({ workingYears: 11, fullYearDays: 10, grantedDays: 10 });
    expect(r.explanation).toBe('累计工作 11 年，全年 10 天');
  });

  it('joiner on 2026-07-01: 184/365 of the year → 5 (tier 10), 2 (tier 5), 7 (tier 15)', () => {
    const r = annualEntitlement({ year: 2026, firstWorkDate: '2014-03-01', hireDate: '2026-07-01' });
    expect(r.segments).toEqual([{ from: '2026-07-01', to: '2026-12-31', days: 184, tierDays: 10 }]);
    expect(r.grantedDays).toBe(5);
    expect(r.explanation).toBe('累计工作 11 年，全年 10 天；2026-07-01 入职，按 184/365 折算为 5 天');
    expect(annualEntitlement({ year: 2026, firstWorkDate: '2020-03-01', hireDate: '2026-07-01' }).grantedDays).toBe(2);
    expect(annualEntitlement({ year: 2026, firstWorkDate: '2001-03-01', hireDate: '2026-07-01' }).grantedDays).toBe(7);
  });

  it('tier change mid-year: 10 years reached on 2026-07-01 → 181/365×5 + 184/365×10 = 7.52 → 7', () => {
    const r = annualEntitlement({ year: 2026, firstWorkDate: '2016-07-01', hireDate: '2018-01-01' });
    expect(r.segments).toEqual([
      { from: '2026-01-01', to: '2026-06-30', days: 181, tierDays: 5 },
      { from: '2026-07-01', to: '2026-12-31', days: 184, tierDays: 10 },
    ]);
    expect(r.exact).toBeCloseTo(7.5205, 4);
    expect(r.grantedDays).toBe(7);
    expect(r.explanation).toBe('累计工作 9 年；2026-07-01 工龄满 10 年：2026-01-01 至 2026-06-30 181 天按全年 5 天，2026-07-01 至 2026-12-31 184 天按全年 10 天，按 /365 折算为 7 天（不足 1 天的部分不计）');
    // First anniversary of work during the year: 243 days at 0, 122 days at 5 → 1.67 → 1.
    expect(annualEntitlement({ year: 2026, firstWorkDate: '2025-09-01', hireDate: '2025-09-01' }).grantedDays).toBe(1);
  });

  it('leap year 2028: divisor stays 365 (366/365 × 10 → 10); joiner 2028-01-02 has 365 days → exactly 5, in 2026 364 → 4', () => {
    expect(annualEntitlement({ year: 2028, firstWorkDate: '2010-01-01', hireDate: '2015-01-01' }).exact).toBeCloseTo(10.027, 3);
    expect(annualEntitlement({ year: 2028, firstWorkDate: '2010-01-01', hireDate: '2015-01-01' }).grantedDays).toBe(10);
    expect(annualEntitlement({ year: 2028, firstWorkDate: '2020-01-01', hireDate: '2028-01-02' }).grantedDays).toBe(5);
    expect(annualEntitlement({ year: 2026, firstWorkDate: '2020-01-01', hireDate: '2026-01-02' }).grantedDays).toBe(4);
    expect(annualEntitlement({ year: 2028, firstWorkDate: '2020-01-01', hireDate: '2028-07-01' }).segments[0].days).toBe(184);
  });

  it('leaver on 2026-06-30 at tier 10: 181/365×10 = 4.96 − used 3 → 1; used 6 → 0 (not clawed back)', () => {
    const r = annualEntitlement({ year: 2026, firstWorkDate: '2010-01-01', hireDate: '2020-01-01', leaveDate: '2026-06-30' });
    expect(r.exact).toBeCloseTo(4.959, 3);
    expect(leaverRemaining(r.exact, 3)).toBe(1);
    expect(leaverRemaining(r.exact, 6)).toBe(0);
    expect(leaverRemaining(r.exact, 0)).toBe(4);
  });

  it('hired after the year or less than a year of work → 0', () => {
    expect(annualEntitlement({ year: 2026, firstWorkDate: '2026-03-01', hireDate: '2026-03-01' }).grantedDays).toBe(0);
    expect(annualEntitlement({ year: 2026, firstWorkDate: '2010-01-01', hireDate: '2027-01-05' }).grantedDays).toBe(0);
  });
});

describe('ledger, carry-forward, comp time', () => {
  it('balance = sum of entries; pending shown apart', () => {
    expect(summarize([
      { kind: 'grant', amount: 10, expiresOn: null }, { kind: 'carry_forward', amount: 3, expiresOn: '2027-03-31' },
      { kind: 'use', amount: -4, expiresOn: null }, { kind: 'restore', amount: 1, expiresOn: null }, { kind: 'adjust', amount: -0.5, expiresOn: null },
    ], 2)).toEqual({ granted: 12.5, used: 3, pending: 2, available: 7.5 });
  });

  it('carry-forward capped, expiring 03-31 next year; carried days are used first', () => {
    expect(carryForward(7, 5, '03-31', 2026)).toEqual({ amount: 5, expiresOn: '2027-03-31' });
    expect(carryForward(2.5, 5, null, 2026)).toEqual({ amount: 2.5, expiresOn: null });
    expect(carryForward(7, null, '03-31', 2026).amount).toBe(0);
    const lots = [{ amount: 10, expiresOn: null, carried: false }, { amount: 3, expiresOn: '2027-03-31', carried: true }];
    expect(consumeFifo(lots, 4).map((l) => l.remaining)).toEqual([9, 0]);
    const states = consumeFifo(lots, 2);
    expect(states.map((l) => l.remaining)).toEqual([10, 1]);
    expect(dueExpiries(states, '2027-03-31')).toEqual([]);
    expect(dueExpiries(states, '2027-04-01')).toEqual([expect.objectContaining({ remaining: 1, expiresOn: '2027-03-31' })]);
  });

  it('comp time: rest day 1:1, workday only when the policy says so, ratio and expiry', () => {
    const p = { compTimeRatio: 1, compForWorkdayOvertime: false, compTimeExpiryDays: null };
    expect(compTimeFor('restday', 4, p, '2026-11-21')).toEqual({ hours: 4, expiresOn: null });
    expect(compTimeFor('workday', 2, p, '2026-11-21')).toEqual({ hours: 0, expiresOn: null });
    expect(compTimeFor('holiday', 3, { compTimeRatio: 1.5, compForWorkdayOvertime: true, compTimeExpiryDays: 90 }, '2026-11-21')).toEqual({ hours: 4.5, expiresOn: '2027-02-19' });
    expect(compTimeFor('workday', 2, { ...p, compForWorkdayOvertime: true }, '2026-11-21').hours).toBe(2);
  });
});
