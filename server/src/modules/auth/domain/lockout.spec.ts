import { LOCK_MINUTES, lockedMessage, lockState, MAX_FAILED_LOGINS } from './lockout';

describe('admin log-in lockout rules', () => {
  const now = new Date('2026-11-22T08:00:00.000Z');

  it('five failures lock for fifteen minutes', () => {
    expect([MAX_FAILED_LOGINS, LOCK_MINUTES]).toEqual([5, 15]);
  });

  it('locked until a later instant: locked, seconds left rounded up', () => {
    expect(lockState(new Date('2026-11-22T08:15:00.000Z'), now)).toEqual({ locked: true, retryAfterSeconds: 900 });
    expect(lockState(new Date('2026-11-22T08:00:00.001Z'), now)).toEqual({ locked: true, retryAfterSeconds: 1 });
  });

  it('never locked, or the lock has run out: not locked', () => {
    expect(lockState(null, now)).toEqual({ locked: false, retryAfterSeconds: 0 });
    expect(lockState(now, now)).toEqual({ locked: false, retryAfterSeconds: 0 });
    expect(lockState(new Date('2026-11-22T07:59:59.000Z'), now).locked).toBe(false);
  });

  it('the message gives whole minutes, at least one', () => {
    expect(lockedMessage(900)).toBe('登录失败次数过多，账号已锁定，请 15 分钟后再试或联系管理员');
    expect(lockedMessage(61)).toContain('请 2 分钟后再试');
    expect(lockedMessage(1)).toContain('请 1 分钟后再试');
  });
});
