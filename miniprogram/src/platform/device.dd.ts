import Taro from '@tarojs/taro';
import type { HostLocation, WifiSpot } from './device-types';
import { LocationError, classifyLocationFailure, normaliseBssid, withTimeout } from './device-types';

/**
 * DingTalk: dd.getLocation({ type: 1 (reverse geocode → address), targetAccuracy: 50, useCache: false,
 * cacheTimeout }) — GCJ-02 (DingTalk's mini-program location is 高德/GCJ-02). isFromMock / isMock when the
 * host reports it (Android). Wi-Fi: dd.getWifiHotspotStatus is not uniformly available in mini-programs;
 * tried, ignored on failure.
 */
export const locationHelp = '请在手机「设置 → 钉钉 → 位置」中允许访问位置，并打开系统定位服务，然后点「重新定位」';

interface DdLocation {
  latitude: string | number;
  longitude: string | number;
  accuracy: string | number;
  address?: string;
  isFromMock?: boolean;
  isMock?: boolean;
}

export function getHostLocation(): Promise<HostLocation> {
  return new Promise((resolve, reject) => {
    const fail = (err: unknown) => {
      const kind = classifyLocationFailure(err);
      reject(new LocationError(kind, kind === 'denied' ? '钉钉未获得位置权限' : '暂时无法获取位置（请检查定位服务或网络）', locationHelp));
    };
    try {
      dd.getLocation({
        type: 1,
        targetAccuracy: '50',
        useCache: false,
        cacheTimeout: 5,
        success: (r: DdLocation) =>
          resolve({
            latitude: Number(r.latitude),
            longitude: Number(r.longitude),
            accuracy: Number(r.accuracy) || 0,
            isMock: r.isFromMock ?? r.isMock,
            address: r.address || null,
            coordType: 'gcj02',
          }),
        fail,
      });
    } catch (err) {
      fail(err);
    }
  });
}

export function getConnectedWifi(): Promise<WifiSpot | null> {
  return withTimeout(readWifi(), 3000, null);
}

function readWifi(): Promise<WifiSpot | null> {
  return new Promise((resolve) => {
    try {
      if (typeof dd.getWifiHotspotStatus !== 'function') return resolve(null);
      dd.getWifiHotspotStatus({
        success: (r: { ssid?: string; bssid?: string; SSID?: string; BSSID?: string; macIp?: string }) => {
          const bssid = normaliseBssid(r.bssid || r.BSSID || r.macIp);
          resolve(bssid ? { ssid: r.ssid || r.SSID || '', bssid } : null);
        },
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

export async function takePhotos(max: number): Promise<string[]> {
  const r = await Taro.chooseImage({ count: max, sourceType: ['camera'], sizeType: ['compressed'] });
  const anyR = r as unknown as { tempFilePaths?: string[]; filePaths?: string[]; apFilePaths?: string[] };
  return anyR.tempFilePaths || anyR.filePaths || anyR.apFilePaths || [];
}
