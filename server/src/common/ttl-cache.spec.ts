import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('remembers a loaded value until it expires', async () => {
    const cache = new TtlCache<string, number>(50);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    await new Promise((r) => setTimeout(r, 70));
    expect(await cache.get('a', load)).toBe(2);
  });

  it('a load under way when the cache is cleared or its key deleted is answered but not remembered', async () => {
    const cache = new TtlCache<string, string>(60_000);
    for (const drop of [() => cache.clear(), () => cache.delete(['k'])]) {
      let release!: (v: string) => void;
      const slow = cache.get('k', () => new Promise<string>((r) => { release = r; }));
      drop();
      release('read before the change');
      expect(await slow).toBe('read before the change');
      expect(await cache.get('k', async () => 'read after')).toBe('read after');
      cache.clear();
    }
    const mark = cache.mark();
    cache.delete(['other']);
    cache.set('k', 'bulk read before the change', mark);
    expect(cache.peek('k')).toBeUndefined();
  });

  it('starts over when full', async () => {
    const cache = new TtlCache<number, number>(60_000, 3);
    for (const k of [1, 2, 3]) await cache.get(k, async () => k);
    await cache.get(4, async () => 4);
    expect([1, 2, 3, 4].map((k) => cache.peek(k)?.value)).toEqual([undefined, undefined, undefined, 4]);
  });
});
