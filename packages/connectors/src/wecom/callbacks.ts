import type { ConnectorCredentials } from '../types';
import type { CallbackConnector, CallbackEvent, CallbackRequest, CallbackResponse, CallbackResult } from '../messaging-types';
import { msgCryptOf, openEnvelope } from '../callback/envelope';
import { CallbackOptions, reject } from '../callback/guard';
import { parseFlatXml } from '../callback/xml';

const TEXT = 'text/plain; charset=utf-8';
/** WeCom only needs HTTP 200 within 5 s; an empty body means "received, no passive reply". */
const ACK: CallbackResponse = { status: 200, contentType: TEXT, body: '' };

const CONTACT_CHANGES: Record<string, 'created' | 'updated' | 'deleted'> = {
  create_user: 'created',
  update_user: 'updated',
  delete_user: 'deleted',
  create_party: 'created',
  update_party: 'updated',
  delete_party: 'deleted',
};

/**
 * WeCom callbacks (接收消息与事件, https://developer.work.weixin.qq.com/document/path/90930):
 * GET URL verification (decrypt echostr, answer the plaintext) and POST XML events with <Encrypt>.
 */
export class WeComCallbacks implements CallbackConnector {
  constructor(private readonly creds: ConnectorCredentials) {}

  handleCallback(req: CallbackRequest, opts?: CallbackOptions): CallbackResult {
    const crypt = msgCryptOf('wecom', this.creds);
    const q = req.query;
    if (req.method === 'GET') {
      const opened = openEnvelope('wecom', crypt, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, encrypt: q.echostr }, [this.creds.corpId], opts);
      return { kind: 'handshake', response: { status: 200, contentType: TEXT, body: opened.message } };
    }
    let outer: Record<string, string>;
    try {
      outer = parseFlatXml(req.rawBody.toString('utf8'));
    } catch (err) {
      return reject('wecom', `body is not the expected XML (${(err as Error).message})`);
    }
    const opened = openEnvelope('wecom', crypt, { signature: q.msg_signature, timestamp: q.timestamp, nonce: q.nonce, encrypt: outer.Encrypt }, [this.creds.corpId], opts);
    let inner: Record<string, string>;
    try {
      inner = parseFlatXml(opened.message);
    } catch (err) {
      return reject('wecom', `decrypted message is not XML (${(err as Error).message})`);
    }
    return { kind: 'event', eventId: opened.eventId, sentAt: opened.sentAt, event: wecomEvent(inner), response: ACK };
  }

  /** WeCom shows nothing for an empty answer; the card itself is updated with update_template_card. */
  cardActionResponse(): CallbackResponse {
    return ACK;
  }
}

/** Maps one decrypted WeCom event (flat XML fields) to a CallbackEvent. */
export function wecomEvent(x: Record<string, string>): CallbackEvent {
  const event = x.Event ?? '';
  if (x.MsgType === 'event' && event === 'template_card_event') {
    // 模板卡片事件推送: FromUserName, EventKey (the pressed button's key), TaskId, CardType, ResponseCode.
    // https://developer.work.weixin.qq.com/document/path/90240#模板卡片事件推送
    return {
      type: 'card_action',
      userId: x.FromUserName || null,
      value: x.EventKey ?? '',
      responseCode: x.ResponseCode || null,
      messageId: null,
      taskId: x.TaskId || null,
    };
  }
  if (x.MsgType === 'event' && event === 'change_contact') {
    // 通讯录变更事件: ChangeType create_user / update_user (UserID, NewUserID when renamed) / delete_user,
    // create_party / update_party / delete_party (Id). https://developer.work.weixin.qq.com/document/path/90970
    const change = CONTACT_CHANGES[x.ChangeType ?? ''];
    if (change && x.ChangeType!.endsWith('_user') && x.UserID) {
      return { type: 'contact_user', change, userId: x.NewUserID || x.UserID, ...(x.NewUserID ? { moreUserIds: [x.UserID] } : {}) };
    }
    if (change && x.ChangeType!.endsWith('_party') && x.Id) return { type: 'contact_department', change, departmentId: x.Id };
    return { type: 'other', eventType: `change_contact.${x.ChangeType ?? ''}` };
  }
  return { type: 'other', eventType: event || x.MsgType || 'unknown' };
}
