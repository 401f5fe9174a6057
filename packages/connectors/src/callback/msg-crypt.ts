import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The callback crypto WeCom and DingTalk share (WXBizMsgCrypt / DingCallbackCrypto):
 * - signature = sha1 of the sorted concatenation of [token, timestamp, nonce, encrypt], hex;
 * - key = base64decode(EncodingAESKey + '=') (32 bytes), AES-256-CBC, IV = key[0..16];
 * - plaintext = 16 random bytes + 4-byte big-endian message length + message + receive id,
 *   PKCS#7-padded to a multiple of 32 (not 16), no OpenSSL padding.
 * The receive id is the WeCom corpId, or the DingTalk corpId / suiteKey / appKey.
 * WeCom docs: https://developer.work.weixin.qq.com/document/path/90968
 */
export class MsgCrypt {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
  ) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 characters [A-Za-z0-9]');
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new Error('EncodingAESKey does not decode to 32 bytes');
    this.iv = this.key.subarray(0, 16);
  }

  signature(timestamp: string, nonce: string, encrypt: string): string {
    return createHash('sha1').update([this.token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
  }

  /** Decrypts; throws (plain Error) on a wrong key, bad padding or a malformed layout. */
  decrypt(encrypt: string): { message: string; receiveId: string } {
    const data = Buffer.from(encrypt, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new Error('ciphertext length is not a multiple of the block size');
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(data), decipher.final()]);
    const pad = padded[padded.length - 1];
    if (pad < 1 || pad > 32 || pad > padded.length) throw new Error('bad padding');
    for (let i = padded.length - pad; i < padded.length; i++) if (padded[i] !== pad) throw new Error('bad padding');
    const plain = padded.subarray(0, padded.length - pad);
    if (plain.length < 20) throw new Error('plaintext too short');
    const len = plain.readUInt32BE(16);
    if (20 + len > plain.length) throw new Error('message length exceeds plaintext');
    return {
      message: plain.subarray(20, 20 + len).toString('utf8'),
      receiveId: plain.subarray(20 + len).toString('utf8'),
    };
  }

  /** Encrypts `message` for `receiveId` (replies; test fixtures). `random16` only for reproducible tests. */
  encrypt(message: string, receiveId: string, random16: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length, 0);
    const plain = Buffer.concat([random16, len, body, Buffer.from(receiveId, 'utf8')]);
    const pad = 32 - (plain.length % 32);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }
}
