/**
 * Delay before retry `attempt` (0-based) after a rate-limited answer.
 * The platform's own hint (Feishu `x-ogw-ratelimit-reset`) wins; otherwise exponential backoff
 * with "equal jitter" (half fixed, half random), capped.
 */
export function backoffMs(
  attempt: number,
  hintMs: number | undefined,
  random: () => number = Math.random,
  baseMs = 500,
  capMs = 30_000,
): number {
  if (hintMs !== undefined) return Math.min(capMs, hintMs) + Math.floor(random() * 250);
  const exp = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(exp / 2 + random() * (exp / 2));
}
