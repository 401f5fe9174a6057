import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import type { Platform } from './types';

/** In-app auth code lifetimes: dd.getAuthCode 5 min, wx.qy.login 5 min, tt.login 3 min (platforms.md). */
export const CODE_TTL_SECONDS: Record<Platform, number> = { dingtalk: 300, wecom: 300, feishu: 180 };

export interface AuthCode {
  code: string;
  platform: Platform;
  corpKey: string;
  employeeNo: string;
  expiresAt: number; // epoch ms, sandbox clock
  used: boolean;
}

export type CodeCheck = { ok: true; entry: AuthCode } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Single-use, expiring in-app auth codes for all three platforms. */
export class CodeStore {
  private codes = new Map<string, AuthCode>();

  constructor(private readonly clock: Clock) {}

  issue(platform: Platform, corpKey: string, employeeNo: string): AuthCode {
    this.sweep();
    const entry: AuthCode = {
      code: randomBytes(16).toString('hex'),
      platform,
      corpKey,
      employeeNo,
      expiresAt: this.clock.now() + CODE_TTL_SECONDS[platform] * 1000,
      used: false,
    };
    this.codes.set(entry.code, entry);
    return entry;
  }

  /** Uses a code up. A code is consumed even when the caller then rejects it (wrong corp), like the real ones. */
  consume(platform: Platform, code: string): CodeCheck {
    const entry = this.codes.get(code);
    if (!entry || entry.platform !== platform) return { ok: false, reason: 'unknown' };
    if (entry.used) return { ok: false, reason: 'used' };
    if (entry.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    entry.used = true;
    return { ok: true, entry };
  }

  /** The person left: their outstanding codes stop working. */
  invalidatePerson(corpKey: string, employeeNo: string): void {
    for (const [k, e] of this.codes) if (e.corpKey === corpKey && e.employeeNo === employeeNo) this.codes.delete(k);
  }

  clear(): void {
    this.codes.clear();
  }

  private sweep(): void {
    if (this.codes.size < 10_000) return;
    const cutoff = this.clock.now() - 3600_000;
    for (const [k, e] of this.codes) if (e.expiresAt < cutoff) this.codes.delete(k);
  }
}
