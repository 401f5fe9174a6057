import { createHash } from 'node:crypto';
import type { Platform } from '@hrlink/shared';
import { ConnectorError, ConnectorErrorKind } from '../types';
import type {
  ConnectorCredentials,
  ConnectorOptions,
  OrgSnapshot,
  PlatformDepartment,
  PlatformIdentity,
  PlatformUser,
  SuperAppConnector,
  SyncProgress,
  TokenCache,
} from '../types';
import { HttpCaller, IssuedToken, MemoryTokenCache, REFRESH_EARLY_MS, TokenManager } from '../http';
import { DEFAULT_ORG_CONCURRENCY, ProgressTracker, sortDepartments } from './org';
import { WorkQueue } from './work-queue';
import type {
  ApprovalCard,
  CallbackConnector,
  CallbackRequest,
  CallbackResponse,
  CallbackResult,
  CardRef,
  CardUpdate,
  MessageRecipient,
  MessagingConnector,
} from '../messaging-types';

export interface OrgParts {
  departments: Iterable<PlatformDepartment>;
  users: PlatformUser[];
}

/**
 * What the three connectors share: the request pipeline, token managers keyed per app,
 * testConnection, and the fetchOrg frame (progress, request count, bounded work queue).
 * Subclasses hold only the platform's endpoints and field mapping.
 */
export abstract class BaseConnector implements SuperAppConnector, MessagingConnector, CallbackConnector {
  protected readonly http: HttpCaller;
  private readonly cache: TokenCache;

  constructor(
    readonly platform: Platform,
    protected readonly creds: ConnectorCredentials,
    protected readonly options: ConnectorOptions,
  ) {
    this.http = new HttpCaller(platform, options);
    this.cache = options.tokenCache ?? new MemoryTokenCache();
  }

  /** The token used by most calls (DingTalk/WeCom access_token, Feishu tenant_access_token). */
  protected abstract readonly tokens: TokenManager;

  abstract exchangeAuthCode(code: string): Promise<PlatformIdentity>;
  abstract getUser(userId: string): Promise<PlatformUser | null>;
  protected abstract readOrg(queue: WorkQueue, progress: ProgressTracker): Promise<OrgParts>;
  /** The platform's cards / notices (src/<platform>/messaging.ts). */
  protected abstract readonly messaging: MessagingConnector;
  /** The platform's callback verification + decoding (src/<platform>/callbacks.ts). */
  protected abstract readonly callbacks: CallbackConnector;

  sendCard(to: MessageRecipient, card: ApprovalCard): Promise<CardRef> {
    return this.messaging.sendCard(to, card);
  }

  updateCard(ref: CardRef, to: MessageRecipient, update: CardUpdate): Promise<CardRef> {
    return this.messaging.updateCard(ref, to, update);
  }

  sendNotice(to: MessageRecipient, notice: Parameters<MessagingConnector['sendNotice']>[1]): Promise<CardRef> {
    return this.messaging.sendNotice(to, notice);
  }

  handleCallback(req: CallbackRequest, opts?: { now?: number; maxSkewMs?: number }): CallbackResult {
    return this.callbacks.handleCallback(req, opts);
  }

  cardActionResponse(result: { ok: boolean; message: string; card?: ApprovalCard }): CallbackResponse {
    return this.callbacks.cardActionResponse?.(result) ?? { status: 200, contentType: 'text/plain; charset=utf-8', body: '' };
  }

  getAccessToken(): Promise<string> {
    return this.tokens.get();
  }

  async testConnection(): Promise<{ latencyMs: number }> {
    const started = Date.now();
    await this.tokens.refresh();
    return { latencyMs: Date.now() - started };
  }

  async fetchOrg(onProgress?: (p: SyncProgress) => void): Promise<OrgSnapshot> {
    const before = this.http.requestCount;
    const queue = new WorkQueue(this.options.orgConcurrency ?? DEFAULT_ORG_CONCURRENCY);
    const parts = await this.readOrg(queue, new ProgressTracker(onProgress));
    return {
      departments: sortDepartments(parts.departments),
      users: parts.users,
      requestCount: this.http.requestCount - before,
    };
  }

  /** `null` when the call fails with one of the platform's "no such user" codes (getUser). */
  protected async nullIfNotFound<T>(call: Promise<T>, notFoundCodes: readonly number[]): Promise<T | null> {
    try {
      return await call;
    } catch (err) {
      if (err instanceof ConnectorError && notFoundCodes.includes(Number(err.platformCode))) return null;
      throw err;
    }
  }

  /** A code from another corp / tenant than the binding's is refused. */
  protected assertSameCorp(corpId: string): void {
    if (corpId !== this.creds.corpId) {
      throw new ConnectorError(
        ConnectorErrorKind.CorpMismatch,
        `${this.platform} code belongs to ${corpId}, the binding is ${this.creds.corpId}`,
        this.platform,
      );
    }
  }

  /** HTTP requests this connector has sent (all calls, retries included). */
  get requestCount(): number {
    return this.http.requestCount;
  }

  /**
   * A token manager for this app. The key holds platform, app id and a hash of the secret, so a
   * shared cache never hands one app's token to another, and a changed secret starts afresh.
   */
  protected tokenManager(kind: string, issue: () => Promise<IssuedToken>): TokenManager {
    const secretTag = createHash('sha256').update(this.creds.appSecret).digest('hex').slice(0, 12);
    const app = this.creds.appKey || this.creds.corpId;
    return new TokenManager({
      key: `${this.platform}:${app}:${secretTag}:${kind}`,
      cache: this.cache,
      issue,
      refreshEarlyMs: REFRESH_EARLY_MS[this.platform],
      now: this.options.now,
    });
  }
}
