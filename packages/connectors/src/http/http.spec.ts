import { ConnectorError, ConnectorErrorKind } from '../types';
import { allAt, startFixtureServer } from '../testing/fixture-server';
import { backoffMs } from './retry';
import { codeDialect } from './dialect';
import { HttpCaller } from './caller';
import { TokenBucket } from './limiter';
import { MemoryTokenCache, TokenManager } from './token-manager';
import { TokenInvalidError } from './errors';
import { WorkQueue } from '../common/work-queue';

const dialect = codeDialect({
  platform: 'wecom',
  codeField: 'errcode',
  messageField: 'errmsg',
  tokenInvalidCodes: [40014, 42001],
  rateLimitCodes: [45009],
  resetHeader: 'x-ogw-ratelimit-reset',
});

describe('TokenBucket', () => {
  it('spaces calls 1/rate apart: the 6th call at 5 rps waits ~1 s', async () => {
    const bucket = new TokenBucket(5);
    const started = Date.now();
    for (let i = 0; i < 6; i++) await bucket.take();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(1600);
  });

  it('reserves slots for concurrent callers in order', () => {
    let t = 0;
    const bucket = new TokenBucket(10, 1, () => t);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 100, 200]);
    t = 1000;
    expect(bucket.reserve()).toBe(0);
  });
});

describe('backoffMs', () => {
  it("uses the platform's reset hint when given", () => {
    expect(backoffMs(0, 2000, () => 0)).toBe(2000);
    expect(backoffMs(3, 2000, () => 0.999)).toBeLessThan(2250);
  });
  it('grows exponentially with jitter between half and all of the step, capped at 30 s', () => {
    expect(backoffMs(0, undefined, () => 0)).toBe(250);
    expect(backoffMs(0, undefined, () => 0.999)).toBeLessThanOrEqual(500);
    expect(backoffMs(3, undefined, () => 0)).toBe(2000);
    expect(backoffMs(20, undefined, () => 0.999)).toBeLessThanOrEqual(30_000);
  });
});

describe('codeDialect', () => {
  const judge = (status: number, body: unknown, headers: Record<string, unknown> = {}) => dialect.judge({ status, headers, body });
  it('classifies answers', () => {
    expect(judge(200, { errcode: 0, errmsg: 'ok' })).toEqual({ type: 'ok' });
    expect(judge(200, { errcode: 42001, errmsg: 'expired' })).toMatchObject({ type: 'token_invalid', code: 42001 });
    expect(judge(200, { errcode: 45009 })).toMatchObject({ type: 'rate_limited' });
    expect(judge(429, undefined, { 'x-ogw-ratelimit-reset': '3' })).toEqual({ type: 'rate_limited', retryAfterMs: 3000 });
    expect(judge(200, { foo: 1 })).toMatchObject({ type: 'error', kind: ConnectorErrorKind.BadResponse });
    expect(judge(502, { errcode: 0 })).toMatchObject({ type: 'error', kind: ConnectorErrorKind.Unreachable });
    expect(judge(200, { errcode: 60011, errmsg: 'no privilege' })).toMatchObject({ type: 'error', kind: ConnectorErrorKind.Platform, code: 60011 });
  });
});

describe('TokenManager', () => {
  const make = (issue: () => Promise<{ token: string; expiresInSec: number }>, now = () => Date.now()) =>
    new TokenManager({ key: 'k', cache: new MemoryTokenCache(), issue, refreshEarlyMs: 5 * 60_000, now });

  it('single-flight: ten concurrent callers share one token request', async () => {
    let issued = 0;
    const tm = make(async () => {
      issued++;
      await new Promise((r) => setTimeout(r, 30));
      return { token: `t${issued}`, expiresInSec: 7200 };
    });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => tm.get()));
    expect(new Set(tokens)).toEqual(new Set(['t1']));
    expect(issued).toBe(1);
    expect(await tm.get()).toBe('t1');
    expect(issued).toBe(1);
  });

  it('refreshes 5 minutes before the announced expiry, not earlier', async () => {
    let t = 0;
    let issued = 0;
    const tm = make(async () => ({ token: `t${++issued}`, expiresInSec: 7200 }), () => t);
    await tm.get();
    t = (7200 - 301) * 1000;
    expect(await tm.get()).toBe('t1');
    t = (7200 - 299) * 1000;
    expect(await tm.get()).toBe('t2');
  });

  it('withToken: refreshes once on an invalid-token answer; a second rejection is AuthFailed', async () => {
    let issued = 0;
    const tm = make(async () => ({ token: `t${++issued}`, expiresInSec: 7200 }));
    const used: string[] = [];
    const ok = await tm.withToken(async (token) => {
      used.push(token);
      if (token === 't1') throw new TokenInvalidError('wecom', token, 40014);
      return 'done';
    });
    expect(ok).toBe('done');
    expect(used).toEqual(['t1', 't2']);

    const err = await tm
      .withToken(async (token) => {
        throw new TokenInvalidError('wecom', token, 40014);
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect(err).not.toBeInstanceOf(TokenInvalidError);
    expect(err.kind).toBe(ConnectorErrorKind.AuthFailed);
    expect(issued).toBe(3);
  });
});

