import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  it('answers each caller with its own result, batching calls made while a batch runs', async () => {
    const batches: number[][] = [];
    const c = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 20));
      return items.map((x) => x * 10);
    }, 1, 100);
    const first = c.push(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4, 5].map((x) => c.push(x));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('caps a batch at maxBatch and runs at most maxInFlight at once', async () => {
    let running = 0;
    let peak = 0;
    const sizes: number[] = [];
    const c = new Coalescer<number, number>(async (items) => {
      running++;
      peak = Math.max(peak, running);
      sizes.push(items.length);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return items;
    }, 2, 3);
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => c.push(i)));
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.max(...sizes)).toBe(3);
    expect(peak).toBe(2);
  });

  it('fails every item of a batch whose work throws, and keeps serving later calls', async () => {
    let fail = true;
    const c = new Coalescer<string, string>(async (items) => {
      if (fail) throw new Error('database gone');
      return items.map((s) => s.toUpperCase());
    });
    const failed = await Promise.allSettled([c.push('a'), c.push('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await c.push('c')).toBe('C');
  });
});
