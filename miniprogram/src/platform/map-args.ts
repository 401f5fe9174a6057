/**
 * "查看地图": the pure part of opening a point on the host's map (unit-tested in map-args.spec.ts). The per-host
 * files map.<env>.ts only pick the host object (dd / wx / tt) or, on H5, open the AMap marker URI.
 *
 * Coordinates are GCJ-02 everywhere (what the hosts report, the server stores and these maps expect).
 */

/** A point to show: GCJ-02 coordinates, the pin's title and a line of address under it. */
export interface MapPoint {
  latitude: number;
  longitude: number;
  name: string;
  address: string;
}

/**
 * Zoom level: street level on every host. WeChat / WeCom / Feishu accept 5–18 (default 18), DingTalk 3–19
 * (default 15); WeCom's JS-SDK doc says 1–28 — 16 is inside all of them.
 */
export const MAP_SCALE = 16;

/** What the pin shows when the record has no name / address (DingTalk requires both). */
export const DEFAULT_MAP_NAME = '签到位置';

export type MapErrorKind = 'invalid' | 'unsupported' | 'cancel' | 'failed';

/** A failed "查看地图"; `message` is the zh-CN toast text. */
export class MapError extends Error {
  constructor(
    public readonly kind: MapErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'MapError';
  }
}

const MESSAGES: Record<MapErrorKind, string> = {
  invalid: '这条记录没有有效的位置',
  unsupported: '当前客户端不支持查看地图',
  cancel: '已取消查看地图',
  failed: '无法打开地图，请稍后重试',
};

export function mapError(kind: MapErrorKind): MapError {
  return new MapError(kind, MESSAGES[kind]);
}

/** Finite, in range, and not the (0, 0) a missing fix turns into. */
export function isValidPoint(p: { latitude: unknown; longitude: unknown }): p is { latitude: number; longitude: number } {
  const { latitude: lat, longitude: lng } = p;
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return false;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return false;
  return !(lat === 0 && lng === 0);
}

/** 6 decimals (~0.1 m) is more than any phone fix; also drops float noise like 121.47370000000001. */
function round6(x: number): number {
  return Number(x.toFixed(6));
}

/** A point from a record: name / address trimmed, defaulted (name → DEFAULT_MAP_NAME, address → "lat, lng"). */
export function mapPoint(latitude: number, longitude: number, name?: string | null, address?: string | null): MapPoint {
  const n = (name || '').trim();
  const a = (address || '').trim();
  return {
    latitude,
    longitude,
    name: n || DEFAULT_MAP_NAME,
    address: a || (Number.isFinite(latitude) && Number.isFinite(longitude) ? `${latitude.toFixed(5)}, ${longitude.toFixed(5)}` : ''),
  };
}

/** DingTalk `dd.openLocation`: latitude / longitude documented as String, name and address required. */
export interface DdOpenLocationArgs {
  latitude: string;
  longitude: string;
  name: string;
  address: string;
  scale: number;
}

export function ddOpenLocationArgs(p: MapPoint): DdOpenLocationArgs {
  return { latitude: String(round6(p.latitude)), longitude: String(round6(p.longitude)), name: p.name, address: p.address, scale: MAP_SCALE };
}

/** WeCom `wx.openLocation` / Feishu `tt.openLocation`: numbers (GCJ-02), name and address optional. */
export interface WxOpenLocationArgs {
  latitude: number;
  longitude: number;
  name: string;
  address: string;
  scale: number;
}

export function wxOpenLocationArgs(p: MapPoint): WxOpenLocationArgs {
  return { latitude: round6(p.latitude), longitude: round6(p.longitude), name: p.name, address: p.address, scale: MAP_SCALE };
}

/**
 * The AMap marker URI for browsers (H5 has no native map): AMap takes GCJ-02 (`coordinate=gaode`), position is
 * "lng,lat"; `callnative=0` stays on the web page instead of trying to launch the AMap app.
 */
export function amapMarkerUrl(p: MapPoint): string {
  const position = `${round6(p.longitude)},${round6(p.latitude)}`;
  return `https://uri.amap.com/marker?position=${position}&name=${encodeURIComponent(p.name)}&coordinate=gaode&callnative=0`;
}

/** Host failure → cancel (the user backed out) or failed; hosts say "cancel" in errMsg / errorMessage. */
export function classifyMapFailure(err: unknown): MapError {
  const e = (err || {}) as { errMsg?: string; errorMessage?: string; message?: string; error?: number; errCode?: number };
  const text = `${e.errMsg || ''} ${e.errorMessage || ''} ${e.message || ''}`;
  if (/cancel|取消/i.test(text)) return mapError('cancel');
  if (/not ?support|no such api|is not a function|不支持/i.test(text)) return mapError('unsupported');
  return mapError('failed');
}

/** The callback-style `openLocation` a host object may have. */
export interface OpenLocationHost<A> {
  openLocation?: (opts: A & { success?: (r: unknown) => void; fail?: (err: unknown) => void }) => void;
}

/**
 * Call `host.openLocation(args)` and settle when the host answers: missing host or API → unsupported, a fail
 * callback or a throw → classifyMapFailure. Resolves once the host says the map opened.
 */
export function callOpenLocation<A extends object>(host: OpenLocationHost<A> | undefined | null, args: A): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!host || typeof host.openLocation !== 'function') return reject(mapError('unsupported'));
    try {
      host.openLocation({ ...args, success: () => resolve(), fail: (err: unknown) => reject(classifyMapFailure(err)) });
    } catch (err) {
      reject(classifyMapFailure(err));
    }
  });
}

/** Any error from openMap → the toast text (MapError carries its own). */
export function mapToastText(err: unknown): string {
  return err instanceof MapError ? err.message : MESSAGES.failed;
}
