import Taro from '@tarojs/taro';
import type { HostLocation } from './device-types';
import { gcj02Location, startWifiConnected } from './device-wx';

/**
 * WeCom: wx.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 }); no address, no
 * mock flag. Wi-Fi: wx.startWifi → wx.getConnectedWifi (SSID, BSSID). Photos: wx.chooseMedia camera only.
 */
export const locationHelp = '请在手机「设置 → 企业微信 → 位置」中允许访问位置，并在右上角「···→ 设置」中打开位置信息，然后点「重新定位」';

export function getHostLocation(): Promise<HostLocation> {
  return gcj02Location({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 }, '企业微信', locationHelp);
}

export const getConnectedWifi = startWifiConnected;

export async function takePhotos(max: number): Promise<string[]> {
  const r = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['camera'], sizeType: ['compressed'] });
  return r.tempFiles.map((f) => f.tempFilePath);
}
