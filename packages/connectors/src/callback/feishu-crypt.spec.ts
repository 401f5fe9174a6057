import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AESCipher, EventDispatcher } from '@larksuiteoapi/node-sdk';
import { ConnectorError, ConnectorCredentials, createConnector, FeishuCrypt } from '..';
import type { ApprovalCard, CallbackRequest, CallbackResult } from '../messaging-types';
import { allAt } from '../testing/fixture-server';
import { sealFeishu } from '../testing/seal';

const samples = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'official-samples.json'), 'utf8'));
const ENCRYPT_KEY = 'hrlink-feishu-demo-encrypt-key';
const creds: ConnectorCredentials = {
  platform: 'feishu',
  corpId: 'feishudemo0001',
  appKey: 'cli_demo0001',
  appSecret: 'x',
  callbackToken: 'feishudemotoken',
  callbackAesKey: ENCRYPT_KEY,
};
const c = createConnector(creds, { baseUrls: allAt('http://127.0.0.1:1') });
const NOW = 1_790_000_000_000;
const TS = String(NOW / 1000);

const rejection = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return e instanceof ConnectorError ? `${e.kind}: ${e.message}` : `not a ConnectorError: ${e}`;
  }
  return 'accepted';
};

const cardAction = (over: Record<string, unknown> = {}) => ({
  schema: '2.0',
  header: {
    event_id: 'f7984f25108f8137722bb63cee927e66',
    token: 'feishudemotoken',
    create_time: String(NOW - 500),
    event_type: 'card.action.trigger',
    tenant_key: 'feishudemo0001',
    app_id: 'cli_demo0001',
    ...over,
  },
  event: {
    operator: { tenant_key: 'feishudemo0001', user_id: 'fs_E0001', open_id: 'ou_e0001', union_id: 'on_e0001' },
    token: 'c-295ee57216a5dc9de90fefd0aadb4b1d7d337c7a',
    action: { value: { v: 'approve:task-7' }, tag: 'button' },
    host: 'im_message',
    context: { open_message_id: 'om_x100b4', open_chat_id: 'oc_x' },
  },
});

const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** What the official SDK's EventDispatcher makes of a request (signature check + decrypt), or undefined if it refuses. */
async function sdkView(req: CallbackRequest, encryptKey = ENCRYPT_KEY): Promise<any> {
  const dispatcher = new EventDispatcher({ encryptKey, verificationToken: 'feishudemotoken', logger: silent }).register({
    'card.action.trigger': async (data: unknown) => data,
    'contact.user.created_v3': async (data: unknown) => data,
  } as any);
  // The SDK's adapters pass the parsed body with the headers on its prototype (not serialised).
  const data = Object.assign(Object.create({ headers: req.headers }), JSON.parse(req.rawBody.toString()));
  return dispatcher.invoke(data);
}

describe('Feishu crypto against independent oracles', () => {
  it('decrypts the documented vector ("test key" → "hello world")', () => {
    expect(new FeishuCrypt(samples.feishu.encryptKey).decrypt(samples.feishu.encrypt)).toBe(samples.feishu.plaintext);
    expect(new AESCipher(samples.feishu.encryptKey).decrypt(samples.feishu.encrypt)).toBe(samples.feishu.plaintext);
    expect(() => new FeishuCrypt('other key').decrypt(samples.feishu.encrypt)).toThrow();
  });

  it("the official SDK's AESCipher decrypts what our test encryptor produces (multi-block, Chinese)", () => {
    const text = JSON.stringify(cardAction()) + '同意 / 拒绝'.repeat(20);
    const enc = new FeishuCrypt(ENCRYPT_KEY).encrypt(text);
    expect(new AESCipher(ENCRYPT_KEY).decrypt(enc)).toBe(text);
    expect(new FeishuCrypt(ENCRYPT_KEY).decrypt(enc)).toBe(text);
  });

  it("a signed + encrypted card.action.trigger passes the SDK's own signature check and ours, with the same decoding", async () => {
    const req = sealFeishu(ENCRYPT_KEY, cardAction(), { timestamp: TS, nonce: '13562' });
    const sdk = await sdkView(req);
    expect(sdk).toBeDefined();
    expect(sdk.operator.user_id).toBe('fs_E0001');
    const ours = c.handleCallback(req, { now: NOW }) as Extract<CallbackResult, { kind: 'event' }>;
    expect(ours.eventId).toBe(`feishu:${sdk.event_id}`);
    expect(ours.sentAt).toBe(NOW - 500);
    expect(ours.event).toEqual({
      type: 'card_action',
      userId: sdk.operator.user_id,
      openId: sdk.operator.open_id,
      value: sdk.action.value.v,
      responseCode: sdk.token,
      messageId: sdk.context.open_message_id,
    });
    expect(ours.response).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body: '{}' });
  });

  it('a tampered body fails both the SDK check and ours; a wrong encrypt key fails both', async () => {
    const req = sealFeishu(ENCRYPT_KEY, cardAction(), { timestamp: TS, nonce: '13562' });
    const raw = JSON.parse(req.rawBody.toString());
    const tampered = { ...req, rawBody: Buffer.from(JSON.stringify({ encrypt: raw.encrypt.replace(/^./, (ch: string) => (ch === 'A' ? 'B' : 'A')) })) };
    expect(await sdkView(tampered)).toBeUndefined();
    expect(rejection(() => c.handleCallback(tampered, { now: NOW }))).toMatch(/callback_rejected: .*signature mismatch/);
    const otherKey = sealFeishu('not-our-key', cardAction(), { timestamp: TS });
    expect(await sdkView(otherKey)).toBeUndefined();
    expect(rejection(() => c.handleCallback(otherKey, { now: NOW }))).toMatch(/signature mismatch/);
    // Re-serialised body (spaces): the signature covers raw bytes, so it fails.
    const spaced = { ...req, rawBody: Buffer.from(JSON.stringify(raw, null, 1)) };
    expect(rejection(() => c.handleCallback(spaced, { now: NOW }))).toMatch(/signature mismatch/);
  });
});

