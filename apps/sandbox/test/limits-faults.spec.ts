import { demo, other, useSandbox } from './helpers';

describe('rate limits', () => {
  const { client } = useSandbox();

  it('DingTalk over the limit answers errcode 90002 (HTTP 200) and counts it', async () => {
    const c = client();
    const t = await c.dingtalkToken();
    await c.control('PUT', '/limits', { platform: 'dingtalk', rps: 2 });
    const bodies = await Promise.all(Array.from({ length: 6 }, () => c.ding('/topapi/v2/department/listsub', t, { dept_id: 1 })));
    const limited = bodies.filter((b) => b.body.errcode === 90002);
    expect(bodies.every((b) => b.status === 200)).toBe(true);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(bodies.filter((b) => b.body.errcode === 0).length).toBeGreaterThanOrEqual(1);
    const v1 = await c.post('/v1.0/oauth2/accessToken', { json: { appKey: demo.dingtalk.appKey, appSecret: demo.dingtalk.appSecret } });
    expect(v1.status).toBe(403);
    expect(v1.body.code).toBe('Forbidden.AccessDenied.QpsLimitForAppkeyAndApi');
    const stats = (await c.control('GET', '/stats')).body;
    expect(stats.rateLimited).toBe(limited.length + 1);
  });

  it('WeCom over the limit answers errcode 45009', async () => {
    const c = client();
    const t = await c.wecomToken();
    await c.control('PUT', '/limits', { platform: 'wecom', rps: 1 });
    const r = await Promise.all(Array.from({ length: 4 }, () => c.wecom('/cgi-bin/department/list', t)));
    const codes = r.map((x) => x.body.errcode).sort();
    expect(codes.filter((x) => x === 45009).length).toBeGreaterThanOrEqual(3);
    expect(r.find((x) => x.body.errcode === 45009)!.body.errmsg).toMatch(/^api freq out of limit/);
  });

  it('Feishu over the limit answers HTTP 429, code 99991400 and x-ogw-ratelimit-reset', async () => {
    const c = client();
    const t = await c.feishuToken();
    await c.control('PUT', '/limits', { platform: 'feishu', rps: 2 });
    const r = await Promise.all(Array.from({ length: 5 }, () => c.feishu('/open-apis/contact/v3/departments/0', t)));
    const limited = r.filter((x) => x.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0].body).toEqual({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(Number(limited[0].headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
    expect(limited[0].headers.get('x-ogw-ratelimit-limit')).toBe('2');
  });

  it('limits are per app and refill over time; rps null switches them off', async () => {
    const c = client();
    const demoT = await c.wecomToken();
    const otherT = await c.wecomToken(other.wecom);
    await c.control('PUT', '/limits', { rps: 1 });
    expect((await c.wecom('/cgi-bin/department/list', demoT)).body.errcode).toBe(0);
    expect((await c.wecom('/cgi-bin/department/list', demoT)).body.errcode).toBe(45009);
    expect((await c.wecom('/cgi-bin/department/list', otherT)).body.errcode).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await c.wecom('/cgi-bin/department/list', demoT)).body.errcode).toBe(0);
    await c.control('PUT', '/limits', { rps: null });
    const many = await Promise.all(Array.from({ length: 10 }, () => c.wecom('/cgi-bin/department/list', demoT)));
    expect(many.every((x) => x.body.errcode === 0)).toBe(true);
  });

  it('a steady client at the limit is never refused', async () => {
    const c = client();
    const t = await c.feishuToken();
    await c.control('PUT', '/limits', { platform: 'feishu', rps: 20 });
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      const wait = started + i * 55 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      expect((await c.feishu('/open-apis/contact/v3/departments/0', t)).status).toBe(200);
    }
  });

  it('rejects bad limit settings', async () => {
    expect((await client().control('PUT', '/limits', { rps: -1 })).status).toBe(400);
    expect((await client().control('PUT', '/limits', { platform: 'qq', rps: 1 })).status).toBe(400);
  });
});

describe('faults', () => {
  const { client } = useSandbox();

  it('garbage: the next calls answer an HTML page with 200, then it recovers', async () => {
    const c = client();
    await c.control('PUT', '/faults', { platform: 'wecom', mode: 'garbage', times: 2 });
    const a = await c.get('/cgi-bin/gettoken', { query: { corpid: demo.wecom.corpId, corpsecret: demo.wecom.corpSecret } });
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/text\/html/);
    expect(a.text).toMatch(/<html/);
    expect((await c.get('/cgi-bin/gettoken', { query: { corpid: demo.wecom.corpId, corpsecret: demo.wecom.corpSecret } })).text).toMatch(/<html/);
    expect((await c.get('/cgi-bin/gettoken', { query: { corpid: demo.wecom.corpId, corpsecret: demo.wecom.corpSecret } })).body.errcode).toBe(0);
    // other platforms are untouched
    expect(await c.dingtalkToken()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('error500 lasts until reset when times is not given', async () => {
    const c = client();
    await c.control('PUT', '/faults', { platform: 'feishu', mode: 'error500' });
    for (let i = 0; i < 3; i++) {
      const r = await c.post('/open-apis/auth/v3/tenant_access_token/internal', { json: { app_id: demo.feishu.appId, app_secret: demo.feishu.appSecret } });
      expect(r.status).toBe(500);
    }
    await c.control('PUT', '/faults', { platform: 'feishu', mode: 'none' });
    expect(await c.feishuToken()).toMatch(/^t-/);
  });

  it('down: the socket is destroyed', async () => {
    const c = client();
    await c.control('PUT', '/faults', { platform: 'dingtalk', mode: 'down', times: 1 });
    await expect(c.dingtalkToken()).rejects.toThrow();
    expect(await c.dingtalkToken()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('POST /reset clears faults, limits, clock and stats', async () => {
    const c = client();
    await c.control('PUT', '/faults', { mode: 'error500' });
    await c.control('PUT', '/limits', { rps: 1 });
    await c.control('POST', '/clock', { advanceSeconds: 100 });
    await c.control('POST', '/reset');
    expect(await c.wecomToken()).toBeTruthy();
    expect(await c.wecomToken()).toBeTruthy();
    const stats = (await c.control('GET', '/stats')).body;
    expect(stats).toEqual({ total: 2, byPlatform: { dingtalk: 0, wecom: 2, feishu: 0 }, byPath: { 'GET /cgi-bin/gettoken': 2 }, rateLimited: 0 });
    await c.control('POST', '/stats/reset');
    expect((await c.control('GET', '/stats')).body.total).toBe(0);
  });
});
