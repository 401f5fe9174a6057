import Taro from '@tarojs/taro';
import { Routes, type TokenPair } from '@hrlink/shared';
import { ClientErrorCode, ClientError, errorFromResponse, networkError } from './errors';
import { shouldRefresh } from './refresh-policy';
import { clearSession, getSession, saveTokens } from './session';

/** Set at build time (config/index.ts): '/api' for H5, HRLINK_API_BASE for mini-program builds. */
export const API_BASE: string = HRLINK_API_BASE;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Send the access token (default true). */
  auth?: boolean;
  query?: Record<string, string | number | boolean | undefined>;
}

const AUTH_PATHS: string[] = [Routes.auth.login, Routes.auth.refresh, Routes.auth.logout, Routes.auth.adminLogin];

function buildUrl(path: string, query?: RequestOptions['query']): string {
  let url = `${API_BASE}${path}`;
  if (query) {
    const parts = Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    if (parts.length) url += (url.includes('?') ? '&' : '?') + parts.join('&');
  }
  return url;
}

interface RawResponse {
  status: number;
  body: unknown;
}

async function send(method: Method, path: string, body: unknown, opts: RequestOptions): Promise<RawResponse> {
  const header: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (opts.auth !== false) {
    const s = getSession();
    if (s) header.Authorization = `Bearer ${s.accessToken}`;
  }
  try {
    const res = await Taro.request({
      url: buildUrl(path, opts.query),
      method: method as keyof Taro.request.Method,
      data: body === undefined ? undefined : (body as Record<string, unknown>),
      header,
      dataType: 'json',
      timeout: 15000,
    });
    let data: unknown = res.data;
    if (typeof data === 'string' && data) {
      try {
        data = JSON.parse(data);
      } catch {
        // leave as text: errorFromResponse maps by status
      }
    }
    return { status: res.statusCode, body: data };
  } catch (err) {
    // Some hosts reject non-2xx instead of resolving; they put the answer on the error.
    const e = err as { statusCode?: number; status?: number; data?: unknown };
    const status = e && (e.statusCode || e.status);
    if (typeof status === 'number' && status > 0) return { status, body: e.data };
    throw networkError(err);
  }
}

let refreshing: Promise<boolean> | null = null;

/** For callers that do not go through request() (file uploads): refresh the tokens once. */
export function refreshTokens(): Promise<boolean> {
  return refreshOnce();
}

/** One refresh at a time; concurrent 401s wait for the same call. Resolves false if it failed. */
function refreshOnce(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const s = getSession();
      if (!s) return false;
      const res = await send('POST', Routes.auth.refresh, { refreshToken: s.refreshToken }, { auth: false });
      if (res.status >= 200 && res.status < 300 && res.body && typeof res.body === 'object') {
        saveTokens(res.body as TokenPair);
        return true;
      }
      clearSession();
      return false;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

export async function request<T>(method: Method, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  let retried = false;
  for (;;) {
    const res = await send(method, path, body, opts);
    if (res.status >= 200 && res.status < 300) return res.body as T;
    const err = errorFromResponse(res.status, res.body);
    const s = getSession();
    if (
      shouldRefresh({
        status: res.status,
        code: err.code,
        alreadyRetried: retried,
        hasRefreshToken: !!s?.refreshToken,
        isAuthCall: AUTH_PATHS.includes(path),
      })
    ) {
      retried = true;
      if (await refreshOnce()) continue;
      throw new ClientError(err.code, err.message, res.status);
    }
    throw err;
  }
}

export const http = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
};

export { ClientErrorCode };
