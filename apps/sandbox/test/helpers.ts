import { DEMO_CREDENTIALS, startSandbox, type RunningSandbox, type StartOptions } from '../src';

export const demo = DEMO_CREDENTIALS.demo;
export const other = DEMO_CREDENTIALS.other;

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Plain HTTP against a running sandbox, like any client would. */
export class Client {
  constructor(readonly url: string) {}

  async call(method: string, path: string, opts: CallOptions = {}): Promise<Reply> {
    const u = new URL(path, this.url);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    }
    const r = await fetch(u, { method, headers, body });
    const text = await r.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: r.status, headers: r.headers, body: parsed, text };
  }

  get(path: string, opts?: CallOptions) {
    return this.call('GET', path, opts);
  }
  post(path: string, opts?: CallOptions) {
    return this.call('POST', path, opts);
  }

  control(method: string, path: string, json?: unknown) {
    return this.call(method, `/__sandbox/api${path}`, json === undefined ? {} : { json });
  }

  async authCode(platform: string, employeeNo: string, corp = 'demo'): Promise<string> {
    const r = await this.control('POST', '/auth-codes', { platform, corp, employeeNo });
    if (r.status !== 200) throw new Error(`auth-codes: ${r.status} ${r.text}`);
    return r.body.code;
  }

  async dingtalkToken(app = demo.dingtalk): Promise<string> {
    const r = await this.get('/gettoken', { query: { appkey: app.appKey, appsecret: app.appSecret } });
    return r.body.access_token;
  }

  async wecomToken(app = demo.wecom): Promise<string> {
    const r = await this.get('/cgi-bin/gettoken', { query: { corpid: app.corpId, corpsecret: app.corpSecret } });
    return r.body.access_token;
  }

  async feishuToken(app = demo.feishu): Promise<string> {
    const r = await this.post('/open-apis/auth/v3/tenant_access_token/internal', {
      json: { app_id: app.appId, app_secret: app.appSecret },
    });
    return r.body.tenant_access_token;
  }

  /** DingTalk topapi POST with access_token in the query. */
  ding(path: string, token: string, json: unknown) {
    return this.post(path, { query: { access_token: token }, json });
  }

  wecom(path: string, token: string, query: Record<string, string | number | undefined> = {}) {
    return this.get(path, { query: { access_token: token, ...query } });
  }

  feishu(path: string, token: string, query: Record<string, string | number | undefined> = {}) {
    return this.get(path, { query, headers: { authorization: `Bearer ${token}` } });
  }
}

/** Starts one sandbox for a describe block; resets it before each test. */
export function useSandbox(opts: StartOptions = {}, resetEach = true): { client: () => Client; sandbox: () => RunningSandbox } {
  let sb: RunningSandbox;
  let client: Client;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, ...opts });
    client = new Client(sb.url);
  });
  if (resetEach) beforeEach(async () => void (await client.control('POST', '/reset')));
  afterAll(async () => sb && (await sb.close()));
  return { client: () => client, sandbox: () => sb };
}
