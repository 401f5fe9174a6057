import Taro from '@tarojs/taro';
import type { HostLocation, WifiSpot } from './device-types';
import { LocationError, classifyLocationFailure, normaliseBssid, withTimeout } from './device-types';

/**
 * What WeCom and Feishu share (both follow the WeChat-style APIs): getLocation in GCJ-02 with no address or mock
 * flag, and Wi-Fi through startWifi → getConnectedWifi. Each host file passes its own options and wording.
 */
export async function gcj02Location(options: Taro.getLocation.Option, host: string, help: string): Promise<HostLocation> {
  try {
    const r = await Taro.getLocation(options);
    return { latitude: r.latitude, longitude: r.longitude, accuracy: r.accuracy || r.horizontalAccuracy || 0, address: null, coordType: 'gcj02' };
  } catch (err) {
    const kind = classifyLocationFailure(err);
    throw new LocationError(kind, kind === 'denied' ? `${host}未获得位置权限` : '暂时无法获取位置（请检查定位服务或网络）', help);
  }
}

/** The connected Wi-Fi within 3 s, or null (Wi-Fi off, not connected, not granted: location alone decides). */
export function startWifiConnected(): Promise<WifiSpot | null> {
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
