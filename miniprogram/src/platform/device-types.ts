import type { WifiSpot } from '@hrlink/shared';

/** What the attendance pages get from the host. */
export interface HostLocation {
  latitude: number;
  longitude: number;
  accuracy: number;
  /** Only DingTalk reports it (Android). */
  isMock?: boolean;
  /** A readable address when the host gives one (DingTalk with withReverseGeocode); else null. */
  address: string | null;
  /** 'gcj02' on every host (H5 converts the browser's WGS-84 fix, device.h5.ts); 'wgs84' = unconverted, unused now. */
  coordType: 'gcj02' | 'wgs84';
}

export class LocationError extends Error {
  constructor(
    public readonly kind: 'denied' | 'unavailable' | 'unsupported',
    message: string,
    /** How to enable location on this host. */
    public readonly help: string,
  ) {
    super(message);
    this.name = 'LocationError';
  }
}

/** Any host failure → denied / unavailable by its message (hosts differ in codes, all say "auth"/"deny"/"permission"). */
export function classifyLocationFailure(err: unknown): 'denied' | 'unavailable' {
  const e = (err || {}) as { errMsg?: string; errorMessage?: string; message?: string; error?: number; errCode?: number; code?: number };
  const text = `${e.errMsg || ''} ${e.errorMessage || ''} ${e.message || ''}`;
  if (/auth|deny|denied|permission|权限|拒绝|授权/i.test(text)) return 'denied';
  // DingTalk: error 11 = user refused / 2001? … ; browser PERMISSION_DENIED = 1
  if (e.error === 11 || e.code === 1) return 'denied';
  return 'unavailable';
}

export type { WifiSpot };

export function normaliseBssid(b: string | undefined | null): string {
  return String(b || '').trim().toLowerCase().replace(/-/g, ':');
}

/** Resolve `fallback` if a host API never calls back (Wi-Fi APIs on some clients). */
export function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(fallback);
      },
    );
  });
}
