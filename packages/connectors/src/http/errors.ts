import type { Platform } from '@hrlink/shared';
import { AxiosError } from 'axios';
import { ConnectorError, ConnectorErrorKind } from '../types';

/**
 * Thrown by the request pipeline when the platform says the access token is invalid or expired.
 * TokenManager.withToken catches it, refreshes once and retries; callers never see it unless the
 * fresh token is rejected too (then it is an AuthFailed error).
 */
export class TokenInvalidError extends ConnectorError {
  constructor(platform: Platform, readonly token: string, code?: string | number, message?: string) {
    super(ConnectorErrorKind.AuthFailed, `access token rejected (${code})`, platform, code, message);
    this.name = 'TokenInvalidError';
  }
}

/** Network error, timeout, refused or reset socket → Unreachable. */
export function transportError(platform: Platform, err: unknown): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const ax = err as AxiosError;
  const code = ax?.code ?? 'UNKNOWN';
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(ax?.message ?? '');
  return new ConnectorError(
    ConnectorErrorKind.Unreachable,
    timedOut ? `${platform} request timed out` : `${platform} unreachable: ${code}`,
    platform,
    code,
    ax?.message,
  );
}

export function badResponse(platform: Platform, what: string): ConnectorError {
  return new ConnectorError(ConnectorErrorKind.BadResponse, `${platform} answered unexpected data: ${what}`, platform);
}
