/**
 * Test helpers that play the platform's side of a callback: they encrypt and sign a payload with
 * the binding's keys exactly as WeCom / DingTalk / Feishu do, and return the CallbackRequest our
 * handler receives. Test-only (excluded from the build).
 */
import type { ConnectorCredentials } from '../types';
import type { CallbackRequest } from '../messaging-types';
import { MsgCrypt } from '../callback/msg-crypt';
import { FeishuCrypt } from '../callback/feishu-crypt';

export function sealWeCom(
  creds: ConnectorCredentials,
  innerXml: string,
  at: { timestamp: string; nonce: string; receiveId?: string; token?: string },
): CallbackRequest {
  const crypt = new MsgCrypt(at.token ?? creds.callbackToken!, creds.callbackAesKey!);
  const encrypt = crypt.encrypt(innerXml, at.receiveId ?? creds.corpId);
  const body = `<xml><ToUserName><![CDATA[${creds.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${creds.agentId ?? ''}]]></AgentID></xml>`;
  return {
    method: 'POST',
    query: { msg_signature: crypt.signature(at.timestamp, at.nonce, encrypt), timestamp: at.timestamp, nonce: at.nonce },
    headers: { 'content-type': 'text/xml' },
    rawBody: Buffer.from(body),
  };
}

export function sealDingTalk(
  creds: ConnectorCredentials,
  event: Record<string, unknown>,
  at: { timestamp: string; nonce: string; receiveId?: string; queryNames?: 'signature' | 'msg_signature' },
): CallbackRequest {
  const crypt = new MsgCrypt(creds.callbackToken!, creds.callbackAesKey!);
  const encrypt = crypt.encrypt(JSON.stringify(event), at.receiveId ?? creds.corpId);
  const signature = crypt.signature(at.timestamp, at.nonce, encrypt);
  const query =
    at.queryNames === 'msg_signature'
      ? { msg_signature: signature, timeStamp: at.timestamp, nonce: at.nonce }
      : { signature, timestamp: at.timestamp, nonce: at.nonce };
  return { method: 'POST', query, headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(JSON.stringify({ encrypt })) };
}

/** A Feishu callback: body `{"encrypt": …}` (compact JSON), signed over the raw body when `timestamp` is given. */
export function sealFeishu(
  encryptKey: string,
  payload: Record<string, unknown>,
  at: { timestamp?: string; nonce?: string } = {},
): CallbackRequest {
  const crypt = new FeishuCrypt(encryptKey);
  const raw = JSON.stringify({ encrypt: crypt.encrypt(JSON.stringify(payload)) });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (at.timestamp !== undefined) {
    const nonce = at.nonce ?? 'n0nce';
    headers['x-lark-request-timestamp'] = at.timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = crypt.signature(at.timestamp, nonce, raw);
  }
  return { method: 'POST', query: {}, headers, rawBody: Buffer.from(raw) };
}
