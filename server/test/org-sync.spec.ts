import type { DepartmentNode, EmployeeDetail, EmployeeListItem, Page, PlatformBindingView, SyncRunView } from '@hrlink/shared';
import { ALL_SECRETS, Harness } from './support/harness';

// Sync of the demo corp (40 people, 8 departments) from the sandbox's three platforms, over HTTP.
describe('org sync (real sandbox, real database)', () => {
  let h: Harness;
  let token: string;
  let bindings: PlatformBindingView[];
  let first: Record<string, SyncRunView>;

  const employee = async (employeeNo: string): Promise<EmployeeDetail> => {
    const list = await h.api<Page<EmployeeListItem>>('GET', `/org/employees?q=${employeeNo}&pageSize=100`, { token });
    const item = list.body.items.find((e) => e.employeeNo === employeeNo);
    if (!item) throw new Error(`${employeeNo} not listed`);
    return (await h.api<EmployeeDetail>('GET', `/org/employees/${item.id}`, { token })).body;
  };

  beforeAll(async () => {
    h = await Harness.start();
    await h.seed();
    token = await h.adminLogin();
    bindings = (await h.api<PlatformBindingView[]>('GET', '/integrations/bindings', { token })).body;
    first = await h.syncAll(token);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the org source (DingTalk) creates departments and employees; WeCom and Feishu link identities', () => {
    expect(bindings.map((b) => [b.platform, b.isOrgSource])).toEqual([['dingtalk', true], ['wecom', false], ['feishu', false]]);
    expect(first.dingtalk).toMatchObject({
      status: 'succeeded', trigger: 'manual', departmentsCreated: 8, employeesCreated: 40, identitiesLinked: 40,
      departmentsSeen: 8, membersSeen: 40, errors: [],
    });
    for (const p of ['wecom', 'feishu']) {
      expect(first[p]).toMatchObject({ status: 'succeeded', employeesCreated: 0, departmentsCreated: 0, identitiesLinked: 40, unmatched: 0 });
      expect(first[p].rowsWritten).toBe(40);
    }
  });

  it('lists 40 active employees with masked mobiles and all three platforms', async () => {
    const page = await h.api<Page<EmployeeListItem>>('GET', '/org/employees?pageSize=100&status=active', { token });
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(40);
    const ceo = page.body.items.find((e) => e.employeeNo === 'E0001')!;
    expect(ceo).toMatchObject({ name: '王总', title: '首席执行官', mobileMasked: '138****0001', platforms: ['dingtalk', 'wecom', 'feishu'] });
    expect(page.text).not.toContain('13800000001');
  });

  it('resolves managers across three levels', async () => {
    const fe = await employee('E0014'); // 朱明, 前端组
    expect(fe.manager?.name).toBe('杨帆');
    expect(fe.departments.map((d) => d.name)).toEqual(['前端组']);
    const lead = await employee('E0006'); // 杨帆 leads 前端组
    expect(lead.manager?.name).toBe('张伟');
    const director = await employee('E0003'); // 张伟 leads 研发部
    expect(director.manager?.name).toBe('王总');
    expect(director.reports.map((r) => r.name)).toEqual(expect.arrayContaining(['杨帆', '赵磊', '孙浩', '马丽']));
    expect((await employee('E0001')).manager).toBeNull();
    expect(fe.identities.map((i) => i.platform).sort()).toEqual(['dingtalk', 'feishu', 'wecom']);
    expect(fe.identities.find((i) => i.platform === 'feishu')!.openId).toMatch(/^ou_/);
  });

  it('builds the department tree with heads and member counts', async () => {
    const tree = await h.api<DepartmentNode[]>('GET', '/org/departments', { token });
    expect(tree.body).toHaveLength(1);
    const root = tree.body[0];
    expect(root.name).toBe('示例科技有限公司');
    expect(root.children.map((c) => c.name)).toEqual(['人力资源部', '研发部', '销售部', '财务部']);
    const rd = root.children.find((c) => c.name === '研发部')!;
    expect(rd.children.map((c) => c.name)).toEqual(['前端组', '后端组']);
    const frontend = rd.children.find((c) => c.name === '前端组')!;
    expect(frontend.memberCount).toBe(7);
    const one = await h.api<DepartmentNode>('GET', `/org/departments/${rd.id}`, { token });
    expect(one.body.children).toHaveLength(2);
    const inRd = await h.api<Page<EmployeeListItem>>('GET', `/org/employees?departmentId=${rd.id}&pageSize=100`, { token });
    const onlyRd = await h.api<Page<EmployeeListItem>>('GET', `/org/employees?departmentId=${rd.id}&includeChildren=false&pageSize=100`, { token });
    expect(inRd.body.total).toBe(19);
    expect(onlyRd.body.total).toBe(3);
  });

  it('a second sync with no change writes zero rows on every binding', async () => {
    const again: Record<string, SyncRunView> = await h.syncAll(token);
    for (const p of ['dingtalk', 'wecom', 'feishu']) {
      expect(again[p]).toMatchObject({ status: 'succeeded', rowsWritten: 0, employeesCreated: 0, employeesUpdated: 0, identitiesLinked: 0 });
    }
  });

  it('a changed person is updated and a deleted person is deactivated (never deleted)', async () => {
    await h.control('PATCH', '/people/E0014', { title: '高级前端工程师', departmentName: '后端组' });
    await h.control('DELETE', '/people/E0019');
    await h.control('POST', '/people', { employeeNo: 'E0041', name: '新同事', title: '测试工程师', departmentName: '后端组' });
    const runs = await h.syncAll(token);
    expect(runs.dingtalk).toMatchObject({ status: 'succeeded', employeesCreated: 1, employeesUpdated: 1, employeesDeactivated: 1 });
    expect(runs.wecom).toMatchObject({ identitiesLinked: 1, identitiesRemoved: 1, unmatched: 0 });
    expect(runs.feishu).toMatchObject({ identitiesLinked: 1, identitiesRemoved: 1 });

    const moved = await employee('E0014');
    expect(moved).toMatchObject({ title: '高级前端工程师', status: 'active' });
    expect(moved.departments.map((d) => d.name)).toEqual(['后端组']);
    expect(moved.manager?.name).toBe('赵磊');
    const gone = await employee('E0019');
    expect(gone.status).toBe('left');
    expect(gone.leftAt).not.toBeNull();
    expect(gone.identities).toEqual([]);
    const newbie = await employee('E0041');
    expect(newbie.manager?.name).toBe('赵磊');
    const total = await h.api<Page<EmployeeListItem>>('GET', '/org/employees?pageSize=1', { token });
    expect(total.body.total).toBe(41);
    const active = await h.api<Page<EmployeeListItem>>('GET', '/org/employees?pageSize=1&status=active', { token });
    expect(active.body.total).toBe(40);

    const still = await h.syncAll(token);
    expect(Object.values(still).map((r) => r.rowsWritten)).toEqual([0, 0, 0]);
  });

  it('one running sync per binding: a second start answers SYNC_ALREADY_RUNNING', async () => {
    await h.control('PUT', '/limits', { platform: 'dingtalk', rps: 5 });
    try {
      const a = await h.api<SyncRunView>('POST', `/integrations/bindings/${bindings[0].id}/sync`, { token });
      const b = await h.api('POST', `/integrations/bindings/${bindings[0].id}/sync`, { token });
      expect(a.status).toBe(202);
      expect(a.body.status).toBe('running');
      expect(b.status).toBe(409);
      expect(b.body.code).toBe('SYNC_ALREADY_RUNNING');
      const done = await h.waitRun(token, a.body.id);
      expect(done.status).toBe('succeeded');
    } finally {
      await h.control('PUT', '/limits', { platform: 'dingtalk', rps: null });
    }
  });

  it('records sync runs newest first, filterable by binding', async () => {
    const all = await h.api<Page<SyncRunView>>('GET', '/integrations/sync-runs?pageSize=100', { token });
    expect(all.body.total).toBe(13);
    const mine = await h.api<Page<SyncRunView>>('GET', `/integrations/sync-runs?bindingId=${bindings[1].id}&pageSize=2`, { token });
    expect(mine.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(mine.body.items.every((r) => r.platform === 'wecom')).toBe(true);
    const listed = await h.api<PlatformBindingView[]>('GET', '/integrations/bindings', { token });
    expect(listed.body.every((b) => b.lastSyncStatus === 'succeeded' && b.lastSyncAt)).toBe(true);
  });

  it('a sync against a failing platform is recorded as failed with our error code', async () => {
    await h.control('PUT', '/faults', { platform: 'feishu', mode: 'garbage' });
    try {
      const run = await h.sync(token, bindings[2].id);
      expect(run.status).toBe('failed');
      expect(run.errors[0].code).toBe('PLATFORM_BAD_RESPONSE');
      expect(run.rowsWritten).toBe(0);
    } finally {
      await h.control('PUT', '/faults', { platform: 'feishu', mode: 'none' });
    }
  });

  it('HR edits hire date, first work date and roles (audited)', async () => {
    const e = await employee('E0012');
    const res = await h.api<EmployeeDetail>('PATCH', `/org/employees/${e.id}`, {
      token, body: { hireDate: '2019-04-22', firstWorkDate: '2012-07-01', roles: ['hr'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ hireDate: '2019-04-22', firstWorkDate: '2012-07-01', roles: ['employee', 'hr'] });
    const bad = await h.api('PATCH', `/org/employees/${e.id}`, { token, body: { hireDate: '2019-13-40', roles: ['boss'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['hireDate', 'roles']);
    const audit = await h.ds.query('SELECT action, targetId FROM audit_logs WHERE action = ?', ['employee.update']);
    expect(audit).toEqual([{ action: 'employee.update', targetId: e.id }]);
    // HR-owned fields survive the next sync.
    await h.syncAll(token);
    expect(await employee('E0012')).toMatchObject({ firstWorkDate: '2012-07-01', roles: ['employee', 'hr'] });
  });

  it('stores mobiles and secrets encrypted; no response ever contained a secret', async () => {
    const [row] = await h.ds.query("SELECT mobile, mobileHash FROM employees WHERE employeeNo = 'E0001'");
    expect(row.mobile).toMatch(/^v1:/);
    expect(row.mobile).not.toContain('13800000001');
    expect(row.mobileHash).toMatch(/^[0-9a-f]{64}$/);
    const secrets = await h.ds.query('SELECT appSecret, callbackToken, callbackAesKey FROM platform_bindings');
    for (const s of secrets) for (const v of Object.values(s)) expect(String(v)).toMatch(/^v1:/);
    for (const text of h.responses) for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
  });
});
