import Taro from '@tarojs/taro';
import type { HostAuth } from './types';
import { callHost } from './host-call';
import { getLaunchQuery } from './launch-options';
import { ClientErrorCode, ClientError } from '../services/errors';

/**
 * DingTalk: dd.getAuthCode({ corpId }) → authCode.
 * corpId comes from the launch query (configure the workbench home page as
 * `pages/landing/index?corpId=$CORPID$`; DingTalk substitutes the corp), falling back to the
 * build-time HRLINK_DD_CORP_ID (single-corp deployments).
 */
export const hostName = '钉钉';
export const canGetFreshCode = true;

function launchCorpId(): string {
  const remembered = getLaunchQuery().corpId;
  if (remembered) return remembered;
  try {
    const opts = Taro.getLaunchOptionsSync();
    const q = (opts && (opts.query as Record<string, string> | undefined)) || {};
    if (q.corpId) return String(q.corpId);
  } catch {
    // not available on very old hosts
  }
  return HRLINK_DD_CORP_ID;
}

export async function getHostAuth(): Promise<HostAuth> {
  const corpId = launchCorpId();
  if (!corpId) {
    throw new ClientError(ClientErrorCode.HOST_AUTH_FAILED, '缺少钉钉企业 corpId，请从钉钉工作台打开应用');
  }
  const res = await callHost<{ authCode: string }>('dd.getAuthCode', (cb) => dd.getAuthCode({ corpId, ...cb }));
  return { platform: 'dingtalk', code: res.authCode, corpId };
}