describe('HttpCaller error classification', () => {
  it('garbage 200 → BadResponse, HTML 500 → Unreachable, refused socket → Unreachable, timeout → Unreachable', async () => {
    const server = await startFixtureServer({
      'GET /garbage': () => '<html>hello</html>',
      'GET /error500': () => ({ status: 500, body: '<html>oops</html>' }),
      'GET /slow': () => new Promise(() => undefined),
      'GET /ok': () => ({ errcode: 0, errmsg: 'ok', v: 1 }),
    });
    const seen: string[] = [];
    const caller = new HttpCaller('wecom', { baseUrls: allAt(server.url), timeoutMs: 300, onRequest: (i) => seen.push(i.path) });
    const call = (path: string, baseUrl = server.url) => caller.call({ method: 'GET', baseUrl, path, dialect }).catch((e) => e) as Promise<any>;
    try {
      expect(await call('/ok')).toEqual({ errcode: 0, errmsg: 'ok', v: 1 });
      expect((await call('/garbage')).kind).toBe(ConnectorErrorKind.BadResponse);
      expect((await call('/error500')).kind).toBe(ConnectorErrorKind.Unreachable);
      expect((await call('/slow')).kind).toBe(ConnectorErrorKind.Unreachable);
      expect((await call('/x', 'http://127.0.0.1:1')).kind).toBe(ConnectorErrorKind.Unreachable);
      expect(seen).toEqual(['/ok', '/garbage', '/error500', '/slow', '/x']);
      expect(caller.requestCount).toBe(5);
    } finally {
      await server.close();
    }
  });

  it('retries rate-limited answers with backoff, then gives up with RateLimited', async () => {
    let n = 0;
    const server = await startFixtureServer({
      'GET /limited': () => ({ errcode: 45009, errmsg: 'api freq out of limit' }),
      'GET /twice': () => (++n <= 2 ? { errcode: 45009, errmsg: 'api freq out of limit' } : { errcode: 0, errmsg: 'ok' }),
    });
    const caller = new HttpCaller('wecom', { baseUrls: allAt(server.url), maxRateLimitRetries: 2 });
    try {
      expect(await caller.call({ method: 'GET', baseUrl: server.url, path: '/twice', dialect })).toEqual({ errcode: 0, errmsg: 'ok' });
      const err: any = await caller.call({ method: 'GET', baseUrl: server.url, path: '/limited', dialect }).catch((e) => e);
      expect(err.kind).toBe(ConnectorErrorKind.RateLimited);
      expect(server.count('GET /limited')).toBe(3);
    } finally {
      await server.close();
    }
  });
});

describe('WorkQueue', () => {
  it('never runs more than `concurrency` tasks at once and lets tasks push tasks', async () => {
    const q = new WorkQueue(3);
    let running = 0;
    let peak = 0;
    let done = 0;
    const task = (children: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      for (let i = 0; i < children; i++) q.push(task(0));
      running--;
      done++;
    };
    for (let i = 0; i < 5; i++) q.push(task(2));
    await q.drain();
    expect(done).toBe(15);
    expect(peak).toBe(3);
  });

  it('rejects with the first error', async () => {
    const q = new WorkQueue(2);
    q.push(async () => {
      throw new Error('boom');
    });
    q.push(async () => undefined);
    await expect(q.drain()).rejects.toThrow('boom');
  });
});
