import { RateLimiter } from './rate-limiter';

describe('RateLimiter (token bucket)', () => {
  it('allows a burst of rps calls, then refuses with the seconds until the next token', () => {
    let now = 0;
    const rl = new RateLimiter(() => now);
    rl.set('feishu', 4);
    expect([1, 2, 3, 4].map(() => rl.take('feishu', 'app').ok)).toEqual([true, true, true, true]);
    expect(rl.take('feishu', 'app')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 250; // one token back at 4/s
    expect(rl.take('feishu', 'app').ok).toBe(true);
    expect(rl.take('feishu', 'app').ok).toBe(false);
  });

  it('keeps a bucket per app and per platform; no rps means no limit', () => {
    let now = 0;
    const rl = new RateLimiter(() => now);
    rl.set('wecom', 1);
    expect(rl.take('wecom', 'a').ok).toBe(true);
    expect(rl.take('wecom', 'a').ok).toBe(false);
    expect(rl.take('wecom', 'b').ok).toBe(true);
    expect(rl.take('dingtalk', 'a').ok).toBe(true);
    expect(rl.take('dingtalk', 'a').ok).toBe(true);
    rl.set('wecom', null);
    expect(rl.take('wecom', 'a').ok).toBe(true);
  });

  it('a fractional rate waits several seconds', () => {
    const rl = new RateLimiter(() => 0);
    rl.set('dingtalk', 0.5);
    expect(rl.take('dingtalk', 'a').ok).toBe(true);
    expect(rl.take('dingtalk', 'a')).toEqual({ ok: false, retryAfterSeconds: 2 });
  });
});
