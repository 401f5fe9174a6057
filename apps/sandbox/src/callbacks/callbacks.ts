import { randomBytes } from 'node:crypto';
import type { Platform } from '../core/types';
import type { InboxButton, InboxItem } from '../inbox';
import type { CorpOrg, Person } from '../org';
import type { SandboxState } from '../state';
import {
  checkDingtalkSuccess,
  dingtalkPost,
  feishuPost,
  sealKeys,
  wecomPost,
  wecomVerify,
  xml,
  type OutgoingRequest,
  type SealKeys,
} from './envelopes';

export interface Registration {
  corp: string;
  platform: Platform;
  url: string;
  registeredAt: string;
}

export type LogKind = 'verify' | 'card_action' | 'contact' | 'forge';

export interface LogEntry {
  id: number;
  at: string;
  corp: string;
  platform: Platform;
  kind: LogKind;
  event: string;
  url: string;
  request: OutgoingRequest;
  response: { status: number; body: string } | null;
  error: string | null;
}

export type ForgeKind = 'bad_signature' | 'wrong_key' | 'replay' | 'stale' | 'tampered';
export const FORGE_KINDS: ForgeKind[] = ['bad_signature', 'wrong_key', 'replay', 'stale', 'tampered'];

const TIMEOUT_MS = 10_000;

/**
 * Callbacks carry REAL time, not the sandbox clock: the receiving server checks timestamps against its own clock,
 * and advancing the sandbox clock (to expire tokens / codes) must not make every callback look like a replay.
 */
const wallClock = () => Date.now();
const LOG_MAX = 500;
const WRONG_AES_KEY = 'WRONGkeyWRONGkeyWRONGkeyWRONGkeyWRONGkey012';

/** What a callback carries before sealing: platform event payload (XML text / JSON object). */
type Payload = { platform: 'wecom'; xml: string } | { platform: 'dingtalk'; json: Record<string, unknown> } | { platform: 'feishu'; json: any };

/**
 * Sends callbacks the way the three platforms do: URL verification when a URL is registered, card button clicks,
 * contact-change events, and forged ones for negative tests. Every request and answer is kept in a log.
 */
export class Callbacks {
  private regs = new Map<string, Registration>();
  private logEntries: LogEntry[] = [];
  private seq = 0;
  /** The last genuine request per corp+platform, for 'replay'. */
  private last = new Map<string, { url: string; request: OutgoingRequest }>();

  constructor(private readonly state: SandboxState) {}

  clear(): void {
    this.regs.clear();
    this.logEntries = [];
    this.last.clear();
  }

  list(): Registration[] {
    return [...this.regs.values()];
  }

  log(): LogEntry[] {
    return this.logEntries;
  }

  registration(corp: string, platform: Platform): Registration | undefined {
    return this.regs.get(`${corp}:${platform}`);
  }

  /** Performs the developer console's URL check; stores the URL only when it passes. */
  async register(corp: CorpOrg, platform: Platform, url: string): Promise<{ ok: boolean; error?: string }> {
    const c = corp.credentials;
    const now = wallClock();
    let request: OutgoingRequest;
    let check: (status: number, body: string) => string | null;
    if (platform === 'wecom') {
      const v = wecomVerify(sealKeys(c, 'wecom'), Math.floor(now / 1000));
      request = v.request;
      check = (_s, body) => (body.trim() === v.expect ? null : `expected the decrypted echostr "${v.expect}", got "${body.slice(0, 100)}"`);
    } else if (platform === 'dingtalk') {
      const keys = sealKeys(c, 'dingtalk');
      request = dingtalkPost(keys, JSON.stringify({ EventType: 'check_url' }), now);
      check = (_s, body) => checkDingtalkSuccess(keys, body);
    } else {
      const challenge = randomBytes(16).toString('hex');
      request = feishuPost(c.feishu.encryptKey, { challenge, token: c.feishu.verificationToken, type: 'url_verification' }, Math.floor(now / 1000));
      check = (_s, body) => {
        try {
          return JSON.parse(body)?.challenge === challenge ? null : `expected {"challenge":"${challenge}"}`;
        } catch {
          return 'answer is not JSON';
        }
      };
    }
    const entry = await this.send(corp.key, platform, 'verify', 'url_verification', url, request);
    let error = entry.error;
    if (!error && entry.response) {
      error = entry.response.status !== 200 ? `HTTP ${entry.response.status}` : check(entry.response.status, entry.response.body);
    }
    if (error) {
      entry.error = error;
      return { ok: false, error };
    }
    this.regs.set(`${corp.key}:${platform}`, { corp: corp.key, platform, url, registeredAt: new Date(now).toISOString() });
    return { ok: true };
  }

