/**
 * Retry schedule for outbox deliveries: exponential (base · 2^(attempt-1), capped) with "equal jitter" —
 * half the delay fixed, half random — so retries of many messages spread out instead of arriving together.
 * `attempt` is the number of attempts made so far (1 after the first failure). `random` in [0, 1).
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: number = Math.random()): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random);
}

/** Connector error kinds that no retry can fix: park the message as failed at once. */
export const PERMANENT_KINDS = new Set(['recipient_invalid', 'auth_failed']);

/** Client-side token bucket (per binding): `take()` resolves when a token is available. */
export class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly ratePerSecond: number, private readonly burst = Math.max(1, ratePerSecond)) {
    this.tokens = this.burst;
  }

  /** Milliseconds to wait before a token is available (0 = take it now); takes the token when 0. */
  tryTake(now = Date.now()): number {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  async take(): Promise<void> {
    for (;;) {
      const wait = this.tryTake();
      if (wait === 0) return;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
