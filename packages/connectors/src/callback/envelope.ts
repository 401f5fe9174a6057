import type { Platform } from '@hrlink/shared';
import type { ConnectorCredentials } from '../types';
import { MsgCrypt } from './msg-crypt';
import { CallbackOptions, checkFresh, digestId, reject, sameText, timestampMs } from './guard';

/** The signed, encrypted envelope of a WeCom / DingTalk callback, as read from the request. */
export interface SealedEnvelope {
  signature: string | undefined;
  timestamp: string | undefined;
  nonce: string | undefined;
  encrypt: string | undefined;
}

export interface OpenedEnvelope {
  message: string;
  receiveId: string;
  sentAt: number;
  /** Digest of the ciphertext: the same on every redelivery of this callback. */
  eventId: string;
}

/** The binding's callback crypto; refuses (callback_rejected) when the binding has no token / key. */
export function msgCryptOf(platform: Platform, creds: ConnectorCredentials): MsgCrypt {
  if (!creds.callbackToken || !creds.callbackAesKey) reject(platform, 'the binding has no callback token / EncodingAESKey');
  try {
    return new MsgCrypt(creds.callbackToken, creds.callbackAesKey);
  } catch (err) {
    return reject(platform, `the binding's EncodingAESKey is unusable (${(err as Error).message})`);
  }
}

/**
 * Verifies and opens a WeCom / DingTalk envelope: signature over (token, timestamp, nonce, encrypt),
 * timestamp window, decryption, receive id in `receiveIds`. Every failure is callback_rejected.
 */
export function openEnvelope(
  platform: Platform,
  crypt: MsgCrypt,
  env: SealedEnvelope,
  receiveIds: (string | null | undefined)[],
  opts: CallbackOptions = {},
): OpenedEnvelope {
  const { signature, timestamp, nonce, encrypt } = env;
  if (!signature || !nonce || !encrypt) reject(platform, 'missing signature, nonce or encrypted payload');
  const sentAt = timestampMs(platform, timestamp);
  if (!sameText(crypt.signature(timestamp!, nonce, encrypt), signature.toLowerCase())) reject(platform, 'signature mismatch');
  checkFresh(platform, sentAt, opts);
  let opened: { message: string; receiveId: string };
  try {
    opened = crypt.decrypt(encrypt);
  } catch (err) {
    return reject(platform, `cannot decrypt (${(err as Error).message})`);
  }
  if (!receiveIds.filter(Boolean).includes(opened.receiveId)) reject(platform, `receive id ${opened.receiveId} is not this binding's`);
  return { ...opened, sentAt, eventId: digestId(platform, encrypt) };
}
