import type { HostAuth } from './types';
import { callHost } from './host-call';

/** Feishu: tt.login → code (exchanged by the server with /open-apis/mina/v2/tokenLoginValidate). */
export const hostName = '飞书';
export const canGetFreshCode = true;

export async function getHostAuth(): Promise<HostAuth> {
  const res = await callHost<{ code: string }>('tt.login', (cb) => tt.login(cb));
  return { platform: 'feishu', code: res.code };
}
