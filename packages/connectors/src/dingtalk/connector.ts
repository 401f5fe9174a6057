import type { ConnectorCredentials, ConnectorOptions, PlatformDepartment, PlatformIdentity, PlatformUser } from '../types';
import { DingTalkMessaging } from './messaging';
import { DingTalkCallbacks } from './callbacks';
import { ConnectorErrorKind } from '../types';
import { BaseConnector, OrgParts } from '../common/base-connector';
import { epochToLocalDate, ProgressTracker, UserCollector } from '../common/org';
import { WorkQueue } from '../common/work-queue';
import { codesAs, flag, idList, Json, listOf, optNum, optStr, TokenManager } from '../http';
import { DINGTALK_CODES, DingTalkClient } from './client';

const ROOT = '1';
/** topapi/v2/user/list: size ≤ 100. */
const PAGE_SIZE = 100;

const invalidCode = codesAs(DINGTALK_CODES.invalidCode, ConnectorErrorKind.InvalidCode);

export class DingTalkConnector extends BaseConnector {
  readonly client: DingTalkClient;
  protected readonly tokens: TokenManager;
  protected readonly messaging: DingTalkMessaging;
  protected readonly callbacks: DingTalkCallbacks;

  constructor(creds: ConnectorCredentials, options: ConnectorOptions) {
    super('dingtalk', creds, options);
    this.client = new DingTalkClient(
      this.http,
      creds,
      { oapi: options.baseUrls.dingtalkOapi, api: options.baseUrls.dingtalkApi },
      (kind, issue) => this.tokenManager(kind, issue),
    );
    this.tokens = this.client.oapiTokens;
    this.messaging = new DingTalkMessaging(this.client, creds);
    this.callbacks = new DingTalkCallbacks(creds);
  }

  // 通过免登码获取用户信息: POST /topapi/v2/user/getuserinfo?access_token= {code} → result{userid, unionid, name, sys_level…}
  // https://help.dingtalk.io/open/development/obtain-the-userid-of-a-user-by-using-the-log-free
  // A code of another corp is "不存在的临时授权码" for this app's token, so it ends as InvalidCode.
  async exchangeAuthCode(code: string): Promise<PlatformIdentity> {
    const result = this.client.shape.obj(
      await this.client.oapi('/topapi/v2/user/getuserinfo', { code }, invalidCode),
      'getuserinfo result',
    );
    return {
      platform: 'dingtalk',
      corpId: this.creds.corpId,
      userId: this.client.shape.str(result.userid, 'result.userid'),
      unionId: optStr(result.unionid),
      openId: null,
      name: optStr(result.name),
    };
  }

  // 查询用户详情: POST /topapi/v2/user/get {userid} → result{…, manager_userid, leader_in_dept[]}; 60121 找不到该用户.
  // https://open.dingtalk.com/document/orgapp/query-user-details
  // The manager is derived from department leaders exactly as fetchOrg does (deriveManager), NOT from manager_userid
  // (a separately maintained field that can disagree): incremental and full sync must give the same answer.
  async getUser(userId: string): Promise<PlatformUser | null> {
    const result = await this.nullIfNotFound(this.client.oapi('/topapi/v2/user/get', { userid: userId, language: 'zh_CN' }), DINGTALK_CODES.userNotFound);
    if (result === null) return null;
    const raw = this.client.shape.obj(result, 'user/get result');
    const leads = listOf(raw.leader_in_dept)
      .filter((x) => flag(x.leader))
      .map((x) => String(x.dept_id));
    const user = this.mapUser(raw, leads);
    user.managerUserId = await this.managerByLeaders(user);
    return user;
  }

  /**
   * deriveManager over the user's department chain, read with department/get (dept_manager_userid_list, parent_id)
   * one level at a time, only as far up as needed (usually one call; a department head needs the parent too).
   */
  private async managerByLeaders(user: PlatformUser): Promise<string | null> {
    const chain = new Map<string, PlatformDepartment>();
    let id: string | null = user.departmentIds[0] ?? null;
    for (let depth = 0; id !== null && !chain.has(id) && depth < 32; depth++) {
      const dept = await this.department(id);
      if (!dept) break;
      chain.set(id, dept);
      const leader = dept.leaderUserIds.find((l) => l !== user.userId);
      if (leader && !dept.leaderUserIds.includes(user.userId)) break;
      id = dept.parentId;
    }
    return deriveManager(user, chain);
  }

  // 获取部门详情: POST /topapi/v2/department/get {dept_id} → result{dept_id, name, parent_id, order, dept_manager_userid_list}; 60003 部门不存在
  private async department(id: string): Promise<PlatformDepartment | null> {
    const r = await this.nullIfNotFound(this.client.oapi('/topapi/v2/department/get', { dept_id: Number(id) }), DINGTALK_CODES.deptNotFound);
    if (r === null) return null;
    const d = this.client.shape.obj(r, 'department/get result');
    return {
      id,
      parentId: id === ROOT ? null : optStr(d.parent_id) ?? null,
      name: this.client.shape.str(d.name, 'dept name'),
      order: optNum(d.order) ?? 0,
      leaderUserIds: idList(d.dept_manager_userid_list),
    };
  }

