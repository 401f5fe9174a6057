import { ATTACHMENT_MAX, attachmentIds, attachmentNeeded, visibleProblems } from './attachments';

const SICK = { attachmentOverDays: 2, hoursPerDay: 8 };
const PLAIN = { attachmentOverDays: null, hoursPerDay: 8 };
const pv = (amount: number, unit: 'day' | 'hour' = 'day', codes: string[] = [], attachmentRequired = false) => ({
  amount,
  unit,
  attachmentRequired,
  problems: codes.map((code) => ({ code, message: code })) as never,
});

describe('attachmentNeeded', () => {
  it('over the threshold only (2 days: no; 2.5 and 3 days: yes)', () => {
    expect(attachmentNeeded(SICK, pv(2))).toBe(false);
    expect(attachmentNeeded(SICK, pv(2.5))).toBe(true);
    expect(attachmentNeeded(SICK, pv(3))).toBe(true);
  });
  it('hours are converted with hoursPerDay (16 h = 2 days: no; 20 h: yes; 6 h/day → 16 h = 2.67 days: yes)', () => {
    expect(attachmentNeeded(SICK, pv(16, 'hour'))).toBe(false);
    expect(attachmentNeeded(SICK, pv(20, 'hour'))).toBe(true);
    expect(attachmentNeeded({ attachmentOverDays: 2, hoursPerDay: 6 }, pv(16, 'hour'))).toBe(true);
  });
  it('a threshold of 0 needs one for any amount', () => {
    expect(attachmentNeeded({ attachmentOverDays: 0, hoursPerDay: 8 }, pv(0.5))).toBe(true);
  });
  it('types without a threshold and no preview: no', () => {
    expect(attachmentNeeded(PLAIN, pv(30))).toBe(false);
    expect(attachmentNeeded(SICK, null)).toBe(false);
  });
  it('the server says so (problem code or attachmentRequired) even when the type is unknown here', () => {
    expect(attachmentNeeded(null, pv(1, 'day', ['LEAVE_ATTACHMENT_REQUIRED']))).toBe(true);
    expect(attachmentNeeded(PLAIN, pv(1, 'day', [], true))).toBe(true);
    expect(attachmentNeeded(PLAIN, pv(1, 'day', ['LEAVE_OVERLAP']))).toBe(false);
  });
});

describe('visibleProblems', () => {
  const problems = [{ code: 'LEAVE_ATTACHMENT_REQUIRED' }, { code: 'LEAVE_OVERLAP' }];
  it('hides LEAVE_ATTACHMENT_REQUIRED once something is uploaded, keeps the others', () => {
    expect(visibleProblems(problems, 0)).toEqual(problems);
    expect(visibleProblems(problems, 1)).toEqual([{ code: 'LEAVE_OVERLAP' }]);
  });
});

describe('attachmentIds', () => {
  it('none → undefined (field omitted)', () => {
    expect(attachmentIds([])).toBeUndefined();
  });
  it('ids in order, de-duplicated, capped at ATTACHMENT_MAX', () => {
    expect(attachmentIds([{ id: 'a' }, { id: 'b' }, { id: 'a' }])).toEqual(['a', 'b']);
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `f${i}` }));
    expect(attachmentIds(many)).toHaveLength(ATTACHMENT_MAX);
    expect(ATTACHMENT_MAX).toBe(9);
  });
});
