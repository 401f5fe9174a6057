import type { MapPoint } from './map-args';
import { openMapWith } from './map-wx';

/** Feishu: tt.openLocation (built-in map, GCJ-02; not on every desktop client). */
export function openMap(p: MapPoint): Promise<void> {
  return openMapWith(typeof tt === 'undefined' ? undefined : tt, p);
}
