import { ERROR_MESSAGES, ErrorCode } from '@hrlink/shared';

/** Codes the client itself produces (never sent by the server). */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  BAD_RESPONSE: 'BAD_RESPONSE',
  HOST_AUTH_FAILED: 'HOST_AUTH_FAILED',
  NO_LAUNCH_CODE: 'NO_LAUNCH_CODE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** What pages show: the server's {code, message} or one of ours. */
export interface UiError {
  code: ErrorCode | ClientErrorCode;
  message: string;
  status?: number;
  details?: Record<string, unknown>;
}

export class ClientError extends Error implements UiError {
  constructor(
    public readonly code: ErrorCode | ClientErrorCode,
    message: string,
    public readonly status?: number,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export class HostAuthError extends ClientError {
  constructor(api: string, cause: unknown) {
    super(ClientErrorCode.HOST_AUTH_FAILED, `获取免登授权码失败（${api}）：${describe(cause)}`);
  }
}

function describe(err: unknown): string {
  if (!err) return '未知错误';
  if (typeof err === 'string') return err;
  const e = err as { errorMessage?: string; errMsg?: string; message?: string; error?: unknown };
  return e.errorMessage || e.errMsg || e.message || (e.error !== undefined ? String(e.error) : '未知错误');
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Map an HTTP answer that is not 2xx to the error the UI shows. A body in our error shape
 * wins; otherwise a message is derived from the status (a proxy's HTML page, an empty body…).
 */
export function errorFromResponse(status: number, body: unknown): ClientError {
  if (isRecord(body) && typeof body.code === 'string' && KNOWN_CODES.has(body.code)) {
    const code = body.code as ErrorCode;
    const message = typeof body.message === 'string' && body.message ? body.message : ERROR_MESSAGES[code];
    const details = isRecord(body.details) ? body.details : undefined;
    return new ClientError(code, message, status, details);
  }
  if (status === 401) return new ClientError(ErrorCode.UNAUTHENTICATED, ERROR_MESSAGES.UNAUTHENTICATED, status);
  if (status === 403) return new ClientError(ErrorCode.FORBIDDEN, ERROR_MESSAGES.FORBIDDEN, status);
  if (status === 404) return new ClientError(ErrorCode.NOT_FOUND, ERROR_MESSAGES.NOT_FOUND, status);
  if (status === 429) return new ClientError(ErrorCode.RATE_LIMITED, ERROR_MESSAGES.RATE_LIMITED, status);
  if (status >= 500) return new ClientError(ErrorCode.INTERNAL, `服务暂时不可用（HTTP ${status}），请稍后再试`, status);
  return new ClientError(ClientErrorCode.BAD_RESPONSE, `请求失败（HTTP ${status}）`, status);
}

/** A failure before any HTTP answer (DNS, refused, timeout, offline). */
export function networkError(err: unknown): ClientError {
  return new ClientError(ClientErrorCode.NETWORK_ERROR, `网络异常，无法连接服务器：${describe(err)}`);
}

/** Anything thrown → {code, message} for display. */
export function toUiError(err: unknown): UiError {
  if (err instanceof ClientError) return { code: err.code, message: err.message, status: err.status, details: err.details };
  if (isRecord(err) && typeof err.code === 'string' && typeof err.message === 'string') {
    return { code: err.code as UiError['code'], message: err.message };
  }
  return { code: ErrorCode.INTERNAL, message: `出错了：${describe(err)}` };
}

/** The session is gone for good: the user must open the app again from the host. */
export function isSessionLost(err: UiError): boolean {
  return (
    err.code === ErrorCode.UNAUTHENTICATED ||
    err.code === ErrorCode.AUTH_REFRESH_INVALID ||
    err.code === ErrorCode.TOKEN_EXPIRED ||
    err.code === ErrorCode.EMPLOYEE_LEFT
  );
}
