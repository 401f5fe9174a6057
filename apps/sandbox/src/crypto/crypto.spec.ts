import * as lark from '@larksuiteoapi/node-sdk';
import { feishuDecrypt, feishuEncrypt, feishuSignature } from './feishu';
import { MsgCrypt, msgSignature } from './msgcrypt';

/**
 * Worked example shipped with WeCom's official WXBizMsgCrypt sample (Sample.cs / sample.go, "验证回调URL" and
 * "对用户回复的数据进行解密"): token QDG6eK, EncodingAESKey jWmYm7…B2C, CorpID wx5823bf96d3bd56c7.
 * DingTalk's HTTP push uses the identical scheme (DingCallbackCrypto), so the same fixture checks both.
 */
const DOC = {
  token: 'QDG6eK',
  aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
  verify: {
    msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  },
  post: {
    msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
    timestamp: '1409659813',
    nonce: '1372623149',
    encrypt:
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  },
};

describe('WXBizMsgCrypt scheme (WeCom / DingTalk) against the official worked example', () => {
  const mc = new MsgCrypt(DOC.token, DOC.aesKey, DOC.corpId);

  it('computes the documented URL-verification signature and decrypts the echostr', () => {
    const v = DOC.verify;
    expect(msgSignature(DOC.token, v.timestamp, v.nonce, v.echostr)).toBe(v.msgSignature);
    const out = mc.decrypt(v.echostr);
    expect(out.receiveId).toBe(DOC.corpId);
    expect(out.message).toBe('1616140317555161061');
    expect(mc.open(v.msgSignature, v.timestamp, v.nonce, v.echostr)).toBe('1616140317555161061');
  });

  it('verifies and decrypts the documented POST message', () => {
    const p = DOC.post;
    const msg = mc.open(p.msgSignature, p.timestamp, p.nonce, p.encrypt);
    expect(msg).toContain('<ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>');
    expect(msg).toMatch(/^<xml>[\s\S]*<\/xml>$/);
  });

  it('round-trips with a fixed random prefix and refuses a wrong signature, a wrong key and a wrong receiver', () => {
    const enc = mc.encrypt('中文 success', Buffer.alloc(16, 7));
    expect(enc).toBe(mc.encrypt('中文 success', Buffer.alloc(16, 7)));
    expect(mc.decrypt(enc)).toEqual({ message: '中文 success', receiveId: DOC.corpId });
    const sig = mc.signature('1', '2', enc);
    expect(() => mc.open(sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')), '1', '2', enc)).toThrow('signature');
    const other = new MsgCrypt(DOC.token, 'HRLINKwecomDEMOaesKEY0123456789abcdefghijkl', DOC.corpId);
    expect(() => other.open(other.signature('1', '2', enc), '1', '2', enc)).toThrow();
    const otherCorp = new MsgCrypt(DOC.token, DOC.aesKey, 'wwsomeoneelse');
    expect(() => otherCorp.open(sig, '1', '2', enc)).toThrow('receiveid');
  });
});

describe('Feishu encryption against the official SDK (@larksuiteoapi/node-sdk AESCipher)', () => {
  const key = 'hrlink-feishu-demo-encrypt-key';

  it('what the sandbox encrypts, the SDK decrypts; what the SDK cipher reads back, the sandbox reads too', () => {
    const payload = JSON.stringify({ challenge: 'abc', token: 't', type: 'url_verification', 中文: '是' });
    const enc = feishuEncrypt(key, payload);
    expect(new lark.AESCipher(key).decrypt(enc)).toBe(payload);
    expect(feishuDecrypt(key, enc)).toBe(payload);
    expect(() => new lark.AESCipher('another-key').decrypt(enc)).toThrow();
  });

  it('the signature matches what the SDK dispatcher checks', () => {
    const body = JSON.stringify({ encrypt: feishuEncrypt(key, '{"a":1}') });
    const headers = { 'x-lark-request-timestamp': '1700000000', 'x-lark-request-nonce': 'n1', 'x-lark-signature': feishuSignature('1700000000', 'n1', key, body) };
    const d = new lark.EventDispatcher({ encryptKey: key, loggerLevel: lark.LoggerLevel.fatal } as any) as any;
    const data = Object.assign(Object.create({ headers }), JSON.parse(body));
    expect(d.requestHandle.checkIsEventValidated(data)).toBe(true);
    const bad = Object.assign(Object.create({ headers: { ...headers, 'x-lark-signature': '0'.repeat(64) } }), JSON.parse(body));
    expect(d.requestHandle.checkIsEventValidated(bad)).toBe(false);
  });
});
