import { randomBytes } from 'node:crypto';
import type { ConnectorCredentials } from '../types';
import type { CallbackConnector, CallbackEvent, CallbackRequest, CallbackResponse, CallbackResult } from '../messaging-types';
import { msgCryptOf, openEnvelope } from '../callback/envelope';
import { CallbackOptions, reject } from '../callback/guard';
import type { MsgCrypt } from '../callback/msg-crypt';
import { idList, isObject, Json } from '../http';

const USER_EVENTS: Record<string, 'created' | 'updated' | 'deleted'> = {
  user_add_org: 'created',
  user_modify_org: 'updated',
  user_leave_org: 'deleted',
};
const DEPT_EVENTS: Record<string, 'created' | 'updated' | 'deleted'> = {
  org_dept_create: 'created',
  org_dept_modify: 'updated',
  org_dept_remove: 'deleted',
};

/**
 * DingTalk HTTP-mode event subscription (https://open.dingtalk.com/document/orgapp/configure-event-subcription):
 * POST `{"encrypt": …}` with query `signature` (or `msg_signature`), `timestamp` (or `timeStamp`, ms), `nonce`.
 * Same crypto as WeCom; the receive id is the corpId (or the app key for app-level subscriptions).
 * Every answer, check_url included, is the encrypted "success" JSON.
 */
export class DingTalkCallbacks implements CallbackConnector {
  constructor(private readonly creds: ConnectorCredentials) {}

  handleCallback(req: CallbackRequest, opts: CallbackOptions = {}): CallbackResult {
    if (req.method !== 'POST') reject('dingtalk', 'DingTalk callbacks are POST requests');
    const crypt = msgCryptOf('dingtalk', this.creds);
    let body: unknown;
    try {
      body = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return reject('dingtalk', 'body is not JSON');
    }
    const q = req.query;
    const opened = openEnvelope(
      'dingtalk',
      crypt,
      {
        signature: q.signature ?? q.msg_signature,
        timestamp: q.timestamp ?? q.timeStamp,
        nonce: q.nonce,
        encrypt: isObject(body) && typeof body.encrypt === 'string' ? body.encrypt : undefined,
      },
      [this.creds.corpId, this.creds.appKey],
      opts,
    );
    let plain: unknown;
    try {
      plain = JSON.parse(opened.message);
    } catch {
      return reject('dingtalk', 'decrypted message is not JSON');
    }
    if (!isObject(plain)) return reject('dingtalk', 'decrypted message is not an object');
    const response = successResponse(crypt, opened.receiveId, opts.now ?? Date.now());
    if (plain.EventType === 'check_url') return { kind: 'handshake', response };
    return { kind: 'event', eventId: opened.eventId, sentAt: opened.sentAt, event: dingtalkEvent(plain), response };
  }

  /** A DingTalk card click is answered like every other callback: the encrypted "success". */
  cardActionResponse(): CallbackResponse {
    // Internal apps' subscriptions are sealed for the app key (legacy corp-level ones for the corpId).
    return successResponse(msgCryptOf('dingtalk', this.creds), this.creds.appKey || this.creds.corpId, Date.now());
  }
}

/** `{msg_signature, timeStamp, nonce, encrypt}` of the encrypted string "success". */
export function successResponse(crypt: MsgCrypt, receiveId: string, now: number): CallbackResponse {
  const timeStamp = String(now);
  const nonce = randomBytes(6).toString('base64url').slice(0, 8);
  const encrypt = crypt.encrypt('success', receiveId);
  return {
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ msg_signature: crypt.signature(timeStamp, nonce, encrypt), timeStamp, nonce, encrypt }),
  };
}

/** Maps one decrypted DingTalk event to a CallbackEvent (several users/departments: first + the rest). */
export function dingtalkEvent(e: Json): CallbackEvent {
  const type = typeof e.EventType === 'string' ? e.EventType : 'unknown';
  const userChange = USER_EVENTS[type];
  if (userChange) {
    const [first, ...rest] = idList(e.UserId);
    if (first) return { type: 'contact_user', change: userChange, userId: first, ...(rest.length ? { moreUserIds: rest } : {}) };
  }
  const deptChange = DEPT_EVENTS[type];
  if (deptChange) {
    const [first, ...rest] = idList(e.DeptId);
    if (first) return { type: 'contact_department', change: deptChange, departmentId: first, ...(rest.length ? { moreDepartmentIds: rest } : {}) };
  }
  return { type: 'other', eventType: type };
}
