import { FORGE_KINDS, type ForgeKind } from './callbacks/callbacks';
import { openWecomReply, sealKeys } from './callbacks/envelopes';
import { CONTROL_PREFIX } from './control';
import type { Req, Res, Router } from './core/http';
import { isPlatform } from './core/types';
import { itemView, type InboxButton, type InboxItem } from './inbox';
import type { CorpOrg } from './org';
import { applyFeishuCard } from './platforms/feishu-messaging';
import type { SandboxState } from './state';

/**
 * Control API for inboxes and callbacks (prefix /__sandbox/api):
 * GET  /inbox?corp=&platform=&employeeNo=|userId=      → items, newest first
 * POST /inbox/:id/open                                 → {launchUrl, link, redirect}
 * POST /inbox/:id/press {key | value | text}           → {status, body} (our server's answer to the real callback)
 * PUT  /callbacks {corp, platform, url}                → {ok, error?} after the platform's URL verification
 * GET  /callbacks                                      → registrations
 * GET  /callback-log                                   → every callback sent, with our server's answer
 * POST /callbacks/forge {corp, platform, kind, itemId?} → our server's answer to a bad callback
 */
function error(res: Res, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

/**
 * The H5 page a link points at, as the mini-program route: `http://…/h5/#/pages/x?id=1` → `/pages/x?id=1`,
 * `eapp://pages/x?id=1` (DingTalk), `wxapp://<appid>/pages/x` (WeCom card_action type 2),
 * `https://applink.feishu.cn/client/mini_program/open?appId=…&path=pages/x` (Feishu).
 */
export function redirectOf(link: string | null, h5Url: string): string | null {
  if (!link) return null;
  const route = (p: string) => '/' + decodeURIComponent(p).replace(/^\/+/, '');
  if (link.startsWith('eapp://')) return route(link.slice('eapp://'.length));
  if (link.startsWith('wxapp://')) return route(link.slice('wxapp://'.length).replace(/^[^/]*\//, ''));
  try {
    const u = new URL(link);
    if (u.hostname === 'applink.feishu.cn' && u.searchParams.get('path')) return route(u.searchParams.get('path')!);
    const h5 = new URL(h5Url);
    const base = h5.pathname.replace(/\/+$/, '');
    if (u.origin === h5.origin && u.pathname.startsWith(base) && u.hash.startsWith('#/')) return u.hash.slice(1);
  } catch {
    /* not a URL */
  }
  return null;
}

export function mountInboxControl(router: Router, state: SandboxState): void {
  const P = CONTROL_PREFIX;

  function corpOf(req: Req, res: Res): CorpOrg | null {
    const key = (req.body && req.body.corp) || req.query.corp || 'demo';
    const corp = state.corp(String(key));
    if (!corp) error(res, 404, 'CORP_NOT_FOUND', `no corp "${key}" (demo | other)`);
    return corp ?? null;
  }

  function itemOf(req: Req, res: Res): InboxItem | null {
    const item = state.inbox.get(req.params.id);
    if (!item) error(res, 404, 'ITEM_NOT_FOUND', `no inbox item ${req.params.id}`);
    return item ?? null;
  }

  router.get(`${P}/inbox`, (req, res) => {
    const corp = corpOf(req, res);
    if (!corp) return;
    const platform = req.query.platform;
    if (platform !== undefined && !isPlatform(platform)) return error(res, 400, 'VALIDATION_FAILED', 'platform must be dingtalk | wecom | feishu');
    let employeeNo = req.query.employeeNo;
    if (!employeeNo && req.query.userId) {
      const p = corp.findPerson(req.query.userId);
      if (!p) return res.json([]);
      employeeNo = p.employeeNo;
    }
    res.json(state.inbox.list({ corpKey: corp.key, platform: platform as any, employeeNo }).map(itemView));
  });

  router.get(`${P}/inbox/:id`, (req, res) => {
    const item = itemOf(req, res);
    if (item) res.json(itemView(item));
  });

  router.post(`${P}/inbox/:id/open`, (req, res) => {
    const item = itemOf(req, res);
    if (!item) return;
    const corp = state.corp(item.corpKey);
    if (!corp?.people.has(item.employeeNo)) return error(res, 404, 'PERSON_NOT_FOUND', `${item.employeeNo} has left`);
    const code = state.codes.issue(item.platform, item.corpKey, item.employeeNo);
    const url = new URL(state.h5Url);
    url.searchParams.set('platform', item.platform);
    url.searchParams.set('code', code.code);
    url.searchParams.set('corpId', state.corpIdOf(corp, item.platform));
    const redirect = redirectOf(item.link, state.h5Url);
    if (redirect) url.searchParams.set('redirect', redirect);
    state.inbox.change(item, 'opened', {});
    res.json({ launchUrl: url.toString(), link: item.link, redirect });
  });

  router.post(`${P}/inbox/:id/press`, async (req, res) => {
    const item = itemOf(req, res);
    if (!item) return;
    const corp = state.corp(item.corpKey)!;
    if (item.state !== 'actionable') return error(res, 409, 'NOT_ACTIONABLE', `item is ${item.state}`);
    const b = req.body ?? {};
    const same = (v: unknown, w: unknown) => JSON.stringify(v) === JSON.stringify(w);
    const button: InboxButton | undefined = item.buttons.find(
      (x) => (b.key !== undefined && x.key === b.key) || (b.value !== undefined && same(x.value, b.value)) || (b.text !== undefined && x.text === b.text),
    );
    if (!button) return error(res, 400, 'VALIDATION_FAILED', 'no such button (key | value | text)');
    if (button.url && button.value === undefined && button.key === undefined) return error(res, 400, 'NO_CALLBACK', 'this button opens a link; use /open');
    const answer = await state.callbacks.cardAction(corp, item, button);
    if ('error' in answer) return error(res, 409, 'CALLBACK_NOT_SENT', answer.error);
    item.lastCallback = answer;
    const okAnswer = answer.status >= 200 && answer.status < 300;
    // The platform shows the card as pressed only when our server took the click.
    if (okAnswer && item.state === 'actionable') state.inbox.change(item, 'pressed', { state: 'pressed' }, { button: button.key ?? button.value, status: answer.status });
    else state.inbox.change(item, 'press_refused', {}, { button: button.key ?? button.value, status: answer.status });
    if (okAnswer && item.platform === 'wecom') {
      // Passive reply "模板卡片更新消息 / 更新点击用户的按钮文案" (path/90241): MsgType update_button, Button.ReplaceName.
      const reply = openWecomReply(sealKeys(corp.credentials, 'wecom'), answer.body);
      const replace = reply && /<MsgType><!\[CDATA\[update_button\]\]>/.test(reply) ? /<ReplaceName><!\[CDATA\[([^\]]*)/.exec(reply)?.[1] : undefined;
      if (replace !== undefined) state.inbox.change(item, 'button_replaced_by_passive_reply', { statusText: replace, state: 'updated' }, { replace_name: replace });
    }
    if (okAnswer && item.platform === 'feishu') {
      // card.action.trigger answers may carry a new card: {card: {type: 'raw', data}} or (legacy) the card itself.
      try {
        const j = JSON.parse(answer.body || '{}');
        const card = j?.card?.type === 'raw' ? j.card.data : j?.card?.elements || j?.card?.body ? j.card : j?.elements || j?.schema ? j : null;
        if (card) applyFeishuCard(state, item, card, 'card_replaced_by_callback_answer');
      } catch {
        /* not JSON: nothing to apply */
      }
    }
    res.json({ ...answer, item: itemView(item) });
  });

  router.put(`${P}/callbacks`, async (req, res) => {
    const b = req.body ?? {};
    if (!isPlatform(b.platform)) return error(res, 400, 'VALIDATION_FAILED', 'platform must be dingtalk | wecom | feishu');
    if (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url)) return error(res, 400, 'VALIDATION_FAILED', 'url must be http(s)');
    const corp = corpOf(req, res);
    if (!corp) return;
    res.json(await state.callbacks.register(corp, b.platform, b.url));
  });

  router.get(`${P}/callbacks`, (_req, res) => res.json(state.callbacks.list()));
  router.get(`${P}/callback-log`, (req, res) => {
    const { corp, platform, kind } = req.query;
    res.json(state.callbacks.log().filter((e) => (!corp || e.corp === corp) && (!platform || e.platform === platform) && (!kind || e.kind === kind)));
  });

  router.post(`${P}/callbacks/forge`, async (req, res) => {
    const b = req.body ?? {};
    if (!isPlatform(b.platform)) return error(res, 400, 'VALIDATION_FAILED', 'platform must be dingtalk | wecom | feishu');
    if (!FORGE_KINDS.includes(b.kind)) return error(res, 400, 'VALIDATION_FAILED', `kind must be ${FORGE_KINDS.join(' | ')}`);
    const corp = corpOf(req, res);
    if (!corp) return;
    const item = b.itemId ? state.inbox.get(String(b.itemId)) : undefined;
    const r = await state.callbacks.forge(corp, b.platform, b.kind as ForgeKind, item);
    if (!('request' in r)) return error(res, 409, 'CALLBACK_NOT_SENT', r.error);
    res.json({ status: r.response?.status ?? null, body: r.response?.body ?? null, error: r.error, request: r.request });
  });
}
