import { Callbacks } from './callbacks/callbacks';
import { Clock } from './core/clock';
import { CodeStore } from './core/codes';
import { Faults } from './core/faults';
import { RateLimiter } from './core/rate-limiter';
import { Stats } from './core/stats';
import { TokenStore } from './core/tokens';
import type { Platform } from './core/types';
import type { CorpKey } from './credentials';
import { InboxStore } from './inbox';
import type { CorpOrg } from './org';
import { seedDemo, seedLarge, seedOther } from './seed';

export interface SandboxOptions {
  /** Generate a large demo org with this many members (benchmark). */
  members?: number;
  /** Departments of the generated org (with `members`). Default members / 20. */
  departments?: number;
  /** Rate limit (requests per second per app) applied to all three platforms at start; null/undefined = off. */
  rateLimit?: number | null;
  /** Where "打开 hrlink" sends the phone: `${h5Url}?platform=…&code=…&corpId=…`. */
  h5Url?: string;
}

export const DEFAULT_H5_URL = 'http://127.0.0.1:3000/h5/';

/** Everything the sandbox knows, in one place. Platform handlers and the control API read and change it. */
export class SandboxState {
  readonly clock = new Clock();
  readonly tokens = new TokenStore(this.clock);
  readonly codes = new CodeStore(this.clock);
  readonly limiter = new RateLimiter();
  readonly faults = new Faults();
  readonly stats = new Stats();
  readonly inbox = new InboxStore(this.clock);
  readonly callbacks: Callbacks = new Callbacks(this);
  readonly h5Url: string;
  corps = new Map<CorpKey, CorpOrg>();

  constructor(readonly options: SandboxOptions = {}) {
    this.h5Url = options.h5Url ?? DEFAULT_H5_URL;
    this.reset();
  }

  /** Reseed everything; clear limits (back to the start-up rate limit), faults, clock, stats, tokens, codes. */
  reset(): void {
    const { members, departments } = this.options;
    const demo = members && members > 0 ? seedLarge(members, departments ?? Math.max(1, Math.round(members / 20))) : seedDemo();
    this.corps = new Map<CorpKey, CorpOrg>([
      ['demo', demo],
      ['other', seedOther()],
    ]);
    this.clock.reset();
    this.tokens.clear();
    this.codes.clear();
    this.limiter.reset();
    this.faults.reset();
    this.stats.reset();
    this.inbox.clear();
    this.callbacks.clear();
    const rps = this.options.rateLimit;
    if (rps && rps > 0) for (const p of ['dingtalk', 'wecom', 'feishu'] as Platform[]) this.limiter.set(p, rps);
  }

  corp(key: string | undefined): CorpOrg | undefined {
    return this.corps.get((key ?? 'demo') as CorpKey);
  }

  corpByDingtalkAppKey(appKey: string): CorpOrg | undefined {
    for (const c of this.corps.values()) if (c.credentials.dingtalk.appKey === appKey) return c;
    return undefined;
  }

  corpByWecomCorpId(corpId: string): CorpOrg | undefined {
    for (const c of this.corps.values()) if (c.credentials.wecom.corpId === corpId) return c;
    return undefined;
  }

  corpByFeishuAppId(appId: string): CorpOrg | undefined {
    for (const c of this.corps.values()) if (c.credentials.feishu.appId === appId) return c;
    return undefined;
  }

  corpIdOf(corp: CorpOrg, platform: Platform): string {
    const c = corp.credentials;
    return platform === 'dingtalk' ? c.dingtalk.corpId : platform === 'wecom' ? c.wecom.corpId : c.feishu.tenantKey;
  }
}
