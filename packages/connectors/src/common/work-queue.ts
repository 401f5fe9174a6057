/**
 * Runs async tasks with bounded concurrency; a task may push more tasks (tree walks, paging).
 * `drain()` resolves when everything pushed has finished, or rejects with the first error
 * (queued tasks are then dropped). The rate limit itself lives in HttpCaller's token bucket;
 * this only bounds how many requests are in flight at once.
 */
export class WorkQueue {
  private readonly pending: Array<() => Promise<void>> = [];
  private running = 0;
  private failed?: unknown;
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

  constructor(private readonly concurrency: number) {
    if (concurrency < 1) throw new Error('concurrency must be >= 1');
  }

  push(task: () => Promise<void>): void {
    if (this.failed !== undefined) return;
    this.pending.push(task);
    this.pump();
  }

  drain(): Promise<void> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    if (this.running === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private pump(): void {
    while (this.failed === undefined && this.running < this.concurrency && this.pending.length > 0) {
      const task = this.pending.shift()!;
      this.running++;
      task().then(
        () => {
          this.running--;
          this.pump();
          this.settle();
        },
        (err) => {
          this.running--;
          if (this.failed === undefined) this.failed = err;
          this.pending.length = 0;
          this.settle();
        },
      );
    }
  }

  private settle(): void {
    if (this.failed !== undefined) {
      if (this.running > 0) return; // let in-flight tasks finish before reporting
      for (const w of this.waiters.splice(0)) w.reject(this.failed);
      return;
    }
    if (this.running === 0 && this.pending.length === 0) {
      for (const w of this.waiters.splice(0)) w.resolve();
    }
  }
}
