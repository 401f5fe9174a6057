import { randomBytes } from 'node:crypto';
import type { CorpCredentials } from '../credentials';
import { feishuEncrypt, feishuSignature } from '../crypto/feishu';
import { MsgCrypt, randomNonce } from '../crypto/msgcrypt';
import type { Platform } from '../core/types';

/** An HTTP request the sandbox sends to a registered callback URL, exactly as it goes on the wire. */
export interface OutgoingRequest {
  method: 'GET' | 'POST';
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/** Keys used to seal a callback (normally the corp's; forged callbacks swap them). */
export interface SealKeys {
  token: string;
  aesKey: string;
  receiveId: string;
}

/**
 * WeCom and DingTalk both identify the receiver inside the ciphertext:
 * - WeCom: the CorpID (developer.work.weixin.qq.com/document/path/90968 "ReceiveId: 企业应用的回调，表示corpid").
 * - DingTalk: for an internal app's event subscription the OWNER_KEY is the app's AppKey (open.dingtalk.com
 *   "配置HTTP推送" / DingCallbackCrypto: corpId for legacy corp-level callbacks, suiteKey for ISV suites,
 *   AppKey for apps created in the developer console — which is what hrlink uses; a published sample passes the app's
 *   "ding…" key with the note "是以应用为维度推送", cnblogs.com/ooo0/p/14498866).
 */
export function sealKeys(creds: CorpCredentials, platform: 'wecom' | 'dingtalk'): SealKeys {
  return platform === 'wecom'
    ? { token: creds.wecom.callbackToken, aesKey: creds.wecom.encodingAesKey, receiveId: creds.wecom.corpId }
    : { token: creds.dingtalk.callbackToken, aesKey: creds.dingtalk.aesKey, receiveId: creds.dingtalk.appKey };
}

export const cdata = (s: string | number) => (typeof s === 'number' ? String(s) : `<![CDATA[${s}]]>`);

export function xml(fields: Array<[string, string | number]>): string {
  return `<xml>${fields.map(([k, v]) => `<${k}>${cdata(v)}</${k}>`).join('')}</xml>`;
}

/**
 * WeCom POST callback: body `<xml><ToUserName/><Encrypt/><AgentID/></xml>`, query msg_signature, timestamp,
 * nonce (developer.work.weixin.qq.com/document/path/90238 "接收消息与事件" / 90930 "回调配置").
 */
export function wecomPost(keys: SealKeys, agentId: string, plainXml: string, timestamp: number): OutgoingRequest {
  const mc = new MsgCrypt(keys.token, keys.aesKey, keys.receiveId);
  const encrypt = mc.encrypt(plainXml);
  const nonce = randomNonce();
  const ts = String(timestamp);
  return {
    method: 'POST',
    query: { msg_signature: mc.signature(ts, nonce, encrypt), timestamp: ts, nonce },
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: `<xml><ToUserName>${cdata(keys.receiveId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt><AgentID>${cdata(agentId)}</AgentID></xml>`,
  };
}

/**
 * WeCom passive reply to a callback (被动回复消息格式, path/90241): `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`,
 * sealed like an event. Returns the plaintext XML, or null when the answer is not a (valid) passive reply.
 */
export function openWecomReply(keys: SealKeys, body: string): string | null {
  const tag = (n: string) => new RegExp(`<${n}>(?:<!\\[CDATA\\[)?([^<\\]]*)`).exec(body)?.[1];
  const encrypt = tag('Encrypt');
  if (!encrypt) return null;
  try {
    return new MsgCrypt(keys.token, keys.aesKey, keys.receiveId).open(tag('MsgSignature') ?? '', tag('TimeStamp') ?? '', tag('Nonce') ?? '', encrypt);
  } catch {
    return null;
  }
}

/** WeCom URL verification: GET ?msg_signature&timestamp&nonce&echostr; the answer must be the decrypted echostr. */
export function wecomVerify(keys: SealKeys, timestamp: number): { request: OutgoingRequest; expect: string } {
  const mc = new MsgCrypt(keys.token, keys.aesKey, keys.receiveId);
  const plain = String(BigInt.asUintN(63, BigInt('0x' + randomBytes(8).toString('hex'))));
  const echostr = mc.encrypt(plain);
  const nonce = randomNonce();
  const ts = String(timestamp);
  return {
    request: { method: 'GET', query: { msg_signature: mc.signature(ts, nonce, echostr), timestamp: ts, nonce, echostr }, headers: {}, body: '' },
    expect: plain,
  };
}

/**
 * DingTalk HTTP push: POST url?signature=&msg_signature=&timestamp=&nonce= with body {"encrypt": "..."}
 * (open.dingtalk.com "推送事件" — the URL carries `signature`; older samples read `msg_signature`; both sent, same value).
 * The answer must be {msg_signature, timeStamp, nonce, encrypt} whose encrypt decrypts to "success".
 */
export function dingtalkPost(keys: SealKeys, eventJson: string, timestampMs: number): OutgoingRequest {
  const mc = new MsgCrypt(keys.token, keys.aesKey, keys.receiveId);
  const encrypt = mc.encrypt(eventJson);
  const nonce = randomBytes(4).toString('hex');
  const ts = String(timestampMs);
  const sig = mc.signature(ts, nonce, encrypt);
  return {
    method: 'POST',
    query: { signature: sig, msg_signature: sig, timestamp: ts, nonce },
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ encrypt }),
  };
}

/** Checks DingTalk's expected answer: the encrypted "success" JSON. Returns an error or null. */
export function checkDingtalkSuccess(keys: SealKeys, body: string): string | null {
  let j: any;
  try {
    j = JSON.parse(body);
  } catch {
    return 'answer is not JSON';
  }
  for (const f of ['msg_signature', 'timeStamp', 'nonce', 'encrypt'])
    if (typeof j?.[f] !== 'string' && typeof j?.[f] !== 'number') return `answer lacks ${f}`;
  try {
    const msg = new MsgCrypt(keys.token, keys.aesKey, keys.receiveId).open(j.msg_signature, String(j.timeStamp), String(j.nonce), j.encrypt);
    return msg === 'success' ? null : `decrypted answer is "${msg}", not "success"`;
  } catch (e) {
    return `answer does not verify: ${(e as Error).message}`;
  }
}

/**
 * Feishu: body {"encrypt": …}; headers X-Lark-Request-Timestamp (seconds), X-Lark-Request-Nonce, X-Lark-Signature =
 * sha256(timestamp + nonce + encrypt_key + raw body) (open.feishu.cn "事件订阅概述 / 安全校验").
 */
export function feishuPost(encryptKey: string, payload: unknown, timestampSeconds: number): OutgoingRequest {
  const body = JSON.stringify({ encrypt: feishuEncrypt(encryptKey, JSON.stringify(payload)) });
  const ts = String(timestampSeconds);
  const nonce = randomBytes(8).toString('hex');
  return {
    method: 'POST',
    query: {},
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': ts,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': feishuSignature(ts, nonce, encryptKey, body),
    },
    body,
  };
}

export function isSealed(p: Platform): p is 'wecom' | 'dingtalk' {
  return p === 'wecom' || p === 'dingtalk';
}
