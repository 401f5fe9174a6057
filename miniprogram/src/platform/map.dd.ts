import { callOpenLocation, ddOpenLocationArgs, isValidPoint, mapError, type MapPoint } from './map-args';

/**
 * DingTalk: dd.openLocation({ latitude, longitude (String), name, address (both required), scale }) — DingTalk's
 * built-in map is AMap, GCJ-02. Older clients without the API → MapError 'unsupported'.
 */
export function openMap(p: MapPoint): Promise<void> {
  if (!isValidPoint(p)) return Promise.reject(mapError('invalid'));
  const host = typeof dd === 'undefined' ? undefined : dd;
  return callOpenLocation(host, ddOpenLocationArgs(p));
}
