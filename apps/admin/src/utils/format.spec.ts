import { formatDuration, runDurationMs } from './format';

describe('formatDuration', () => {
  it('uses milliseconds, seconds, minutes and hours as the value grows', () => {
    expect(formatDuration(850)).toBe('850 毫秒');
    expect(formatDuration(12_340)).toBe('12.3 秒');
    expect(formatDuration(125_000)).toBe('2 分 5 秒');
    expect(formatDuration(3_725_000)).toBe('1 小时 2 分');
  });
  it('shows a dash for missing or negative values', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('runDurationMs', () => {
  it('measures to the finish, or to now while running', () => {
    expect(runDurationMs('2026-01-01T00:00:00Z', '2026-01-01T00:00:03.500Z')).toBe(3500);
    expect(runDurationMs('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:01:00Z'))).toBe(60_000);
  });
});
