import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a file URL lets its holder fetch: one file, for one viewer, one variant, until `exp` (unix seconds). */
export interface FileGrant {
  fileId: string;
  /** `employee:<id>` / `admin:<id>`: whom the URL was issued to (logged on every fetch). */
  viewer: string;
  /** 'o' = original bytes (owner, HR/admin); 's' = metadata stripped (managers). */
  variant: 'o' | 's';
  exp: number;
}

const mac = (secret: string, g: FileGrant) =>
  createHmac('sha256', secret).update(`${g.fileId}\n${g.viewer}\n${g.variant}\n${g.exp}`).digest('base64url');

/** `<exp>.<variant>.<viewer base64url>.<hmac>`; the file id is in the path and covered by the HMAC. */
export function signGrant(secret: string, g: FileGrant): string {
  return `${g.exp}.${g.variant}.${Buffer.from(g.viewer).toString('base64url')}.${mac(secret, g)}`;
}

export type GrantCheck = { ok: true; grant: FileGrant } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Verifies a token for this file id at `nowSeconds`. */
export function verifyGrant(secret: string, fileId: string, token: string, nowSeconds: number): GrantCheck {
  const m = /^(\d{1,12})\.([os])\.([A-Za-z0-9_-]{1,200})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!m) return { ok: false, reason: 'malformed' };
  const grant: FileGrant = { fileId, exp: Number(m[1]), variant: m[2] as 'o' | 's', viewer: Buffer.from(m[3], 'base64url').toString() };
  const want = Buffer.from(mac(secret, grant));
  const got = Buffer.from(m[4]);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'bad_signature' };
  if (grant.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}
