import { isCron } from './cron';

describe('isCron', () => {
  it('accepts 5- and 6-field expressions', () => {
    expect(isCron('0 2 * * *')).toBe(true);
    expect(isCron(' */15 8-18 * * MON-FRI ')).toBe(true);
    expect(isCron('0 0 2 * * *')).toBe(true);
  });
  it('rejects other shapes', () => {
    expect(isCron('bad')).toBe(false);
    expect(isCron('0 2 * *')).toBe(false);
    expect(isCron('0 2 * * * * *')).toBe(false);
    expect(isCron('0 2 * * ;rm')).toBe(false);
  });
});
