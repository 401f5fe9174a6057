import type { ConnectorCredentials } from '../types';
import type { ApprovalCard, CallbackConnector, CallbackEvent, CallbackRequest, CallbackResponse, CallbackResult } from '../messaging-types';
import { FeishuCrypt } from '../callback/feishu-crypt';
import { CallbackOptions, checkFresh, header, reject, sameText, timestampMs } from '../callback/guard';
import { isObject, Json, optStr } from '../http';
import { BUTTON_VALUE_KEY, renderFeishuCard } from './messaging';
import { toneOfStatus } from '../common/render';

const JSON_TYPE = 'application/json; charset=utf-8';
const ACK: CallbackResponse = { status: 200, contentType: JSON_TYPE, body: '{}' };
const CHANGES: Record<string, 'created' | 'updated' | 'deleted'> = { created: 'created', updated: 'updated', deleted: 'deleted' };

/**
 * Feishu event / card callbacks (https://open.feishu.cn/document/server-docs/event-subscription-guide/overview).
 * Binding fields: `callbackToken` = Verification Token, `callbackAesKey` = Encrypt Key.
 * With an Encrypt Key set, only encrypted bodies are accepted, and every one but the url_verification
 * handshake must carry X-Lark-Signature over the RAW body plus a fresh X-Lark-Request-Timestamp.
 */
export class FeishuCallbacks implements CallbackConnector {
  constructor(private readonly creds: ConnectorCredentials) {}

  handleCallback(req: CallbackRequest, opts: CallbackOptions = {}): CallbackResult {
    if (req.method !== 'POST') reject('feishu', 'Feishu callbacks are POST requests');
    if (!this.creds.callbackToken) reject('feishu', 'the binding has no verification token');
    const outer = parseJson(req.rawBody.toString('utf8'));
    const signature = header(req.headers, 'x-lark-signature');
    const timestamp = header(req.headers, 'x-lark-request-timestamp');
    const nonce = header(req.headers, 'x-lark-request-nonce') ?? '';

    let payload: Json;
    let signed = false;
    if (this.creds.callbackAesKey) {
      const crypt = new FeishuCrypt(this.creds.callbackAesKey);
      if (typeof outer.encrypt !== 'string') reject('feishu', 'an Encrypt Key is set but the body is not encrypted');
      if (signature !== undefined) {
        const sentAt = timestampMs('feishu', timestamp);
        if (!sameText(crypt.signature(timestamp!, nonce, req.rawBody), signature.toLowerCase())) reject('feishu', 'signature mismatch');
        checkFresh('feishu', sentAt, opts);
        signed = true;
      }
      try {
        payload = parseJson(crypt.decrypt(outer.encrypt));
      } catch (err) {
        return reject('feishu', `cannot decrypt (${(err as Error).message})`);
      }
    } else {
      payload = outer;
    }

    if (payload.type === 'url_verification') {
      if (!sameText(String(payload.token ?? ''), this.creds.callbackToken!)) reject('feishu', 'verification token mismatch');
      return { kind: 'handshake', response: { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ challenge: String(payload.challenge ?? '') }) } };
    }
    if (this.creds.callbackAesKey && !signed) reject('feishu', 'missing X-Lark-Signature');

    const head = isObject(payload.header) ? payload.header : null;
    if (payload.schema !== '2.0' || !head) reject('feishu', 'not a schema 2.0 event');
    if (!sameText(String(head.token ?? ''), this.creds.callbackToken!)) reject('feishu', 'verification token mismatch');
    if (this.creds.appKey && head.app_id !== undefined && head.app_id !== this.creds.appKey) reject('feishu', `app_id ${String(head.app_id)} is not this binding's`);
    if (head.tenant_key !== undefined && head.tenant_key !== this.creds.corpId) reject('feishu', `tenant_key ${String(head.tenant_key)} is not this binding's`);
    const eventId = optStr(head.event_id);
    if (!eventId) return reject('feishu', 'event without header.event_id');
    const created = Number(head.create_time);
    return {
      kind: 'event',
      eventId: `feishu:${eventId}`,
      sentAt: Number.isFinite(created) && created > 0 ? created : opts.now ?? Date.now(),
      event: feishuEvent(String(head.event_type ?? ''), isObject(payload.event) ? payload.event : {}),
      response: ACK,
    };
  }

  /**
   * The answer to card.action.trigger (within 3 s): a toast, plus the card re-rendered when given
   * (`card: {type: "raw", data}`), which Feishu shows at once in place of the clicked card.
   * https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication
   */
  cardActionResponse(result: { ok: boolean; message: string; card?: ApprovalCard }): CallbackResponse {
    const body: Json = { toast: { type: result.ok ? 'success' : 'error', content: result.message } };
    if (result.card) {
      body.card = { type: 'raw', data: renderFeishuCard(result.card, toneOfStatus(result.card.statusText, Boolean(result.card.buttons))) };
    }
    return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(body) };
  }
}

/** Maps a schema 2.0 event to a CallbackEvent. */
export function feishuEvent(type: string, event: Json): CallbackEvent {
  if (type === 'card.action.trigger') {
    // 卡片回传交互: event{operator{tenant_key, user_id, open_id, union_id}, token, action{value, tag}, context{open_message_id, open_chat_id}}
    const operator = isObject(event.operator) ? event.operator : {};
    const action = isObject(event.action) ? event.action : {};
    const context = isObject(event.context) ? event.context : {};
    const value = isObject(action.value) ? action.value[BUTTON_VALUE_KEY] : action.value;
    return {
      type: 'card_action',
      userId: optStr(operator.user_id),
      openId: optStr(operator.open_id),
      value: typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value),
      responseCode: optStr(event.token),
      messageId: optStr(context.open_message_id),
    };
  }
  const user = /^contact\.user\.(created|updated|deleted)_v3$/.exec(type);
  if (user) {
    const object = isObject(event.object) ? event.object : {};
    const userId = optStr(object.user_id) ?? optStr(object.open_id);
    if (userId) return { type: 'contact_user', change: CHANGES[user[1]], userId };
  }
  const dept = /^contact\.department\.(created|updated|deleted)_v3$/.exec(type);
  if (dept) {
    const object = isObject(event.object) ? event.object : {};
    const departmentId = optStr(object.department_id) ?? optStr(object.open_department_id);
    if (departmentId) return { type: 'contact_department', change: CHANGES[dept[1]], departmentId };
  }
  return { type: 'other', eventType: type || 'unknown' };
}

function parseJson(text: string): Json {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return reject('feishu', 'body is not JSON');
  }
  if (!isObject(v)) return reject('feishu', 'body is not a JSON object');
  return v;
}
