import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Feishu event / card callback encryption and signature.
 *
 * Sources: open.feishu.cn "配置 Encrypt Key" / "接收事件" (event subscription docs) and the official SDK
 * (@larksuiteoapi/node-sdk AESCipher, used as the test oracle):
 * - body {"encrypt": base64(iv(16) + AES-256-CBC(key = sha256(encrypt_key), iv, PKCS#7(json)))}.
 * - X-Lark-Signature = hex(sha256(X-Lark-Request-Timestamp + X-Lark-Request-Nonce + encrypt_key + raw_body)).
 */
export function feishuEncrypt(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const c = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, c.update(plaintext, 'utf8'), c.final()]).toString('base64');
}

export function feishuDecrypt(encryptKey: string, encrypted: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const buf = Buffer.from(encrypted, 'base64');
  const d = createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([d.update(buf.subarray(16)), d.final()]).toString('utf8');
}

export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
}
