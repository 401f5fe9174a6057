/**
 * The AMap (高德) marker page for a stored point. Coordinates are GCJ-02 — what the mini-program hosts report and
 * the server stores — which AMap takes with `coordinate=gaode`; `position` is "lng,lat"; `callnative=0` keeps it
 * on the web page. Same URL as the mini-program's H5 查看地图 (miniprogram/src/platform/map-args.ts).
 */
export function amapMarkerUrl(latitude: number, longitude: number, name: string): string | null {
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) return null;
  const round6 = (x: number) => Number(x.toFixed(6));
  const label = name.trim() || '签到位置';
  return `https://uri.amap.com/marker?position=${round6(longitude)},${round6(latitude)}&name=${encodeURIComponent(label)}&coordinate=gaode&callnative=0`;
}
