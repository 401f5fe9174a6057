import type { HostLocation, WifiSpot } from './device-types';
import { LocationError } from './device-types';

/**
 * Default (unknown host). Taro picks device.<TARO_ENV>.ts: device.dd.ts (DingTalk), device.qywx.ts (WeCom),
 * device.lark.ts (Feishu), device.h5.ts (browser).
 */
export const locationHelp = '请在系统设置中允许本应用使用位置信息';

export async function getHostLocation(): Promise<HostLocation> {
  throw new LocationError('unsupported', '当前平台无法获取位置', locationHelp);
}

export async function getConnectedWifi(): Promise<WifiSpot | null> {
  return null;
}

/** Camera only; resolves local file paths Taro.uploadFile can send. */
export async function takePhotos(_max: number): Promise<string[]> {
  throw new Error('当前平台无法拍照');
}
