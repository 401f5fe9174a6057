import { randomBytes } from 'node:crypto';
import type { Req, Res } from '../core/http';
import type { PlatformModule } from '../core/platform-route';
import type { InboxButton, InboxItem } from '../inbox';
import type { CorpOrg, Person } from '../org';
import type { SandboxState } from '../state';
import { fail, ok } from './feishu';

/**
 * Feishu IM messages.
 *
 * Sources (open.feishu.cn server-docs im-v1):
 * - 发送消息 POST /open-apis/im/v1/messages?receive_id_type=open_id|user_id|union_id|email|chat_id
 *   {receive_id, msg_type, content (JSON string), uuid} → data {message_id, msg_type, create_time, chat_id, sender, body…};
 *   uuid: "持有相同 uuid 的请求 1 小时内至多成功发送一条消息" — the sandbox returns the first message again.
 * - 更新应用发送的消息卡片 PATCH /open-apis/im/v1/messages/:message_id {content}: only interactive messages; "需在
 *   更新前后卡片的 config 属性中，均显式声明 update_multi: true"; "仅支持更新 14 天内发送的消息".
 * - Errors: HTTP 400 code 230001 "Your request contains an invalid request parameter, ext=invalid receive_id." /
 *   "ext=invalid message_id" (how-to-resolve-error-230001). The codes for a non-shared card (230099) and for a message
 *   older than 14 days (230072) are the sandbox's choice: the patch doc states both rules but the excerpt seen gives
 *   no code — unverified.
 */

const UUID_WINDOW_MS = 3600_000;
const PATCH_WINDOW_MS = 14 * 86_400_000;

/** Reads what a card shows: title, form rows, buttons, link. Works on card JSON 1.0 and 2.0 alike. */
export function renderFeishuCard(card: any): Pick<InboxItem, 'kind' | 'title' | 'form' | 'content' | 'statusText' | 'buttons' | 'link'> {
  const buttons: InboxButton[] = [];
  const form: Array<{ key: string; value: string }> = [];
  const texts: string[] = [];
  let link: string | null = card?.card_link?.url ?? card?.config?.card_link?.url ?? null;
  const textOf = (t: any) => (typeof t === 'string' ? t : String(t?.content ?? ''));
  /** "**类型：** 年假", "**类型：**\n年假" and "类型：年假" all read as one form row. */
  const addRows = (s: string) => {
    const lines = s.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const m = /^\s*\*\*(.+?)\*\*\s*[:：]?\s*(.*)$/.exec(line) ?? /^\s*([^:：*]{1,12})[:：]\s*(.+)$/.exec(line);
      if (!m) {
        if (line.trim()) texts.push(line.trim());
        continue;
      }
      let value = m[2].trim();
      if (!value && i + 1 < lines.length && !/\*\*/.test(lines[i + 1])) value = lines[++i].trim();
      form.push({ key: m[1].replace(/[:：]\s*$/, '').trim(), value });
    }
  };
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.tag === 'button') {
      const url = n.url ?? n.multi_url?.url ?? n.behaviors?.find((b: any) => b.type === 'open_url')?.default_url;
      const value = n.value ?? n.behaviors?.find((b: any) => b.type === 'callback')?.value;
      buttons.push({ text: textOf(n.text), ...(value !== undefined ? { value } : {}), ...(url && value === undefined ? { url } : {}) });
      if (url && !link) link = url;
      return;
    }
    if (n.tag === 'div' && Array.isArray(n.fields)) n.fields.forEach((f: any) => addRows(textOf(f.text)));
    else if (n.tag === 'div' && n.text) addRows(textOf(n.text));
    else if ((n.tag === 'markdown' || n.tag === 'lark_md') && typeof n.content === 'string') addRows(n.content);
    for (const k of ['elements', 'columns', 'actions', 'body']) if (n[k]) walk(n[k]);
  };
  walk(card?.elements ?? card?.body?.elements ?? card?.i18n_elements?.zh_cn ?? []);
  const status = [...form].reverse().find((f) => /状态/.test(f.key))?.value ?? card?.header?.subtitle?.content ?? card?.header?.text_tag_list?.[0]?.text?.content ?? '';
  return {
    kind: 'interactive',
    title: textOf(card?.header?.title) || (card?.type === 'template' ? '卡片模板' : ''),
    form,
    content: texts.join('\n'),
    statusText: String(status),
    buttons: buttons.filter((b) => b.value !== undefined || b.url),
    link,
  };
}

export const updateMulti = (card: any) => card?.config?.update_multi === true;

