/** The three super-apps hrlink runs inside. */
export const Platform = {
  DingTalk: 'dingtalk',
  WeCom: 'wecom',
  Feishu: 'feishu',
} as const;
export type Platform = (typeof Platform)[keyof typeof Platform];

export const PLATFORMS: readonly Platform[] = [Platform.DingTalk, Platform.WeCom, Platform.Feishu];

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/** A credential field of a platform binding, as the admin renders it in a form. */
export interface PlatformCredentialField {
  /** Key in PlatformBindingInput. */
  key: 'corpId' | 'appKey' | 'appSecret' | 'agentId' | 'callbackToken' | 'callbackAesKey';
  label: string;
  required: boolean;
  secret: boolean;
  help?: string;
}

export interface PlatformMeta {
  platform: Platform;
  displayName: string;
  fields: PlatformCredentialField[];
}

/** Metadata the admin renders binding forms from (one place, like novu's provider registry). */
export const PLATFORM_META: Record<Platform, PlatformMeta> = {
  dingtalk: {
    platform: 'dingtalk',
    displayName: '钉钉',
    fields: [
      { key: 'corpId', label: 'CorpId', required: true, secret: false },
      { key: 'appKey', label: 'AppKey (Client ID)', required: true, secret: false },
      { key: 'appSecret', label: 'AppSecret (Client Secret)', required: true, secret: true },
      { key: 'agentId', label: 'AgentId', required: true, secret: false },
      { key: 'callbackToken', label: '事件订阅 Token', required: false, secret: true },
      { key: 'callbackAesKey', label: '事件订阅 aes_key', required: false, secret: true },
    ],
  },
  wecom: {
    platform: 'wecom',
    displayName: '企业微信',
    fields: [
      { key: 'corpId', label: '企业ID (CorpId)', required: true, secret: false },
      { key: 'appSecret', label: '应用 Secret', required: true, secret: true },
      { key: 'agentId', label: 'AgentId', required: true, secret: false },
      { key: 'callbackToken', label: '接收消息 Token', required: false, secret: true },
      { key: 'callbackAesKey', label: 'EncodingAESKey', required: false, secret: true },
    ],
  },
  feishu: {
    platform: 'feishu',
    displayName: '飞书',
    fields: [
      { key: 'corpId', label: '租户 Tenant Key', required: true, secret: false },
      { key: 'appKey', label: 'App ID', required: true, secret: false },
      { key: 'appSecret', label: 'App Secret', required: true, secret: true },
      { key: 'callbackToken', label: 'Verification Token', required: false, secret: true },
      { key: 'callbackAesKey', label: 'Encrypt Key', required: false, secret: true },
    ],
  },
};
