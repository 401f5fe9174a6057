import type { LeaveDayBreakdown } from '@hrlink/shared';
import {
  expiresSoon,
  fmtSigned,
  leaveStatusLabel,
  overtimeStatusLabel,
  previewSummary,
  rangeLabel,
  spanLabel,
  statusTone,
} from './format';

/** chinese-days 2025: 国庆 10-01…10-08 (10-06 is 中秋), make-up workdays 09-28 (Sun) and 10-11 (Sat). */
const NAMES_2025: Record<string, string> = {
  '2025-10-01': '国庆节',
  '2025-10-02': '国庆节',
  '2025-10-03': '国庆节',
  '2025-10-04': '国庆节',
  '2025-10-05': '国庆节',
  '2025-10-06': '中秋',
  '2025-10-07': '国庆节',
  '2025-10-08': '国庆节',
  '2025-10-11': '国庆节',
};

function day(date: string, kind: LeaveDayBreakdown['kind'], amount: number): LeaveDayBreakdown {
  return { date, kind, amount };
}

/** 2025-10-01 … 2025-10-12 as an annual-leave (day) breakdown. */
const OCT_2025: LeaveDayBreakdown[] = [
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => day(`2025-10-${d}`, 'holiday', 0)),
  day('2025-10-09', 'workday', 1),
  day('2025-10-10', 'workday', 1),
  day('2025-10-11', 'makeup_workday', 1),
  day('2025-10-12', 'restday', 0),
];

describe('previewSummary', () => {
  it('names the 国庆 holiday run and the 调休 make-up Saturday (2025-10-01 … 10-11 = 3 days)', () => {
    const days = OCT_2025.slice(0, 11);
    expect(previewSummary({ amount: 3, unit: 'day', days }, NAMES_2025)).toBe(
      '共 3 天（跳过 10月1日–8日 国庆、中秋假期，10月11日 调休上班计入）',
    );
  });

  it('without calendar names calls the run 节假日, and lists the skipped Sunday', () => {
    expect(previewSummary({ amount: 3, unit: 'day', days: OCT_2025 })).toBe(
      '共 3 天（跳过 10月1日–8日 节假日，跳过 10月12日 休息日，10月11日 调休上班计入）',
    );
  });

  it('2026: 9-30 … 10-09 counts 9-30, 10-08, 10-09 (3 days); the order of days does not matter', () => {
    const names: Record<string, string> = {};
    const days: LeaveDayBreakdown[] = [day('2026-10-09', 'workday', 1), day('2026-10-08', 'workday', 1)];
    for (let d = 1; d <= 7; d++) {
      days.push(day(`2026-10-0${d}`, 'holiday', 0));
      names[`2026-10-0${d}`] = '国庆节';
    }
    days.push(day('2026-09-30', 'workday', 1));
    expect(previewSummary({ amount: 3, unit: 'day', days }, names)).toBe('共 3 天（跳过 10月1日–7日 国庆假期）');
  });

  it('half days and hours keep their fraction', () => {
    expect(previewSummary({ amount: 1.5, unit: 'day', days: [day('2025-10-09', 'workday', 1), day('2025-10-10', 'workday', 0.5)] })).toBe(
      '共 1.5 天',
    );
    expect(previewSummary({ amount: 2.5, unit: 'hour', days: [day('2025-10-09', 'workday', 2.5)] })).toBe('共 2.5 小时');
  });

  it('many weekends are counted, not listed', () => {
    const days: LeaveDayBreakdown[] = [];
    // 2025-11-03 (Mon) … 2025-11-23 (Sun): three weekends
    for (let d = 3; d <= 23; d++) {
      const date = `2025-11-${d < 10 ? `0${d}` : d}`;
      const wd = new Date(Date.UTC(2025, 10, d)).getUTCDay();
      days.push(day(date, wd === 0 || wd === 6 ? 'restday' : 'workday', wd === 0 || wd === 6 ? 0 : 1));
    }
    expect(previewSummary({ amount: 15, unit: 'day', days })).toBe('共 15 天（跳过 6 个休息日）');
    expect(previewSummary({ amount: 5, unit: 'day', days: days.slice(0, 7) })).toBe('共 5 天（跳过 11月8日–9日 休息日）');
  });
});

describe('labels', () => {
  it('leave statuses in Chinese', () => {
    expect(['pending', 'approved', 'rejected', 'withdrawn', 'cancelled', 'cancelling'].map(leaveStatusLabel)).toEqual([
      '审批中',
      '已通过',
      '已拒绝',
      '已撤回',
      '已销假',
      '销假审批中',
    ]);
    expect(leaveStatusLabel('weird')).toBe('weird');
    expect(statusTone('cancelling')).toBe('warning');
    expect(statusTone('approved')).toBe('success');
  });

  it('overtime uses the approval names', () => {
    expect(overtimeStatusLabel('approved')).toBe('已同意');
    expect(overtimeStatusLabel('pending')).toBe('审批中');
  });

  it('ranges, spans and signed amounts', () => {
    expect(rangeLabel('2025-09-30', '2025-10-08')).toBe('9月30日–10月8日');
    expect(rangeLabel('2025-10-11', '2025-10-11')).toBe('10月11日');
    expect(spanLabel({ date: '2025-10-09', half: 'pm' }, { date: '2025-10-10', half: 'am' })).toBe(
      '2025-10-09 下午 至 2025-10-10 上午',
    );
    expect(spanLabel({ date: '2025-10-09' }, { date: '2025-10-09' })).toBe('2025-10-09');
    expect(spanLabel({ date: '2026-11-20', half: 'pm' }, { date: '2026-11-20', half: 'pm' })).toBe('2026-11-20 下午');
    expect(spanLabel({ date: '2026-11-20', half: 'am' }, { date: '2026-11-20', half: 'pm' })).toBe('2026-11-20 全天');
    expect(spanLabel({ date: '2026-11-20', time: '09:00' }, { date: '2026-11-20', time: '11:30' })).toBe('2026-11-20 09:00–11:30');
    expect(fmtSigned(5)).toBe('+5');
    expect(fmtSigned(-1.5)).toBe('−1.5');
  });

  it('carried days expiring within 30 days are highlighted', () => {
    expect(expiresSoon('2027-03-31', '2027-03-01')).toBe(true); // 30 days left
    expect(expiresSoon('2027-03-31', '2027-02-28')).toBe(false); // 31 days left
    expect(expiresSoon('2027-03-31', '2027-04-01')).toBe(false); // already expired
    expect(expiresSoon(null, '2027-03-01')).toBe(false);
  });
});
