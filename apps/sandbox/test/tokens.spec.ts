import { demo, other, useSandbox } from './helpers';

describe('access tokens', () => {
  const { client } = useSandbox();

  describe('DingTalk gettoken', () => {
    it('issues a token for 7200 s and returns the same one while valid', async () => {
      const c = client();
      const q = { appkey: demo.dingtalk.appKey, appsecret: demo.dingtalk.appSecret };
      const a = await c.get('/gettoken', { query: q });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
      expect(a.body.access_token).toMatch(/^[0-9a-f]{32}$/);
      await c.control('POST', '/clock', { advanceSeconds: 3600 });
      const b = await c.get('/gettoken', { query: q });
      expect(b.body.access_token).toBe(a.body.access_token);
      // "有效期内重复获取返回相同结果，并自动续期"
      expect(b.body.expires_in).toBe(7200);
    });

    it('the /v1.0 accessToken is the same app token, and wrong secrets get the platform codes', async () => {
      const c = client();
      const old = await c.dingtalkToken();
      const v1 = await c.post('/v1.0/oauth2/accessToken', { json: { appKey: demo.dingtalk.appKey, appSecret: demo.dingtalk.appSecret } });
      expect(v1.status).toBe(200);
      expect(v1.body).toEqual({ accessToken: old, expireIn: 7200 });

      const bad = await c.post('/v1.0/oauth2/accessToken', { json: { appKey: demo.dingtalk.appKey, appSecret: 'nope' } });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });

      const wrong = await c.get('/gettoken', { query: { appkey: demo.dingtalk.appKey, appsecret: 'nope' } });
      expect(wrong.status).toBe(200);
      expect(wrong.body).toMatchObject({ errcode: 40096, errmsg: '不合法的appKey或appSecret' });
      const missing = await c.get('/gettoken', { query: { appkey: demo.dingtalk.appKey } });
      expect(missing.body.errcode).toBe(40035);
    });

    it('an expired, revoked, unknown or missing token is refused (errcode 88 + sub_code)', async () => {
      const c = client();
      const t = await c.dingtalkToken();
      const ok = await c.ding('/topapi/v2/department/listsub', t, { dept_id: 1 });
      expect(ok.body.errcode).toBe(0);

      const unknown = await c.ding('/topapi/v2/department/listsub', 'abc', { dept_id: 1 });
      expect(unknown.body).toMatchObject({ errcode: 88, sub_code: '40014', sub_msg: '不合法的access_token' });
      const none = await c.post('/topapi/v2/department/listsub', { json: { dept_id: 1 } });
      expect(none.body).toMatchObject({ errcode: 88, sub_code: '40000' });

      await c.control('POST', '/clock', { advanceSeconds: 7200 });
      const expired = await c.ding('/topapi/v2/department/listsub', t, { dept_id: 1 });
      expect(expired.body).toMatchObject({ errcode: 88, sub_code: '42001' });
      const fresh = await c.dingtalkToken();
      expect(fresh).not.toBe(t);

      await c.control('POST', '/tokens/revoke', { platform: 'dingtalk' });
      const revoked = await c.ding('/topapi/v2/department/listsub', fresh, { dept_id: 1 });
      expect(revoked.body).toMatchObject({ errcode: 88, sub_code: '40014' });
      expect(await c.dingtalkToken()).not.toBe(fresh);
    });
  });

  describe('WeCom gettoken', () => {
    it('returns the same token with the remaining lifetime, a new one after expiry', async () => {
      const c = client();
      const q = { corpid: demo.wecom.corpId, corpsecret: demo.wecom.corpSecret };
      const a = await c.get('/cgi-bin/gettoken', { query: q });
      expect(a.body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
      await c.control('POST', '/clock', { advanceSeconds: 1000 });
      const b = await c.get('/cgi-bin/gettoken', { query: q });
      expect(b.body.access_token).toBe(a.body.access_token);
      expect(b.body.expires_in).toBe(6200);

      await c.control('POST', '/clock', { advanceSeconds: 6200 });
      const expired = await c.wecom('/cgi-bin/department/list', a.body.access_token);
      expect(expired.body.errcode).toBe(42001);
      expect(expired.body.errmsg).toMatch(/^access_token expired, hint: \[/);
      const c2 = await c.get('/cgi-bin/gettoken', { query: q });
      expect(c2.body.access_token).not.toBe(a.body.access_token);
    });

    it('answers 40013 / 40001 / 41002 / 41004 for bad credentials and 40014 / 41001 for bad tokens', async () => {
      const c = client();
      const code = async (query: Record<string, string>) => (await c.get('/cgi-bin/gettoken', { query })).body.errcode;
      expect(await code({ corpid: 'wwnope', corpsecret: 'x' })).toBe(40013);
      expect(await code({ corpid: demo.wecom.corpId, corpsecret: other.wecom.corpSecret })).toBe(40001);
      expect(await code({ corpsecret: 'x' })).toBe(41002);
      expect(await code({ corpid: demo.wecom.corpId })).toBe(41004);
      expect((await c.wecom('/cgi-bin/department/list', 'garbage')).body.errcode).toBe(40014);
      expect((await c.get('/cgi-bin/department/list')).body.errcode).toBe(41001);
    });
  });

  describe('Feishu tenant_access_token', () => {
    it('reuses the token while >= 30 min remain, then issues a new one while the old stays valid', async () => {
      const c = client();
      const body = { app_id: demo.feishu.appId, app_secret: demo.feishu.appSecret };
      const a = await c.post('/open-apis/auth/v3/tenant_access_token/internal', { json: body });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ code: 0, expire: 7200 });
      expect(a.body.tenant_access_token).toMatch(/^t-/);

      await c.control('POST', '/clock', { advanceSeconds: 5400 }); // 30 min left: still the same
      const b = await c.post('/open-apis/auth/v3/tenant_access_token/internal', { json: body });
      expect(b.body).toMatchObject({ tenant_access_token: a.body.tenant_access_token, expire: 1800 });

      await c.control('POST', '/clock', { advanceSeconds: 1 }); // < 30 min left: a new one
      const n = await c.post('/open-apis/auth/v3/tenant_access_token/internal', { json: body });
      expect(n.body.tenant_access_token).not.toBe(a.body.tenant_access_token);
      expect(n.body.expire).toBe(7200);
      const oldStillWorks = await c.feishu('/open-apis/contact/v3/departments/0', a.body.tenant_access_token);
      expect(oldStillWorks.body.code).toBe(0);

      await c.control('POST', '/clock', { advanceSeconds: 1800 });
      const expired = await c.feishu('/open-apis/contact/v3/departments/0', a.body.tenant_access_token);
      expect(expired.status).toBe(400);
      expect(expired.body.code).toBe(99991663);
      expect((await c.feishu('/open-apis/contact/v3/departments/0', n.body.tenant_access_token)).body.code).toBe(0);
    });

    it('app_access_token/internal returns the same app token; wrong secret 10014, no token 99991661', async () => {
      const c = client();
      const t = await c.feishuToken();
      const app = await c.post('/open-apis/auth/v3/app_access_token/internal', {
        json: { app_id: demo.feishu.appId, app_secret: demo.feishu.appSecret },
      });
      expect(app.body).toMatchObject({ code: 0, app_access_token: t, tenant_access_token: t });
      const wrong = await c.post('/open-apis/auth/v3/tenant_access_token/internal', {
        json: { app_id: demo.feishu.appId, app_secret: other.feishu.appSecret },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ code: 10014, msg: 'app secret invalid' });
      const unknown = await c.post('/open-apis/auth/v3/tenant_access_token/internal', { json: { app_id: 'cli_x', app_secret: 'y' } });
      expect(unknown.body.code).toBe(10003);
      const none = await c.get('/open-apis/contact/v3/departments/0');
      expect(none.status).toBe(400);
      expect(none.body.code).toBe(99991661);
      await c.control('POST', '/tokens/revoke', {});
      expect((await c.feishu('/open-apis/contact/v3/departments/0', t)).body.code).toBe(99991663);
    });
  });

  it('tokens are per app: the other corp gets its own', async () => {
    const c = client();
    expect(await c.dingtalkToken(other.dingtalk)).not.toBe(await c.dingtalkToken());
    expect(await c.wecomToken(other.wecom)).not.toBe(await c.wecomToken());
    expect(await c.feishuToken(other.feishu)).not.toBe(await c.feishuToken());
  });
});
