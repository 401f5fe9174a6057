import { useSandbox } from './helpers';
import { walkDingtalk, walkFeishu, walkWecom } from './walk';

describe('organisation listing', () => {
  const { client } = useSandbox();

  it('DingTalk: the whole demo org pages through listsub + user/list (small pages too)', async () => {
    const org = await walkDingtalk(client(), 3);
    expect(org.departments).toHaveLength(8);
    expect(org.users.size).toBe(40);
    expect(org.departments.find((d) => d.id === '1')).toMatchObject({ name: '示例科技有限公司', leaders: ['dd_E0001'], parentId: null });
    const hr = org.departments.find((d) => d.name === '人力资源部')!;
    expect(hr.leaders).toEqual(['dd_E0002']);
    expect(org.users.get('dd_E0002')).toMatchObject({ employeeNo: 'E0002', mobile: '13800000002', depts: [hr.id] });
    const big = await walkDingtalk(client(), 100);
    expect(big.calls).toBeLessThan(org.calls);
  });

  it('DingTalk: user/get gives manager_userid and leader_in_dept (three manager levels)', async () => {
    const c = client();
    const t = await c.dingtalkToken();
    const get = async (userid: string) => (await c.ding('/topapi/v2/user/get', t, { userid })).body;
    const staff = await get('dd_E0014');
    expect(staff.result).toMatchObject({ manager_userid: 'dd_E0006', job_number: 'E0014', leader_in_dept: [{ leader: false }] });
    expect((await get('dd_E0006')).result).toMatchObject({ manager_userid: 'dd_E0003', leader_in_dept: [{ leader: true }] });
    expect((await get('dd_E0003')).result.manager_userid).toBe('dd_E0001');
    expect((await get('dd_E0001')).result.manager_userid).toBeUndefined();
    expect((await get('dd_nobody')).errcode).toBe(60121);
  });

  it('DingTalk: validates dept_id, cursor and size', async () => {
    const c = client();
    const t = await c.dingtalkToken();
    const list = (b: object) => c.ding('/topapi/v2/user/list', t, b).then((r) => r.body);
    expect((await list({ dept_id: 1, cursor: 0, size: 101 })).errcode).toBe(40035);
    expect((await list({ dept_id: 1, size: 10 })).errcode).toBe(40035);
    expect((await list({ dept_id: 424242, cursor: 0, size: 10 })).errcode).toBe(60003);
    expect((await c.ding('/topapi/v2/department/get', t, {})).body.errcode).toBe(40035);
    const form = await c.post('/topapi/v2/user/list', { query: { access_token: t }, form: { dept_id: '1', cursor: '0', size: '10' } });
    expect(form.body.errcode).toBe(0);
    const unknown = await c.ding('/topapi/v2/user/nonexistent', t, {});
    expect(unknown.body.errcode).toBe(22);
  });

  it('WeCom: department/list is recursive without paging; users carry 工号, empty mobile, direct_leader', async () => {
    const c = client();
    const org = await walkWecom(c);
    expect(org.departments).toHaveLength(8);
    expect(org.users.size).toBe(40);
    expect(org.users.get('wx_E0014')).toMatchObject({ employeeNo: 'E0014', mobile: '', manager: 'wx_E0006' });
    expect(org.users.get('wx_E0006')!.manager).toBe('wx_E0003');
    const t = await c.wecomToken();
    const sub = await c.wecom('/cgi-bin/department/list', t, { id: 3 });
    expect(sub.body.department.map((d: any) => d.name)).toEqual(['研发部', '前端组', '后端组']);
    const all = await c.wecom('/cgi-bin/user/list', t, { department_id: 1, fetch_child: 1 });
    expect(all.body.userlist).toHaveLength(40);
    const lead = all.body.userlist.find((u: any) => u.userid === 'wx_E0006');
    expect(lead).toMatchObject({ is_leader_in_dept: [1], main_department: 4, position: '前端组组长' });
    const simple = await c.wecom('/cgi-bin/user/simplelist', t, { department_id: 4 });
    expect(simple.body.userlist.map((u: any) => u.userid)).toContain('wx_E0014');
    expect((await c.wecom('/cgi-bin/user/list', t, { department_id: 999 })).body.errcode).toBe(60123);
    expect((await c.wecom('/cgi-bin/user/get', t, { userid: 'wx_nobody' })).body.errcode).toBe(60111);
  });

  it('WeCom: user/list_id pages with cursor/limit', async () => {
    const c = client();
    const t = await c.wecomToken();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await c.post('/cgi-bin/user/list_id', { query: { access_token: t }, json: { cursor, limit: 7 } });
      expect(r.body.errcode).toBe(0);
      seen.push(...r.body.dept_user.map((u: any) => u.userid));
      cursor = r.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(6);
    expect(new Set(seen).size).toBe(40);
    expect((await c.post('/cgi-bin/user/list_id', { query: { access_token: t }, json: { limit: 10001 } })).body.errcode).toBe(40058);
  });

  it('Feishu: children (fetch_child) and find_by_department page with page_token ≤ 50', async () => {
    const c = client();
    const small = await walkFeishu(c, 2);
    expect(small.departments).toHaveLength(8);
    expect(small.users.size).toBe(40);
    expect(small.users.get('fs_E0014')).toMatchObject({ employeeNo: 'E0014', mobile: '+8613800000014', manager: 'fs_E0006' });
    expect(small.users.get('fs_E0003')!.manager).toBe('fs_E0001');
    expect(small.users.get('fs_E0001')!.manager).toBeNull();
    const t = await c.feishuToken();
    const tooBig = await c.feishu('/open-apis/contact/v3/users/find_by_department', t, { department_id: '0', page_size: 51 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.code).toBe(99992402);
    const missing = await c.feishu('/open-apis/contact/v3/departments/D9999', t, { department_id_type: 'department_id' });
    expect(missing.body.code).toBe(40004);
  });

  it('Feishu: ids follow user_id_type / department_id_type (open ids by default)', async () => {
    const c = client();
    const t = await c.feishuToken();
    const corps = (await c.control('GET', '/corps')).body;
    const e14 = corps[0].people.find((p: any) => p.employeeNo === 'E0014');
    const e6 = corps[0].people.find((p: any) => p.employeeNo === 'E0006');
    const byOpen = await c.feishu(`/open-apis/contact/v3/users/${e14.ids.feishu.openId}`, t);
    expect(byOpen.body.data.user).toMatchObject({ user_id: 'fs_E0014', leader_user_id: e6.ids.feishu.openId });
    expect(byOpen.body.data.user.department_ids[0]).toMatch(/^od-/);
    const byUnion = await c.feishu(`/open-apis/contact/v3/users/${e14.ids.feishu.unionId}`, t, { user_id_type: 'union_id' });
    expect(byUnion.body.data.user.leader_user_id).toBe(e6.ids.feishu.unionId);
    const nobody = await c.feishu('/open-apis/contact/v3/users/fs_nobody', t, { user_id_type: 'user_id' });
    expect(nobody.body.code).toBe(41050);
  });

  it('the other corp has 5 people and is invisible to the demo apps', async () => {
    const c = client();
    const corps = (await c.control('GET', '/corps')).body;
    expect(corps.map((x: any) => [x.key, x.name, x.people.length])).toEqual([
      ['demo', '示例科技有限公司', 40],
      ['other', '另一家公司', 5],
    ]);
    const t = await c.feishuToken();
    const otherDept = corps[1].people[1];
    const r = await c.feishu(`/open-apis/contact/v3/users/${otherDept.ids.feishu.openId}`, t);
    expect(r.body.code).toBe(41050);
  });

  it('seeds the same ids on every start', async () => {
    const corps = (await client().control('GET', '/corps')).body;
    const e1 = corps[0].people[0];
    expect(e1).toMatchObject({ employeeNo: 'E0001', name: '王总', title: '首席执行官', department: '示例科技有限公司', mobile: '13800000001' });
    expect(e1.ids.dingtalk.userId).toBe('dd_E0001');
    expect(e1.ids.feishu.openId).toBe('ou_' + require('node:crypto').createHash('sha256').update('cli_demo0001:open:E0001').digest('hex').slice(0, 32));
    const hr = corps[0].people.find((p: any) => p.employeeNo === 'E0002');
    expect(hr).toMatchObject({ department: '人力资源部', managerEmployeeNo: 'E0001' });
  });
});
