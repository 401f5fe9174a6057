import Taro from '@tarojs/taro';
import type { HostLocation } from './device-types';
import { gcj02Location, startWifiConnected } from './device-wx';

/**
 * Feishu: tt.getLocation({ type: 'gcj02', accuracy: 'best' }) (not on PC); no address, no mock flag.
 * Wi-Fi: tt.startWifi / tt.getConnectedWifi where the client supports it (mobile), ignored on failure.
 * Photos: tt.chooseImage camera only.
 */
export const locationHelp = '请在手机「设置 → 飞书 → 位置」中允许访问位置（飞书电脑端无法定位，请在手机上打卡），然后点「重新定位」';

export function getHostLocation(): Promise<HostLocation> {
  return gcj02Location({ type: 'gcj02', accuracy: 'best' } as Taro.getLocation.Option, '飞书', locationHelp);
}

export const getConnectedWifi = startWifiConnected;

export async function takePhotos(max: number): Promise<string[]> {
  const r = await Taro.chooseImage({ count: max, sourceType: ['camera'], sizeType: ['compressed'] });
  return r.tempFilePaths;
}
