import type { Platform } from '@hrlink/shared';
import type { ConnectorCredentials, ConnectorOptions, SuperAppConnector } from './types';
import type { CallbackConnector, MessagingConnector } from './messaging-types';
import { DingTalkConnector } from './dingtalk/connector';
import { WeComConnector } from './wecom/connector';
import { FeishuConnector } from './feishu/connector';

export * from './types';
export type * from './messaging-types';
export { CONNECTOR_ERROR_CODES } from './api-errors';
export { MemoryTokenCache, TokenManager, TokenBucket, backoffMs } from './http';
export { MsgCrypt } from './callback/msg-crypt';
export { FeishuCrypt } from './callback/feishu-crypt';
export { DEFAULT_MAX_SKEW_MS } from './callback/guard';
export { shortCode } from './common/render';
export { renderFeishuCard } from './feishu/messaging';
export { DingTalkConnector } from './dingtalk/connector';
export { WeComConnector } from './wecom/connector';
export { FeishuConnector } from './feishu/connector';

/** What every connector is: org + login (SuperAppConnector), cards (MessagingConnector), callbacks (CallbackConnector). */
export type PlatformConnector = SuperAppConnector & MessagingConnector & CallbackConnector & Required<Pick<CallbackConnector, 'cardActionResponse'>>;

type Factory = (creds: ConnectorCredentials, options: ConnectorOptions) => PlatformConnector;

/** The registry: one factory per platform. */
export const CONNECTORS: Record<Platform, Factory> = {
  dingtalk: (c, o) => new DingTalkConnector(c, o),
  wecom: (c, o) => new WeComConnector(c, o),
  feishu: (c, o) => new FeishuConnector(c, o),
};

/** Builds the connector for a binding's platform. Throws if the platform is unknown or credentials lack a required field. */
export function createConnector(credentials: ConnectorCredentials, options: ConnectorOptions): PlatformConnector {
  const factory = CONNECTORS[credentials.platform];
  if (!factory) throw new Error(`no connector for platform ${String(credentials.platform)}`);
  return factory(credentials, options);
}
