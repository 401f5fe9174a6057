import { isValidPoint, mapError, type MapPoint } from './map-args';

/**
 * Default (unknown host): no map. Taro picks map.<TARO_ENV>.ts: map.dd.ts (dd.openLocation), map.qywx.ts
 * (wx.openLocation), map.lark.ts (tt.openLocation), map.h5.ts (AMap marker URI in a new window).
 */
export async function openMap(p: MapPoint): Promise<void> {
  if (!isValidPoint(p)) throw mapError('invalid');
  throw mapError('unsupported');
}
