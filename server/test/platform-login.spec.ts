import type { EmployeeProfile, Page, EmployeeListItem, TokenPair, DepartmentNode } from '@hrlink/shared';
import { Employee } from '../src/modules/org/entities/employee.entity';
import { SyncService } from '../src/modules/integrations/sync.service';
import { ALL_SECRETS, Harness, OTHER_TENANT } from './support/harness';

describe('platform login (DingTalk / WeCom / Feishu through the sandbox)', () => {
  let h: Harness;
  let hrToken: string;

  beforeAll(async () => {
    h = await Harness.start();
    await h.seed();
    hrToken = await h.adminLogin();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const login = (platform: string, code: string, corpId?: string) =>
    h.api('POST', '/auth/login', { body: { platform, code, ...(corpId ? { corpId } : {}) } });

  describe('before the org is synced', () => {
    it('a valid code of a bound corp answers EMPLOYEE_NOT_SYNCED (403)', async () => {
      const res = await h.platformLogin('dingtalk', 'E0014');
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ code: 'EMPLOYEE_NOT_SYNCED', message: expect.stringContaining('同步') });
    });
  });

  describe('after the sync', () => {
    beforeAll(async () => {
      await h.syncAll(hrToken);
    });

    it.each(['dingtalk', 'wecom', 'feishu'] as const)('%s: code → tokens + profile with name, department and manager', async (platform) => {
      const res = await h.platformLogin(platform, 'E0014');
      expect(res.status).toBe(200);
      expect(res.body.expiresIn).toBe(900);
      expect(res.body.employee).toMatchObject({
        name: '朱明', employeeNo: 'E0014', title: '前端工程师', tenantName: '示例科技有限公司', platform,
        departments: [{ name: '前端组' }], manager: { name: '杨帆' }, roles: ['employee'], isManager: false,
      });
      const me = await h.api<EmployeeProfile>('GET', '/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(res.body.employee);
    });

    it('works without corpId when the platform has a single binding; a lead is a manager', async () => {
      const { code } = await h.code('feishu', 'E0006');
      const res = await login('feishu', code);
      expect(res.status).toBe(200);
      expect(res.body.employee).toMatchObject({ name: '杨帆', isManager: true, manager: { name: '张伟' } });
    });

    it('a reused code answers AUTH_CODE_INVALID (401)', async () => {
      const { code, corpId } = await h.code('dingtalk', 'E0020');
      expect((await login('dingtalk', code, corpId)).status).toBe(200);
      const again = await login('dingtalk', code, corpId);
      expect(again.status).toBe(401);
      expect(again.body.code).toBe('AUTH_CODE_INVALID');
    });

    it.each(['dingtalk', 'wecom', 'feishu'])('%s: a made-up code answers AUTH_CODE_INVALID (401)', async (platform) => {
      const res = await login(platform, 'not-a-real-code-123');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_CODE_INVALID');
    });

    it('an expired code answers AUTH_CODE_INVALID (Feishu codes live 180 s, DingTalk 300 s)', async () => {
      const fs = await h.code('feishu', 'E0021');
      const dd = await h.code('dingtalk', 'E0021');
      await h.control('POST', '/clock', { advanceSeconds: 200 });
      const fsRes = await login('feishu', fs.code, fs.corpId);
      expect(fsRes.status).toBe(401);
      expect(fsRes.body.code).toBe('AUTH_CODE_INVALID');
      expect((await login('dingtalk', dd.code, dd.corpId)).status).toBe(200);
    });

    it('a corp that is not bound answers PLATFORM_NOT_BOUND (403)', async () => {
      const { code, corpId } = await h.code('dingtalk', 'E0003', 'other');
      const res = await login('dingtalk', code, corpId);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PLATFORM_NOT_BOUND');
      const unknown = await login('wecom', 'whatever', 'ww-unknown-corp');
      expect(unknown.body.code).toBe('PLATFORM_NOT_BOUND');
    });

    it('a person added on the platform but not yet synced answers EMPLOYEE_NOT_SYNCED', async () => {
      await h.control('POST', '/people', { employeeNo: 'E0050', name: '赵新', departmentName: '财务部' });
      const res = await h.platformLogin('wecom', 'E0050');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('EMPLOYEE_NOT_SYNCED');
    });

    it.each([
      ['garbage', 'PLATFORM_BAD_RESPONSE'],
      ['error500', 'PLATFORM_UNREACHABLE'],
      ['down', 'PLATFORM_UNREACHABLE'],
    ])('platform answering %s → 502 %s, never 500', async (mode, code) => {
      for (const platform of ['dingtalk', 'wecom', 'feishu'] as const) {
        const { code: authCode, corpId } = await h.code(platform, 'E0022');
        await h.control('PUT', '/faults', { platform, mode });
        try {
          const res = await login(platform, authCode, corpId);
          expect({ platform, status: res.status, code: res.body.code }).toEqual({ platform, status: 502, code });
          expect(res.body.message).toEqual(expect.any(String));
        } finally {
          await h.control('PUT', '/faults', { platform, mode: 'none' });
        }
      }
    });

    it('a platform that is down entirely (sandbox stopped) → 502 PLATFORM_UNREACHABLE', async () => {
      const other = await Harness.start();
      try {
        await other.seed();
        const token = await other.adminLogin();
        await other.syncAll(token);
        const { code, corpId } = await other.code('wecom', 'E0001');
        await other.sandbox.stop();
        const res = await other.api('POST', '/auth/login', { body: { platform: 'wecom', code, corpId } });
        expect(res.status).toBe(502);
        expect(res.body.code).toBe('PLATFORM_UNREACHABLE');
      } finally {
        await other.stop();
      }
    });

    it('rejected app credentials → 502 PLATFORM_AUTH_FAILED', async () => {
      const bindings = (await h.api('GET', '/integrations/bindings', { token: hrToken })).body as { id: string; platform: string }[];
      const wecom = bindings.find((b) => b.platform === 'wecom')!;
      const patched = await h.api('PATCH', `/integrations/bindings/${wecom.id}`, { token: hrToken, body: { appSecret: 'wrong-secret' } });
      expect(patched.status).toBe(200);
      try {
        const res = await h.platformLogin('wecom', 'E0023');
        expect(res.status).toBe(502);
        expect(res.body.code).toBe('PLATFORM_AUTH_FAILED');
        const test = await h.api('POST', `/integrations/bindings/${wecom.id}/test`, { token: hrToken });
        expect(test.status).toBe(200);
        expect(test.body).toMatchObject({ ok: false, details: { code: 'PLATFORM_AUTH_FAILED' } });
      } finally {
        await h.api('PATCH', `/integrations/bindings/${wecom.id}`, { token: hrToken, body: { appSecret: 'wecom-demo-app-secret-0001' } });
      }
      const ok = await h.api('POST', `/integrations/bindings/${wecom.id}/test`, { token: hrToken });
      expect(ok.body).toMatchObject({ ok: true, message: '连接成功' });
      expect((await h.platformLogin('wecom', 'E0023')).status).toBe(200);
    });

    it('an employee who left answers EMPLOYEE_LEFT (403)', async () => {
      const tenantId = (await h.ds.getRepository(Employee).findOneByOrFail({ employeeNo: 'E0024' })).tenantId;
      await h.ds.getRepository(Employee).update({ tenantId, employeeNo: 'E0024' }, { status: 'left', leftAt: new Date() });
      const res = await h.platformLogin('feishu', 'E0024');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('EMPLOYEE_LEFT');
    });

    it('refresh rotates the token; reusing an old one revokes the whole family; logout revokes', async () => {
      const login1 = await h.platformLogin('dingtalk', 'E0025');
      const r1 = await h.api<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: login1.body.refreshToken } });
      expect(r1.status).toBe(200);
      expect(r1.body.refreshToken).not.toBe(login1.body.refreshToken);
      expect((await h.api('GET', '/me', { token: r1.body.accessToken })).body.name).toBe('韩冰');
      const reuse = await h.api('POST', '/auth/refresh', { body: { refreshToken: login1.body.refreshToken } });
      expect(reuse.status).toBe(401);
      expect(reuse.body.code).toBe('AUTH_REFRESH_INVALID');
      const afterReuse = await h.api('POST', '/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
      expect(afterReuse.body.code).toBe('AUTH_REFRESH_INVALID');

      const login2 = await h.platformLogin('dingtalk', 'E0025');
      expect((await h.api('POST', '/auth/logout', { body: { refreshToken: login2.body.refreshToken } })).status).toBe(204);
      expect((await h.api('POST', '/auth/refresh', { body: { refreshToken: login2.body.refreshToken } })).status).toBe(401);
    });

    it('concurrent log-ins, refreshes and HR edits during a sync all succeed (no 500)', async () => {
      const bindings = (await h.api('GET', '/integrations/bindings', { token: hrToken })).body as { id: string; platform: string }[];
      const codes = await Promise.all(
        ['E0030', 'E0031', 'E0032', 'E0033', 'E0034', 'E0035'].flatMap((no) => (['dingtalk', 'wecom', 'feishu'] as const).map((p) => h.code(p, no).then((c) => ({ p, ...c })))),
      );
      const first = await h.platformLogin('dingtalk', 'E0036');
      const list = await h.api('GET', '/org/employees?q=E003&pageSize=100', { token: hrToken });
      const ids: string[] = list.body.items.map((e: { id: string }) => e.id);
      const sync = h.api('POST', `/integrations/bindings/${bindings[0].id}/sync`, { token: hrToken });
      const results = await Promise.all([
        sync,
        ...codes.map((c) => login(c.p, c.code, c.corpId)),
        ...ids.slice(0, 5).map((id, i) => h.api('PATCH', `/org/employees/${id}`, { token: hrToken, body: { firstWorkDate: `201${i}-07-01` } })),
        h.api('POST', '/auth/refresh', { body: { refreshToken: first.body.refreshToken } }),
        ...bindings.map((b) => h.api('POST', `/integrations/bindings/${b.id}/test`, { token: hrToken })),
      ]);
      expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 202)).toEqual([]);
      const run = await h.waitRun(hrToken, (await sync).body.id);
      expect(run).toMatchObject({ status: 'succeeded', errors: [] });
      const audits = await h.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'employee.update'");
      expect(Number(audits[0].n)).toBe(5);
    });

    it('an employee session cannot use HR endpoints (403 FORBIDDEN) but can read the org', async () => {
      const { body } = await h.platformLogin('wecom', 'E0026');
      const res = await h.api('GET', '/integrations/bindings', { token: body.accessToken });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect((await h.api('GET', '/org/departments', { token: body.accessToken })).status).toBe(200);
    });

    it('the HR admin account is linked to employee E0002 and /me answers their profile', async () => {
      const res = await h.api('POST', '/auth/admin-login', { body: { username: 'hr', password: 'hrlink2026' } });
      expect(res.body.user).toMatchObject({ username: 'hr', role: 'hr', tenantName: '示例科技有限公司', employeeId: expect.any(String) });
      const me = await h.api<EmployeeProfile>('GET', '/me', { token: res.body.accessToken });
      expect(me.body).toMatchObject({ employeeNo: 'E0002', name: '李娜', departments: [{ name: '人力资源部' }] });
      const admin = await h.api('POST', '/auth/admin-login', { body: { username: 'admin', password: 'hrlink2026' } });
      const adminMe = await h.api('GET', '/me', { token: admin.body.accessToken });
      expect(adminMe.status).toBe(404);
      expect(adminMe.body.code).toBe('NOT_FOUND');
    });
  });

  describe('tenant isolation', () => {
    let otherIds: { employee: string; department: string; run: string };

    beforeAll(async () => {
      const other = await h.seed(OTHER_TENANT);
      const runs = await h.app.get(SyncService).syncTenant(other.id, 'manual');
      expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      const otherToken = await h.adminLogin('hr-other', 'other2026');
      const emps = await h.api<Page<EmployeeListItem>>('GET', '/org/employees', { token: otherToken });
      expect(emps.body.total).toBe(5);
      const depts = await h.api<DepartmentNode[]>('GET', '/org/departments', { token: otherToken });
      otherIds = { employee: emps.body.items[0].id, department: depts.body[0].id, run: runs[0].id };
    });

    it("tenant A's tokens get 404 for tenant B's employees, departments and sync runs", async () => {
      const { body } = await h.platformLogin('dingtalk', 'E0003');
      for (const token of [hrToken, body.accessToken]) {
        for (const path of [`/org/employees/${otherIds.employee}`, `/org/departments/${otherIds.department}`]) {
          const res = await h.api('GET', path, { token });
          expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
        }
      }
      expect((await h.api('GET', `/integrations/sync-runs/${otherIds.run}`, { token: hrToken })).status).toBe(404);
      expect((await h.api('PATCH', `/org/employees/${otherIds.employee}`, { token: hrToken, body: { roles: ['admin'] } })).status).toBe(404);
      expect((await h.api('GET', `/org/employees?departmentId=${otherIds.department}`, { token: hrToken })).status).toBe(404);
      const mine = await h.api<Page<EmployeeListItem>>('GET', '/org/employees?q=E0001', { token: hrToken });
      expect(mine.body.items.map((e) => e.name)).toEqual(['王总']);
    });

    it('the other corp logs in to its own tenant', async () => {
      const res = await h.platformLogin('feishu', 'E0003', 'other');
      expect(res.status).toBe(200);
      expect(res.body.employee).toMatchObject({ name: '严明', tenantName: '另一家公司', manager: { name: '孔丽' } });
    });

    it('no response contained a secret', () => {
      for (const text of h.responses) for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
    });
  });
});
