import Taro from '@tarojs/taro';
import type { HostLocation, WifiSpot } from './device-types';
import { LocationError, classifyLocationFailure, normaliseBssid, withTimeout } from './device-types';

/**
 * WeCom: wx.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 }); no address, no
 * mock flag. Wi-Fi: wx.startWifi → wx.getConnectedWifi (SSID, BSSID). Photos: wx.chooseMedia camera only.
 */
export const locationHelp = '请在手机「设置 → 企业微信 → 位置」中允许访问位置，并在右上角「···→ 设置」中打开位置信息，然后点「重新定位」';

export async function getHostLocation(): Promise<HostLocation> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 });
    return { latitude: r.latitude, longitude: r.longitude, accuracy: r.accuracy || r.horizontalAccuracy || 0, address: null, coordType: 'gcj02' };
  } catch (err) {
    const kind = classifyLocationFailure(err);
    throw new LocationError(kind, kind === 'denied' ? '企业微信未获得位置权限' : '暂时无法获取位置（请检查定位服务或网络）', locationHelp);
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
    return null; // Wi-Fi off, not connected, or not granted: location alone decides
  }
}

export async function takePhotos(max: number): Promise<string[]> {
  const r = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['camera'], sizeType: ['compressed'] });
  return r.tempFiles.map((f) => f.tempFilePath);
}
