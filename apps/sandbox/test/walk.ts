import type { Client } from './helpers';

/** Connector-style walks over each platform's org API (test code, independent of packages/connectors). */

export interface Flat {
  departments: Array<{ id: string; parentId: string | null; name: string; leaders: string[] }>;
  users: Map<string, { userId: string; name: string; employeeNo: string; mobile: string; manager: string | null; depts: string[] }>;
  calls: number;
}

/** Walks DingTalk like a connector: listsub recursively from 1, department/get for leaders, user/list paged. */
export async function walkDingtalk(c: Client, size = 100): Promise<Flat> {
  const t = await c.dingtalkToken();
  const out: Flat = { departments: [], users: new Map(), calls: 1 };
  const queue: Array<{ id: number; parentId: number | null }> = [{ id: 1, parentId: null }];
  while (queue.length) {
    const { id, parentId } = queue.shift()!;
    const g = await c.ding('/topapi/v2/department/get', t, { dept_id: id });
    const subs = await c.ding('/topapi/v2/department/listsub', t, { dept_id: id });
    out.calls += 2;
    expect(g.body.errcode).toBe(0);
    out.departments.push({ id: String(id), parentId: parentId === null ? null : String(parentId), name: g.body.result.name, leaders: g.body.result.dept_manager_userid_list });
    for (const s of subs.body.result) queue.push({ id: s.dept_id, parentId: id });
    let cursor = 0;
    for (;;) {
      const r = await c.ding('/topapi/v2/user/list', t, { dept_id: id, cursor, size });
      out.calls++;
      expect(r.body.errcode).toBe(0);
      for (const u of r.body.result.list)
        out.users.set(u.userid, { userId: u.userid, name: u.name, employeeNo: u.job_number, mobile: u.mobile, manager: null, depts: u.dept_id_list.map(String) });
      if (!r.body.result.has_more) break;
      cursor = r.body.result.next_cursor;
    }
  }
  return out;
}

export async function walkWecom(c: Client): Promise<Flat> {
  const t = await c.wecomToken();
  const out: Flat = { departments: [], users: new Map(), calls: 2 };
  const d = await c.wecom('/cgi-bin/department/list', t);
  for (const x of d.body.department)
    out.departments.push({ id: String(x.id), parentId: x.parentid ? String(x.parentid) : null, name: x.name, leaders: x.department_leader });
  for (const x of d.body.department) {
    const r = await c.wecom('/cgi-bin/user/list', t, { department_id: x.id });
    out.calls++;
    for (const u of r.body.userlist) {
      const no = u.extattr.attrs.find((a: any) => a.name === '工号').text.value;
      out.users.set(u.userid, { userId: u.userid, name: u.name, employeeNo: no, mobile: u.mobile, manager: u.direct_leader[0] ?? null, depts: u.department.map(String) });
    }
  }
  return out;
}

export async function walkFeishu(c: Client, pageSize = 50): Promise<Flat> {
  const t = await c.feishuToken();
  const out: Flat = { departments: [], users: new Map(), calls: 1 };
  const ids = { department_id_type: 'department_id', user_id_type: 'user_id' };
  const root = await c.feishu('/open-apis/contact/v3/departments/0', t, ids);
  out.calls++;
  out.departments.push({ id: '0', parentId: null, name: root.body.data.department.name, leaders: root.body.data.department.leaders.map((l: any) => l.leaderID) });
  let pageToken: string | undefined;
  do {
    const r = await c.feishu('/open-apis/contact/v3/departments/0/children', t, { ...ids, fetch_child: 'true', page_size: pageSize, page_token: pageToken });
    out.calls++;
    expect(r.body.code).toBe(0);
    for (const x of r.body.data.items)
      out.departments.push({ id: x.department_id, parentId: x.parent_department_id, name: x.name, leaders: x.leaders.map((l: any) => l.leaderID) });
    pageToken = r.body.data.has_more ? r.body.data.page_token : undefined;
  } while (pageToken);
  for (const d of out.departments) {
    let token: string | undefined;
    do {
      const r = await c.feishu('/open-apis/contact/v3/users/find_by_department', t, { ...ids, department_id: d.id, page_size: pageSize, page_token: token });
      out.calls++;
      expect(r.body.code).toBe(0);
      for (const u of r.body.data.items)
        out.users.set(u.user_id, { userId: u.user_id, name: u.name, employeeNo: u.employee_no, mobile: u.mobile, manager: u.leader_user_id ?? null, depts: u.department_ids });
      token = r.body.data.has_more ? r.body.data.page_token : undefined;
    } while (token);
  }
  return out;
}

