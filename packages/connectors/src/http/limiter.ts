/**
 * Token bucket that caps calls per second for one binding.
 *
 * Capacity defaults to 1 token: calls are spaced 1/rate apart, so no burst can exceed the
 * platform's per-second quota even when the platform counts in fixed one-second windows.
 * `take()` reserves the next free slot synchronously, so concurrent callers queue fairly.
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private tokens: number;
  private lastRefill: number;

  constructor(
    readonly ratePerSecond: number,
    private readonly capacity = 1,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0)) throw new Error('ratePerSecond must be > 0');
    this.intervalMs = 1000 / ratePerSecond;
    this.tokens = capacity;
    this.lastRefill = now();
  }

  /** Milliseconds the caller must wait before its call; the slot is reserved at once. */
  reserve(): number {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (t - this.lastRefill) / this.intervalMs);
    this.lastRefill = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens * this.intervalMs);
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await sleep(wait);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
