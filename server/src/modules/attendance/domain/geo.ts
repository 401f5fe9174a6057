import type { LocationCheck, WifiSpot } from '@hrlink/shared';

export interface LatLng {
  latitude: number;
  longitude: number;
}

export interface SiteGeo extends LatLng {
  id: string;
  name: string;
  radiusMeters: number;
  wifi: WifiSpot[];
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const BSSID = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Lower-case, colon-separated ("A4-56-02-11-22-33" → "a4:56:02:11:22:33"); null when it is not a MAC. */
export function normalizeBssid(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const v = raw.trim().toLowerCase().replace(/-/g, ':');
  return BSSID.test(v) ? v : null;
}

/**
 * In range = inside any site's radius, or connected to any site's BSSID (case-insensitive). The nearest site and its
 * distance are always given (null without sites); the site matched by radius wins over a Wi-Fi match for `site`.
 */
export function checkLocation(sites: SiteGeo[], loc: LatLng & { wifi?: WifiSpot | null }): LocationCheck {
  let nearest: { site: SiteGeo; d: number } | null = null;
  let inside: { site: SiteGeo; d: number } | null = null;
  for (const site of sites) {
    const d = haversineMeters(site, loc);
    if (!nearest || d < nearest.d) nearest = { site, d };
    if (d <= site.radiusMeters && (!inside || d < inside.d)) inside = { site, d };
  }
  const ref = (x: { site: SiteGeo; d: number }) => ({ id: x.site.id, name: x.site.name, distanceMeters: Math.round(x.d) });
  if (inside) return { inRange: true, matchedBy: 'site', site: ref(inside), nearest: ref(nearest!), wifiMatched: null };
  const bssid = normalizeBssid(loc.wifi?.bssid);
  if (bssid) {
    for (const site of sites) {
      const spot = site.wifi.find((w) => normalizeBssid(w.bssid) === bssid);
      if (spot) {
        return { inRange: true, matchedBy: 'wifi', site: { id: site.id, name: site.name, distanceMeters: Math.round(haversineMeters(site, loc)) },
          nearest: ref(nearest!), wifiMatched: { ssid: spot.ssid, bssid } };
      }
    }
  }
  return { inRange: false, matchedBy: null, site: null, nearest: nearest ? ref(nearest) : null, wifiMatched: null };
}