  /** A button press on a card: builds the platform's callback, sends it, returns our server's answer. */
  async cardAction(corp: CorpOrg, item: InboxItem, button: InboxButton): Promise<{ status: number; body: string } | { error: string }> {
    const reg = this.registration(corp.key, item.platform);
    if (!reg) return { error: `no callback URL registered for ${corp.key} / ${item.platform}` };
    const payload = this.cardPayload(corp, item, button);
    if (!payload) return { error: `${item.platform} cards have no callback buttons here` };
    const request = this.seal(corp, payload, wallClock());
    const entry = await this.send(corp.key, item.platform, 'card_action', payload.platform === 'wecom' ? 'template_card_event' : 'card.action.trigger', reg.url, request);
    this.last.set(`${corp.key}:${item.platform}`, { url: reg.url, request });
    return entry.response ?? { error: entry.error ?? 'no answer' };
  }

  /** Contact change → the platform's event to every registered URL of the corp. Best effort, not awaited by callers. */
  async contactEvent(corp: CorpOrg, change: 'created' | 'updated' | 'deleted', p: Person): Promise<void> {
    const now = wallClock();
    await Promise.all(
      (['dingtalk', 'wecom', 'feishu'] as Platform[]).map(async (platform) => {
        const reg = this.registration(corp.key, platform);
        if (!reg) return;
        const payload = this.contactPayload(corp, platform, change, p, now);
        const request = this.seal(corp, payload, now);
        await this.send(corp.key, platform, 'contact', eventName(payload), reg.url, request);
        this.last.set(`${corp.key}:${platform}`, { url: reg.url, request });
      }),
    );
  }

  /** Sends a bad callback (for tests proving our server refuses it) and returns the server's answer. */
  async forge(corp: CorpOrg, platform: Platform, kind: ForgeKind, item?: InboxItem): Promise<LogEntry | { error: string }> {
    const reg = this.registration(corp.key, platform);
    if (!reg) return { error: `no callback URL registered for ${corp.key} / ${platform}` };
    const now = wallClock();
    const payload =
      item && item.platform === platform && item.buttons.length
        ? this.cardPayload(corp, item, item.buttons.find((b) => !b.url) ?? item.buttons[0])
        : this.contactPayload(corp, platform, 'updated', corp.people.get('E0001') ?? [...corp.people.values()][0], now);
    if (!payload) return { error: 'nothing to forge from' };
    let request: OutgoingRequest;
    if (kind === 'replay') {
      const prev = this.last.get(`${corp.key}:${platform}`);
      request = prev ? prev.request : this.seal(corp, payload, now - 3600_000);
    } else if (kind === 'stale') {
      request = this.seal(corp, payload, now - 3600_000);
    } else if (kind === 'wrong_key') {
      request = this.seal(corp, payload, now, true);
    } else {
      request = this.seal(corp, payload, now);
      if (kind === 'bad_signature') request = withBadSignature(request);
      else request = tamper(request);
    }
    return this.send(corp.key, platform, 'forge', `${kind}:${eventName(payload)}`, reg.url, request);
  }

  // ---- payloads ------------------------------------------------------------------------------------------

