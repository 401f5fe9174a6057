import * as lark from '@larksuiteoapi/node-sdk';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MsgCrypt } from '../src/crypto/msgcrypt';

/**
 * A tiny stand-in for OUR server's callback endpoint, written as an integrator would: Feishu with the official SDK
 * (AESCipher, generateChallenge, the dispatcher's signature check), WeCom / DingTalk with the WXBizMsgCrypt code
 * that crypto.spec.ts checks against the official worked example. It refuses bad signatures, other keys, stale
 * timestamps (> 5 min) and repeats (same signature), answering 401 / 409.
 */
export interface Received {
  platform: string;
  plaintext: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

export interface ReceiverOptions {
  wecom?: { token: string; aesKey: string; corpId: string };
  dingtalk?: { token: string; aesKey: string; ownerKey: string };
  feishu?: { encryptKey: string; verificationToken: string };
  /** WeCom: a passive reply (plaintext XML) to seal and return for a POSTed event (default: empty answer). */
  wecomPassiveReply?: (plainXml: string) => string | null;
  /** What to answer a Feishu card action (default {}). */
  feishuCardAnswer?: (event: any) => unknown;
}

export async function startReceiver(opts: ReceiverOptions) {
  const received: Received[] = [];
  const refused: Array<{ platform: string; reason: string }> = [];
  const seen = new Set<string>();
  const dispatcher = opts.feishu ? (new lark.EventDispatcher({ encryptKey: opts.feishu.encryptKey, loggerLevel: lark.LoggerLevel.error } as any) as any) : null;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const u = new URL(req.url ?? '/', 'http://x');
    const q = Object.fromEntries(u.searchParams);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const platform = u.pathname.slice(1);
    const refuse = (status: number, reason: string) => {
      refused.push({ platform, reason });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(reason);
    };
    const fresh = (tsSeconds: number) => Math.abs(Date.now() / 1000 - tsSeconds) <= 300;
    try {
      if (platform === 'wecom' && opts.wecom) {
        const mc = new MsgCrypt(opts.wecom.token, opts.wecom.aesKey, opts.wecom.corpId);
        if (!fresh(Number(q.timestamp))) return refuse(401, 'stale');
        const encrypt = req.method === 'GET' ? q.echostr : /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(raw)?.[1] ?? '';
        let plain: string;
        try {
          plain = mc.open(q.msg_signature, q.timestamp, q.nonce, encrypt);
        } catch (e) {
          return refuse(401, (e as Error).message);
        }
        if (seen.has(q.msg_signature)) return refuse(409, 'replay');
        seen.add(q.msg_signature);
        received.push({ platform, plaintext: plain, query: q, headers });
        const reply = req.method === 'POST' && opts.wecomPassiveReply ? opts.wecomPassiveReply(plain) : null;
        if (reply) {
          const ts = String(Math.floor(Date.now() / 1000));
          const nonce = String(Math.floor(Math.random() * 1e9));
          const enc = mc.encrypt(reply);
          return res
            .writeHead(200, { 'content-type': 'text/xml' })
            .end(`<xml><Encrypt><![CDATA[${enc}]]></Encrypt><MsgSignature><![CDATA[${mc.signature(ts, nonce, enc)}]]></MsgSignature><TimeStamp>${ts}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`);
        }
        return res.writeHead(200, { 'content-type': 'text/plain' }).end(req.method === 'GET' ? plain : '');
      }
      if (platform === 'dingtalk' && opts.dingtalk) {
        const mc = new MsgCrypt(opts.dingtalk.token, opts.dingtalk.aesKey, opts.dingtalk.ownerKey);
        if (!fresh(Number(q.timestamp) / 1000)) return refuse(401, 'stale');
        let plain: string;
        try {
          plain = mc.open(q.signature ?? q.msg_signature, q.timestamp, q.nonce, JSON.parse(raw).encrypt);
        } catch (e) {
          return refuse(401, (e as Error).message);
        }
        if (seen.has(q.signature)) return refuse(409, 'replay');
        seen.add(q.signature);
        received.push({ platform, plaintext: plain, query: q, headers });
        const ts = String(Date.now());
        const nonce = 'n' + Math.random().toString(36).slice(2, 8);
        const encrypt = mc.encrypt('success');
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ msg_signature: mc.signature(ts, nonce, encrypt), timeStamp: ts, nonce, encrypt }));
      }
      if (platform === 'feishu' && opts.feishu) {
        const body = JSON.parse(raw);
        const data = Object.assign(Object.create({ headers }), body);
        if (!fresh(Number(headers['x-lark-request-timestamp']))) return refuse(401, 'stale');
        if (!dispatcher.requestHandle.checkIsEventValidated(data)) return refuse(401, 'signature');
        let plain: string;
        try {
          plain = new lark.AESCipher(opts.feishu.encryptKey).decrypt(body.encrypt);
        } catch {
          return refuse(401, 'decrypt');
        }
        const event = JSON.parse(plain);
        if ((event.token ?? event.header?.token) !== opts.feishu.verificationToken) return refuse(401, 'token');
        const id = event.header?.event_id ?? headers['x-lark-signature'];
        if (seen.has(id)) return refuse(409, 'replay');
        seen.add(id);
        received.push({ platform, plaintext: plain, query: q, headers });
        const { isChallenge, challenge } = lark.generateChallenge(body, { encryptKey: opts.feishu.encryptKey });
        if (isChallenge) return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(challenge));
        const answer = event.header?.event_type === 'card.action.trigger' && opts.feishuCardAnswer ? opts.feishuCardAnswer(event) : {};
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      }
      refuse(404, 'unknown endpoint');
    } catch (e) {
      refuse(500, (e as Error).message);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    refused,
    close: () => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }),
  };
}
