import { backoffMs } from '@hrlink/connectors';

/**
 * Retry schedule for outbox deliveries: the connectors' `backoffMs` (exponential base · 2^(attempt-1), capped, with
 * "equal jitter" — half the delay fixed, half random) with the delivery settings. `attempt` is the number of attempts
 * made so far (1 after the first failure). `random` in [0, 1).
 */
export function deliveryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return backoffMs(Math.max(0, attempt - 1), undefined, random, baseMs, maxMs);
}

/** Connector error kinds that no retry can fix: park the message as failed at once. */
export const PERMANENT_KINDS = new Set(['recipient_invalid', 'auth_failed']);
