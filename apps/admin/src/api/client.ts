import { API_PREFIX, ERROR_MESSAGES, ErrorCode, Routes } from '@hrlink/shared';
import type { ApiErrorBody, RefreshRequest, TokenPair } from '@hrlink/shared';
import { clearSession, getSession, updateTokens } from './session';

/** Client-side code for "the request never got an answer". */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export type ClientErrorCode = ErrorCode | typeof NETWORK_ERROR;

/** Every failed call rejects with this; `message` is the server's zh-CN text. */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: object;
  body?: unknown;
  /** Send the access token (default true). */
  auth?: boolean;
}

/** Origin the API is on; '' = the page's own origin (the server serves the admin, Vite proxies /api in dev). */
let apiOrigin = '';
export function setApiOrigin(origin: string): void {
  apiOrigin = origin.replace(/\/$/, '');
}

export function buildUrl(path: string, query?: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const qs = params.toString();
  return `${apiOrigin}${API_PREFIX}${path}${qs ? `?${qs}` : ''}`;
}

async function send(method: string, path: string, opts: RequestOptions, token?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const form = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      // FormData: the browser sets the multipart Content-Type with its boundary.
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, '无法连接服务器，请检查网络或稍后重试', 0);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (res.ok) {
    if (text && json === undefined) throw new ApiError(ErrorCode.INTERNAL, '服务器返回了无法识别的数据', res.status);
    return json as T;
  }
  throw toApiError(res.status, json);
}

function toApiError(status: number, json: unknown): ApiError {
  const body = json as Partial<ApiErrorBody> | undefined;
  if (body && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiError(body.code as ErrorCode, body.message, status, body.details);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new ApiError(NETWORK_ERROR, `服务器暂时不可用（HTTP ${status}），请稍后重试`, status);
  }
  const code = status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.INTERNAL;
  return new ApiError(code, `${ERROR_MESSAGES[code]}（HTTP ${status}）`, status);
}

let refreshing: Promise<boolean> | null = null;

/** One refresh at a time; concurrent 401s wait for the same attempt. */
function refreshOnce(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const session = getSession();
      if (!session?.refreshToken) return false;
      try {
        const body: RefreshRequest = { refreshToken: session.refreshToken };
        const res = await send('POST', Routes.auth.refresh, { body, auth: false });
        const tokens = await parse<TokenPair>(res);
        updateTokens(tokens);
        return true;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/**
 * Send an authenticated call. Adds the bearer token; on 401 TOKEN_EXPIRED refreshes once and retries;
 * when the session cannot be recovered it is cleared (the app then shows the log-in page) and this rejects.
 */
async function sendAuthed(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const authed = opts.auth !== false;
  const token = authed ? getSession()?.accessToken : undefined;
  let res = await send(method, path, opts, token);
  if (res.status === 401 && authed) {
    const err = toApiError(401, await res.clone().json().catch(() => undefined));
    if (err.code === ErrorCode.TOKEN_EXPIRED) {
      // Another request may already have refreshed while this one was in flight.
      const current = getSession()?.accessToken;
      const renewed = current && current !== token ? true : await refreshOnce();
      if (renewed) res = await send(method, path, opts, getSession()?.accessToken);
    }
    if (res.status === 401) {
      const finalErr = toApiError(401, await res.json().catch(() => undefined));
      clearSession();
      throw finalErr;
    }
  }
  return res;
}

/** Call the API and parse its JSON answer (see sendAuthed for the token handling). */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  return parse<T>(await sendAuthed(method, path, opts));
}

/**
 * File name from a Content-Disposition header: RFC 5987 `filename*=UTF-8''…` wins over `filename="…"`.
 * `attachment; filename*=UTF-8''%E5%AE%A1%E6%89%B9.xlsx` -> "审批.xlsx".
 */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain filename */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain ? (plain[2] ?? plain[1]).trim() : '';
  return name || fallback;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** GET a file with the auth header (a plain link cannot carry it): the body as a Blob plus its file name. */
export async function downloadFile(path: string, query: object | undefined, fallbackName: string): Promise<DownloadedFile> {
  const res = await sendAuthed('GET', path, { query });
  if (!res.ok) return parse<never>(res);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    // A 200 with JSON is not the file we asked for.
    throw new ApiError(ErrorCode.INTERNAL, '服务器没有返回文件', res.status);
  }
  return { blob: await res.blob(), filename: filenameFromDisposition(res.headers.get('content-disposition'), fallbackName) };
}

/** Let the browser save a Blob under a name. */
export function saveBlob({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** POST one file as multipart/form-data (field `file`) and parse the JSON answer. */
export function uploadFile<T>(path: string, file: Blob, filename: string): Promise<T> {
  const body = new FormData();
  body.append('file', file, filename);
  return request<T>('POST', path, { body });
}

export const http = {
  get: <T>(path: string, query?: object) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
