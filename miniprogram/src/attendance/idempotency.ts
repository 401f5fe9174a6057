/** A random key: time + randomness (crypto is not available on every host). */
export function newIdempotencyKey(now: number = Date.now(), rnd: () => number = Math.random): string {
  let r = '';
  for (let i = 0; i < 4; i++) r += Math.floor(rnd() * 0x100000000).toString(16).padStart(8, '0');
  return `${now.toString(36)}-${r}`;
}

/**
 * One key per tap; the same key again when the previous attempt never got an answer (network error / timeout),
 * so the retry is stored once by the server. Any answer from the server (success or refusal) ends the attempt.
 */
export class IdempotencyKeeper {
  private pending: string | null = null;
  constructor(private readonly gen: () => string = () => newIdempotencyKey()) {}

  /** The key for this tap. */
  keyForTap(): string {
    if (!this.pending) this.pending = this.gen();
    return this.pending;
  }

  /** The server answered (2xx or an error body): the next tap is a new punch. */
  answered(): void {
    this.pending = null;
  }

  /** No answer (network): keep the key for the retry. */
  networkFailed(): void {
    /* the pending key stays */
  }

  /** Settle from an error: a network failure keeps the key, anything else releases it. */
  settle(err: { code?: string } | null): void {
    if (err && err.code === 'NETWORK_ERROR') this.networkFailed();
    else this.answered();
  }

  get pendingKey(): string | null {
    return this.pending;
  }
}
