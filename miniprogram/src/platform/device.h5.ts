import Taro from '@tarojs/taro';
import type { HostLocation, WifiSpot } from './device-types';
import { LocationError, classifyLocationFailure } from './device-types';
import { wgs84ToGcj02 } from './gcj02';

/**
 * Browser: Taro.getLocation is the W3C Geolocation API (navigator.geolocation.getCurrentPosition). Taro's H5
 * implementation only accepts type 'wgs84' (anything else fails with "coordinate system type is not
 * supported"), so the WGS-84 fix is converted here to GCJ-02 (gcj02.ts), like the mini hosts return and the sites
 * are stored in: the clock page's location check, the punch and the field check-in all get GCJ-02.
 * No Wi-Fi, no mock flag. Photos: PhotoPicker.h5.tsx (<input type=file capture>).
 */
export const locationHelp = '请在浏览器地址栏左侧的「网站设置」中允许使用位置信息，并打开系统定位服务，然后点「重新定位」';

export async function getHostLocation(): Promise<HostLocation> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) {
    throw new LocationError('unsupported', '当前浏览器不支持定位', locationHelp);
  }
  let r: Taro.getLocation.SuccessCallbackResult;
  try {
    r = await Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 10000 });
  } catch (err) {
    const kind = classifyLocationFailure(err);
    throw new LocationError(kind, kind === 'denied' ? '浏览器未获得位置权限' : '暂时无法获取位置（请检查定位服务）', locationHelp);
  }
  const gcj = wgs84ToGcj02(r.latitude, r.longitude);
  return { ...gcj, accuracy: r.accuracy || 0, address: null, coordType: 'gcj02' };
}

export async function getConnectedWifi(): Promise<WifiSpot | null> {
  return null;
}

/** Not used in H5: PhotoPicker.h5.tsx renders a file input instead. */
export async function takePhotos(_max: number): Promise<string[]> {
  return [];
}
