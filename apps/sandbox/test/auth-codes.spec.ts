import { demo, other, useSandbox, type Client } from './helpers';

type Exchange = (c: Client, code: string, corp?: 'demo' | 'other') => Promise<{ ok: boolean; body: any; userId?: string }>;

/** One exchange per platform, exactly as a connector makes it. */
const exchanges: Record<'dingtalk' | 'wecom' | 'feishu', Exchange> = {
  async dingtalk(c, code, corp = 'demo') {
    const t = await c.dingtalkToken(corp === 'demo' ? demo.dingtalk : other.dingtalk);
    const r = await c.ding('/topapi/v2/user/getuserinfo', t, { code });
    return { ok: r.body.errcode === 0, body: r.body, userId: r.body.result?.userid };
  },
  async wecom(c, code, corp = 'demo') {
    const t = await c.wecomToken(corp === 'demo' ? demo.wecom : other.wecom);
    const r = await c.wecom('/cgi-bin/miniprogram/jscode2session', t, { js_code: code, grant_type: 'authorization_code' });
    return { ok: r.body.errcode === 0, body: r.body, userId: r.body.userid };
  },
  async feishu(c, code, corp = 'demo') {
    const app = corp === 'demo' ? demo.feishu : other.feishu;
    const t = (await c.post('/open-apis/auth/v3/app_access_token/internal', { json: { app_id: app.appId, app_secret: app.appSecret } })).body
      .app_access_token;
    const r = await c.post('/open-apis/mina/v2/tokenLoginValidate', { json: { code }, headers: { authorization: `Bearer ${t}` } });
    return { ok: r.body.code === 0, body: r.body, userId: r.body.data?.employee_id };
  },
};

const badCode: Record<string, (body: any) => void> = {
  dingtalk: (b) => expect(b).toMatchObject({ errcode: 40078, errmsg: '不存在的临时授权码' }),
  wecom: (b) => expect(b.errcode).toBe(40029),
  feishu: (b) => expect(b).toMatchObject({ code: 10213 }),
};

describe('in-app auth codes', () => {
  const { client } = useSandbox();

  it('POST /auth-codes answers code, corpId, expiresIn and the H5 launch URL', async () => {
    const r = await client().control('POST', '/auth-codes', { platform: 'wecom', employeeNo: 'E0003' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ corpId: demo.wecom.corpId, expiresIn: 300 });
    expect(r.body.launchUrl).toBe(`http://127.0.0.1:3000/h5/?platform=wecom&code=${r.body.code}&corpId=${demo.wecom.corpId}`);
    const f = await client().control('POST', '/auth-codes', { platform: 'feishu', corp: 'other', userId: 'fs_E0002' });
    expect(f.body).toMatchObject({ corpId: other.feishu.tenantKey, expiresIn: 180 });
    const bad = await client().control('POST', '/auth-codes', { platform: 'feishu', employeeNo: 'E9999' });
    expect(bad.status).toBe(404);
    expect((await client().control('POST', '/auth-codes', { platform: 'qq', employeeNo: 'E0001' })).status).toBe(400);
  });

  describe.each(['dingtalk', 'wecom', 'feishu'] as const)('%s', (platform) => {
    const ids = { dingtalk: 'dd_E0006', wecom: 'wx_E0006', feishu: 'fs_E0006' };
    const ttl = { dingtalk: 300, wecom: 300, feishu: 180 };

    it('a code works once and names its user', async () => {
      const c = client();
      const code = await c.authCode(platform, 'E0006');
      const first = await exchanges[platform](c, code);
      expect(first.ok).toBe(true);
      expect(first.userId).toBe(ids[platform]);
      const again = await exchanges[platform](c, code);
      expect(again.ok).toBe(false);
      badCode[platform](again.body);
    });

    it(`a code expires after ${ttl[platform]} s`, async () => {
      const c = client();
      const live = await c.authCode(platform, 'E0007');
      const dead = await c.authCode(platform, 'E0008');
      await c.control('POST', '/clock', { advanceSeconds: ttl[platform] - 10 });
      expect((await exchanges[platform](c, live)).ok).toBe(true);
      await c.control('POST', '/clock', { advanceSeconds: 10 });
      const r = await exchanges[platform](c, dead);
      expect(r.ok).toBe(false);
      badCode[platform](r.body);
    });

    it('a made-up code and a missing code are refused', async () => {
      const c = client();
      const r = await exchanges[platform](c, 'not-a-code');
      badCode[platform](r.body);
    });

    it('the code of someone who left stops working', async () => {
      const c = client();
      const code = await c.authCode(platform, 'E0014');
      expect((await c.control('DELETE', '/people/E0014')).status).toBe(200);
      expect((await exchanges[platform](c, code)).ok).toBe(false);
    });
  });

  it('DingTalk and Feishu refuse a code of another corp; WeCom names the code’s own corp', async () => {
    const c = client();
    expect((await exchanges.dingtalk(c, await c.authCode('dingtalk', 'E0001', 'other'), 'demo')).body.errcode).toBe(40078);
    expect((await exchanges.feishu(c, await c.authCode('feishu', 'E0001', 'other'), 'demo')).body.code).toBe(10213);
    const w = await exchanges.wecom(c, await c.authCode('wecom', 'E0002', 'other'), 'demo');
    expect(w.body).toMatchObject({ errcode: 0, corpid: other.wecom.corpId, userid: 'wx_E0002' });
  });

  it('returns the documented response fields', async () => {
    const c = client();
    const d = await exchanges.dingtalk(c, await c.authCode('dingtalk', 'E0002'));
    expect(d.body.result).toEqual(
      expect.objectContaining({ userid: 'dd_E0002', name: '李娜', unionid: expect.any(String), sys_level: expect.any(Number) }),
    );
    const w = await exchanges.wecom(c, await c.authCode('wecom', 'E0002'));
    expect(w.body).toEqual({ corpid: demo.wecom.corpId, userid: 'wx_E0002', session_key: expect.any(String), errcode: 0, errmsg: 'ok' });
    const f = await exchanges.feishu(c, await c.authCode('feishu', 'E0002'));
    expect(f.body.data).toEqual(
      expect.objectContaining({
        open_id: expect.stringMatching(/^ou_/),
        employee_id: 'fs_E0002',
        tenant_key: demo.feishu.tenantKey,
        session_key: expect.any(String),
      }),
    );
    // The deprecated union_id is not the real union id (docs, 已知问题).
    const corps = (await c.control('GET', '/corps')).body;
    const li = corps[0].people.find((p: any) => p.employeeNo === 'E0002');
    expect(f.body.data.open_id).toBe(li.ids.feishu.openId);
    expect(f.body.data.union_id).not.toBe(li.ids.feishu.unionId);
  });

  it('validates parameters like the platforms', async () => {
    const c = client();
    const dt = await c.dingtalkToken();
    expect((await c.ding('/topapi/v2/user/getuserinfo', dt, {})).body.errcode).toBe(40035);
    const wt = await c.wecomToken();
    expect((await c.wecom('/cgi-bin/miniprogram/jscode2session', wt, { grant_type: 'authorization_code' })).body.errcode).toBe(41008);
    const ft = await c.feishuToken();
    const f = await c.post('/open-apis/mina/v2/tokenLoginValidate', { json: {}, headers: { authorization: `Bearer ${ft}` } });
    expect(f.status).toBe(400);
    expect(f.body.code).toBe(99992402);
    const noToken = await c.post('/open-apis/mina/v2/tokenLoginValidate', { json: { code: 'x' } });
    expect(noToken.body.code).toBe(10202);
  });
});