describe('Feishu callbacks', () => {
  it('url_verification (encrypted, unsigned) answers {challenge} when the token matches', () => {
    const req = sealFeishu(ENCRYPT_KEY, { challenge: 'ajls384kdjx98XX', token: 'feishudemotoken', type: 'url_verification' });
    expect(c.handleCallback(req, { now: NOW })).toEqual({
      kind: 'handshake',
      response: { status: 200, contentType: 'application/json; charset=utf-8', body: '{"challenge":"ajls384kdjx98XX"}' },
    });
    const wrong = sealFeishu(ENCRYPT_KEY, { challenge: 'x', token: 'other', type: 'url_verification' });
    expect(rejection(() => c.handleCallback(wrong, { now: NOW }))).toMatch(/verification token mismatch/);
  });

  it('refuses unsigned events, plaintext bodies, replays, wrong token / app / tenant', () => {
    expect(rejection(() => c.handleCallback(sealFeishu(ENCRYPT_KEY, cardAction()), { now: NOW }))).toMatch(/missing X-Lark-Signature/);
    const plain: CallbackRequest = { method: 'POST', query: {}, headers: {}, rawBody: Buffer.from(JSON.stringify(cardAction())) };
    expect(rejection(() => c.handleCallback(plain, { now: NOW }))).toMatch(/not encrypted/);
    const signed = sealFeishu(ENCRYPT_KEY, cardAction(), { timestamp: TS });
    expect(rejection(() => c.handleCallback(signed, { now: NOW + 301_000 }))).toMatch(/outside/);
    expect(c.handleCallback(signed, { now: NOW + 299_000 }).kind).toBe('event');
    expect(rejection(() => c.handleCallback(sealFeishu(ENCRYPT_KEY, cardAction({ token: 'x' }), { timestamp: TS }), { now: NOW }))).toMatch(/token mismatch/);
    expect(rejection(() => c.handleCallback(sealFeishu(ENCRYPT_KEY, cardAction({ app_id: 'cli_demo0002' }), { timestamp: TS }), { now: NOW }))).toMatch(/app_id cli_demo0002/);
    expect(rejection(() => c.handleCallback(sealFeishu(ENCRYPT_KEY, cardAction({ tenant_key: 'feishudemo0002' }), { timestamp: TS }), { now: NOW }))).toMatch(/tenant_key/);
    expect(rejection(() => c.handleCallback({ ...signed, rawBody: Buffer.from('not json') }, { now: NOW }))).toMatch(/callback_rejected/);
  });

  it('contact.user.*_v3 → contact_user; department events → contact_department', () => {
    const ev = (type: string, object: Record<string, unknown>) =>
      (c.handleCallback(sealFeishu(ENCRYPT_KEY, { ...cardAction({ event_type: type, event_id: type }), event: { object } }, { timestamp: TS }), { now: NOW }) as any).event;
    expect(ev('contact.user.created_v3', { user_id: 'fs_E0100', open_id: 'ou_1' })).toEqual({ type: 'contact_user', change: 'created', userId: 'fs_E0100' });
    expect(ev('contact.user.deleted_v3', { user_id: 'fs_E0003' })).toEqual({ type: 'contact_user', change: 'deleted', userId: 'fs_E0003' });
    expect(ev('contact.department.updated_v3', { department_id: 'd7' })).toEqual({ type: 'contact_department', change: 'updated', departmentId: 'd7' });
    expect(ev('im.message.receive_v1', {})).toEqual({ type: 'other', eventType: 'im.message.receive_v1' });
  });

  it('cardActionResponse: new-style toast, plus the updated card (no buttons) when given', () => {
    expect(JSON.parse(c.cardActionResponse({ ok: true, message: '已同意' }).body)).toEqual({ toast: { type: 'success', content: '已同意' } });
    expect(JSON.parse(c.cardActionResponse({ ok: false, message: '该审批已处理' }).body)).toEqual({ toast: { type: 'error', content: '该审批已处理' } });
    const card: ApprovalCard = {
      idempotencyKey: 'k1',
      title: '张三的通用审批',
      form: [{ label: '标题', value: '采购显示器' }],
      statusText: '已同意',
      link: { mobile: 'https://h5/x', pc: 'https://pc/x' },
      buttons: null,
    };
    const body = JSON.parse(c.cardActionResponse({ ok: true, message: '已同意', card }).body);
    expect(body.card.type).toBe('raw');
    expect(body.card.data.config.update_multi).toBe(true);
    expect(body.card.data.header.template).toBe('green');
    const buttons = body.card.data.elements.find((e: any) => e.tag === 'action').actions;
    expect(buttons.map((b: any) => b.text.content)).toEqual(['查看详情']);
  });
});
