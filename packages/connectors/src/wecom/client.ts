import { ConnectorErrorKind } from '../types';
import type { ConnectorCredentials } from '../types';
import { codeDialect, Dialect, HttpCaller, HttpMethod, requestToken, Shape, TokenManager, TokenManagerFactory } from '../http';

/**
 * WeCom global error codes: https://developer.work.weixin.qq.com/document/path/90313
 */
export const WECOM_CODES = {
  /** 40014 不合法的access_token, 42001 access_token已过期. */
  tokenInvalid: [40014, 42001],
  /** 45009 接口调用超过限制 (45033 接口并发调用超过限制). */
  rateLimited: [45009, 45033],
  /** 40001 不合法的secret参数, 40013 不合法的CorpID. */
  authFailed: [40001, 40013],
  /** 40029 不合法的oauth_code / invalid code. */
  invalidCode: [40029],
  /** 60111 UserID不存在. */
  userNotFound: [60111],
  /** 81013 UserID、部门ID、标签ID全部非法或无权限 (message/send: nobody valid to deliver to). */
  recipientInvalid: [81013],
} as const;

export const wecomDialect: Dialect = codeDialect({
  platform: 'wecom',
  codeField: 'errcode',
  messageField: 'errmsg',
  tokenInvalidCodes: WECOM_CODES.tokenInvalid,
  rateLimitCodes: WECOM_CODES.rateLimited,
  authFailedCodes: WECOM_CODES.authFailed,
});

/** Token + request helper for one WeCom self-built app (one token per corpsecret). */
export class WeComClient {
  readonly shape = new Shape('wecom');
  readonly tokens: TokenManager;

  constructor(
    private readonly http: HttpCaller,
    private readonly creds: ConnectorCredentials,
    private readonly base: string,
    makeTokens: TokenManagerFactory,
  ) {
    this.tokens = makeTokens('app', () => this.issueToken());
  }

  // 获取access_token: GET /cgi-bin/gettoken?corpid=&corpsecret= → {errcode, errmsg, access_token, expires_in}
  // https://developer.work.weixin.qq.com/document/path/91039
  private issueToken() {
    return requestToken(
      this.http,
      {
        method: 'GET',
        baseUrl: this.base,
        path: '/cgi-bin/gettoken',
        params: { corpid: this.creds.corpId, corpsecret: this.creds.appSecret },
        dialect: wecomDialect,
      },
      { token: 'access_token', expiresIn: 'expires_in' },
    );
  }

  /** A `cgi-bin` call with the cached access_token; returns the whole answer object. */
  async call(
    method: HttpMethod,
    path: string,
    params: Record<string, string | number | undefined>,
    body?: unknown,
    codeKinds?: Record<number, ConnectorErrorKind>,
  ) {
    const answer = await this.http.callWithToken(
      this.tokens,
      { method, baseUrl: this.base, path, params, body, dialect: wecomDialect, codeKinds },
      { query: 'access_token' },
    );
    return this.shape.obj(answer, path);
  }
}
