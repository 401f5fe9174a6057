import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

interface Params { N: number; r: number; p: number; keyLen: number }
const DEFAULT: Params = { N: 16384, r: 8, p: 1, keyLen: 32 };

function scrypt(password: string, salt: Buffer, params: Params): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, params.keyLen, { N: params.N, r: params.r, p: params.p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$<salt b64>$<hash b64>` — parameters live in the string so they can be raised later. */
export async function hashPassword(password: string, params: Params = DEFAULT): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || expected.length < 16) return false;
  const actual = await scrypt(password, salt, { N, r, p, keyLen: expected.length });
  return timingSafeEqual(actual, expected);
}
