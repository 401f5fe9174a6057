import { Injectable } from '@nestjs/common';
import { createConnector, SuperAppConnector } from '@hrlink/connectors';
import { ErrorCode } from '@hrlink/shared';
import { TypedConfig } from '../../config/typed-config';
import { AppError } from '../../common/errors/app-error';
import { PlatformBinding } from './entities/platform-binding.entity';

/**
 * One connector per binding (and per version of its credentials), kept so its token cache lives across requests.
 * Base URLs and the optional client-side rate cap come from config.
 */
@Injectable()
export class ConnectorsService {
  private readonly cache = new Map<string, { version: number; connector: SuperAppConnector }>();
  /** Counts requests per platform: exposed for benches and diagnostics. */
  readonly requestCounts: Record<string, number> = {};

  constructor(private readonly config: TypedConfig) {}

  forBinding(b: PlatformBinding): SuperAppConnector {
    const version = new Date(b.updatedAt).getTime();
    const hit = this.cache.get(b.id);
    if (hit && hit.version === version) return hit.connector;
    if (!b.appSecret) throw new AppError(ErrorCode.PLATFORM_AUTH_FAILED, '该平台绑定未配置 AppSecret');
    const p = this.config.get('platforms');
    let connector: SuperAppConnector;
    try {
      connector = createConnector(
        {
          platform: b.platform, corpId: b.corpId, appKey: b.appKey, appSecret: b.appSecret, agentId: b.agentId,
          callbackToken: b.callbackToken, callbackAesKey: b.callbackAesKey,
        },
        {
          baseUrls: p.baseUrls,
          timeoutMs: p.timeoutMs,
          maxRequestsPerSecond: p.maxRequestsPerSecond,
          onRequest: (info) => {
            this.requestCounts[info.platform] = (this.requestCounts[info.platform] ?? 0) + 1;
          },
        },
      );
    } catch (err) {
      throw new AppError(ErrorCode.PLATFORM_AUTH_FAILED, `平台绑定的凭证不完整：${(err as Error).message}`);
    }
    this.cache.set(b.id, { version, connector });
    return connector;
  }
}
