/**
 * Values remembered per key for `ttlMs` in this process. `clear()` / `delete()` also make every load that started
 * before them answer without being remembered: such a load may have read the rows as they were before the change's
 * commit, and remembering it would hide the change until the entry expires.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: V }>();
  private epoch = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** The remembered value if still fresh. */
  peek(key: K): { value: V } | undefined {
    const hit = this.entries.get(key);
    return hit && Date.now() - hit.at < this.ttlMs ? hit : undefined;
  }

  /** The remembered value, else load()'s — remembered unless the cache was cleared while it loaded. */
  async get(key: K, load: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit) return hit.value;
    const started = this.epoch;
    const value = await load();
    this.set(key, value, started);
    return value;
  }

  /** For loads of several keys at once: take a mark before reading, pass it to set(). */
  mark(): number {
    return this.epoch;
  }

  set(key: K, value: V, mark: number): void {
    if (mark !== this.epoch) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { at: Date.now(), value });
  }

  delete(keys: Iterable<K>): void {
    this.epoch++;
    for (const k of keys) this.entries.delete(k);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }
}
