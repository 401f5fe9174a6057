import Taro from '@tarojs/taro';
import type { EmployeeProfile, TokenPair } from '@hrlink/shared';

/** Tokens and the cached profile, kept in Taro storage (localStorage on H5, host storage elsewhere). */
const KEY = 'hrlink.session.v1';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires (advisory; the server is the judge). */
  expiresAt: number;
  profile: EmployeeProfile | null;
}

let cache: StoredSession | null | undefined;

export function getSession(): StoredSession | null {
  if (cache !== undefined) return cache;
  try {
    const raw = Taro.getStorageSync(KEY);
    cache = raw && typeof raw === 'object' && (raw as StoredSession).accessToken ? (raw as StoredSession) : null;
  } catch {
    cache = null;
  }
  return cache;
}

function write(s: StoredSession | null): void {
  cache = s;
  try {
    if (s) Taro.setStorageSync(KEY, s);
    else Taro.removeStorageSync(KEY);
  } catch {
    // storage full or unavailable: keep the in-memory copy
  }
}

export function saveTokens(tokens: TokenPair, profile?: EmployeeProfile | null): StoredSession {
  const prev = getSession();
  const next: StoredSession = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    profile: profile !== undefined ? profile : prev?.profile ?? null,
  };
  write(next);
  return next;
}

export function saveProfile(profile: EmployeeProfile): void {
  const s = getSession();
  if (s) write({ ...s, profile });
}

export function clearSession(): void {
  write(null);
}
