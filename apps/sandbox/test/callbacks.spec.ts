import * as lark from '@larksuiteoapi/node-sdk';
import { feishuSignature } from '../src/crypto/feishu';
import { Client, demo, other, useSandbox } from './helpers';
import { startReceiver } from './receiver';

const H5 = 'http://127.0.0.1:3000/h5/';
const receiverOpts = (creds = demo) => ({
  wecom: { token: creds.wecom.callbackToken, aesKey: creds.wecom.encodingAesKey, corpId: creds.wecom.corpId },
  dingtalk: { token: creds.dingtalk.callbackToken, aesKey: creds.dingtalk.aesKey, ownerKey: creds.dingtalk.appKey },
  feishu: { encryptKey: creds.feishu.encryptKey, verificationToken: creds.feishu.verificationToken },
});

async function register(c: Client, platform: string, url: string, corp = 'demo') {
  return (await c.control('PUT', '/callbacks', { corp, platform, url })).body;
}

const waitFor = async (fn: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('callback registration (URL verification like the developer consoles)', () => {
  const { client } = useSandbox({ h5Url: H5 });

  it('passes all three handshakes against a receiver with the corp keys and lists the URLs', async () => {
    const rx = await startReceiver(receiverOpts());
    try {
      const c = client();
      for (const p of ['wecom', 'dingtalk', 'feishu']) expect(await register(c, p, `${rx.url}/${p}`)).toEqual({ ok: true });
      const regs = (await c.control('GET', '/callbacks')).body;
      expect(regs.map((r: any) => `${r.platform}:${r.url}`).sort()).toEqual([`dingtalk:${rx.url}/dingtalk`, `feishu:${rx.url}/feishu`, `wecom:${rx.url}/wecom`]);
      expect(JSON.parse(rx.received.find((r) => r.platform === 'dingtalk')!.plaintext)).toEqual({ EventType: 'check_url' });
      expect(JSON.parse(rx.received.find((r) => r.platform === 'feishu')!.plaintext)).toMatchObject({ type: 'url_verification', token: demo.feishu.verificationToken });
      expect(rx.received.find((r) => r.platform === 'wecom')!.query).toMatchObject({ echostr: expect.any(String), msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/) });
    } finally {
      await rx.close();
    }
  });

  it('stamps callbacks with real time even when the sandbox clock was moved forward', async () => {
    const rx = await startReceiver(receiverOpts());
    try {
      const c = client();
      await c.control('POST', '/clock', { advanceSeconds: 3 * 86400 });
      for (const p of ['wecom', 'dingtalk', 'feishu']) expect(await register(c, p, `${rx.url}/${p}`)).toEqual({ ok: true });
    } finally {
      await rx.close();
    }
  });

  it('does not store a URL whose server holds other keys', async () => {
    const rx = await startReceiver(receiverOpts(other));
    try {
      const c = client();
      for (const p of ['wecom', 'dingtalk', 'feishu']) {
        const r = await register(c, p, `${rx.url}/${p}`);
        expect(r.ok).toBe(false);
        expect(r.error).toMatch(/HTTP 401/);
      }
      expect((await c.control('GET', '/callbacks')).body).toEqual([]);
      expect(await register(c, 'wecom', 'http://127.0.0.1:9/nothing-listens')).toMatchObject({ ok: false, error: expect.stringMatching(/request failed/) });
    } finally {
      await rx.close();
    }
  });
});

