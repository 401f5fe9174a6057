import { callOpenLocation, isValidPoint, mapError, wxOpenLocationArgs, type MapPoint, type OpenLocationHost, type WxOpenLocationArgs } from './map-args';

/**
 * What WeCom and Feishu share: the WeChat-style openLocation({ latitude, longitude (numbers, GCJ-02), name,
 * address, scale }) on the host object (`wx` / `tt`). A client without it (e.g. some desktop clients) →
 * MapError 'unsupported'.
 */
export function openMapWith(host: OpenLocationHost<WxOpenLocationArgs> | undefined, p: MapPoint): Promise<void> {
  if (!isValidPoint(p)) return Promise.reject(mapError('invalid'));
  return callOpenLocation(host, wxOpenLocationArgs(p));
}
