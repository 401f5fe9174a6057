import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { spawnSandbox, SpawnedSandbox } from '@hrlink/sandbox';
import type { AdminLoginResponse, Platform, PlatformLoginResponse, SyncRunView } from '@hrlink/shared';
import { createApp } from '../../src/bootstrap';
import { SeedService } from '../../src/modules/seed/seed.service';
import { DEMO_TENANT, SeedTenantSpec } from '../../src/modules/seed/demo-tenants';
import { Tenant } from '../../src/modules/tenants/tenant.entity';
import { freshDatabaseEnv } from './db';

export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');

export interface Res<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** The "other" corp of the brief as a second tenant (tenant isolation, wrong-corp tests). */
export const OTHER_TENANT: SeedTenantSpec = {
  name: '另一家公司',
  bindings: [
    { platform: 'dingtalk', corpId: 'dingdemo0002corp', appKey: 'dingdemoappkey0002', appSecret: 'dingdemo-app-secret-0002', agentId: '3000000002', callbackToken: 'dingothertoken', callbackAesKey: 'HRLINKdingOTHERaesKEY0123456789abcdefghijk' },
    { platform: 'wecom', corpId: 'wwdemo0002corp', appKey: null, appSecret: 'wecom-demo-app-secret-0002', agentId: '1000003', callbackToken: 'wecomothertoken', callbackAesKey: 'HRLINKwecomOTHERaesKEY0123456789abcdefghij' },
    { platform: 'feishu', corpId: 'feishudemo0002', appKey: 'cli_demo0002', appSecret: 'feishu-demo-app-secret-0002', agentId: null, callbackToken: 'feishuothertoken', callbackAesKey: 'hrlink-feishu-other-encrypt-key' },
  ],
  admins: [{ username: 'hr-other', password: 'other2026', displayName: '孔丽', role: 'hr', linkEmployeeNo: 'E0002' }],
};

/** Every secret a response must never contain. */
export const ALL_SECRETS = [...DEMO_TENANT.bindings, ...OTHER_TENANT.bindings].flatMap((b) => [b.appSecret, b.callbackToken, b.callbackAesKey]);

/**
 * A real sandbox child process + the real Nest app listening on a random port, over HTTP.
 * Every response body is kept so a test can assert that no secret ever left the server.
 */
export class Harness {
  sandbox!: SpawnedSandbox;
  app!: INestApplication;
  url!: string;
  readonly responses: string[] = [];
  private readonly employeeTokens = new Map<string, string>();
  /** The database env this app was started with (to start a second instance on the same database). */
  dbEnv: Record<string, string> = {};