  /** WeCom template_card_event (developer.work.weixin.qq.com/document/path/90240 "模板卡片事件推送"); Feishu card.action.trigger. */
  private cardPayload(corp: CorpOrg, item: InboxItem, button: InboxButton): Payload | null {
    const p = corp.people.get(item.employeeNo);
    const c = corp.credentials;
    const now = wallClock();
    if (item.platform === 'wecom') {
      const code = this.state.inbox.issueResponseCode(item);
      return {
        platform: 'wecom',
        xml: xml([
          ['ToUserName', c.wecom.corpId],
          ['FromUserName', item.userId],
          ['CreateTime', Math.floor(now / 1000)],
          ['MsgType', 'event'],
          ['Event', 'template_card_event'],
          ['EventKey', button.key ?? ''],
          ['TaskId', item.ref.taskId ?? ''],
          ['CardType', item.ref.cardType ?? 'button_interaction'],
          ['ResponseCode', code],
          ['AgentID', Number(c.wecom.agentId)],
        ]),
      };
    }
    if (item.platform === 'feishu') {
      return {
        platform: 'feishu',
        json: {
          schema: '2.0',
          header: {
            event_id: randomBytes(16).toString('hex'),
            event_type: 'card.action.trigger',
            create_time: String(now),
            token: c.feishu.verificationToken,
            app_id: c.feishu.appId,
            tenant_key: c.feishu.tenantKey,
          },
          event: {
            operator: {
              tenant_key: c.feishu.tenantKey,
              user_id: p?.ids.feishu.userId ?? item.userId,
              open_id: p?.ids.feishu.openId ?? '',
              union_id: p?.ids.feishu.unionId ?? '',
            },
            token: `c-${randomBytes(16).toString('hex')}`,
            action: { value: button.value ?? {}, tag: 'button' },
            host: 'im_message',
            context: { open_message_id: item.ref.messageId, open_chat_id: item.ref.chatId },
          },
        },
      };
    }
    return null;
  }

  /**
   * Contact events. DingTalk: user_add_org / user_modify_org / user_leave_org {EventType, TimeStamp, UserId[], CorpId}
   * (open.dingtalk.com "通讯录事件"). WeCom: change_contact create_user / update_user / delete_user
   * (developer.work.weixin.qq.com/document/path/90970). Feishu: contact.user.created_v3 / updated_v3 / deleted_v3
   * {object, old_object?} (open.feishu.cn contact-v3 user events).
   */
  private contactPayload(corp: CorpOrg, platform: Platform, change: 'created' | 'updated' | 'deleted', p: Person, now: number): Payload {
    const c = corp.credentials;
    if (platform === 'dingtalk') {
      const type = { created: 'user_add_org', updated: 'user_modify_org', deleted: 'user_leave_org' }[change];
      return { platform, json: { EventType: type, TimeStamp: String(now), UserId: [p.ids.dingtalk.userId], CorpId: c.dingtalk.corpId } };
    }
    if (platform === 'wecom') {
      const type = { created: 'create_user', updated: 'update_user', deleted: 'delete_user' }[change];
      const depts = change === 'deleted' ? [] : p.deptKeys.map((k) => corp.departments.get(k)?.ids.wecom).filter((x) => x !== undefined);
      const fields: Array<[string, string | number]> = [
        ['ToUserName', c.wecom.corpId],
        ['FromUserName', 'sys'],
        ['CreateTime', Math.floor(now / 1000)],
        ['MsgType', 'event'],
        ['Event', 'change_contact'],
        ['ChangeType', type],
        ['UserID', p.ids.wecom.userId],
      ];
      if (change !== 'deleted')
        fields.push(['Name', p.name], ['Department', depts.join(',')], ['MainDepartment', depts[0] ?? 1], ['Position', p.title], ['Status', 1]);
      return { platform, xml: xml(fields) };
    }
    const type = { created: 'contact.user.created_v3', updated: 'contact.user.updated_v3', deleted: 'contact.user.deleted_v3' }[change];
    const object = {
      open_id: p.ids.feishu.openId,
      union_id: p.ids.feishu.unionId,
      user_id: p.ids.feishu.userId,
      name: p.name,
      employee_no: p.employeeNo,
      job_title: p.title,
      department_ids: p.deptKeys.map((k) => corp.departments.get(k)?.ids.feishu.openDepartmentId).filter(Boolean),
      status: { is_resigned: change === 'deleted', is_activated: change !== 'deleted', is_frozen: false, is_exited: false, is_unjoin: false },
    };
    return {
      platform,
      json: {
        schema: '2.0',
        header: {
          event_id: randomBytes(16).toString('hex'),
          event_type: type,
          create_time: String(now),
          token: c.feishu.verificationToken,
          app_id: c.feishu.appId,
          tenant_key: c.feishu.tenantKey,
        },
        event: change === 'updated' ? { object, old_object: { name: p.name } } : { object },
      },
    };
  }

