import { ConnectorErrorKind } from '../types';
import type { ConnectorCredentials } from '../types';
import { codeDialect, Dialect, HttpCaller, HttpMethod, Json, requestToken, Shape, TokenManager, TokenManagerFactory, isObject } from '../http';

/**
 * DingTalk error codes (oapi answers `{errcode, errmsg}`; errcode 88 carries the reason in sub_code).
 * Global return codes: https://open.dingtalk.com/document/orgapp/server-api-error-codes-1
 */
export const DINGTALK_CODES = {
  /** 40014 不合法的access_token, 42001 access_token超时. */
  tokenInvalid: [40014, 42001],
  /**
   * 90001/90002 all / this API's requests from the server temporarily banned, 90005/90006 corp-wide /
   * per-API frequency over limit, 90018 per-second limit, 90019 ISV per-corp limit (platforms.md).
   */
  rateLimited: [90001, 90002, 90005, 90006, 90018, 90019],
  /** 40078 不存在的临时授权码 (invalid, expired or already used auth code). */
  invalidCode: [40078, 40079],
  /** user/get: 60121 找不到该用户. */
  userNotFound: [60121],
  /** 部门不存在 (department/get). */
  deptNotFound: [60003],
} as const;

export const dingtalkOapiDialect: Dialect = codeDialect({
  platform: 'dingtalk',
  codeField: 'errcode',
  messageField: 'errmsg',
  tokenInvalidCodes: DINGTALK_CODES.tokenInvalid,
  rateLimitCodes: DINGTALK_CODES.rateLimited,
  wrapperCode: { code: 88, subCodeField: 'sub_code' },
});

/**
 * The new-style API (api.dingtalk.com/v1.0) answers success as a plain object and errors as
 * HTTP 4xx `{code: "InvalidAuthentication", message}`; rate limits as HTTP 429 or a
 * `Forbidden.AccessDenied.QpsLimit…` / `Throttling…` code.
 */
export const dingtalkApiDialect: Dialect = {
  platform: 'dingtalk',
  judge({ status, body }) {
    const code = isObject(body) && typeof body.code === 'string' ? body.code : undefined;
    const message = isObject(body) && typeof body.message === 'string' ? body.message : undefined;
    if (status === 429 || (code && /QpsLimit|Throttling/i.test(code))) return { type: 'rate_limited', code, message };
    if (status >= 500) return { type: 'error', kind: ConnectorErrorKind.Unreachable, code: `HTTP ${status}` };
    if (code === 'InvalidAuthentication' || status === 401) return { type: 'token_invalid', code, message };
    if (status >= 400) return { type: 'error', kind: code ? ConnectorErrorKind.Platform : ConnectorErrorKind.BadResponse, code: code ?? `HTTP ${status}`, message };
    return isObject(body) ? { type: 'ok' } : { type: 'error', kind: ConnectorErrorKind.BadResponse };
  },
};

/** Token + request helpers for one DingTalk internal app. */
export class DingTalkClient {
  readonly shape = new Shape('dingtalk');
  /** oapi access_token (query param `access_token`). */
  readonly oapiTokens: TokenManager;
  /** api.dingtalk.com accessToken (header `x-acs-dingtalk-access-token`). */
  readonly apiTokens: TokenManager;

  constructor(
    private readonly http: HttpCaller,
    private readonly creds: ConnectorCredentials,
    private readonly bases: { oapi: string; api: string },
    makeTokens: TokenManagerFactory,
  ) {
    if (!creds.appKey) throw new Error('DingTalk binding needs appKey');
    this.oapiTokens = makeTokens('oapi', () => this.issueOapiToken());
    this.apiTokens = makeTokens('api', () => this.issueApiToken());
  }

  // 获取企业内部应用的access_token: GET /gettoken?appkey=&appsecret=
  // https://open.dingtalk.com/document/orgapp/obtain-orgapp-token
  private issueOapiToken() {
    return requestToken(
      this.http,
      {
        method: 'GET',
        baseUrl: this.bases.oapi,
        path: '/gettoken',
        params: { appkey: this.creds.appKey!, appsecret: this.creds.appSecret },
        dialect: dingtalkOapiDialect,
      },
      { token: 'access_token', expiresIn: 'expires_in' },
    );
  }

  // 获取企业内部应用的accessToken (new API): POST /v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn}
  // https://open.dingtalk.com/document/orgapp/obtain-the-access_token-of-an-internal-app
  private issueApiToken() {
    return requestToken(
      this.http,
      {
        method: 'POST',
        baseUrl: this.bases.api,
        path: '/v1.0/oauth2/accessToken',
        body: { appKey: this.creds.appKey, appSecret: this.creds.appSecret },
        dialect: dingtalkApiDialect,
      },
      { token: 'accessToken', expiresIn: 'expireIn' },
    );
  }

  /** POST an oapi `topapi` call with the cached access_token; returns the answer's `result`. */
  async oapi(path: string, body: unknown, codeKinds?: Record<number, ConnectorErrorKind>): Promise<unknown> {
    return (await this.oapiAnswer(path, body, codeKinds)).result;
  }

  /** POST an oapi call; returns the whole answer (asyncsend_v2 puts `task_id` beside errcode, not in `result`). */
  async oapiAnswer(path: string, body: unknown, codeKinds?: Record<number, ConnectorErrorKind>): Promise<Json> {
    const answer = await this.http.callWithToken(
      this.oapiTokens,
      { method: 'POST', baseUrl: this.bases.oapi, path, body, dialect: dingtalkOapiDialect, codeKinds },
      { query: 'access_token' },
    );
    return this.shape.obj(answer, path);
  }

  /** A new-style api.dingtalk.com call (to-dos, cards) with header `x-acs-dingtalk-access-token`. */
  api(method: HttpMethod, path: string, body?: unknown, params?: Record<string, string | number | undefined>): Promise<unknown> {
    return this.http.callWithToken(
      this.apiTokens,
      { method, baseUrl: this.bases.api, path, body, params, dialect: dingtalkApiDialect },
      { header: 'x-acs-dingtalk-access-token' },
    );
  }
}
