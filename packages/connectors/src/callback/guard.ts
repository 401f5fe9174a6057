import { createHash } from 'node:crypto';
import type { Platform } from '@hrlink/shared';
import { ConnectorError, ConnectorErrorKind } from '../types';

/** Callbacks older or newer than this (vs our clock) are refused as replays. */
export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

export interface CallbackOptions {
  now?: number;
  maxSkewMs?: number;
}

/** Throws the one error every refused callback gets: kind `callback_rejected`, the reason in the message. */
export function reject(platform: Platform, reason: string): never {
  throw new ConnectorError(ConnectorErrorKind.CallbackRejected, `${platform} callback rejected: ${reason}`, platform);
}

/**
 * Epoch ms of a platform timestamp: WeCom / Feishu send seconds, DingTalk milliseconds. Anything
 * that is not a plain positive integer is refused.
 */
export function timestampMs(platform: Platform, raw: string | undefined): number {
  if (!raw || !/^\d{1,16}$/.test(raw)) reject(platform, 'missing or malformed timestamp');
  const n = Number(raw);
  return n >= 1e12 ? n : n * 1000;
}

/** Refuses a timestamp outside ±maxSkewMs of now (a replayed or badly delayed callback). */
export function checkFresh(platform: Platform, sentAt: number, opts: CallbackOptions = {}): void {
  const now = opts.now ?? Date.now();
  const skew = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (Math.abs(now - sentAt) > skew) reject(platform, `timestamp ${new Date(sentAt).toISOString()} is outside the ${skew / 1000}s window`);
}

/** A stable id for platforms that have no event id: the digest of the ciphertext (same on redelivery). */
export function digestId(prefix: string, ciphertext: string): string {
  return `${prefix}:${createHash('sha256').update(ciphertext).digest('hex').slice(0, 40)}`;
}

/** Constant-time comparison of two hex / ascii strings. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  if (x.length !== y.length) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

/** Header lookup that ignores case (Node lower-cases, other frameworks may not). */
export function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return Array.isArray(v) ? v[0] : v;
  return undefined;
}
