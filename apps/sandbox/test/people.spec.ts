import { useSandbox } from './helpers';
import { walkDingtalk, walkFeishu, walkWecom } from './walk';

describe('people added, changed and removed through the control API', () => {
  const { client } = useSandbox();

  it('a new person appears on all three platforms, in a new department with a manager', async () => {
    const c = client();
    const r = await c.control('POST', '/people', {
      employeeNo: 'E0041',
      name: '新同事',
      title: '数据分析师',
      departmentName: '数据部',
      managerEmployeeNo: 'E0003',
      mobile: '13800000041',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ employeeNo: 'E0041', department: '数据部', managerEmployeeNo: 'E0003' });
    const [d, w, f] = await Promise.all([walkDingtalk(c), walkWecom(c), walkFeishu(c)]);
    expect(d.users.get('dd_E0041')).toMatchObject({ name: '新同事', employeeNo: 'E0041' });
    expect(w.users.get('wx_E0041')).toMatchObject({ manager: 'wx_E0003' });
    expect(f.users.get('fs_E0041')).toMatchObject({ manager: 'fs_E0003', mobile: '+8613800000041' });
    expect(d.departments.map((x) => x.name)).toContain('数据部');
    expect((await c.control('POST', '/people', { employeeNo: 'E0041', name: 'x', departmentName: '数据部' })).status).toBe(409);
    expect((await c.control('POST', '/people', { employeeNo: 'E0042', name: 'x' })).status).toBe(400);
    const code = await c.authCode('wecom', 'E0041');
    const t = await c.wecomToken();
    const s = await c.wecom('/cgi-bin/miniprogram/jscode2session', t, { js_code: code, grant_type: 'authorization_code' });
    expect(s.body.userid).toBe('wx_E0041');
  });

  it('a person who left disappears from every listing and user/get', async () => {
    const c = client();
    expect((await c.control('DELETE', '/people/E0014')).body).toEqual({ removed: 'E0014' });
    const [d, w, f] = await Promise.all([walkDingtalk(c), walkWecom(c), walkFeishu(c)]);
    expect(d.users.size).toBe(39);
    expect(w.users.has('wx_E0014')).toBe(false);
    expect(f.users.has('fs_E0014')).toBe(false);
    const t = await c.dingtalkToken();
    expect((await c.ding('/topapi/v2/user/get', t, { userid: 'dd_E0014' })).body.errcode).toBe(60121);
    expect((await c.control('DELETE', '/people/E0014')).status).toBe(404);
    expect((await c.control('POST', '/auth-codes', { platform: 'dingtalk', employeeNo: 'E0014' })).status).toBe(404);
  });

  it('when a team lead leaves, the team reports to the next leader up', async () => {
    const c = client();
    await c.control('DELETE', '/people/E0006');
    const w = await walkWecom(c);
    expect(w.users.get('wx_E0014')!.manager).toBe('wx_E0003');
    expect(w.departments.find((x) => x.name === '前端组')!.leaders).toEqual([]);
  });

  it('PATCH moves a person and changes title and manager', async () => {
    const c = client();
    const r = await c.control('PATCH', '/people/E0014', { title: '全栈工程师', departmentName: '后端组' });
    expect(r.body).toMatchObject({ title: '全栈工程师', department: '后端组', managerEmployeeNo: 'E0007' });
    const t = await c.feishuToken();
    const u = await c.feishu('/open-apis/contact/v3/users/fs_E0014', t, { user_id_type: 'user_id', department_id_type: 'department_id' });
    expect(u.body.data.user).toMatchObject({ job_title: '全栈工程师', department_ids: ['D0004'], leader_user_id: 'fs_E0007' });
    const m = await c.control('PATCH', '/people/E0014', { managerEmployeeNo: 'E0001' });
    expect(m.body.managerEmployeeNo).toBe('E0001');
    expect((await c.control('PATCH', '/people/E9999', { title: 'x' })).status).toBe(404);
  });

  it('changes apply per corp', async () => {
    const c = client();
    await c.control('DELETE', '/people/E0003?corp=other');
    const corps = (await c.control('GET', '/corps')).body;
    expect(corps[0].people).toHaveLength(40);
    expect(corps[1].people.map((p: any) => p.employeeNo)).toEqual(['E0001', 'E0002', 'E0004', 'E0005']);
  });
});
