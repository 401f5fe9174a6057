import type { ValueTransformer } from 'typeorm';
import { FieldCipher } from './field-cipher';

let active: FieldCipher | null = null;

/** Installed once at boot from the crypto config (entity decorators are static, so the key is held here). */
export function installFieldCipher(cipher: FieldCipher): void {
  active = cipher;
}

export function fieldCipher(): FieldCipher {
  if (!active) throw new Error('field cipher not installed');
  return active;
}

/** Column transformer: plaintext in the entity, AES-256-GCM ciphertext in the database. */
export const encrypted: ValueTransformer = {
  to(value: string | null | undefined) {
    if (value === null || value === undefined) return value;
    return fieldCipher().encrypt(value);
  },
  from(value: string | null | undefined) {
    if (value === null || value === undefined) return value;
    return fieldCipher().decrypt(value);
  },
};
