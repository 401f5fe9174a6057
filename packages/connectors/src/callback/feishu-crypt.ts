import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Feishu event crypto: key = sha256(encryptKey); body `{"encrypt": base64(iv(16) + AES-256-CBC(PKCS#7))}`.
 * Signature header X-Lark-Signature = sha256 hex of (timestamp + nonce + encryptKey + raw body).
 * https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case
 */
export class FeishuCrypt {
  private readonly key: Buffer;

  constructor(private readonly encryptKey: string) {
    this.key = createHash('sha256').update(encryptKey).digest();
  }

  signature(timestamp: string, nonce: string, rawBody: Buffer | string): string {
    return createHash('sha256')
      .update(Buffer.concat([Buffer.from(timestamp + nonce + this.encryptKey, 'utf8'), Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8')]))
      .digest('hex');
  }

  /** Throws (plain Error) when the data is not a valid ciphertext for this key. */
  decrypt(encrypt: string): string {
    const data = Buffer.from(encrypt, 'base64');
    if (data.length < 32 || data.length % 16 !== 0) throw new Error('ciphertext too short or not block-aligned');
    const decipher = createDecipheriv('aes-256-cbc', this.key, data.subarray(0, 16));
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]).toString('utf8');
  }

  /** Encrypts like the platform does (for tests and the contract round-trip). */
  encrypt(plain: string, iv: Buffer = randomBytes(16)): string {
    const cipher = createCipheriv('aes-256-cbc', this.key, iv);
    return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
  }
}
