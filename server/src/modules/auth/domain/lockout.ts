/** Consecutive failed admin log-ins that lock the account. */
export const MAX_FAILED_LOGINS = 5;
/** How long a locked account refuses every log-in, the right password included. */
export const LOCK_MINUTES = 15;

/** Whether an account locked until `lockedUntil` is still locked at `now`, and for how many more seconds. */
export function lockState(lockedUntil: Date | null, now: Date): { locked: boolean; retryAfterSeconds: number } {
  const left = lockedUntil ? lockedUntil.getTime() - now.getTime() : 0;
  return left > 0 ? { locked: true, retryAfterSeconds: Math.ceil(left / 1000) } : { locked: false, retryAfterSeconds: 0 };
}

/** The message for a locked account: whole minutes left, rounded up (never "0 分钟"). */
export function lockedMessage(retryAfterSeconds: number): string {
  return `登录失败次数过多，账号已锁定，请 ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} 分钟后再试或联系管理员`;
}
