import type { Platform } from '@hrlink/shared';

/**
 * Credentials of one tenant's binding to one platform, decrypted.
 * - DingTalk: corpId, appKey, appSecret, agentId
 * - WeCom:    corpId, appSecret (the app's corpsecret), agentId
 * - Feishu:   corpId = tenant_key, appKey = app_id, appSecret = app_secret
 */
export interface ConnectorCredentials {
  platform: Platform;
  corpId: string;
  appKey?: string | null;
  appSecret: string;
  agentId?: string | null;
  callbackToken?: string | null;
  callbackAesKey?: string | null;
}

/** Base URLs, from config (DINGTALK_OAPI_BASE, DINGTALK_API_BASE, WECOM_API_BASE, FEISHU_API_BASE). */
export interface ConnectorBaseUrls {
  dingtalkOapi: string; // https://oapi.dingtalk.com
  dingtalkApi: string; // https://api.dingtalk.com
  wecom: string; // https://qyapi.weixin.qq.com
  feishu: string; // https://open.feishu.cn
}

export const REAL_BASE_URLS: ConnectorBaseUrls = {
  dingtalkOapi: 'https://oapi.dingtalk.com',
  dingtalkApi: 'https://api.dingtalk.com',
  wecom: 'https://qyapi.weixin.qq.com',
  feishu: 'https://open.feishu.cn',
};

export interface ConnectorOptions {
  baseUrls: ConnectorBaseUrls;
  /** Per-request timeout, ms. Default 10_000. */
  timeoutMs?: number;
  /** Client-side cap on calls per second to this platform for this binding (token bucket). Default: none. */
  maxRequestsPerSecond?: number;
  /** Retries on the platform's rate-limit answers, with exponential backoff. Default 5. */
  maxRateLimitRetries?: number;
  /** Shared token cache; default an in-memory one per connector. */
  tokenCache?: TokenCache;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
  /** Called once per HTTP request made (method, path) — used for stats and benches. */
  onRequest?: (info: { platform: Platform; method: string; path: string }) => void;
  /** How many requests fetchOrg keeps in flight at once (still capped by maxRequestsPerSecond). Default 4. */
  orgConcurrency?: number;
}

export interface CachedToken {
  token: string;
  /** Epoch ms when the platform says it expires. */
  expiresAt: number;
}

export interface TokenCache {
  get(key: string): Promise<CachedToken | undefined> | CachedToken | undefined;
  set(key: string, value: CachedToken): Promise<void> | void;
  delete(key: string): Promise<void> | void;
}

/** Who an auth code belongs to. */
export interface PlatformIdentity {
  platform: Platform;
  /** The corp / tenant the code belongs to (WeCom corpid, Feishu tenant_key, DingTalk corpId of the binding). */
  corpId: string;
  /** DingTalk userid, WeCom userid, Feishu user_id (may be absent if the app lacks the scope). */
  userId: string | null;
  /** DingTalk unionid, Feishu union_id. */
  unionId: string | null;
  /** Feishu open_id. */
  openId: string | null;
  name: string | null;
}

export interface PlatformDepartment {
  /** Platform department id as a string. Root: DingTalk "1", WeCom "1", Feishu "0". */
  id: string;
  parentId: string | null;
  name: string;
  order: number;
  /** Platform user ids of the department's leaders / heads, where the platform says. */
  leaderUserIds: string[];
}

export interface PlatformUser {
  /** DingTalk userid, WeCom userid, Feishu user_id. */
  userId: string;
  unionId: string | null;
  openId: string | null;
  name: string;
  mobile: string | null;
  employeeNo: string | null;
  title: string | null;
  departmentIds: string[];
  mainDepartmentId: string | null;
  /** Direct manager's platform user id, from the platform's own field when it has one. */
  managerUserId: string | null;
  /** Departments this user leads. */
  leaderOfDepartmentIds: string[];
  hiredDate: string | null; // YYYY-MM-DD
  active: boolean;
}

export interface OrgSnapshot {
  departments: PlatformDepartment[];
  users: PlatformUser[];
  /** HTTP calls made to build it. */
  requestCount: number;
}

export interface SyncProgress {
  departmentsSeen: number;
  membersSeen: number;
}

export interface SuperAppConnector {
  readonly platform: Platform;
  /** A valid access token (cached; refreshed early and once on the platform's invalid/expired-token codes). */
  getAccessToken(): Promise<string>;
  /** Exchanges the mini-app's in-app auth code for the user it belongs to. */
  exchangeAuthCode(code: string): Promise<PlatformIdentity>;
  /** Whole department tree (flattened, root included) and every active member, paged through. */
  fetchOrg(onProgress?: (p: SyncProgress) => void): Promise<OrgSnapshot>;
  /** One user by platform user id, or null if not found / left. For incremental contact events. */
  getUser(userId: string): Promise<PlatformUser | null>;
  /** Gets a token to prove the credentials work. */
  testConnection(): Promise<{ latencyMs: number }>;
}

export const ConnectorErrorKind = {
  /** Auth code invalid, expired or already used. */
  InvalidCode: 'invalid_code',
  /** App key / secret rejected. */
  AuthFailed: 'auth_failed',
  /** Network error, timeout, 5xx. */
  Unreachable: 'unreachable',
  /** Non-JSON, unexpected shape. */
  BadResponse: 'bad_response',
  /** Still rate limited after retries. */
  RateLimited: 'rate_limited',
  /** The code belongs to another corp than the binding's. */
  CorpMismatch: 'corp_mismatch',
  /** Any other platform error code. */
  Platform: 'platform',
  /**
   * The message has no valid recipient (WeCom 81013: user left / outside the app's visible range).
   * Permanent: retrying the same message cannot succeed.
   */
  RecipientInvalid: 'recipient_invalid',
  /** A callback failed verification: bad signature, undecryptable, wrong corp / app / token, or a replay. */
  CallbackRejected: 'callback_rejected',
} as const;
export type ConnectorErrorKind = (typeof ConnectorErrorKind)[keyof typeof ConnectorErrorKind];

export class ConnectorError extends Error {
  constructor(
    readonly kind: ConnectorErrorKind,
    message: string,
    readonly platform: Platform,
    /** The platform's own error code and message, when there is one. */
    readonly platformCode?: string | number,
    readonly platformMessage?: string,
    /** Retrying the same call cannot help (e.g. DingTalk's daily notice limit for the user: 143105). */
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}
