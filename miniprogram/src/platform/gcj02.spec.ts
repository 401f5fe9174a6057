import { wgs84ToGcj02 } from './gcj02';

/** Great-circle distance in metres (haversine), only to state the size of the offset. */
function metres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(r(b.latitude - a.latitude) / 2) ** 2 + Math.cos(r(a.latitude)) * Math.cos(r(b.latitude)) * Math.sin(r(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

describe('wgs84ToGcj02', () => {
  // Expected values from independent implementations' published tests, not from gcoord:
  // googollee/eviltransform go/transform_test.go (Shanghai, Shenzhen) and wandergis/coordtransform test/app.js
  // (Beijing, also asserted by hutool's CoordinateUtilTest).
  it.each([
    ['Shanghai (eviltransform)', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
    ['Shenzhen (eviltransform)', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
    ['Beijing (coordtransform)', 39.915, 116.404, 39.91640428150164, 116.41024449916938],
  ])('%s', (_name, wgsLat, wgsLng, gcjLat, gcjLng) => {
    const got = wgs84ToGcj02(wgsLat, wgsLng);
    expect(got.latitude).toBeCloseTo(gcjLat, 7);
    expect(got.longitude).toBeCloseTo(gcjLng, 7);
  });

  it('moves a Shanghai fix by several hundred metres (why an unconverted browser fix missed the sites)', () => {
    const wgs = { latitude: 31.1774276, longitude: 121.5272106 };
    const d = metres(wgs, wgs84ToGcj02(wgs.latitude, wgs.longitude));
    expect(d).toBeGreaterThan(400);
    expect(d).toBeLessThan(600);
  });

  it('puts the e2e tests\' faked browser fixes where they mean (demo site 示例科技总部, GCJ-02 31.2304, 121.4737, 300 m)', () => {
    const site = { latitude: 31.2304, longitude: 121.4737 };
    const atSite = wgs84ToGcj02(31.232429, 121.469263);
    expect(metres(atSite, site)).toBeLessThan(20);
    // Unconverted, the same fix is ~480 m from the site: outside its 300 m.
    expect(metres({ latitude: 31.232429, longitude: 121.469263 }, site)).toBeGreaterThan(450);
    // A fix equal to the site's GCJ-02 numbers lands ~480 m away once converted.
    expect(metres(wgs84ToGcj02(site.latitude, site.longitude), site)).toBeGreaterThan(450);
  });

  it('is the identity outside China', () => {
    expect(wgs84ToGcj02(51.5072, -0.1276)).toEqual({ latitude: 51.5072, longitude: -0.1276 }); // London
    expect(wgs84ToGcj02(-33.8688, 151.2093)).toEqual({ latitude: -33.8688, longitude: 151.2093 }); // Sydney
    expect(wgs84ToGcj02(40.7128, -74.006)).toEqual({ latitude: 40.7128, longitude: -74.006 }); // New York
    expect(wgs84ToGcj02(35.6895, 139.6917)).toEqual({ latitude: 35.6895, longitude: 139.6917 }); // Tokyo (east of 137.8347°E)
  });
});
