import type { MapPoint } from './map-args';
import { openMapWith } from './map-wx';

/** WeCom: wx.openLocation (WeChat built-in map, GCJ-02). */
export function openMap(p: MapPoint): Promise<void> {
  return openMapWith(typeof wx === 'undefined' ? undefined : wx, p);
}
