import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page, PlatformBindingView, PlatformMeta, SyncRunView, TenantSettingsView } from '@hrlink/shared';
import { buildConfig } from '../src/config/configuration';
import { ConfigValidationError } from '../src/config/env.validation';
import { createApp } from '../src/bootstrap';
import { SyncService } from '../src/modules/integrations/sync.service';
import { AdminUser } from '../src/modules/auth/entities/admin-user.entity';
import { ALL_SECRETS, Harness, TEST_ENCRYPTION_KEY } from './support/harness';

describe('API basics: errors, auth, bindings, settings, static files', () => {
  let h: Harness;
  let token: string;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'hrlink-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>hrlink admin</title>');
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    h = await Harness.start({ ADMIN_DIST: staticDir });
    await h.seed();
    token = await h.adminLogin();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('health checks the database and every response carries a request id', async () => {
    const res = await h.api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: process.env.DATABASE_URL ? 'mysql' : 'sqlite' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${h.url}/api/health`, { headers: { 'x-request-id': 'req-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-123');
  });

  it('serves the OpenAPI UI and document', async () => {
    expect((await fetch(`${h.url}/api/docs`)).status).toBe(200);
    const doc = await (await fetch(`${h.url}/api/docs-json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/org/employees/{id}', '/api/integrations/bindings/{id}/sync']));
  });

  it('validation errors use the one error shape with per-field details', async () => {
    const res = await h.api('POST', '/auth/login', { body: { platform: 'qq', code: '', extra: 1 } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: '请求参数不正确',
      details: { fields: { platform: [expect.any(String)], code: [expect.any(String)], extra: [expect.any(String)] } },
    });
    const malformed = await h.api('POST', '/auth/admin-login', { raw: '{"username": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    const query = await h.api('GET', '/org/employees?page=0&status=gone', { token });
    expect(query.status).toBe(400);
    expect(Object.keys(query.body.details.fields).sort()).toEqual(['page', 'status']);
  });

  it('a URL Fastify cannot decode answers our error shape, not the framework\'s', async () => {
    const res = await fetch(`${h.url}/api/org/employees/%E0%A4%A`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toBe('VALIDATION_FAILED');
  });

  it('unknown routes, missing / bad / expired tokens', async () => {
    const unknown = await h.api('GET', '/nope', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    expect((await h.api('GET', '/org/departments')).body).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect((await h.api('GET', '/org/departments', { token: 'x.y.z' })).body.code).toBe('UNAUTHENTICATED');
    const { JwtService } = await import('@nestjs/jwt');
    const expired = await h.app.get(JwtService).signAsync({ kind: 'admin', sub: 'a', tid: 't', roles: ['hr'], platform: null }, { expiresIn: -10 });
    const res = await h.api('GET', '/org/departments', { token: expired });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('admin login with a wrong password or user answers AUTH_BAD_CREDENTIALS', async () => {
    for (const body of [{ username: 'hr', password: 'wrong' }, { username: 'nobody', password: 'hrlink2026' }]) {
      const res = await h.api('POST', '/auth/admin-login', { body });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_BAD_CREDENTIALS');
    }
    const [row] = await h.ds.query("SELECT passwordHash FROM admin_users WHERE username = 'hr'");
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('five wrong passwords in a row lock an admin account for 15 minutes (the right one included); a success clears the count', async () => {
    const [hr] = await h.ds.query("SELECT * FROM admin_users WHERE username = 'hr'");
    const id = randomUUID();
    await h.ds.query('INSERT INTO admin_users (id, tenantId, username, passwordHash, displayName, role, employeeId, linkEmployeeNo, createdAt, updatedAt) SELECT ?, tenantId, ?, passwordHash, ?, role, NULL, NULL, createdAt, updatedAt FROM admin_users WHERE id = ?',
      [id, 'hr-lockout', '锁定测试', hr.id]);
    const login = (password: string) => h.api('POST', '/auth/admin-login', { body: { username: 'hr-lockout', password } });
    const state = async () => (await h.ds.query('SELECT failedLogins, lockedUntil FROM admin_users WHERE id = ?', [id]))[0];

    // Three failures, then the right password: allowed, and the count starts again.
    for (let i = 0; i < 3; i++) expect((await login('wrong')).body.code).toBe('AUTH_BAD_CREDENTIALS');
    expect(Number((await state()).failedLogins)).toBe(3);
    expect((await login('hrlink2026')).status).toBe(200);
    expect(Number((await state()).failedLogins)).toBe(0);

    // Eight guesses at once: five are checked (and answer "wrong password"), the rest are refused unchecked — sending
    // them in parallel buys no extra tries — and the account is then locked.
    const wrong = await Promise.all(Array.from({ length: 8 }, () => login('wrong')));
    expect(wrong.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const locked = await login('hrlink2026');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: 'RATE_LIMITED', message: '登录失败次数过多，账号已锁定，请 15 分钟后再试或联系管理员' });
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(880);
    expect(locked.body.details.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect((await login('wrong')).status).toBe(429); // guessing stops: the password is not even checked
    const audit = await h.ds.query("SELECT action, targetId FROM audit_logs WHERE action = 'admin-user.locked' AND targetId = ?", [id]);
    expect(audit).toHaveLength(1);
    // Another account is not affected.
    expect((await h.api('POST', '/auth/admin-login', { body: { username: 'hr', password: 'hrlink2026' } })).status).toBe(200);

    // When the lock has run out, the right password works and clears the lock.
    await h.ds.getRepository(AdminUser).update({ id }, { lockedUntil: new Date(Date.now() - 1000) });
    expect((await login('hrlink2026')).status).toBe(200);
    const after = await state();
    expect([Number(after.failedLogins), after.lockedUntil]).toEqual([0, null]);
    // An unknown user name has nothing to lock: always "wrong user or password".
    for (let i = 0; i < 6; i++) expect((await h.api('POST', '/auth/admin-login', { body: { username: 'nobody', password: 'x' } })).status).toBe(401);
  });

  it('lists platform metadata for the admin forms', async () => {
    const res = await h.api<PlatformMeta[]>('GET', '/integrations/platforms', { token });
    expect(res.body.map((p) => p.platform)).toEqual(['dingtalk', 'wecom', 'feishu']);
  });

  it('bindings: secrets are write-only and masked; duplicates and missing fields are refused', async () => {
    const list = await h.api<PlatformBindingView[]>('GET', '/integrations/bindings', { token });
    expect(list.body).toHaveLength(3);
    expect(list.body[0]).toMatchObject({
      platform: 'dingtalk', corpId: 'dingdemo0001corp', appKey: 'dingdemoappkey0001', appSecretSet: true,
      appSecretMasked: '********0001', callbackTokenSet: true, callbackAesKeySet: true, isOrgSource: true, lastSyncAt: null,
      todoEnabled: false, callbackPath: `/callbacks/dingtalk/${list.body[0].id}`,
    });
    expect(list.body[0]).not.toHaveProperty('appSecret');

    const dup = await h.api('POST', '/integrations/bindings', {
      token, body: { platform: 'wecom', corpId: 'wwdemo0001corp', appSecret: 's', agentId: '1' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('BINDING_DUPLICATE');

    const missing = await h.api('POST', '/integrations/bindings', { token, body: { platform: 'dingtalk', corpId: 'dingnew' } });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.details.fields).sort()).toEqual(['agentId', 'appKey', 'appSecret']);

    const created = await h.api<PlatformBindingView>('POST', '/integrations/bindings', {
      token, body: { platform: 'dingtalk', corpId: 'dingdemo0002corp', appKey: 'dingdemoappkey0002', appSecret: 'dingdemo-app-secret-0002', agentId: '3000000002', enabled: false },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ isOrgSource: false, enabled: false, appSecretMasked: '********0002', callbackTokenSet: false });

    // Empty secret keeps the stored one; a new appKey is saved; the platform cannot change.
    const kept = await h.api<PlatformBindingView>('PATCH', `/integrations/bindings/${created.body.id}`, { token, body: { appSecret: '', appKey: 'dingdemoappkey0002', todoEnabled: true } });
    expect(kept.body).toMatchObject({ appSecretMasked: '********0002', todoEnabled: true });
    const test = await h.api('POST', `/integrations/bindings/${created.body.id}/test`, { token });
    expect(test.body).toMatchObject({ ok: true });
    const platform = await h.api('PATCH', `/integrations/bindings/${created.body.id}`, { token, body: { platform: 'wecom' } });
    expect(platform.body.code).toBe('VALIDATION_FAILED');
    const disabledSync = await h.api('POST', `/integrations/bindings/${created.body.id}/sync`, { token });
    expect(disabledSync.status).toBe(400);

    // Two enabled DingTalk bindings: a login without corpId must say which corp.
    await h.api('PATCH', `/integrations/bindings/${created.body.id}`, { token, body: { enabled: true } });
    const { code } = await h.code('dingtalk', 'E0001');
    const ambiguous = await h.api('POST', '/auth/login', { body: { platform: 'dingtalk', code } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { corpId: [expect.any(String)] } } });
    await h.api('PATCH', `/integrations/bindings/${created.body.id}`, { token, body: { enabled: false } });

    // Switching the org source.
    const src = await h.api<PlatformBindingView>('PATCH', `/integrations/bindings/${list.body[2].id}`, { token, body: { isOrgSource: true } });
    expect(src.body.isOrgSource).toBe(true);
    const after = await h.api<PlatformBindingView[]>('GET', '/integrations/bindings', { token });
    expect(after.body.filter((b) => b.isOrgSource).map((b) => b.platform)).toEqual(['feishu']);
    await h.api('PATCH', `/integrations/bindings/${list.body[0].id}`, { token, body: { isOrgSource: true } });

    expect((await h.api('GET', '/integrations/bindings/not-an-id', { token })).status).toBe(404);
  });

  it('tenant settings: read, update, validate', async () => {
    const get = await h.api<TenantSettingsView>('GET', '/tenant/settings', { token });
    expect(get.body).toMatchObject({ name: '示例科技有限公司', timeZone: 'Asia/Shanghai', matchKey: 'employeeNo', syncCron: '0 3 * * *' });
    const bad = await h.api('PATCH', '/tenant/settings', { token, body: { timeZone: 'Mars/Base', syncCron: 'every day', matchKey: 'email' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['matchKey', 'syncCron', 'timeZone']);
    const ok = await h.api<TenantSettingsView>('PATCH', '/tenant/settings', { token, body: { matchKey: 'mobile', syncCron: '30 2 * * *' } });
    expect(ok.body).toMatchObject({ matchKey: 'mobile', syncCron: '30 2 * * *' });
  });

  it('with matchKey mobile, WeCom (no mobiles for new apps) matches nobody while Feishu matches everyone', async () => {
    const runs = await h.syncAll(token);
    expect(runs.dingtalk).toMatchObject({ status: 'succeeded', employeesCreated: 40 });
    expect(runs.wecom).toMatchObject({ status: 'succeeded', identitiesLinked: 0, unmatched: 40 });
    expect(runs.feishu).toMatchObject({ status: 'succeeded', identitiesLinked: 40, unmatched: 0 });
  });

  it('the sync lease lets only one instance claim a binding', async () => {
    const sync = h.app.get(SyncService);
    const bindings = (await h.api<PlatformBindingView[]>('GET', '/integrations/bindings', { token })).body;
    const wecom = bindings.find((b) => b.platform === 'wecom')!;
    expect(await sync.claim(wecom.id)).toBe(true);
    expect(await sync.claim(wecom.id)).toBe(false);
    const res = await h.api('POST', `/integrations/bindings/${wecom.id}/sync`, { token });
    expect(res.body.code).toBe('SYNC_ALREADY_RUNNING');
    // a scheduled run skips a binding synced in the last 10 minutes
    await sync.releaseLease(wecom.id, 'succeeded');
    expect(await sync.claim(wecom.id, { notSyncedSince: new Date(Date.now() - 10 * 60_000) })).toBe(false);
    expect(await sync.claim(wecom.id, { notSyncedSince: new Date(Date.now() + 1000) })).toBe(true);
    await sync.releaseLease(wecom.id, 'succeeded');
    const runs = await h.api<Page<SyncRunView>>('GET', '/integrations/sync-runs', { token });
    expect(runs.body.total).toBe(3);
  });

  it('pages are capped at 100', async () => {
    const res = await h.api('GET', '/org/employees?pageSize=500', { token });
    expect(res.body).toMatchObject({ page: 1, pageSize: 100, total: 40 });
    expect(res.body.items).toHaveLength(40);
  });

  it('serves the admin build at /admin with an SPA fallback, never under /api', async () => {
    const index = await fetch(`${h.url}/admin/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('hrlink admin');
    expect(await (await fetch(`${h.url}/admin/assets/app.js`)).text()).toBe('console.log(1)');
    expect(await (await fetch(`${h.url}/admin/org/employees/123`)).text()).toContain('hrlink admin');
    const api = await fetch(`${h.url}/api/unknown`);
    expect(api.status).toBe(404);
    expect((await api.json()).code).toBe('NOT_FOUND');
    expect((await fetch(`${h.url}/h5/`)).status).toBe(404);
  });

  it('bodies and routing as under Express: empty JSON = {}, forms parsed, other types unparsed, slash / case tolerant', async () => {
    const post = (type: string, body: string) => fetch(`${h.url}/api/auth/admin-login`, { method: 'POST', headers: { 'content-type': type }, body });
    const empty = await post('application/json', '');
    expect(empty.status).toBe(400);
    expect(Object.keys((await empty.json()).details.fields).sort()).toEqual(['password', 'username']);
    expect((await (await post('application/json', '"hr"')).json()).message).toBe('请求体不是合法的 JSON');
    expect((await post('application/x-www-form-urlencoded', 'username=hr&password=hrlink2026')).status).toBe(200);
    const xml = await post('text/xml', '<xml/>');
    expect(xml.status).toBe(400);
    expect((await xml.json()).code).toBe('VALIDATION_FAILED');
    const big = await post('application/json', JSON.stringify({ username: 'x'.repeat(1024 * 1024) }));
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fetch(`${h.url}/api/health/`)).status).toBe(200);
    expect((await fetch(`${h.url}/api/Health`)).status).toBe(200);
    const longId = await h.api('GET', `/org/employees/${'a'.repeat(300)}`, { token });
    expect(longId.body.code).toBe('NOT_FOUND');
    const form = new FormData();
    form.append('upload', new Blob([Buffer.from('x')]), 'a.xlsx');
    const wrongField = await fetch(`${h.url}/api/admin/leave/balances/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(wrongField.status).toBe(400);
    expect(await wrongField.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'Unexpected file field - upload' } });
  });

  it('no response contained a secret', () => {
    for (const text of h.responses) for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
  });
});

describe('configuration is validated at boot', () => {
  it('names the bad variable', async () => {
    expect(() => buildConfig({ PORT: 'abc', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY })).toThrow(/PORT/);
    expect(() => buildConfig({ DATABASE_URL: 'postgres://x/y', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY })).toThrow(/DATABASE_URL/);
    expect(() => buildConfig({ APP_ENCRYPTION_KEY: 'short' })).toThrow(/APP_ENCRYPTION_KEY/);
    expect(() => buildConfig({ NODE_ENV: 'production' })).toThrow(ConfigValidationError);
    expect(() => buildConfig({ APPROVAL_REMINDER_INTERVAL_SECONDS: '-1', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY })).toThrow(/APPROVAL_REMINDER_INTERVAL_SECONDS/);
    expect(() => buildConfig({ APPROVAL_REMINDER_INTERVAL_SECONDS: '1.5', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY })).toThrow(/APPROVAL_REMINDER_INTERVAL_SECONDS/);
    expect(buildConfig({ APPROVAL_REMINDER_INTERVAL_SECONDS: '0', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }).approvals.reminderIntervalSeconds).toBe(0);
    expect(() => buildConfig({ ATTENDANCE_CLOSE_INTERVAL_SECONDS: '-1', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY })).toThrow(/ATTENDANCE_CLOSE_INTERVAL_SECONDS/);
    expect(buildConfig({ APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }).attendance.closeIntervalSeconds).toBe(600);
    expect(buildConfig({ ATTENDANCE_CLOSE_INTERVAL_SECONDS: '0', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }).attendance.closeIntervalSeconds).toBe(0);
    expect(buildConfig({ APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }).approvals.reminderIntervalSeconds).toBe(60);
    expect(() => buildConfig({ NODE_ENV: 'production' })).toThrow(/APP_ENCRYPTION_KEY is required in production/);
    await expect(createApp({ WECOM_API_BASE: 'not a url', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY })).rejects.toThrow(/WECOM_API_BASE/);
  });

  it('the server process exits 1 with a message naming the variable', () => {
    const out = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'src', 'main.ts')], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', 'tsconfig.json'), PORT: '99999', APP_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, SQLITE_PATH: ':memory:' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/PORT/);
  });
});
