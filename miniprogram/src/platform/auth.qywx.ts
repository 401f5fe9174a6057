import type { HostAuth } from './types';
import { callHost } from './host-call';

/** WeCom: wx.qy.login → code (exchanged by the server with /cgi-bin/miniprogram/jscode2session). */
export const hostName = '企业微信';
export const canGetFreshCode = true;

export async function getHostAuth(): Promise<HostAuth> {
  const res = await callHost<{ code: string }>('wx.qy.login', (cb) => wx.qy.login(cb));
  return { platform: 'wecom', code: res.code };
}