  static async start(env: Record<string, string> = {}, opts: { sandbox?: SpawnedSandbox } = {}): Promise<Harness> {
    const h = new Harness();
    h.ownsSandbox = !opts.sandbox;
    h.sandbox = opts.sandbox ?? (await spawnSandbox({ port: 0 }));
    try {
      const db = env.DATABASE_URL || env.SQLITE_PATH ? {} : await freshDatabaseEnv();
      h.dbEnv = { ...db, ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}), ...(env.SQLITE_PATH ? { SQLITE_PATH: env.SQLITE_PATH } : {}) };
      const { app } = await createApp({
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
        APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        DEMO_SEED: '0',
        SYNC_ON_STARTUP: '0',
        SYNC_SCHEDULE_ENABLED: '0',
        ATTENDANCE_CLOSE_INTERVAL_SECONDS: '0', // tests close days themselves (ResultsCloser.tick) under their own clock
        ADMIN_DIST: '/nonexistent/admin',
        H5_DIST: '/nonexistent/h5',
        DINGTALK_OAPI_BASE: h.sandbox.url,
        DINGTALK_API_BASE: h.sandbox.url,
        WECOM_API_BASE: h.sandbox.url,
        FEISHU_API_BASE: h.sandbox.url,
        PLATFORM_TIMEOUT_MS: '3000',
        ...db,
        ...env,
      });
      h.app = app;
      await app.listen(0, '127.0.0.1');
      h.url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    } catch (err) {
      if (h.ownsSandbox) await h.sandbox.stop();
      throw err;
    }
    return h;
  }

  private ownsSandbox = true;

  async stop(): Promise<void> {
    await this.app?.close();
    if (this.ownsSandbox) await this.sandbox?.stop();
  }

  get ds(): DataSource {
    return this.app.get(DataSource);
  }

  async api<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}): Promise<Res<T>> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}/api${path}`, {
      method, headers, body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    });
    const text = await res.text();
    this.responses.push(text);
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, text, headers: res.headers };
  }

  async control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.sandbox.url}/__sandbox/api${path}`, {
      method, headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`sandbox ${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json as T;
  }

  async seed(spec: SeedTenantSpec = DEMO_TENANT): Promise<Tenant> {
    return this.app.get(SeedService).seedTenant(spec);
  }

  async adminLogin(username = 'hr', password = 'hrlink2026'): Promise<string> {
    const res = await this.api<AdminLoginResponse>('POST', '/auth/admin-login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`admin login failed: ${res.text}`);
    return res.body.accessToken;
  }

  async code(platform: Platform, employeeNo: string, corp: 'demo' | 'other' = 'demo'): Promise<{ code: string; corpId: string }> {
    return this.control('POST', '/auth-codes', { platform, employeeNo, corp });
  }

  async platformLogin(platform: Platform, employeeNo: string, corp: 'demo' | 'other' = 'demo'): Promise<Res<PlatformLoginResponse & { code?: string; message?: string }>> {
    const { code, corpId } = await this.code(platform, employeeNo, corp);
    return this.api('POST', '/auth/login', { body: { platform, code, corpId } });
  }

  /** An employee's access token through a DingTalk auth-code log-in (remembered per harness); throws if refused. */
  async employeeToken(employeeNo: string): Promise<string> {
    const known = this.employeeTokens.get(employeeNo);
    if (known) return known;
    const r = await this.platformLogin('dingtalk', employeeNo);
    if (r.status !== 200) throw new Error(`login ${employeeNo}: ${r.status} ${r.text}`);
    this.employeeTokens.set(employeeNo, r.body.accessToken);
    return r.body.accessToken;
  }

  /** Employee id by employee number, every employee in the database (after a sync). */
  async employeeIds(): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    for (const row of await this.ds.query('SELECT id, employeeNo FROM employees')) ids[row.employeeNo] = row.id;
    return ids;
  }

  /** Starts a sync of the binding over HTTP and polls its run until it finishes. */
  async sync(token: string, bindingId: string): Promise<SyncRunView> {
    const started = await this.api<SyncRunView>('POST', `/integrations/bindings/${bindingId}/sync`, { token });
    if (started.status !== 202) throw new Error(`sync did not start: ${started.status} ${started.text}`);
    return this.waitRun(token, started.body.id);
  }

  async waitRun(token: string, runId: string, timeoutMs = 60_000): Promise<SyncRunView> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.api<SyncRunView>('GET', `/integrations/sync-runs/${runId}`, { token });
      if (run.body.status !== 'running') return run.body;
      if (Date.now() > until) throw new Error(`sync run ${runId} still running`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Syncs the tenant's bindings over HTTP, org source first. */
  async syncAll(token: string): Promise<Record<Platform, SyncRunView>> {
    const bindings = (await this.api('GET', '/integrations/bindings', { token })).body as { id: string; platform: Platform; isOrgSource: boolean; enabled: boolean }[];
    const enabled = bindings.filter((b) => b.enabled);
    const ordered = [...enabled.filter((b) => b.isOrgSource), ...enabled.filter((b) => !b.isOrgSource)];
    const out = {} as Record<Platform, SyncRunView>;
    for (const b of ordered) out[b.platform] = await this.sync(token, b.id);
    return out;
  }
}
