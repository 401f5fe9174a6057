import {
  RECOMPUTE_MAX_DAYS, daysBetween, groupRulesKey, defaultRecomputeRange, recomputeDateAllowed, recomputeMaxEnd, recomputeMessage, recomputeRangeError,
} from './recompute';

describe('重新计算 range', () => {
  it('counts days inclusively, across months and leap days', () => {
    expect(daysBetween('2026-11-10', '2026-11-10')).toBe(1);
    expect(daysBetween('2026-10-31', '2026-11-01')).toBe(2);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(3);
  });

  it('defaults to this month up to today, from effectiveFrom when the group started this month, none when it starts later', () => {
    expect(defaultRecomputeRange('2026-11-10', '2026-09-01')).toEqual(['2026-11-01', '2026-11-10']);
    expect(defaultRecomputeRange('2026-11-10', '2026-11-05')).toEqual(['2026-11-05', '2026-11-10']);
    expect(defaultRecomputeRange('2026-11-10', '2026-11-11')).toBeNull();
  });

  it('offers dates from effectiveFrom to today only', () => {
    expect(recomputeDateAllowed('2026-11-10', '2026-11-10', '2026-09-01')).toBe(true);
    expect(recomputeDateAllowed('2026-11-11', '2026-11-10', '2026-09-01')).toBe(false);
    expect(recomputeDateAllowed('2026-08-31', '2026-11-10', '2026-09-01')).toBe(false);
  });

  it('the same errors as the server: order, future, before effectiveFrom, more than 62 days', () => {
    const t = '2026-11-10';
    const ef = '2026-09-01';
    expect(recomputeRangeError('2026-11-01', t, t, ef)).toBeNull();
    expect(recomputeRangeError('', t, t, ef)).toBe('请选择日期范围');
    expect(recomputeRangeError('2026-11-09', '2026-11-01', t, ef)).toBe('结束日期不能早于开始日期');
    expect(recomputeRangeError('2026-11-01', '2026-11-11', t, ef)).toBe('不能重新计算未来的日期（今天是 2026-11-10）');
    expect(recomputeRangeError('2026-08-25', '2026-09-05', t, ef)).toBe('开始日期不能早于考勤组生效日期 2026-09-01');
    expect(recomputeRangeError('2026-09-10', t, t, ef)).toBeNull(); // exactly 62 days
    expect(recomputeRangeError('2026-09-09', t, t, ef)).toBe(`重新计算的范围须在 ${RECOMPUTE_MAX_DAYS} 天以内`);
  });

  it('the latest end for a start: 62 days inclusive, never after today', () => {
    expect(recomputeMaxEnd('2026-09-01', '2026-11-10')).toBe('2026-11-01');
    expect(daysBetween('2026-09-01', recomputeMaxEnd('2026-09-01', '2026-11-10'))).toBe(62);
    expect(recomputeMaxEnd('2026-11-01', '2026-11-10')).toBe('2026-11-10');
  });

  it('the result message says what was cleared and who will be recomputed', () => {
    expect(recomputeMessage({ from: '2026-11-01', to: '2026-11-09', days: 9, employees: 42, cleared: 120 }))
      .toBe('已清除 120 条已保存的结果：2026-11-01 至 2026-11-09（9 天）共 42 人的考勤将按当前规则和日历重新计算');
    expect(recomputeMessage({ from: '2026-11-05', to: '2026-11-05', days: 1, employees: 3, cleared: 0 })).toContain('2026-11-05（1 天）');
  });
});

describe('group rules key', () => {
  const shift = { start: '09:00', end: '18:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 5, seriousLateMinutes: 30, absentAfterMinutes: 120 };
  it('ignores key order and the unused half; sees times, thresholds and free hours', () => {
    const reordered = { absentAfterMinutes: 120, seriousLateMinutes: 30, graceMinutes: 5, lunchEnd: '13:00', lunchStart: '12:00', end: '18:00', start: '09:00' };
    expect(groupRulesKey({ kind: 'fixed', shift, free: null })).toBe(groupRulesKey({ kind: 'fixed', shift: reordered, free: { minHours: 8 } }));
    expect(groupRulesKey({ kind: 'fixed', shift, free: null })).not.toBe(groupRulesKey({ kind: 'fixed', shift: { ...shift, graceMinutes: 10 }, free: null }));
    expect(groupRulesKey({ kind: 'free', shift, free: { minHours: 8 } })).toBe(groupRulesKey({ kind: 'free', shift: null, free: { minHours: 8 } }));
    expect(groupRulesKey({ kind: 'free', shift: null, free: { minHours: 8 } })).not.toBe(groupRulesKey({ kind: 'free', shift: null, free: { minHours: 7.5 } }));
  });
});
