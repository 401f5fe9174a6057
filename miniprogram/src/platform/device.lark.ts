import Taro from '@tarojs/taro';
import type { HostLocation, WifiSpot } from './device-types';
import { LocationError, classifyLocationFailure, normaliseBssid, withTimeout } from './device-types';

/**
 * Feishu: tt.getLocation({ type: 'gcj02', accuracy: 'best' }) (not on PC); no address, no mock flag.
 * Wi-Fi: tt.startWifi / tt.getConnectedWifi where the client supports it (mobile), ignored on failure.
 * Photos: tt.chooseImage camera only.
 */
export const locationHelp = '请在手机「设置 → 飞书 → 位置」中允许访问位置（飞书电脑端无法定位，请在手机上打卡），然后点「重新定位」';

export async function getHostLocation(): Promise<HostLocation> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02', accuracy: 'best' } as Taro.getLocation.Option);
    return { latitude: r.latitude, longitude: r.longitude, accuracy: r.accuracy || r.horizontalAccuracy || 0, address: null, coordType: 'gcj02' };
  } catch (err) {
    const kind = classifyLocationFailure(err);
    throw new LocationError(kind, kind === 'denied' ? '飞书未获得位置权限' : '暂时无法获取位置（请检查定位服务或网络）', locationHelp);
  }
}

export function getConnectedWifi(): Promise<WifiSpot | null> {
  return withTimeout(readWifi(), 3000, null);
}

async function readWifi(): Promise<WifiSpot | null> {
  try {
    await Taro.startWifi();
    const r = await Taro.getConnectedWifi();
    const w = (r as unknown as { wifi?: { SSID?: string; BSSID?: string } }).wifi;
    const bssid = normaliseBssid(w?.BSSID);
    return bssid ? { ssid: w?.SSID || '', bssid } : null;
  } catch {
    return null;
  }
}

export async function takePhotos(max: number): Promise<string[]> {
  const r = await Taro.chooseImage({ count: max, sourceType: ['camera'], sizeType: ['compressed'] });
  return r.tempFilePaths;
}