export function feishuMessagingModule(state: SandboxState): PlatformModule {
  const bearer = (req: Req) => {
    const h = String(req.headers.authorization ?? '');
    return h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
  };

  function auth(req: Req, res: Res): CorpOrg | null {
    const check = state.tokens.check('feishu', bearer(req));
    if (!check.ok) {
      if (check.reason === 'missing') fail(res, 400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
      else fail(res, 400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
      return null;
    }
    return state.corp(check.record.corpKey) ?? null;
  }

  const invalid = (res: Res, ext: string) => fail(res, 400, 230001, `Your request contains an invalid request parameter, ext=${ext}.`);

  function messageJson(corp: CorpOrg, m: { messageId: string; chatId: string; msgType: string; content: string; createdAt: number; updatedAt: number }) {
    return {
      message_id: m.messageId,
      msg_type: m.msgType,
      create_time: String(m.createdAt),
      update_time: String(m.updatedAt),
      deleted: false,
      updated: m.updatedAt !== m.createdAt,
      chat_id: m.chatId,
      sender: { id: corp.credentials.feishu.appId, id_type: 'app_id', sender_type: 'app', tenant_key: corp.credentials.feishu.tenantKey },
      body: { content: m.content },
      mentions: [],
    };
  }

  return {
    platform: 'feishu',
    callerApp(req) {
      return state.tokens.peek(bearer(req))?.appId ?? null;
    },
    rateLimited(_req, res) {
      res.header('x-ogw-ratelimit-limit', 50).header('x-ogw-ratelimit-reset', 1);
      fail(res, 429, 99991400, 'request trigger frequency limit');
    },
    routes: [
      [
        'POST',
        '/open-apis/im/v1/messages',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const idType = req.query.receive_id_type;
          if (!['open_id', 'user_id', 'union_id'].includes(idType ?? ''))
            return res.status(400).json({ code: 99992402, msg: 'field validation failed', error: { field_violations: [{ field: 'receive_id_type', description: 'receive_id_type is required' }] } });
          const b = req.body ?? {};
          const p: Person | undefined = b.receive_id ? corp.feishuUser(String(b.receive_id), idType as 'open_id') : undefined;
          if (!p) return invalid(res, 'invalid receive_id');
          if (!['text', 'interactive'].includes(b.msg_type)) return invalid(res, 'invalid msg_type');
          let parsed: any;
          try {
            parsed = JSON.parse(String(b.content));
          } catch {
            return invalid(res, 'invalid content');
          }
          const now = state.clock.now();
          const uuidKey = b.uuid ? `feishu:uuid:${corp.key}:${b.uuid}` : null;
          const prior = uuidKey ? state.inbox.records.get(uuidKey) : undefined;
          if (prior && prior.at > now - UUID_WINDOW_MS) return ok(res, messageJson(corp, state.inbox.records.get(`feishu:msg:${corp.key}:${prior.messageId}`)));
          const messageId = `om_${randomBytes(16).toString('hex')}`;
          const chatId = `oc_${randomBytes(16).toString('hex')}`;
          const view =
            b.msg_type === 'interactive'
              ? renderFeishuCard(parsed)
              : { kind: 'text' as const, title: String(parsed.text ?? '').slice(0, 40), form: [], content: String(parsed.text ?? ''), statusText: '', buttons: [], link: null };
          const item = state.inbox.add({
            corpKey: corp.key,
            platform: 'feishu',
            employeeNo: p.employeeNo,
            userId: p.ids.feishu.userId,
            ...view,
            state: view.buttons.some((x) => x.value !== undefined) ? 'actionable' : 'delivered',
            ref: { messageId, chatId, card: b.msg_type === 'interactive' ? parsed : null },
          });
          const rec = { messageId, chatId, msgType: b.msg_type, content: String(b.content), createdAt: now, updatedAt: now, itemId: item.id };
          state.inbox.records.set(`feishu:msg:${corp.key}:${messageId}`, rec);
          if (uuidKey) state.inbox.records.set(uuidKey, { at: now, messageId });
          ok(res, messageJson(corp, rec));
        },
      ],
      [
        'PATCH',
        '/open-apis/im/v1/messages/:message_id',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const rec = state.inbox.records.get(`feishu:msg:${corp.key}:${req.params.message_id}`);
          if (!rec) return invalid(res, 'invalid message_id');
          if (rec.msgType !== 'interactive') return invalid(res, 'invalid message_id');
          let card: any;
          try {
            card = JSON.parse(String(req.body?.content));
          } catch {
            return invalid(res, 'invalid content');
          }
          const item = state.inbox.get(rec.itemId);
          if (!item) return invalid(res, 'invalid message_id');
          const now = state.clock.now();
          if (now - rec.createdAt > PATCH_WINDOW_MS) return fail(res, 400, 230072, 'The message can only be updated within 14 days after it was sent.');
          if (!updateMulti(item.ref.card) || !updateMulti(card))
            return fail(res, 400, 230099, 'Failed to update card content: update_multi must be true in config of both the original and the new card.');
          applyFeishuCard(state, item, card, 'card_patched');
          rec.content = String(req.body.content);
          rec.updatedAt = now;
          ok(res, {});
        },
      ],
    ],
  };
}

/** Replaces the card an item shows (PATCH, or a card returned from a card.action.trigger callback). */
export function applyFeishuCard(state: SandboxState, item: InboxItem, card: any, what: string): void {
  const v = renderFeishuCard(card);
  item.ref.card = card;
  const live = v.buttons.some((b) => b.value !== undefined);
  state.inbox.change(item, what, { ...v, statusText: v.statusText || item.statusText, link: v.link ?? item.link, state: live ? 'actionable' : 'updated' });
}
