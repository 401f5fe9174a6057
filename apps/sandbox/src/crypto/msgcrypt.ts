import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The WXBizMsgCrypt scheme, used by WeCom callbacks and DingTalk HTTP event subscriptions alike.
 *
 * Sources: WeCom "加解密方案说明" (developer.work.weixin.qq.com/document/path/90968) and the official sample code
 * (WXBizMsgCrypt, e.g. the C# Sample.cs shipped with it); DingTalk "消息加解密" / open-dingtalk/DingTalk-Callback-Crypto
 * (DingCallbackCrypto: same layout, the trailing id is the corpId / suiteKey / appKey):
 * - AESKey = Base64_Decode(EncodingAESKey + "=") (32 bytes); AES-256-CBC; IV = first 16 bytes of AESKey.
 * - plaintext = random(16 B) + msg_len (4 B, network order) + msg + receiveid; PKCS#7 padding to a multiple of 32.
 * - msg_encrypt = Base64_Encode(ciphertext); msg_signature = sha1(sort([token, timestamp, nonce, msg_encrypt]).join('')).
 */
export class MsgCrypt {
  private readonly key: Buffer;

  constructor(
    readonly token: string,
    encodingAesKey: string,
    readonly receiveId: string,
  ) {
    if (encodingAesKey.length !== 43) throw new Error('EncodingAESKey must be 43 characters');
    this.key = Buffer.from(encodingAesKey + '=', 'base64');
    if (this.key.length !== 32) throw new Error('EncodingAESKey does not decode to 32 bytes');
  }

  signature(timestamp: string, nonce: string, encrypt: string): string {
    return msgSignature(this.token, timestamp, nonce, encrypt);
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const msg = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const plain = pkcs7Pad(Buffer.concat([random, len, msg, Buffer.from(this.receiveId, 'utf8')]), 32);
    const c = createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    c.setAutoPadding(false);
    return Buffer.concat([c.update(plain), c.final()]).toString('base64');
  }

  /** Decrypts; returns the message and the receive id found in it (callers compare it). Throws on bad input. */
  decrypt(encrypted: string): { message: string; receiveId: string } {
    const d = createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    d.setAutoPadding(false);
    const raw = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
    const plain = pkcs7Unpad(raw, 32);
    const len = plain.readUInt32BE(16);
    if (20 + len > plain.length) throw new Error('bad message length');
    return {
      message: plain.subarray(20, 20 + len).toString('utf8'),
      receiveId: plain.subarray(20 + len).toString('utf8'),
    };
  }

  /** Verifies the signature, decrypts and checks the receive id. Throws with a reason. */
  open(sig: string, timestamp: string, nonce: string, encrypted: string): string {
    if (this.signature(timestamp, nonce, encrypted) !== sig) throw new Error('signature mismatch');
    const { message, receiveId } = this.decrypt(encrypted);
    if (receiveId !== this.receiveId) throw new Error(`receiveid mismatch: ${receiveId}`);
    return message;
  }
}

export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

function pkcs7Pad(buf: Buffer, block: number): Buffer {
  const n = block - (buf.length % block);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
}

function pkcs7Unpad(buf: Buffer, block: number): Buffer {
  const n = buf[buf.length - 1];
  if (n < 1 || n > block || n > buf.length) throw new Error('bad padding');
  return buf.subarray(0, buf.length - n);
}

export function randomNonce(): string {
  return String(Math.floor(Math.random() * 9e9) + 1e9);
}
