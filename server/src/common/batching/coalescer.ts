/**
 * Coalesces concurrent calls into batches: items pushed while up to `maxInFlight` batches are running wait and go
 * out together in the next batch (at most `maxBatch` items), so under load N callers share one round trip and when
 * idle a call waits only for the next turn of the event loop. `work` answers one result per item, in order; when it
 * throws, every item of that batch fails with the error.
 */
export class Coalescer<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly work: (items: T[]) => Promise<R[]>,
    private readonly maxInFlight = 4,
    private readonly maxBatch = 200,
  ) {}

  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.inFlight++;
      this.work(batch.map((b) => b.item))
        .then((results) => batch.forEach((b, i) => b.resolve(results[i])))
        .catch((err) => batch.forEach((b) => b.reject(err)))
        .finally(() => {
          this.inFlight--;
          this.schedule();
        });
    }
  }
}
