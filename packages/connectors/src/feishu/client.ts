import { ConnectorErrorKind } from '../types';
import type { ConnectorCredentials } from '../types';
import { codeDialect, Dialect, HttpCaller, HttpMethod, requestToken, Shape, TokenManager, TokenManagerFactory } from '../http';

/**
 * Feishu codes. Generic error codes: https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code
 * Rate limits: https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control
 */
export const FEISHU_CODES = {
  /**
   * 99991663 tenant access token invalid, 99991664 app access token invalid, 99991661 token missing /
   * malformed, 99991668 user access token invalid; 10202 "access token invalid" (tokenLoginValidate's own code).
   */
  tokenInvalid: [99991661, 99991663, 99991664, 99991668, 10202],
  /** HTTP 429 (old APIs: 400) with code 99991400 and header x-ogw-ratelimit-reset (seconds). */
  rateLimited: [99991400],
  /** tokenLoginValidate: 10213 code appid not match — wrong app, used twice or expired. */
  invalidCode: [10213],
  /** contact users/:id for an id that is not (or no longer) in the tenant. */
  userNotFound: [41012, 40013, 41050],
  /**
   * im/v1/messages: 230013 bot has no availability to this user (outside the app's range),
   * 230035 no permission to send to the user.
   */
  recipientInvalid: [230013, 230035],
} as const;

export const feishuDialect: Dialect = codeDialect({
  platform: 'feishu',
  codeField: 'code',
  messageField: 'msg',
  tokenInvalidCodes: FEISHU_CODES.tokenInvalid,
  rateLimitCodes: FEISHU_CODES.rateLimited,
  resetHeader: 'x-ogw-ratelimit-reset',
});

type Query = Record<string, string | number | boolean | undefined>;

/** Tokens + request helper for one Feishu custom (self-built) app. */
export class FeishuClient {
  readonly shape = new Shape('feishu');
  /** tenant_access_token: contact API. */
  readonly tenantTokens: TokenManager;
  /** app_access_token: mina tokenLoginValidate. */
  readonly appTokens: TokenManager;

  constructor(
    private readonly http: HttpCaller,
    private readonly creds: ConnectorCredentials,
    private readonly base: string,
    makeTokens: TokenManagerFactory,
  ) {
    if (!creds.appKey) throw new Error('Feishu binding needs appKey (app_id)');
    // 自建应用获取 tenant_access_token: POST /open-apis/auth/v3/tenant_access_token/internal {app_id, app_secret}
    //   → {code, msg, tenant_access_token, expire}
    // https://open.feishu.cn/document/server-docs/authentication-management/access-token/tenant_access_token_internal
    this.tenantTokens = makeTokens('tenant', () => this.issue('/open-apis/auth/v3/tenant_access_token/internal', 'tenant_access_token'));
    // 自建应用获取 app_access_token: POST /open-apis/auth/v3/app_access_token/internal {app_id, app_secret}
    //   → {code, msg, app_access_token, expire, tenant_access_token}
    // https://open.feishu.cn/document/server-docs/authentication-management/access-token/app_access_token_internal
    this.appTokens = makeTokens('app', () => this.issue('/open-apis/auth/v3/app_access_token/internal', 'app_access_token'));
  }

  private issue(path: string, field: string) {
    return requestToken(
      this.http,
      { method: 'POST', baseUrl: this.base, path, body: { app_id: this.creds.appKey, app_secret: this.creds.appSecret }, dialect: feishuDialect },
      { token: field, expiresIn: 'expire' },
    );
  }

  /** An open-apis call with `Authorization: Bearer <token>`; returns the answer's `data`. */
  async call(
    method: HttpMethod,
    path: string,
    opts: { query?: Query; body?: unknown; tokens?: TokenManager; codeKinds?: Record<number, ConnectorErrorKind> } = {},
  ): Promise<Record<string, unknown>> {
    const answer = await this.http.callWithToken(
      opts.tokens ?? this.tenantTokens,
      { method, baseUrl: this.base, path, params: opts.query, body: opts.body, dialect: feishuDialect, codeKinds: opts.codeKinds },
      { header: 'Authorization', prefix: 'Bearer ' },
    );
    const o = this.shape.obj(answer, path);
    return o.data === undefined ? {} : this.shape.obj(o.data, `${path} data`);
  }
}
