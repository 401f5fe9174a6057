import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import type { Platform } from './types';

/**
 * How a platform answers a second token request while a token is still valid.
 * - 'reuse-renew': same token, lifetime restarts (DingTalk gettoken: "有效期内重复获取返回相同结果，并自动续期").
 * - 'reuse': same token, remaining lifetime (WeCom gettoken: "有效期内重复获取返回相同结果").
 * - 'rotate-under-30min': same token while >= 30 min remain, else a NEW token; the old one stays valid until it
 *   expires (Feishu tenant_access_token/internal docs: "剩余有效期小于 30 分钟时，调用本接口会返回一个新的 tenant_access_token").
 */
export type TokenPolicy = 'reuse-renew' | 'reuse' | 'rotate-under-30min';

export const TOKEN_LIFETIME_SECONDS = 7200;
const ROTATE_WHEN_REMAINING_SECONDS = 30 * 60;

export interface TokenRecord {
  token: string;
  platform: Platform;
  /** The app the token was issued to (DingTalk appKey, WeCom corpId:agent secret, Feishu app_id). */
  appId: string;
  corpKey: string;
  expiresAt: number; // epoch ms, sandbox clock
  revoked: boolean;
}

export type TokenCheck =
  | { ok: true; record: TokenRecord }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

/** Access tokens of all three platforms (one store, one set of rules, policy per platform). */
export class TokenStore {
  private byToken = new Map<string, TokenRecord>();
  private current = new Map<string, TokenRecord>(); // `${platform}:${appId}` -> latest issued

  constructor(private readonly clock: Clock) {}

  issue(
    platform: Platform,
    appId: string,
    corpKey: string,
    policy: TokenPolicy,
    format: (random: string) => string,
  ): { token: string; expiresIn: number } {
    const now = this.clock.now();
    const key = `${platform}:${appId}`;
    const cur = this.current.get(key);
    if (cur && !cur.revoked && cur.expiresAt > now) {
      const remaining = Math.ceil((cur.expiresAt - now) / 1000);
      if (policy === 'reuse-renew') {
        cur.expiresAt = now + TOKEN_LIFETIME_SECONDS * 1000;
        return { token: cur.token, expiresIn: TOKEN_LIFETIME_SECONDS };
      }
      if (policy === 'reuse' || remaining >= ROTATE_WHEN_REMAINING_SECONDS) {
        return { token: cur.token, expiresIn: remaining };
      }
    }
    const record: TokenRecord = {
      token: format(randomBytes(20).toString('hex')),
      platform,
      appId,
      corpKey,
      expiresAt: now + TOKEN_LIFETIME_SECONDS * 1000,
      revoked: false,
    };
    this.byToken.set(record.token, record);
    this.current.set(key, record);
    return { token: record.token, expiresIn: TOKEN_LIFETIME_SECONDS };
  }

  check(platform: Platform, token: string | undefined | null): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const record = this.byToken.get(token);
    if (!record || record.platform !== platform || record.revoked) return { ok: false, reason: 'invalid' };
    if (record.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, record };
  }

  /** Who a token belongs to, valid or not (used to pick the rate-limit bucket). */
  peek(token: string | undefined | null): TokenRecord | undefined {
    return token ? this.byToken.get(token) : undefined;
  }

  revoke(platform?: Platform): number {
    let n = 0;
    for (const r of this.byToken.values()) {
      if (!r.revoked && (!platform || r.platform === platform)) {
        r.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Revokes the tokens of apps of one corp (e.g. when its secret changes). */
  clear(): void {
    this.byToken.clear();
    this.current.clear();
  }
}