  private seal(corp: CorpOrg, payload: Payload, nowMs: number, wrongKey = false): OutgoingRequest {
    const c = corp.credentials;
    if (payload.platform === 'feishu') return feishuPost(wrongKey ? 'wrong-encrypt-key-of-someone-else' : c.feishu.encryptKey, payload.json, Math.floor(nowMs / 1000));
    const keys: SealKeys = sealKeys(c, payload.platform);
    const k = wrongKey ? { ...keys, token: 'wrongtoken', aesKey: WRONG_AES_KEY } : keys;
    return payload.platform === 'wecom' ? wecomPost(k, c.wecom.agentId, payload.xml, Math.floor(nowMs / 1000)) : dingtalkPost(k, JSON.stringify(payload.json), nowMs);
  }

  private async send(corp: string, platform: Platform, kind: LogKind, event: string, url: string, request: OutgoingRequest): Promise<LogEntry> {
    const entry: LogEntry = {
      id: ++this.seq,
      at: new Date(wallClock()).toISOString(),
      corp,
      platform,
      kind,
      event,
      url,
      request,
      response: null,
      error: null,
    };
    this.logEntries.push(entry);
    if (this.logEntries.length > LOG_MAX) this.logEntries.shift();
    try {
      const u = new URL(url);
      for (const [k, v] of Object.entries(request.query)) u.searchParams.set(k, v);
      const r = await fetch(u, {
        method: request.method,
        headers: request.headers,
        body: request.method === 'GET' ? undefined : request.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      entry.response = { status: r.status, body: await r.text() };
    } catch (e) {
      entry.error = `request failed: ${(e as Error).message}`;
    }
    return entry;
  }
}

function eventName(p: Payload): string {
  if (p.platform === 'feishu') return p.json.header?.event_type ?? 'event';
  if (p.platform === 'dingtalk') return String(p.json.EventType);
  return /<ChangeType><!\[CDATA\[(\w+)/.exec(p.xml)?.[1] ?? /<Event><!\[CDATA\[(\w+)/.exec(p.xml)?.[1] ?? 'event';
}

/**
 * Changes one character in the middle. '0'/'1' differ in every case-folding (receivers may compare
 * hex signatures case-insensitively) and are valid in hex and base64 alike.
 */
function flip(s: string): string {
  const i = Math.floor(s.length / 2);
  return s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);
}

function withBadSignature(r: OutgoingRequest): OutgoingRequest {
  if (r.headers['x-lark-signature']) return { ...r, headers: { ...r.headers, 'x-lark-signature': flip(r.headers['x-lark-signature']) } };
  const q = { ...r.query };
  for (const k of ['msg_signature', 'signature']) if (q[k]) q[k] = flip(q[k]);
  return { ...r, query: q };
}

/** Changes the ciphertext in transit, keeping the original signature. */
function tamper(r: OutgoingRequest): OutgoingRequest {
  if (r.body.startsWith('<xml>')) return { ...r, body: r.body.replace(/<Encrypt><!\[CDATA\[([^\]]+)\]\]>/, (_m, e: string) => `<Encrypt><![CDATA[${flip(e)}]]>`) };
  const j = JSON.parse(r.body);
  return { ...r, body: JSON.stringify({ encrypt: flip(j.encrypt) }) };
}
