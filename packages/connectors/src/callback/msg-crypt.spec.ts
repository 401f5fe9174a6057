import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorError, ConnectorErrorKind, ConnectorCredentials, createConnector, MsgCrypt } from '..';
import type { CallbackRequest, CallbackResult } from '../messaging-types';
import { allAt } from '../testing/fixture-server';
import { sealDingTalk, sealWeCom } from '../testing/seal';
import { parseFlatXml } from './xml';

const samples = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'official-samples.json'), 'utf8'));
const W = samples.wecom;
const D = samples.dingtalk;
const options = { baseUrls: allAt('http://127.0.0.1:1') };

const connectorFor = (creds: ConnectorCredentials) => createConnector(creds, options);
const rejection = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConnectorError) return `${e.kind}: ${e.message}`;
    return `not a ConnectorError: ${e}`;
  }
  return 'accepted';
};

describe('WeCom callbacks — the official WXBizMsgCrypt sample', () => {
  const creds: ConnectorCredentials = { platform: 'wecom', corpId: W.corpId, appSecret: 'x', callbackToken: W.token, callbackAesKey: W.encodingAesKey };
  const c = connectorFor(creds);
  const verify: CallbackRequest = {
    method: 'GET',
    query: { msg_signature: W.verifyUrl.msg_signature, timestamp: W.verifyUrl.timestamp, nonce: W.verifyUrl.nonce, echostr: W.verifyUrl.echostr },
    headers: {},
    rawBody: Buffer.alloc(0),
  };
  const post: CallbackRequest = {
    method: 'POST',
    query: { msg_signature: W.post.msg_signature, timestamp: W.post.timestamp, nonce: W.post.nonce },
    headers: {},
    rawBody: Buffer.from(W.post.body),
  };
  const atVerify = { now: Number(W.verifyUrl.timestamp) * 1000 + 30_000 };
  const atPost = { now: Number(W.post.timestamp) * 1000 - 30_000 };

  it('the shared crypto reproduces the sample signatures and plaintexts exactly', () => {
    const crypt = new MsgCrypt(W.token, W.encodingAesKey);
    expect(crypt.signature(W.verifyUrl.timestamp, W.verifyUrl.nonce, W.verifyUrl.echostr)).toBe(W.verifyUrl.msg_signature);
    expect(crypt.decrypt(W.verifyUrl.echostr)).toEqual({ message: W.verifyUrl.plaintext, receiveId: W.corpId });
    const encrypt = parseFlatXml(W.post.body).Encrypt;
    expect(crypt.signature(W.post.timestamp, W.post.nonce, encrypt)).toBe(W.post.msg_signature);
    expect(crypt.decrypt(encrypt)).toEqual({ message: W.post.plaintext, receiveId: W.corpId });
  });

  it('GET URL verification answers the decrypted echostr as plain text', () => {
    const r = c.handleCallback(verify, atVerify);
    expect(r).toEqual({ kind: 'handshake', response: { status: 200, contentType: 'text/plain; charset=utf-8', body: W.verifyUrl.plaintext } });
  });

  it('POST: verifies and decrypts the sample message; eventId is a stable digest of <Encrypt>', () => {
    const r = c.handleCallback(post, atPost) as Extract<CallbackResult, { kind: 'event' }>;
    expect(r.kind).toBe('event');
    expect(r.event).toEqual({ type: 'other', eventType: 'text' });
    expect(r.sentAt).toBe(1409659813000);
    expect(r.eventId).toMatch(/^wecom:[0-9a-f]{40}$/);
    expect((c.handleCallback(post, atPost) as typeof r).eventId).toBe(r.eventId);
    expect(r.response.body).toBe('');
  });

  it('refuses a tampered signature, tampered ciphertext, replay, wrong corp, wrong token and wrong key', () => {
    const flip = (s: string) => s.slice(0, 10) + (s[10] === 'a' ? 'b' : 'a') + s.slice(11);
    expect(rejection(() => c.handleCallback({ ...post, query: { ...post.query, msg_signature: flip(W.post.msg_signature) } }, atPost))).toMatch(/callback_rejected: .*signature mismatch/);
    // Tampered ciphertext: the signature no longer matches.
    expect(rejection(() => c.handleCallback({ ...post, rawBody: Buffer.from(W.post.body.replace('RypEvHKD8', 'RypEvHKD9')) }, atPost))).toMatch(/signature mismatch/);
    // Replay: the same request 6 minutes later (and 6 minutes early).
    expect(rejection(() => c.handleCallback(post, { now: Number(W.post.timestamp) * 1000 + 6 * 60_000 }))).toMatch(/callback_rejected: .*outside/);
    expect(rejection(() => c.handleCallback(post, { now: Number(W.post.timestamp) * 1000 - 6 * 60_000 }))).toMatch(/outside/);
    // A wider window accepts it (the check is real, not a constant).
    expect(c.handleCallback(post, { now: Number(W.post.timestamp) * 1000 + 6 * 60_000, maxSkewMs: 7 * 60_000 }).kind).toBe('event');
    expect(rejection(() => connectorFor({ ...creds, corpId: 'wwsomeoneelse' }).handleCallback(post, atPost))).toMatch(/receive id wx5823bf96d3bd56c7 is not this binding's/);
    expect(rejection(() => connectorFor({ ...creds, callbackToken: 'QDG6eL' }).handleCallback(post, atPost))).toMatch(/signature mismatch/);
    expect(rejection(() => connectorFor({ ...creds, callbackAesKey: 'HRLINKwecomDEMOaesKEY0123456789abcdefghijkl' }).handleCallback(post, atPost))).toMatch(
      /callback_rejected: .*(cannot decrypt|receive id)/,
    );
    expect(rejection(() => connectorFor({ ...creds, callbackToken: null }).handleCallback(post, atPost))).toMatch(/no callback token/);
    expect(rejection(() => c.handleCallback({ ...post, query: { ...post.query, timestamp: '14096598l3' } }, atPost))).toMatch(/malformed timestamp/);
  });
});

describe('WeCom callbacks — events of the demo binding', () => {
  const creds: ConnectorCredentials = {
    platform: 'wecom',
    corpId: 'wwdemo0001corp',
    appSecret: 'x',
    agentId: '1000002',
    callbackToken: 'wecomdemotoken',
    callbackAesKey: 'HRLINKwecomDEMOaesKEY0123456789abcdefghijkl',
  };
  const c = connectorFor(creds);
  const now = 1_790_000_000_000;
  const at = { timestamp: String(now / 1000), nonce: 'n123' };

  it('template_card_event → card_action with the user, button key, new response code and task id', () => {
    const xml =
      '<xml><ToUserName><![CDATA[wwdemo0001corp]]></ToUserName><FromUserName><![CDATA[wx_E0001]]></FromUserName><CreateTime>1790000000</CreateTime>' +
      '<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[approve:task-42]]></EventKey>' +
      '<TaskId><![CDATA[appr-task-42]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-new-1]]></ResponseCode>' +
      '<AgentID>1000002</AgentID><SelectedItems></SelectedItems></xml>';
    const r = c.handleCallback(sealWeCom(creds, xml, at), { now });
    expect(r).toMatchObject({
      kind: 'event',
      sentAt: now,
      event: { type: 'card_action', userId: 'wx_E0001', value: 'approve:task-42', responseCode: 'rc-new-1', taskId: 'appr-task-42', messageId: null },
    });
  });

  it('change_contact → contact_user / contact_department', () => {
    const ev = (fields: string) =>
      (c.handleCallback(sealWeCom(creds, `<xml><ToUserName><![CDATA[wwdemo0001corp]]></ToUserName><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>${fields}</xml>`, at), { now }) as any).event;
    expect(ev('<ChangeType><![CDATA[create_user]]></ChangeType><UserID><![CDATA[wx_E0099]]></UserID>')).toEqual({ type: 'contact_user', change: 'created', userId: 'wx_E0099' });
    expect(ev('<ChangeType><![CDATA[delete_user]]></ChangeType><UserID><![CDATA[wx_E0003]]></UserID>')).toEqual({ type: 'contact_user', change: 'deleted', userId: 'wx_E0003' });
    expect(ev('<ChangeType><![CDATA[update_party]]></ChangeType><Id>7</Id>')).toEqual({ type: 'contact_department', change: 'updated', departmentId: '7' });
  });

  it('refuses a payload encrypted for another corp, signed with another token, or carrying a DTD', () => {
    const xml = '<xml><MsgType>event</MsgType><Event>change_contact</Event><ChangeType>create_user</ChangeType><UserID>u</UserID></xml>';
    expect(rejection(() => c.handleCallback(sealWeCom(creds, xml, { ...at, receiveId: 'wwdemo0002corp' }), { now }))).toMatch(/receive id wwdemo0002corp/);
    expect(rejection(() => c.handleCallback(sealWeCom(creds, xml, { ...at, token: 'wecomothertoken' }), { now }))).toMatch(/signature mismatch/);
    const xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><MsgType>&e;</MsgType></xml>';
    expect(rejection(() => c.handleCallback(sealWeCom(creds, xxe, at), { now }))).toMatch(/callback_rejected: .*DTD/);
  });
});

describe('DingTalk callbacks — the official sample and the demo binding', () => {
  it('verifies and decrypts the documented sample (receive id = suiteKey); answers the encrypted "success"', () => {
    const creds: ConnectorCredentials = { platform: 'dingtalk', corpId: 'dingnotthis', appKey: D.suiteKey, appSecret: 'x', callbackToken: D.token, callbackAesKey: D.aesKey };
    const req: CallbackRequest = {
      method: 'POST',
      query: { signature: D.signature, timestamp: D.timeStamp, nonce: D.nonce },
      headers: {},
      rawBody: Buffer.from(JSON.stringify({ encrypt: D.encrypt })),
    };
    const now = Number(D.timeStamp) + 1000;
    const r = connectorFor(creds).handleCallback(req, { now }) as Extract<CallbackResult, { kind: 'event' }>;
    expect(r.kind).toBe('event');
    expect(r.event).toEqual({ type: 'other', eventType: 'check_create_suite_url' });
    expect(r.sentAt).toBe(Number(D.timeStamp));
    expect(new MsgCrypt(D.token, D.aesKey).decrypt(D.encrypt).message).toBe(D.plaintext);
    const answer = JSON.parse(r.response.body);
    const crypt = new MsgCrypt(D.token, D.aesKey);
    expect(crypt.signature(answer.timeStamp, answer.nonce, answer.encrypt)).toBe(answer.msg_signature);
    expect(crypt.decrypt(answer.encrypt)).toEqual({ message: 'success', receiveId: D.suiteKey });
    expect(answer.timeStamp).toBe(String(now));
    // msg_signature / timeStamp spelling is accepted too; the wrong receive id is not.
    const alt = { ...req, query: { msg_signature: D.signature, timeStamp: D.timeStamp, nonce: D.nonce } };
    expect(connectorFor(creds).handleCallback(alt, { now }).kind).toBe('event');
    expect(rejection(() => connectorFor({ ...creds, appKey: 'dingdemoappkey0001' }).handleCallback(req, { now }))).toMatch(/receive id suite4/);
    expect(rejection(() => connectorFor(creds).handleCallback(req, { now: now + 10 * 60_000 }))).toMatch(/outside/);
  });

  const creds: ConnectorCredentials = {
    platform: 'dingtalk',
    corpId: 'dingdemo0001corp',
    appKey: 'dingdemoappkey0001',
    appSecret: 'x',
    agentId: '3000000001',
    callbackToken: 'dingdemotoken',
    callbackAesKey: 'HRLINKdingDEMOaesKEY0123456789abcdefghijklm',
  };
  const c = connectorFor(creds);
  const now = 1_790_000_000_123;
  const at = { timestamp: String(now), nonce: 'abcd1234' };

  it('check_url is a handshake answered with the encrypted "success"', () => {
    const r = c.handleCallback(sealDingTalk(creds, { EventType: 'check_url' }, at), { now });
    expect(r.kind).toBe('handshake');
    const answer = JSON.parse(r.response.body);
    expect(Object.keys(answer).sort()).toEqual(['encrypt', 'msg_signature', 'nonce', 'timeStamp']);
    expect(new MsgCrypt(creds.callbackToken!, creds.callbackAesKey!).decrypt(answer.encrypt)).toEqual({ message: 'success', receiveId: 'dingdemo0001corp' });
  });

  it('user_*_org → contact_user (first user + the rest), org_dept_* → contact_department; app-key receive id accepted', () => {
    const ev = (e: Record<string, unknown>, extra = {}) => (c.handleCallback(sealDingTalk(creds, e, { ...at, ...extra }), { now }) as any).event;
    expect(ev({ EventType: 'user_add_org', UserId: ['dd_E0100', 'dd_E0101'], CorpId: 'dingdemo0001corp', TimeStamp: String(now) })).toEqual({
      type: 'contact_user',
      change: 'created',
      userId: 'dd_E0100',
      moreUserIds: ['dd_E0101'],
    });
    expect(ev({ EventType: 'user_leave_org', UserId: ['dd_E0003'] }, { queryNames: 'msg_signature' })).toEqual({ type: 'contact_user', change: 'deleted', userId: 'dd_E0003' });
    expect(ev({ EventType: 'user_modify_org', UserId: ['dd_E0004'] }, { receiveId: 'dingdemoappkey0001' })).toEqual({ type: 'contact_user', change: 'updated', userId: 'dd_E0004' });
    expect(ev({ EventType: 'org_dept_remove', DeptId: [12, 13] })).toEqual({ type: 'contact_department', change: 'deleted', departmentId: '12', moreDepartmentIds: ['13'] });
    expect(ev({ EventType: 'bpms_task_change' })).toEqual({ type: 'other', eventType: 'bpms_task_change' });
  });

  it('refuses another corp, a tampered body, a replay and a non-JSON body', () => {
    expect(rejection(() => c.handleCallback(sealDingTalk(creds, { EventType: 'user_add_org', UserId: ['x'] }, { ...at, receiveId: 'dingdemo0002corp' }), { now }))).toMatch(/receive id/);
    const good = sealDingTalk(creds, { EventType: 'user_add_org', UserId: ['x'] }, at);
    const { encrypt } = JSON.parse(good.rawBody.toString());
    const tampered = { ...good, rawBody: Buffer.from(JSON.stringify({ encrypt: encrypt.slice(0, -8) + 'AAAAAAA=' })) };
    expect(rejection(() => c.handleCallback(tampered, { now }))).toMatch(/signature mismatch/);
    expect(rejection(() => c.handleCallback(good, { now: now + 5 * 60_000 + 1 }))).toMatch(/outside/);
    expect(c.handleCallback(good, { now: now + 5 * 60_000 - 1 }).kind).toBe('event');
    expect(rejection(() => c.handleCallback({ ...good, rawBody: Buffer.from('encrypt=1') }, { now }))).toMatch(/not JSON/);
    expect(rejection(() => c.handleCallback({ ...good, method: 'GET' }, { now }))).toMatch(/POST/);
  });

  it('cardActionResponse is the encrypted "success" for the app key', () => {
    const answer = JSON.parse(c.cardActionResponse({ ok: true, message: 'x' }).body);
    const crypt = new MsgCrypt(creds.callbackToken!, creds.callbackAesKey!);
    expect(crypt.signature(answer.timeStamp, answer.nonce, answer.encrypt)).toBe(answer.msg_signature);
    expect(crypt.decrypt(answer.encrypt)).toEqual({ message: 'success', receiveId: 'dingdemoappkey0001' });
  });

  it('the kind is callback_rejected', () => {
    try {
      c.handleCallback({ ...sealDingTalk(creds, { EventType: 'x' }, at), query: {} }, { now });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(ConnectorError);
      expect((e as ConnectorError).kind).toBe(ConnectorErrorKind.CallbackRejected);
    }
  });
});
