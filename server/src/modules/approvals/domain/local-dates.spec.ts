import { endOfLocalDay, formatLocal, startOfLocalDay } from './local-dates';

describe('local dates', () => {
  it('Asia/Shanghai days start at 16:00 UTC the day before', () => {
    expect(startOfLocalDay('2026-11-21', 'Asia/Shanghai').toISOString()).toBe('2026-11-20T16:00:00.000Z');
    expect(endOfLocalDay('2026-11-30', 'Asia/Shanghai').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(endOfLocalDay('2026-12-31', 'Asia/Shanghai').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(formatLocal(new Date('2026-11-20T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-21 00:30');
  });

  it('follows daylight saving time', () => {
    // New York: EDT (UTC-4) in July, EST (UTC-5) in December
    expect(startOfLocalDay('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfLocalDay('2026-12-01', 'America/New_York').toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(startOfLocalDay('2026-01-01', 'UTC').toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
