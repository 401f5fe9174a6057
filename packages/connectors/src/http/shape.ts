import type { Platform } from '@hrlink/shared';
import { badResponse } from './errors';

/**
 * Small shape checks for platform answers: a field we rely on that is missing or of the wrong
 * type is a BadResponse, never a TypeError deep inside a mapper.
 */
export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Shape {
  constructor(readonly platform: Platform) {}

  obj(v: unknown, what: string): Json {
    if (!isObject(v)) throw badResponse(this.platform, `${what} is not an object`);
    return v;
  }

  arr(v: unknown, what: string): unknown[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw badResponse(this.platform, `${what} is not an array`);
    return v;
  }

  /** Required non-empty string (numbers are accepted and stringified: platform ids are often numeric). */
  str(v: unknown, what: string): string {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string' || v === '') throw badResponse(this.platform, `${what} is missing`);
    return v;
  }

  num(v: unknown, what: string): number {
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw badResponse(this.platform, `${what} is not a number`);
    return n;
  }
}

/** Optional string: '' / null / undefined → null; numbers stringified. */
export function optStr(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v !== '' ? v : null;
}

/**
 * Platform ids as strings ([1, 2] → ['1', '2']), dropping empties. Also takes a JSON array
 * written as a string ("[2,3,4]"), as DingTalk's own doc examples show it.
 */
export function idList(v: unknown): string[] {
  if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      return idList(JSON.parse(v));
    } catch {
      return [];
    }
  }
  if (!Array.isArray(v)) return [];
  return v.map(optStr).filter((x): x is string => x !== null);
}

/** true / "true" → true (DingTalk doc examples quote their booleans). */
export function flag(v: unknown): boolean {
  return v === true || v === 'true';
}

/** A number, or a numeric string; anything else → null. */
export function optNum(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** An array, or a single object standing for a one-element array; anything else → []. */
export function listOf(v: unknown): Json[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}
