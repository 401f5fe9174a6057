/** 13812345678 -> 138****5678; anything shorter than 7 characters keeps only its last two. */
export function maskMobile(mobile: string | null | undefined): string | null {
  if (!mobile) return null;
  const digits = mobile.trim();
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 0))}${digits.slice(-2)}`;
}

/** Shows the last 4 characters of a secret: `********abcd`. */
export function maskSecret(secret: string | null | undefined): string | null {
  if (!secret) return null;
  return `********${secret.slice(-4)}`;
}
