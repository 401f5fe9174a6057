import { amapMarkerUrl, isValidPoint, mapError, type MapPoint } from './map-args';

/**
 * Browser: no native map — open the AMap marker URI (GCJ-02, `coordinate=gaode`) in a new window, cut off from
 * this page (`opener = null`). When the popup is blocked, navigate this window there instead (back returns).
 */
export async function openMap(p: MapPoint): Promise<void> {
  if (!isValidPoint(p)) throw mapError('invalid');
  if (typeof window === 'undefined') throw mapError('unsupported');
  const url = amapMarkerUrl(p);
  let w: Window | null = null;
  try {
    w = window.open(url, '_blank');
  } catch {
    w = null;
  }
  if (w) {
    try {
      w.opener = null;
    } catch {
      // cross-origin already: nothing to cut
    }
    return;
  }
  try {
    window.location.assign(url);
  } catch {
    throw mapError('failed');
  }
}
