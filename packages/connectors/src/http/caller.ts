import axios, { AxiosInstance } from 'axios';
import type { Platform } from '@hrlink/shared';
import { ConnectorError, ConnectorErrorKind, ConnectorOptions } from '../types';
import type { Dialect, HttpAnswer } from './dialect';
import { badResponse, TokenInvalidError, transportError } from './errors';
import { Shape } from './shape';
import type { IssuedToken, TokenManager } from './token-manager';
import { TokenBucket, sleep } from './limiter';
import { backoffMs } from './retry';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface CallSpec {
  method: HttpMethod;
  baseUrl: string;
  path: string;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  dialect: Dialect;
  /** The token sent with this call: reported back in TokenInvalidError so only it is discarded. */
  token?: string;
  /** Per-endpoint meaning of platform codes, e.g. WeCom 40029 → InvalidCode. */
  codeKinds?: Record<number, ConnectorErrorKind>;
  /** Kind for platform codes not listed in codeKinds (default Platform). Token endpoints use AuthFailed. */
  otherCodesKind?: ConnectorErrorKind;
}

/** Where a platform expects the access token. */
export type TokenPlacement = { query: string } | { header: string; prefix?: string };

/** Builds the TokenManager for one kind of token of this app (BaseConnector.tokenManager). */
export type TokenManagerFactory = (kind: string, issue: () => Promise<IssuedToken>) => TokenManager;

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RATE_LIMIT_RETRIES = 5;

/** An axios instance that never throws on status and hands back the raw text (we parse it ourselves). */
export function createAxios(timeoutMs: number): AxiosInstance {
  return axios.create({
    timeout: timeoutMs,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    // Platform answers are small; a runaway body is a bad answer, not a reason to eat memory.
    maxContentLength: 20 * 1024 * 1024,
  });
}

/**
 * The one request pipeline every connector uses: client-side rate limit, request counting,
 * transport / shape error classification, and retries with backoff on rate-limited answers.
 */
export class HttpCaller {
  /** HTTP requests sent so far (retries included). */
  requestCount = 0;
  private readonly axios: AxiosInstance;
  private readonly bucket?: TokenBucket;
  private readonly maxRetries: number;

  constructor(
    readonly platform: Platform,
    private readonly options: ConnectorOptions,
  ) {
    this.axios = createAxios(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (options.maxRequestsPerSecond) this.bucket = new TokenBucket(options.maxRequestsPerSecond);
    this.maxRetries = options.maxRateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES;
  }

  /** Sends the call and returns the parsed JSON body of a successful answer. */
  async call(spec: CallSpec): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(spec);
      const verdict = spec.dialect.judge(answer);
      switch (verdict.type) {
        case 'ok':
          return answer.body;
        case 'token_invalid':
          throw new TokenInvalidError(this.platform, spec.token ?? '', verdict.code, verdict.message);
        case 'rate_limited':
          if (attempt >= this.maxRetries) {
            throw new ConnectorError(
              ConnectorErrorKind.RateLimited,
              `${this.platform} still rate limited after ${attempt} retries`,
              this.platform,
              verdict.code,
              verdict.message,
            );
          }
          await sleep(backoffMs(attempt, verdict.retryAfterMs));
          continue;
        case 'error': {
          const mapped = verdict.code !== undefined ? spec.codeKinds?.[Number(verdict.code)] : undefined;
          const kind =
            mapped ?? (verdict.kind === ConnectorErrorKind.Platform && spec.otherCodesKind ? spec.otherCodesKind : verdict.kind);
          throw new ConnectorError(
            kind,
            `${this.platform} ${spec.method} ${spec.path} failed: ${verdict.code ?? ''} ${verdict.message ?? ''}`.trim(),
            this.platform,
            verdict.code,
            verdict.message,
          );
        }
      }
    }
  }

  /**
   * A call that carries the app's access token — in a query parameter (DingTalk oapi, WeCom) or a header
   * (DingTalk api, Feishu `Authorization: Bearer`) — refreshed once if the platform rejects it.
   */
  callWithToken(tokens: TokenManager, spec: Omit<CallSpec, 'token'>, placement: TokenPlacement): Promise<unknown> {
    return tokens.withToken((token) =>
      this.call(
        'query' in placement
          ? { ...spec, token, params: { ...spec.params, [placement.query]: token } }
          : { ...spec, token, headers: { ...spec.headers, [placement.header]: `${placement.prefix ?? ''}${token}` } },
      ),
    );
  }

  private async once(spec: CallSpec): Promise<HttpAnswer> {
    if (this.bucket) await this.bucket.take();
    this.requestCount++;
    this.options.onRequest?.({ platform: this.platform, method: spec.method, path: spec.path });
    let res;
    try {
      res = await this.axios.request<string>({
        method: spec.method,
        baseURL: spec.baseUrl,
        url: spec.path,
        params: spec.params,
        data: spec.body,
        headers: spec.headers,
      });
    } catch (err) {
      throw transportError(this.platform, err);
    }
    const headers = res.headers as Record<string, unknown>;
    let body: unknown;
    try {
      body = typeof res.data === 'string' && res.data !== '' ? JSON.parse(res.data) : res.data;
    } catch {
      // An HTML error page: from a 5xx gateway it means "down", from a 2xx/4xx it is garbage.
      if (res.status >= 500) {
        throw new ConnectorError(ConnectorErrorKind.Unreachable, `${this.platform} answered HTTP ${res.status}`, this.platform, `HTTP ${res.status}`);
      }
      if (res.status === 429) return { status: 429, headers, body: undefined };
      throw badResponse(this.platform, `non-JSON body (HTTP ${res.status})`);
    }
    return { status: res.status, headers, body };
  }
}

/** `{code: kind}` for a list of platform codes, for CallSpec.codeKinds. */
export function codesAs(codes: readonly number[], kind: ConnectorErrorKind): Record<number, ConnectorErrorKind> {
  return Object.fromEntries(codes.map((c) => [c, kind]));
}

/**
 * Calls a token endpoint and reads `{<tokenField>, <expiresField>}` from its answer. Any platform error
 * there means the app's credentials were refused (AuthFailed); transport errors keep their kind.
 */
export async function requestToken(
  http: HttpCaller,
  spec: Omit<CallSpec, 'otherCodesKind'>,
  fields: { token: string; expiresIn: string },
): Promise<{ token: string; expiresInSec: number }> {
  const shape = new Shape(http.platform);
  const answer = shape.obj(await http.call({ ...spec, otherCodesKind: ConnectorErrorKind.AuthFailed }), `${spec.path} answer`);
  return { token: shape.str(answer[fields.token], fields.token), expiresInSec: shape.num(answer[fields.expiresIn], fields.expiresIn) };
}
