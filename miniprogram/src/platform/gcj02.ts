import gcoord from 'gcoord';

/**
 * WGS-84 (what a browser's Geolocation API gives) → GCJ-02 (what DingTalk / WeCom / Feishu `getLocation` return and
 * what attendance sites are stored in), by gcoord (pinned). Only device.h5.ts imports this file, so the mini builds
 * never bundle gcoord.
 *
 * Outside China gcoord returns the point unchanged, but its "China" is one rectangle (72.004–137.8347°E,
 * 0.8293–55.8271°N): neighbouring cities inside it (Seoul, Osaka, Hanoi, Ulaanbaatar, Bangkok, Singapore) are shifted
 * too (130–540 m). The mini hosts return plain WGS-84 there, so an H5 punch at a site in those cities would be off by
 * that much. See README (Location per host).
 */
export function wgs84ToGcj02(latitude: number, longitude: number): { latitude: number; longitude: number } {
  const [lng, lat] = gcoord.transform([longitude, latitude], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return { latitude: lat, longitude: lng };
}