describe('card button presses send the platform callback', () => {
  const { client } = useSandbox({ h5Url: H5 });

  it('WeCom: template_card_event XML, encrypted; its ResponseCode updates the card once', async () => {
    const rx = await startReceiver(receiverOpts());
    try {
      const c = client();
      expect(await register(c, 'wecom', `${rx.url}/wecom`)).toEqual({ ok: true });
      const token = await c.wecomToken();
      await c.post('/cgi-bin/message/send', {
        query: { access_token: token },
        json: {
          touser: 'wx_E0003',
          msgtype: 'template_card',
          agentid: demo.wecom.agentId,
          template_card: {
            card_type: 'button_interaction',
            task_id: 'appr-7',
            main_title: { title: '张伟的请假申请' },
            button_list: [{ text: '同意', style: 1, key: 'approve:7' }, { text: '拒绝', style: 2, key: 'reject:7' }],
          },
        },
      });
      const [item] = (await c.control('GET', '/inbox?platform=wecom&employeeNo=E0003')).body;
      const press = await c.control('POST', `/inbox/${item.id}/press`, { key: 'approve:7' });
      expect(press.status).toBe(200);
      expect(press.body).toMatchObject({ status: 200, body: '', item: { state: 'pressed' } });
      const xml = rx.received.at(-1)!.plaintext;
      const field = (n: string) => new RegExp(`<${n}>(?:<!\\[CDATA\\[)?([^<\\]]*)`).exec(xml)?.[1];
      expect(field('ToUserName')).toBe(demo.wecom.corpId);
      expect(field('FromUserName')).toBe('wx_E0003');
      expect(field('MsgType')).toBe('event');
      expect(field('Event')).toBe('template_card_event');
      expect(field('EventKey')).toBe('approve:7');
      expect(field('TaskId')).toBe('appr-7');
      expect(field('CardType')).toBe('button_interaction');
      expect(field('AgentID')).toBe(demo.wecom.agentId);
      const code = field('ResponseCode')!;
      const upd = (rc: string) =>
        c.post('/cgi-bin/message/update_template_card', { query: { access_token: token }, json: { userids: ['wx_E0003'], agentid: demo.wecom.agentId, response_code: rc, button: { replace_name: '已同意' } } });
      expect((await upd(code)).body.errcode).toBe(0);
      expect((await upd(code)).body.errcode).toBe(40058);
      const after = (await c.control('GET', `/inbox/${item.id}`)).body;
      expect(after).toMatchObject({ state: 'updated', statusText: '已同意', buttons: [], lastCallback: { status: 200 } });
      expect((await c.control('POST', `/inbox/${item.id}/press`, { key: 'approve:7' })).status).toBe(409);
    } finally {
      await rx.close();
    }
  });

  it('Feishu: card.action.trigger that the SDK cipher decrypts and whose signature verifies; a card answer replaces the card', async () => {
    const newCard = { config: { update_multi: true }, header: { title: { tag: 'plain_text', content: '张伟的请假申请' } }, elements: [{ tag: 'markdown', content: '**状态：** 已同意' }] };
    const rx = await startReceiver({ ...receiverOpts(), feishuCardAnswer: () => ({ toast: { type: 'success', content: '已同意' }, card: { type: 'raw', data: newCard } }) });
    try {
      const c = client();
      expect(await register(c, 'feishu', `${rx.url}/feishu`)).toEqual({ ok: true });
      const token = await c.feishuToken();
      const card = {
        config: { update_multi: true },
        header: { title: { tag: 'plain_text', content: '张伟的请假申请' } },
        elements: [{ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '同意' }, value: { action: 'approve', id: '8' } }, { tag: 'button', text: { tag: 'plain_text', content: '拒绝' }, value: { action: 'reject', id: '8' } }] }],
      };
      const sent = await c.post('/open-apis/im/v1/messages', { query: { receive_id_type: 'open_id' }, headers: { authorization: `Bearer ${token}` }, json: { receive_id: (await person(c, 'E0004')).ids.feishu.openId, msg_type: 'interactive', content: JSON.stringify(card) } });
      expect(sent.body.code).toBe(0);
      const [item] = (await c.control('GET', '/inbox?platform=feishu&employeeNo=E0004')).body;
      const press = await c.control('POST', `/inbox/${item.id}/press`, { value: { action: 'approve', id: '8' } });
      expect(press.body.status).toBe(200);
      expect(press.body.item).toMatchObject({ state: 'updated', statusText: '已同意', buttons: [] });

      const got = rx.received.at(-1)!;
      const log = (await c.control('GET', '/callback-log?platform=feishu&kind=card_action')).body.at(-1);
      // Independent checks with the official SDK over the raw body as sent.
      const body = JSON.parse(log.request.body);
      expect(feishuSignature(got.headers['x-lark-request-timestamp'], got.headers['x-lark-request-nonce'], demo.feishu.encryptKey, log.request.body)).toBe(got.headers['x-lark-signature']);
      const event = JSON.parse(new lark.AESCipher(demo.feishu.encryptKey).decrypt(body.encrypt));
      const e4 = await person(c, 'E0004');
      expect(event).toMatchObject({
        schema: '2.0',
        header: { event_type: 'card.action.trigger', token: demo.feishu.verificationToken, app_id: demo.feishu.appId, tenant_key: demo.feishu.tenantKey },
        event: {
          operator: { tenant_key: demo.feishu.tenantKey, user_id: e4.ids.feishu.userId, open_id: e4.ids.feishu.openId, union_id: e4.ids.feishu.unionId },
          action: { value: { action: 'approve', id: '8' }, tag: 'button' },
          host: 'im_message',
          context: { open_message_id: sent.body.data.message_id },
        },
      });
    } finally {
      await rx.close();
    }
  });

  it('WeCom: a passive update_button reply to the click replaces the button text', async () => {
    const rx = await startReceiver({
      ...receiverOpts(),
      wecomPassiveReply: (xml) =>
        xml.includes('template_card_event')
          ? `<xml><ToUserName><![CDATA[wx_E0006]]></ToUserName><FromUserName><![CDATA[${demo.wecom.corpId}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[update_button]]></MsgType><Button><ReplaceName><![CDATA[已拒绝]]></ReplaceName></Button></xml>`
          : null,
    });
    try {
      const c = client();
      await register(c, 'wecom', `${rx.url}/wecom`);
      const token = await c.wecomToken();
      await c.post('/cgi-bin/message/send', {
        query: { access_token: token },
        json: { touser: 'wx_E0006', msgtype: 'template_card', agentid: demo.wecom.agentId, template_card: { card_type: 'button_interaction', task_id: 'appr-9', main_title: { title: 'x' }, button_list: [{ text: '拒绝', key: 'reject:9' }] } },
      });
      const [item] = (await c.control('GET', '/inbox?platform=wecom&employeeNo=E0006')).body;
      const press = await c.control('POST', `/inbox/${item.id}/press`, { key: 'reject:9' });
      expect(press.body.item).toMatchObject({ state: 'updated', statusText: '已拒绝' });
    } finally {
      await rx.close();
    }
  });

  it('a refused callback leaves the card actionable', async () => {
    const rx = await startReceiver(receiverOpts());
    try {
      const c = client();
      await register(c, 'feishu', `${rx.url}/feishu`);
      const token = await c.feishuToken();
      const card = { config: { update_multi: true }, header: { title: { tag: 'plain_text', content: 'x' } }, elements: [{ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: '同意' }, value: { a: 1 } }] }] };
      await c.post('/open-apis/im/v1/messages', { query: { receive_id_type: 'user_id' }, headers: { authorization: `Bearer ${token}` }, json: { receive_id: 'fs_E0005', msg_type: 'interactive', content: JSON.stringify(card) } });
      const [item] = (await c.control('GET', '/inbox?platform=feishu&employeeNo=E0005')).body;
      await rx.close(); // our server is down
      const press = await c.control('POST', `/inbox/${item.id}/press`, { text: '同意' });
      expect(press.status).toBe(409);
      expect((await c.control('GET', `/inbox/${item.id}`)).body.state).toBe('actionable');
    } finally {
      await rx.close().catch(() => undefined);
    }
  });
});

