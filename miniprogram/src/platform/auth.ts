import type { HostAuth } from './types';
import { ClientErrorCode, ClientError } from '../services/errors';

/**
 * Default (non-host) implementation. Taro picks auth.<TARO_ENV>.ts when it exists:
 * auth.dd.ts (DingTalk), auth.qywx.ts (WeCom), auth.lark.ts (Feishu), auth.h5.ts (browser).
 * Any other target has no way to get an in-app auth code.
 */
export const hostName = '未知平台';

export async function getHostAuth(): Promise<HostAuth | null> {
  throw new ClientError(ClientErrorCode.HOST_AUTH_FAILED, '当前平台不支持免登，请从钉钉/企业微信/飞书工作台打开');
}

/** True when a retry can ask the host for a fresh code. */
export const canGetFreshCode = false;
