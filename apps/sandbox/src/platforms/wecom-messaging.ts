import { createHash, randomBytes } from 'node:crypto';
import type { Req, Res } from '../core/http';
import type { PlatformModule } from '../core/platform-route';
import type { InboxItem } from '../inbox';
import type { CorpOrg, Person } from '../org';
import type { SandboxState } from '../state';
import { fail, ok, wecomAuth } from './wecom';

/**
 * WeCom app messages.
 *
 * Sources (developer.work.weixin.qq.com):
 * - 发送应用消息 path/90236: POST /cgi-bin/message/send {touser "a|b", toparty, totag, msgtype, agentid, text{content},
 *   textcard{title, description, url, btntxt}, template_card{…}, enable_duplicate_check, duplicate_check_interval
 *   (default 1800 s, max 4 h)} → {errcode, errmsg, invaliduser, invalidparty, invalidtag, unlicenseduser, msgid,
 *   response_code}. response_code is returned "仅消息类型为按钮互动型，投票选择型和多项选择型的模板卡片消息返回".
 *   Duplicate check: the same content within the interval is not delivered again.
 * - 模板卡片 button_interaction: task_id "同一个应用任务id不能重复，只能由数字、字母和'_-@'组成，最长128字节",
 *   main_title{title, desc}, horizontal_content_list[{keyname, value}], button_list[{text, style, key}] (1–6),
 *   card_action{type 1 url | 2 appid + pagepath}. A repeated task_id: real deployments report errcode 0 and no
 *   delivery (practitioner note "企微同一 task_id 去重命中 -> sendCard 返回 errcode=0 但不推送给用户"); the docs
 *   give no code, so the sandbox does exactly that.
 * - 更新模版卡片消息 path/94888: POST /cgi-bin/message/update_template_card {userids, partyids, tagids, atall,
 *   agentid, response_code, button{replace_name} | template_card{…}}; "一个code只能调用一次该接口，且只能在72小时内调用".
 *   The error code for a used / expired response_code is not documented; the sandbox answers 40058 (不合法的参数).
 * - Errors (全局错误码 path/90313): 81013 user & party & tag all invalid; 40008 invalid msgtype; 41011 missing agentid;
 *   301002 无权限操作指定的应用 (agentid not the token's app); 40058 invalid parameter; 44004 empty text content.
 */

const TASK_ID_RE = /^[A-Za-z0-9_\-@]{1,128}$/;

