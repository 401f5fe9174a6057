import type { Platform } from '@hrlink/shared';
import type { ConnectorCredentials, ConnectorOptions, SuperAppConnector } from './types';
import { DingTalkConnector } from './dingtalk/connector';
import { WeComConnector } from './wecom/connector';
import { FeishuConnector } from './feishu/connector';

export * from './types';
export type * from './messaging-types';
export { CONNECTOR_ERROR_CODES } from './api-errors';
export { MemoryTokenCache, TokenManager, TokenBucket } from './http';
export { DingTalkConnector } from './dingtalk/connector';
export { WeComConnector } from './wecom/connector';
export { FeishuConnector } from './feishu/connector';

type Factory = (creds: ConnectorCredentials, options: ConnectorOptions) => SuperAppConnector;

/** The registry: one factory per platform. */
export const CONNECTORS: Record<Platform, Factory> = {
  dingtalk: (c, o) => new DingTalkConnector(c, o),
  wecom: (c, o) => new WeComConnector(c, o),
  feishu: (c, o) => new FeishuConnector(c, o),
};

/** Builds the connector for a binding's platform. Throws if the platform is unknown or credentials lack a required field. */
export function createConnector(credentials: ConnectorCredentials, options: ConnectorOptions): SuperAppConnector {
  const factory = CONNECTORS[credentials.platform];
  if (!factory) throw new Error(`no connector for platform ${String(credentials.platform)}`);
  return factory(credentials, options);
}
