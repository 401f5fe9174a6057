import type { CachedToken, TokenCache } from '../types';
import { ConnectorError, ConnectorErrorKind } from '../types';
import { TokenInvalidError } from './errors';

/** In-memory TokenCache (the default; a shared cache can be passed in ConnectorOptions.tokenCache). */
export class MemoryTokenCache implements TokenCache {
  private readonly map = new Map<string, CachedToken>();
  get(key: string): CachedToken | undefined {
    return this.map.get(key);
  }
  set(key: string, value: CachedToken): void {
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export interface IssuedToken {
  token: string;
  /** Lifetime the platform announced, seconds. */
  expiresInSec: number;
}

export interface TokenManagerOptions {
  /** Cache key: one token per (platform, app[, kind]). */
  key: string;
  cache: TokenCache;
  /** Asks the platform for a new token. */
  issue: () => Promise<IssuedToken>;
  /** Refresh this long before the announced expiry. */
  refreshEarlyMs: number;
  now?: () => number;
}

/** Refresh margins: DingTalk / WeCom 5 min; Feishu 3 min like the official node SDK. */
export const REFRESH_EARLY_MS = { dingtalk: 5 * 60_000, wecom: 5 * 60_000, feishu: 3 * 60_000 } as const;

/**
 * Access-token cache for one app: cached, refreshed early, single-flight (concurrent callers share
 * one token request), and refreshed once when the platform rejects a token we still believed valid.
 */
export class TokenManager {
  private inflight?: Promise<string>;
  private readonly now: () => number;

  constructor(private readonly opts: TokenManagerOptions) {
    this.now = opts.now ?? Date.now;
  }

  async get(): Promise<string> {
    if (this.inflight) return this.inflight;
    const cached = await this.opts.cache.get(this.opts.key);
    if (cached && cached.expiresAt - this.opts.refreshEarlyMs > this.now()) return cached.token;
    return this.refresh();
  }

  /** Always asks the platform (shared with any request already in flight). */
  refresh(): Promise<string> {
    if (!this.inflight) {
      this.inflight = (async () => {
        const issued = await this.opts.issue();
        await this.opts.cache.set(this.opts.key, {
          token: issued.token,
          expiresAt: this.now() + issued.expiresInSec * 1000,
        });
        return issued.token;
      })().finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  /** Drops the cached token if it is still the rejected one (another caller may have refreshed already). */
  async invalidate(token: string): Promise<void> {
    const cached = await this.opts.cache.get(this.opts.key);
    if (cached && cached.token === token) await this.opts.cache.delete(this.opts.key);
  }

  /** Runs `fn` with a valid token; on the platform's invalid/expired-token answer refreshes ONCE and retries. */
  async withToken<T>(fn: (token: string) => Promise<T>): Promise<T> {
    const token = await this.get();
    try {
      return await fn(token);
    } catch (err) {
      if (!(err instanceof TokenInvalidError)) throw err;
      await this.invalidate(token);
      const fresh = await this.get();
      try {
        return await fn(fresh);
      } catch (again) {
        if (again instanceof TokenInvalidError) {
          throw new ConnectorError(
            ConnectorErrorKind.AuthFailed,
            `${again.platform} rejected a freshly issued access token`,
            again.platform,
            again.platformCode,
            again.platformMessage,
          );
        }
        throw again;
      }
    }
  }
}
