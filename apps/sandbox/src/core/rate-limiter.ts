import type { Platform } from './types';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token bucket per platform per app, at `rps` requests per second (burst = rps). Uses real time, not the
 * sandbox clock: advancing the clock for expiry tests must not refill buckets.
 */
export class RateLimiter {
  private rps = new Map<Platform, number>();
  private buckets = new Map<string, Bucket>();

  constructor(private readonly realNow: () => number = Date.now) {}

  set(platform: Platform, rps: number | null): void {
    if (rps === null || !(rps > 0)) this.rps.delete(platform);
    else this.rps.set(platform, rps);
    for (const k of [...this.buckets.keys()]) if (k.startsWith(`${platform}:`)) this.buckets.delete(k);
  }

  get(platform: Platform): number | null {
    return this.rps.get(platform) ?? null;
  }

  take(platform: Platform, appId: string): Take {
    const rps = this.rps.get(platform);
    if (!rps) return { ok: true };
    const key = `${platform}:${appId}`;
    const now = this.realNow();
    const capacity = Math.max(1, rps);
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: capacity, updatedAt: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(capacity, b.tokens + ((now - b.updatedAt) / 1000) * rps);
    b.updatedAt = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / rps)) };
  }

  reset(): void {
    this.rps.clear();
    this.buckets.clear();
  }
}
