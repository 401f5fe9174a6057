import { buildLeaveInput, EMPTY_LEAVE_FORM, hoursError, normalizeDate, normalizeTime, validateOvertime } from './form';

const ANNUAL = { id: 't-annual', unit: 'day' as const };
const PERSONAL = { id: 't-personal', unit: 'half_day' as const };
const COMP = { id: 't-comp', unit: 'hour' as const };

describe('buildLeaveInput', () => {
  it('day types send dates only, reason trimmed', () => {
    const r = buildLeaveInput(
      { ...EMPTY_LEAVE_FORM, leaveTypeId: 't-annual', startDate: '2025-10-1', endDate: '2025/10/11', reason: '  回老家 ' },
      ANNUAL,
    );
    expect(r).toEqual({
      ok: true,
      input: { leaveTypeId: 't-annual', start: { date: '2025-10-01' }, end: { date: '2025-10-11' }, reason: '回老家' },
    });
  });

  it('half-day types send the halves; a single afternoon is pm → pm', () => {
    const r = buildLeaveInput(
      { ...EMPTY_LEAVE_FORM, leaveTypeId: 't-personal', startDate: '2025-10-09', startHalf: 'pm', endDate: '2025-10-09', endHalf: 'pm', reason: '办事' },
      PERSONAL,
    );
    expect(r.ok && r.input).toEqual({
      leaveTypeId: 't-personal',
      start: { date: '2025-10-09', half: 'pm' },
      end: { date: '2025-10-09', half: 'pm' },
      reason: '办事',
    });
    // afternoon to morning of the same day is backwards
    const bad = buildLeaveInput(
      { ...EMPTY_LEAVE_FORM, leaveTypeId: 't-personal', startDate: '2025-10-09', startHalf: 'pm', endDate: '2025-10-09', endHalf: 'am', reason: 'x' },
      PERSONAL,
    );
    expect(bad).toEqual({ ok: false, errors: { end: '结束时间不能早于开始时间' } });
  });

  it('hour types send HH:mm and need end after start', () => {
    const r = buildLeaveInput(
      { ...EMPTY_LEAVE_FORM, leaveTypeId: 't-comp', startDate: '2025-10-09', startTime: '9:00', endDate: '2025-10-09', endTime: '11:30', reason: '看病' },
      COMP,
    );
    expect(r.ok && r.input.start).toEqual({ date: '2025-10-09', time: '09:00' });
    expect(r.ok && r.input.end).toEqual({ date: '2025-10-09', time: '11:30' });
    const same = buildLeaveInput(
      { ...EMPTY_LEAVE_FORM, leaveTypeId: 't-comp', startDate: '2025-10-09', startTime: '09:00', endDate: '2025-10-09', endTime: '09:00', reason: 'x' },
      COMP,
    );
    expect(same.ok).toBe(false);
    const quarter = buildLeaveInput(
      { ...EMPTY_LEAVE_FORM, leaveTypeId: 't-comp', startDate: '2025-10-09', startTime: '09:15', endDate: '2025-10-09', endTime: '10:00', reason: 'x' },
      COMP,
    );
    expect(quarter).toEqual({ ok: false, errors: { start: '开始时间格式应为 HH:mm（整点或半点）' } });
  });

  it('reports every missing field; the preview does not need a reason', () => {
    expect(buildLeaveInput(EMPTY_LEAVE_FORM, null)).toEqual({
      ok: false,
      errors: { leaveTypeId: '请选择假期类型', start: '请选择开始日期', end: '请选择结束日期', reason: '请填写请假事由' },
    });
    const form = { ...EMPTY_LEAVE_FORM, leaveTypeId: 't-annual', startDate: '2025-10-09', endDate: '2025-10-08' };
    expect(buildLeaveInput(form, ANNUAL, { forPreview: true })).toEqual({ ok: false, errors: { end: '结束时间不能早于开始时间' } });
    expect(buildLeaveInput({ ...form, endDate: '2025-10-09' }, ANNUAL, { forPreview: true }).ok).toBe(true);
    expect(buildLeaveInput({ ...form, endDate: '2025-10-09', reason: '   ' }, ANNUAL).ok).toBe(false);
  });

  it('a type picked for another id is not used', () => {
    expect(buildLeaveInput({ ...EMPTY_LEAVE_FORM, leaveTypeId: 'x', startDate: '2025-10-09', endDate: '2025-10-09', reason: 'a' }, ANNUAL)).toEqual({
      ok: false,
      errors: { leaveTypeId: '请选择假期类型' },
    });
  });
});

describe('normalizeDate / normalizeTime', () => {
  it('accepts common spellings of real dates only', () => {
    expect(normalizeDate('2024-2-29')).toBe('2024-02-29'); // leap year
    expect(normalizeDate('2025-02-29')).toBeNull();
    expect(normalizeDate('20251001')).toBe('2025-10-01');
    expect(normalizeDate('2025年10月1日')).toBe('2025-10-01');
    expect(normalizeDate('10/01/2025')).toBeNull();
    expect(normalizeDate('2025-13-01')).toBeNull();
  });
  it('times on whole or half hours', () => {
    expect(normalizeTime('9:30')).toBe('09:30');
    expect(normalizeTime('18:00')).toBe('18:00');
    expect(normalizeTime('24:00')).toBe('24:00');
    expect(normalizeTime('24:30')).toBeNull();
    expect(normalizeTime('9:45')).toBeNull();
    expect(normalizeTime('25:00')).toBeNull();
  });
});

describe('overtime hours', () => {
  it('0.5 steps from 0.5 to 24', () => {
    expect(hoursError('0.5')).toBeNull();
    expect(hoursError('24')).toBeNull();
    expect(hoursError('2.5')).toBeNull();
    expect(hoursError('0')).toBe('加班时长至少 0.5 小时');
    expect(hoursError('24.5')).toBe('加班时长不能超过 24 小时');
    expect(hoursError('1.25')).toBe('加班时长按 0.5 小时递增');
    expect(hoursError('-1')).toBe('加班时长应为数字，如 2 或 2.5');
    expect(hoursError('abc')).toBe('加班时长应为数字，如 2 或 2.5');
    expect(hoursError('')).toBe('请填写加班时长');
  });
  it('builds the request', () => {
    expect(validateOvertime({ date: '2025-10-11', hours: ' 3.5 ', reason: ' 上线 ' })).toEqual({
      ok: true,
      input: { date: '2025-10-11', hours: 3.5, reason: '上线' },
    });
    expect(validateOvertime({ date: '2025-10-32', hours: '3', reason: '' })).toEqual({
      ok: false,
      errors: { date: '日期格式应为 YYYY-MM-DD', reason: '请填写加班事由' },
    });
  });
});