  /**
   * Departments: listsub one level at a time from root 1; members: user/list of every department,
   * paged by 100. Both run on the bounded work queue as departments are discovered. DingTalk has
   * no manager id on listed users: the manager is derived from department leader flags afterwards.
   */
  protected async readOrg(queue: WorkQueue, progress: ProgressTracker): Promise<OrgParts> {
    const depts = new Map<string, PlatformDepartment>();
    const users = new UserCollector();

    const visit = (dept: PlatformDepartment) => {
      depts.set(dept.id, dept);
      progress.departments(1);
      queue.push(() => this.listChildren(dept.id).then((children) => children.forEach(visit)));
      queue.push(() => this.listMembers(dept, users, progress));
    };
    queue.push(async () => visit(await this.rootDepartment()));
    await queue.drain();

    const list = users.list();
    for (const u of list) u.managerUserId = deriveManager(u, depts);
    return { departments: depts.values(), users: list };
  }

  // 获取部门详情: POST /topapi/v2/department/get {dept_id} → result{dept_id, name, parent_id, order, dept_manager_userid_list}
  // https://developer.alibaba.com/docs/api.htm?apiId=52330 (dingtalk.oapi.v2.department.get)
  private async rootDepartment(): Promise<PlatformDepartment> {
    const r = this.client.shape.obj(await this.client.oapi('/topapi/v2/department/get', { dept_id: Number(ROOT) }), 'department/get result');
    return {
      id: ROOT,
      parentId: null,
      name: this.client.shape.str(r.name, 'root name'),
      order: optNum(r.order) ?? 0,
      leaderUserIds: idList(r.dept_manager_userid_list),
    };
  }

  // 获取部门列表 (one level): POST /topapi/v2/department/listsub {dept_id} → result[{dept_id, name, parent_id, …}]
  // https://help.dingtalk.io/zh/open/development/user-management-acquires-the-list-departments
  private async listChildren(parentId: string): Promise<PlatformDepartment[]> {
    const s = this.client.shape;
    const result = s.arr(await this.client.oapi('/topapi/v2/department/listsub', { dept_id: Number(parentId) }), 'listsub result');
    return result.map((item, index) => {
      const d = s.obj(item, 'listsub item');
      return {
        id: s.str(d.dept_id, 'dept_id'),
        parentId: optStr(d.parent_id) ?? parentId,
        name: s.str(d.name, 'dept name'),
        // listsub has no order field; keep the platform's listing order.
        order: optNum(d.order) ?? index,
        leaderUserIds: [],
      };
    });
  }

  // 获取部门用户详情: POST /topapi/v2/user/list {dept_id, cursor, size ≤ 100}
  //   → result{has_more, next_cursor, list[{userid, unionid, name, mobile, job_number, title, dept_id_list, leader, hired_date…}]}
  // https://help.dingtalk.io/open/development/queries-the-complete-information-of-a-department-user
  private async listMembers(dept: PlatformDepartment, users: UserCollector, progress: ProgressTracker): Promise<void> {
    const s = this.client.shape;
    let cursor = 0;
    for (;;) {
      const page = s.obj(
        await this.client.oapi('/topapi/v2/user/list', { dept_id: Number(dept.id), cursor, size: PAGE_SIZE, contain_access_limit: false, language: 'zh_CN' }),
        'user/list result',
      );
      const list = s.arr(page.list, 'user/list list');
      for (const item of list) {
        const raw = s.obj(item, 'user/list item');
        const leads = flag(raw.leader);
        const user = this.mapUser(raw, leads ? [dept.id] : []);
        if (!user.departmentIds.includes(dept.id)) user.departmentIds.push(dept.id);
        if (leads && !dept.leaderUserIds.includes(user.userId)) dept.leaderUserIds.push(user.userId);
        users.add(user);
      }
      progress.members(list.length);
      if (!flag(page.has_more)) return;
      cursor = s.num(page.next_cursor, 'next_cursor');
    }
  }

  private mapUser(raw: Json, leaderOf: string[]): PlatformUser {
    const s = this.client.shape;
    const departmentIds = idList(raw.dept_id_list);
    return {
      userId: s.str(raw.userid, 'userid'),
      unionId: optStr(raw.unionid),
      openId: null,
      name: s.str(raw.name, 'name'),
      mobile: optStr(raw.mobile),
      employeeNo: optStr(raw.job_number),
      title: optStr(raw.title),
      departmentIds,
      mainDepartmentId: departmentIds[0] ?? null,
      managerUserId: null,
      leaderOfDepartmentIds: leaderOf,
      hiredDate: epochToLocalDate(optNum(raw.hired_date)),
      active: true,
    };
  }
}

/**
 * The leader of the user's first department; when the user leads it (or it has no leader),
 * the leader of its parent, and so on up to the root.
 */
export function deriveManager(user: PlatformUser, depts: Map<string, PlatformDepartment>): string | null {
  let id: string | null = user.departmentIds[0] ?? null;
  const seen = new Set<string>();
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const dept = depts.get(id);
    if (!dept) return null;
    const leader = dept.leaderUserIds.find((l) => l !== user.userId);
    if (leader && !dept.leaderUserIds.includes(user.userId)) return leader;
    id = dept.parentId;
  }
  return null;
}
