import {
  DEFAULT_MAP_NAME,
  MAP_SCALE,
  MapError,
  amapMarkerUrl,
  callOpenLocation,
  classifyMapFailure,
  ddOpenLocationArgs,
  isValidPoint,
  mapPoint,
  mapToastText,
  wxOpenLocationArgs,
  type OpenLocationHost,
} from './map-args';
import { openMapWith } from './map-wx';

const VISIT = mapPoint(31.2404, 121.4737, '上海某科技公司', '上海市黄浦区人民大道 200 号');

describe('amapMarkerUrl (H5)', () => {
  it('puts longitude first, GCJ-02 (coordinate=gaode), web only (callnative=0)', () => {
    expect(amapMarkerUrl(VISIT)).toBe(
      'https://uri.amap.com/marker?position=121.4737,31.2404&name=%E4%B8%8A%E6%B5%B7%E6%9F%90%E7%A7%91%E6%8A%80%E5%85%AC%E5%8F%B8&coordinate=gaode&callnative=0',
    );
  });

  it('encodes the name so it cannot add or break parameters', () => {
    const url = new URL(amapMarkerUrl(mapPoint(31.2, 121.4, 'A&B=C #1 / 客户?', '')));
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect(url.searchParams.get('name')).toBe('A&B=C #1 / 客户?');
    expect(url.searchParams.get('position')).toBe('121.4,31.2');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('callnative')).toBe('0');
    expect([...url.searchParams.keys()]).toEqual(['position', 'name', 'coordinate', 'callnative']);
  });

  it('rounds to 6 decimals (float noise, over-precise fixes) and keeps the sign (west / south)', () => {
    const url = new URL(amapMarkerUrl(mapPoint(31.240400000000001, 121.47370000000001, 'x', '')));
    expect(url.searchParams.get('position')).toBe('121.4737,31.2404');
    expect(new URL(amapMarkerUrl(mapPoint(-33.8688123456, -70.12345678, 'x', ''))).searchParams.get('position')).toBe('-70.123457,-33.868812');
  });
});

describe('openLocation arguments', () => {
  it('DingTalk: coordinates as strings, name and address always present, scale within 3–19', () => {
    expect(ddOpenLocationArgs(VISIT)).toEqual({
      latitude: '31.2404',
      longitude: '121.4737',
      name: '上海某科技公司',
      address: '上海市黄浦区人民大道 200 号',
      scale: MAP_SCALE,
    });
    expect(MAP_SCALE).toBeGreaterThanOrEqual(5);
    expect(MAP_SCALE).toBeLessThanOrEqual(18);
  });

  it('WeCom / Feishu: numbers, same name / address / scale', () => {
    expect(wxOpenLocationArgs(VISIT)).toEqual({
      latitude: 31.2404,
      longitude: 121.4737,
      name: '上海某科技公司',
      address: '上海市黄浦区人民大道 200 号',
      scale: MAP_SCALE,
    });
  });

  it('a record without name / address gets the default name and the coordinates as address', () => {
    const p = mapPoint(31.2404, 121.4737, '  ', null);
    expect(p.name).toBe(DEFAULT_MAP_NAME);
    expect(p.address).toBe('31.24040, 121.47370');
    expect(ddOpenLocationArgs(p).address).toBe('31.24040, 121.47370');
  });
});

describe('isValidPoint', () => {
  it.each([
    [31.2, 121.4, true],
    [-90, 180, true],
    [0, 0, false],
    [91, 0, false],
    [0, -181, false],
    [Number.NaN, 121, false],
    [Infinity, 121, false],
  ])('(%p, %p) → %p', (lat, lng, ok) => {
    expect(isValidPoint({ latitude: lat, longitude: lng })).toBe(ok);
  });

  it('null coordinates (a punch without a fix) are invalid', () => {
    expect(isValidPoint({ latitude: null, longitude: null })).toBe(false);
  });
});

describe('classifyMapFailure', () => {
  it.each([
    [{ errMsg: 'openLocation:fail cancel' }, 'cancel'],
    [{ errorMessage: '用户取消' }, 'cancel'],
    [{ errMsg: 'openLocation:fail not support' }, 'unsupported'],
    [new TypeError('dd.openLocation is not a function'), 'unsupported'],
    [{ errMsg: 'openLocation:fail internal error' }, 'failed'],
    [{ error: 3 }, 'failed'],
    [undefined, 'failed'],
  ])('%p → %s', (err, kind) => {
    expect(classifyMapFailure(err).kind).toBe(kind);
  });

  it('every kind has a toast text; foreign errors get the generic one', () => {
    expect(mapToastText(classifyMapFailure({ errMsg: 'cancel' }))).toBe('已取消查看地图');
    expect(mapToastText(new Error('boom'))).toBe('无法打开地图，请稍后重试');
  });
});

/** A fake host object recording what openLocation received and answering as told. */
function fakeHost<A>(answer: 'success' | { fail: unknown } | 'throw'): OpenLocationHost<A> & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    openLocation(opts) {
      const { success, fail, ...args } = opts;
      calls.push(args);
      if (answer === 'success') success?.({ errMsg: 'openLocation:ok' });
      else if (answer === 'throw') throw new TypeError('openLocation is not a function');
      else fail?.(answer.fail);
    },
  };
}

describe('callOpenLocation / openMapWith (host mapping)', () => {
  it('WeCom / Feishu host receives the numeric arguments and resolves on success', async () => {
    const host = fakeHost<ReturnType<typeof wxOpenLocationArgs>>('success');
    await expect(openMapWith(host, VISIT)).resolves.toBeUndefined();
    expect(host.calls).toEqual([{ latitude: 31.2404, longitude: 121.4737, name: '上海某科技公司', address: '上海市黄浦区人民大道 200 号', scale: MAP_SCALE }]);
  });

  it('DingTalk-style host receives the string arguments', async () => {
    const host = fakeHost<ReturnType<typeof ddOpenLocationArgs>>('success');
    await callOpenLocation(host, ddOpenLocationArgs(VISIT));
    expect(host.calls).toEqual([{ latitude: '31.2404', longitude: '121.4737', name: '上海某科技公司', address: '上海市黄浦区人民大道 200 号', scale: MAP_SCALE }]);
  });

  it('no host / no openLocation → unsupported, never a silent no-op', async () => {
    await expect(openMapWith(undefined, VISIT)).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(openMapWith({}, VISIT)).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('the user cancelling → cancel; other failures and throws → failed / unsupported', async () => {
    await expect(openMapWith(fakeHost({ fail: { errMsg: 'openLocation:fail cancel' } }), VISIT)).rejects.toMatchObject({ kind: 'cancel' });
    await expect(openMapWith(fakeHost({ fail: { errMsg: 'openLocation:fail system error' } }), VISIT)).rejects.toMatchObject({ kind: 'failed' });
    await expect(openMapWith(fakeHost('throw'), VISIT)).rejects.toBeInstanceOf(MapError);
    await expect(openMapWith(fakeHost('throw'), VISIT)).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('an invalid point is refused before the host is called', async () => {
    const host = fakeHost<ReturnType<typeof wxOpenLocationArgs>>('success');
    await expect(openMapWith(host, mapPoint(0, 0, 'x', 'y'))).rejects.toMatchObject({ kind: 'invalid' });
    expect(host.calls).toEqual([]);
  });
});