async function person(c: Client, no: string) {
  return (await c.control('GET', '/corps')).body[0].people.find((p: any) => p.employeeNo === no);
}

describe('contact events and forged callbacks', () => {
  const { client } = useSandbox({ h5Url: H5 });

  it('sends user added / changed / left to every registered platform', async () => {
    const rx = await startReceiver(receiverOpts());
    try {
      const c = client();
      for (const p of ['wecom', 'dingtalk', 'feishu']) await register(c, p, `${rx.url}/${p}`);
      const before = rx.received.length;
      await c.control('POST', '/people', { employeeNo: 'E0100', name: '新同事', departmentName: '研发部' });
      await c.control('PATCH', '/people/E0100', { title: '工程师' });
      await c.control('DELETE', '/people/E0100?corp=demo');
      await waitFor(() => rx.received.length >= before + 9);
      const texts = rx.received.slice(before).map((r) => `${r.platform}:${r.plaintext}`);
      for (const t of ['user_add_org', 'user_modify_org', 'user_leave_org']) expect(texts.some((x) => x.startsWith('dingtalk:') && x.includes(`"EventType":"${t}"`) && x.includes('dd_E0100'))).toBe(true);
      for (const t of ['create_user', 'update_user', 'delete_user']) expect(texts.some((x) => x.startsWith('wecom:') && x.includes(`<ChangeType><![CDATA[${t}]]>`) && x.includes('wx_E0100'))).toBe(true);
      for (const t of ['created_v3', 'updated_v3', 'deleted_v3']) expect(texts.some((x) => x.startsWith('feishu:') && x.includes(`contact.user.${t}`) && x.includes('E0100'))).toBe(true);
      const log = (await c.control('GET', '/callback-log?kind=contact')).body;
      expect(log).toHaveLength(9);
      expect(log.every((e: any) => e.response?.status === 200)).toBe(true);
    } finally {
      await rx.close();
    }
  });

  it.each(['wecom', 'dingtalk', 'feishu'])('%s: bad signature, wrong key, tampered, stale and replayed callbacks are sent as such', async (platform) => {
    const rx = await startReceiver(receiverOpts());
    try {
      const c = client();
      expect(await register(c, platform, `${rx.url}/${platform}`)).toEqual({ ok: true });
      await c.control('PATCH', '/people/E0010', { title: '招聘主管' }); // a genuine event first (the one to replay)
      await waitFor(() => rx.received.length === 2);
      const answers: Record<string, number> = {};
      for (const kind of ['bad_signature', 'wrong_key', 'tampered', 'stale', 'replay']) {
        const r = await c.control('POST', '/callbacks/forge', { corp: 'demo', platform, kind });
        expect(r.status).toBe(200);
        answers[kind] = r.body.status;
      }
      expect(answers).toEqual({ bad_signature: 401, wrong_key: 401, tampered: 401, stale: 401, replay: 409 });
      expect(rx.received).toHaveLength(2);
      expect((await c.control('GET', `/callback-log?kind=forge&platform=${platform}`)).body).toHaveLength(5);
    } finally {
      await rx.close();
    }
  });
});
