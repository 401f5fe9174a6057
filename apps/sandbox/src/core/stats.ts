import type { Platform } from './types';

export interface StatsSnapshot {
  total: number;
  byPlatform: Record<Platform, number>;
  byPath: Record<string, number>;
  rateLimited: number;
}

/** Counts platform calls (control API and phone page are not counted). */
export class Stats {
  private total = 0;
  private byPlatform: Record<Platform, number> = { dingtalk: 0, wecom: 0, feishu: 0 };
  private byPath = new Map<string, number>();
  private rateLimited = 0;

  count(platform: Platform, routeKey: string): void {
    this.total++;
    this.byPlatform[platform]++;
    this.byPath.set(routeKey, (this.byPath.get(routeKey) ?? 0) + 1);
  }

  countRateLimited(): void {
    this.rateLimited++;
  }

  snapshot(): StatsSnapshot {
    return {
      total: this.total,
      byPlatform: { ...this.byPlatform },
      byPath: Object.fromEntries(this.byPath),
      rateLimited: this.rateLimited,
    };
  }

  reset(): void {
    this.total = 0;
    this.byPlatform = { dingtalk: 0, wecom: 0, feishu: 0 };
    this.byPath.clear();
    this.rateLimited = 0;
  }
}
