import type { Platform } from '@hrlink/shared';
import { ConnectorErrorKind } from '../types';
import { isObject } from './shape';

/** One HTTP answer, body already parsed as JSON. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

export type Verdict =
  | { type: 'ok' }
  | { type: 'rate_limited'; retryAfterMs?: number; code?: string | number; message?: string }
  | { type: 'token_invalid'; code?: string | number; message?: string }
  | { type: 'error'; kind: ConnectorErrorKind; code?: string | number; message?: string };

/** How a platform says "ok", "slow down", "token invalid" or "error" in its answers. */
export interface Dialect {
  readonly platform: Platform;
  judge(answer: HttpAnswer): Verdict;
}

/**
 * Dialect of the platforms that answer `{<codeField>: 0, <messageField>: "ok", ...}` and put the
 * error in that code (DingTalk oapi errcode/errmsg, WeCom errcode/errmsg, Feishu code/msg).
 */
export interface CodeDialectSpec {
  platform: Platform;
  codeField: string;
  messageField: string;
  tokenInvalidCodes: readonly number[];
  rateLimitCodes: readonly number[];
  /** Codes that mean the app's own credentials are wrong, wherever they appear. */
  authFailedCodes?: readonly number[];
  /** DingTalk's errcode 88 wraps the real reason in sub_code. */
  wrapperCode?: { code: number; subCodeField: string };
  /** Feishu: seconds to wait, on rate-limited answers. */
  resetHeader?: string;
}

export function codeDialect(spec: CodeDialectSpec): Dialect {
  return {
    platform: spec.platform,
    judge({ status, headers, body }): Verdict {
      const retryAfterMs = resetHeaderMs(headers, spec.resetHeader);
      if (status === 429) return { type: 'rate_limited', retryAfterMs };
      if (status >= 500) return { type: 'error', kind: ConnectorErrorKind.Unreachable, code: `HTTP ${status}` };
      if (!isObject(body) || body[spec.codeField] === undefined) {
        return { type: 'error', kind: ConnectorErrorKind.BadResponse, code: `HTTP ${status}` };
      }
      let code = Number(body[spec.codeField]);
      if (!Number.isFinite(code)) return { type: 'error', kind: ConnectorErrorKind.BadResponse };
      const message = typeof body[spec.messageField] === 'string' ? (body[spec.messageField] as string) : undefined;
      if (code === 0) return status < 400 ? { type: 'ok' } : { type: 'error', kind: ConnectorErrorKind.BadResponse, code: `HTTP ${status}` };
      if (spec.wrapperCode && code === spec.wrapperCode.code) {
        const sub = Number(body[spec.wrapperCode.subCodeField]);
        if (Number.isFinite(sub)) code = sub;
      }
      if (spec.rateLimitCodes.includes(code)) return { type: 'rate_limited', retryAfterMs, code, message };
      if (spec.tokenInvalidCodes.includes(code)) return { type: 'token_invalid', code, message };
      if (spec.authFailedCodes?.includes(code)) return { type: 'error', kind: ConnectorErrorKind.AuthFailed, code, message };
      return { type: 'error', kind: ConnectorErrorKind.Platform, code, message };
    },
  };
}

export function resetHeaderMs(headers: Record<string, unknown>, name?: string): number | undefined {
  if (!name) return undefined;
  const raw = headers[name.toLowerCase()];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
