import { amapMarkerUrl } from './amap';

describe('amapMarkerUrl', () => {
  it('longitude first, GCJ-02 (coordinate=gaode), web page only (callnative=0), name encoded', () => {
    expect(amapMarkerUrl(31.2404, 121.4737, '上海某科技公司')).toBe(
      'https://uri.amap.com/marker?position=121.4737,31.2404&name=%E4%B8%8A%E6%B5%B7%E6%9F%90%E7%A7%91%E6%8A%80%E5%85%AC%E5%8F%B8&coordinate=gaode&callnative=0',
    );
  });

  it('a name with & = # ? stays one parameter', () => {
    const url = new URL(amapMarkerUrl(31.2, 121.4, '张三 · A&B=C #1?')!);
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/marker');
    expect([...url.searchParams.entries()]).toEqual([
      ['position', '121.4,31.2'],
      ['name', '张三 · A&B=C #1?'],
      ['coordinate', 'gaode'],
      ['callnative', '0'],
    ]);
  });

  it('rounds to 6 decimals and keeps signs', () => {
    expect(new URL(amapMarkerUrl(31.240400000000001, 121.47370000000001, 'x')!).searchParams.get('position')).toBe('121.4737,31.2404');
    expect(new URL(amapMarkerUrl(-33.8688123456, -70.12345678, 'x')!).searchParams.get('position')).toBe('-70.123457,-33.868812');
  });

  it('an empty name gets a default label', () => {
    expect(new URL(amapMarkerUrl(31.2, 121.4, '  ')!).searchParams.get('name')).toBe('签到位置');
  });

  it.each([
    [0, 0],
    [91, 121],
    [31, 181],
    [Number.NaN, 121],
    [31, Infinity],
  ])('no link for (%p, %p)', (lat, lng) => {
    expect(amapMarkerUrl(lat, lng, 'x')).toBeNull();
  });
});
