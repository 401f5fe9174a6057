import { randomBytes } from 'node:crypto';
import { FieldCipher, normalizeMobile } from './field-cipher';
import { hashPassword, verifyPassword } from './password';

describe('FieldCipher', () => {
  const key = Buffer.from('0123456789abcdef0123456789abcdef');
  const cipher = new FieldCipher(key);

  it('round-trips Chinese text and never stores the plaintext', () => {
    const stored = cipher.encrypt('dingdemo-app-secret-0001 人力资源');
    expect(stored.startsWith('v1:')).toBe(true);
    expect(stored).not.toContain('dingdemo');
    expect(cipher.decrypt(stored)).toBe('dingdemo-app-secret-0001 人力资源');
  });

  it('uses a fresh IV: the same plaintext encrypts differently', () => {
    expect(cipher.encrypt('13800000001')).not.toBe(cipher.encrypt('13800000001'));
  });

  it('rejects a tampered value and a different key', () => {
    const stored = cipher.encrypt('secret');
    const raw = Buffer.from(stored.slice(3), 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt('v1:' + raw.toString('base64'))).toThrow();
    expect(() => new FieldCipher(randomBytes(32)).decrypt(stored)).toThrow();
  });

  it('blind index is stable per key and differs between keys', () => {
    expect(cipher.blindIndex('13800000001')).toBe(cipher.blindIndex('13800000001'));
    expect(cipher.blindIndex('13800000001')).not.toBe(cipher.blindIndex('13800000002'));
    expect(new FieldCipher(randomBytes(32)).blindIndex('13800000001')).not.toBe(cipher.blindIndex('13800000001'));
  });

  it('normalises mobiles for matching', () => {
    expect(normalizeMobile('+86 138-0000-0001')).toBe('13800000001');
    expect(normalizeMobile('13800000001')).toBe('13800000001');
    expect(normalizeMobile('')).toBeNull();
  });
});

describe('password hashing', () => {
  it('verifies the right password only, with a per-user salt', async () => {
    const a = await hashPassword('hrlink2026');
    const b = await hashPassword('hrlink2026');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    await expect(verifyPassword('hrlink2026', a)).resolves.toBe(true);
    await expect(verifyPassword('hrlink2027', a)).resolves.toBe(false);
    await expect(verifyPassword('hrlink2026', 'garbage')).resolves.toBe(false);
  });

  it('reads the parameters from the stored string', async () => {
    const cheap = await hashPassword('pw', { N: 1024, r: 8, p: 1, keyLen: 32 });
    expect(cheap.split('$')[1]).toBe('1024');
    await expect(verifyPassword('pw', cheap)).resolves.toBe(true);
  });
});