export function wecomMessagingModule(state: SandboxState): PlatformModule {
  const auth = (req: Req, res: Res): CorpOrg | null => wecomAuth(state, req, res);

  function agentOk(corp: CorpOrg, res: Res, agentid: unknown): boolean {
    if (agentid === undefined || agentid === null || agentid === '') {
      fail(res, 41011, 'missing agentid');
      return false;
    }
    if (String(agentid) !== corp.credentials.wecom.agentId) {
      fail(res, 301002, 'not allow to operate another agent');
      return false;
    }
    return true;
  }

  function renderCard(tc: any): Pick<InboxItem, 'kind' | 'title' | 'form' | 'content' | 'statusText' | 'buttons' | 'link'> {
    const form = Array.isArray(tc.horizontal_content_list)
      ? tc.horizontal_content_list.map((h: any) => ({ key: String(h.keyname ?? ''), value: String(h.value ?? '') }))
      : [];
    const ca = tc.card_action ?? {};
    const link = ca.type === 2 ? (ca.pagepath ? `wxapp://${ca.appid ?? ''}/${String(ca.pagepath).replace(/^\//, '')}` : null) : (ca.url ?? null);
    return {
      kind: 'template_card',
      title: String(tc.main_title?.title ?? ''),
      form,
      content: [tc.main_title?.desc, tc.sub_title_text].filter(Boolean).join('\n'),
      statusText: form.find((f: { key: string }) => f.key === '状态')?.value ?? '',
      buttons: Array.isArray(tc.button_list) ? tc.button_list.map((b: any) => ({ key: String(b.key ?? ''), text: String(b.text ?? '') })) : [],
      link,
    };
  }

  return {
    platform: 'wecom',
    callerApp(req) {
      return state.tokens.peek(req.query.access_token)?.appId ?? null;
    },
    rateLimited(_req, res) {
      fail(res, 45009, 'api freq out of limit');
    },
    routes: [
      [
        'POST',
        '/cgi-bin/message/send',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = req.body;
          if (!b || typeof b !== 'object') return fail(res, 47001, 'data format error');
          if (!agentOk(corp, res, b.agentid)) return;
          const type = b.msgtype;
          let view: Pick<InboxItem, 'kind' | 'title' | 'form' | 'content' | 'statusText' | 'buttons' | 'link'>;
          let callbackCard = false;
          if (type === 'text') {
            if (!b.text?.content) return fail(res, 44004, 'empty content');
            view = { kind: 'text', title: String(b.text.content).slice(0, 40), form: [], content: String(b.text.content), statusText: '', buttons: [], link: null };
          } else if (type === 'textcard') {
            const t = b.textcard ?? {};
            if (!t.title || !t.url) return fail(res, 40058, 'textcard.title and textcard.url are required');
            view = { kind: 'text', title: String(t.title), form: [], content: String(t.description ?? ''), statusText: '', buttons: [], link: String(t.url) };
          } else if (type === 'template_card') {
            const tc = b.template_card ?? {};
            if (!['text_notice', 'news_notice', 'button_interaction', 'vote_interaction', 'multiple_interaction'].includes(tc.card_type))
              return fail(res, 40058, 'invalid template_card.card_type');
            callbackCard = ['button_interaction', 'vote_interaction', 'multiple_interaction'].includes(tc.card_type);
            if (callbackCard && !TASK_ID_RE.test(String(tc.task_id ?? ''))) return fail(res, 40058, 'invalid template_card.task_id');
            if (tc.card_type === 'button_interaction' && !(Array.isArray(tc.button_list) && tc.button_list.length >= 1 && tc.button_list.length <= 6))
              return fail(res, 40058, 'invalid template_card.button_list');
            if (!tc.main_title?.title && !tc.main_title?.desc) return fail(res, 40058, 'template_card.main_title required');
            view = renderCard(tc);
          } else return fail(res, 40008, 'invalid message type');

          const wanted = String(b.touser ?? '').split('|').map((s) => s.trim()).filter(Boolean);
          const valid: Person[] = [];
          const invalid: string[] = [];
          const all = wanted.includes('@all');
          for (const u of all ? [...corp.people.values()].map((p) => p.ids.wecom.userId) : wanted) {
            const p = corp.wecomUser(u);
            if (p) valid.push(p);
            else invalid.push(u);
          }
          const msgid = randomBytes(32).toString('base64url');
          const base = { errcode: 0, errmsg: 'ok', invaliduser: invalid.join('|'), invalidparty: '', invalidtag: '', unlicenseduser: '', msgid };
          if (!valid.length) return fail(res, 81013, 'user & party & tag all invalid');

          const taskId = type === 'template_card' ? b.template_card.task_id : undefined;
          const taskKey = taskId ? `wecom:task:${corp.key}:${taskId}` : null;
          if (taskKey && state.inbox.records.has(taskKey)) return res.json(base); // repeated task_id: not delivered
          const dupWindow = Math.min(Number(b.duplicate_check_interval) || 1800, 4 * 3600) * 1000;
          const { enable_duplicate_check: _e, duplicate_check_interval: _d, ...content } = b;
          const digest = createHash('sha1').update(JSON.stringify(content)).digest('hex');
          const now = state.clock.now();
          const ref = { taskId, msgid, cardType: b.template_card?.card_type, card: b.template_card ?? b[type] };
          const itemIds: string[] = [];
          for (const p of valid) {
            const dupKey = `wecom:dup:${corp.key}:${p.ids.wecom.userId}:${digest}`;
            if (Number(b.enable_duplicate_check) === 1 && (state.inbox.records.get(dupKey) ?? -Infinity) > now - dupWindow) continue;
            state.inbox.records.set(dupKey, now);
            const item = state.inbox.add({
              corpKey: corp.key,
              platform: 'wecom',
              employeeNo: p.employeeNo,
              userId: p.ids.wecom.userId,
              ...view,
              state: callbackCard && view.buttons.length ? 'actionable' : 'delivered',
              ref: { ...ref },
            });
            itemIds.push(item.id);
          }
          if (taskKey) state.inbox.records.set(taskKey, { itemIds, msgid });
          res.json(callbackCard && taskId ? { ...base, response_code: state.inbox.issueResponseCode({ corpKey: corp.key, ref: { taskId } }) } : base);
        },
      ],
      [
        'POST',
        '/cgi-bin/message/update_template_card',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = req.body;
          if (!b || typeof b !== 'object') return fail(res, 47001, 'data format error');
          if (!agentOk(corp, res, b.agentid)) return;
          if (!b.response_code) return fail(res, 40058, 'missing response_code');
          if (!b.button?.replace_name && !b.template_card) return fail(res, 40058, 'button.replace_name or template_card required');
          const used = state.inbox.useResponseCode(corp.key, String(b.response_code));
          if ('reason' in used) return fail(res, 40058, `invalid response_code (${used.reason})`);
          const rec = state.inbox.records.get(`wecom:task:${corp.key}:${used.taskId}`);
          const targets = new Set<string>(Array.isArray(b.userids) ? b.userids.map(String) : []);
          const all = Number(b.atall) === 1;
          const invalid = [...targets].filter((u) => !corp.wecomUser(u));
          for (const id of (rec?.itemIds ?? []) as string[]) {
            const item = state.inbox.get(id);
            if (!item || !(all || targets.has(item.userId))) continue;
            if (b.button?.replace_name) {
              state.inbox.change(item, 'button_replaced', { statusText: String(b.button.replace_name), state: 'updated' }, { replace_name: b.button.replace_name });
            } else {
              const v = renderCard(b.template_card);
              const live = ['button_interaction', 'vote_interaction', 'multiple_interaction'].includes(b.template_card.card_type) && v.buttons.length > 0;
              item.ref.card = b.template_card;
              state.inbox.change(item, 'card_replaced', { ...v, statusText: v.statusText || item.statusText, state: live ? 'actionable' : 'updated' }, { card_type: b.template_card.card_type });
            }
          }
          ok(res, { invaliduser: invalid });
        },
      ],
    ],
  };
}
