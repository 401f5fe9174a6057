import type { ConnectorCredentials, ConnectorOptions, PlatformDepartment, PlatformIdentity, PlatformUser } from '../types';
import { WeComMessaging } from './messaging';
import { WeComCallbacks } from './callbacks';
import { ConnectorErrorKind } from '../types';
import { BaseConnector, OrgParts } from '../common/base-connector';
import { ProgressTracker, UserCollector } from '../common/org';
import { WorkQueue } from '../common/work-queue';
import { codesAs, idList, isObject, Json, optStr, TokenManager } from '../http';
import { WECOM_CODES, WeComClient } from './client';

/** WeCom has no job-number field: the employee number lives in the custom attribute named 工号. */
export const EMPLOYEE_NO_ATTR = '工号';

const invalidCode = codesAs(WECOM_CODES.invalidCode, ConnectorErrorKind.InvalidCode);

export class WeComConnector extends BaseConnector {
  readonly client: WeComClient;
  protected readonly tokens: TokenManager;
  protected readonly messaging: WeComMessaging;
  protected readonly callbacks: WeComCallbacks;

  constructor(creds: ConnectorCredentials, options: ConnectorOptions) {
    super('wecom', creds, options);
    this.client = new WeComClient(this.http, creds, options.baseUrls.wecom, (kind, issue) => this.tokenManager(kind, issue));
    this.tokens = this.client.tokens;
    this.messaging = new WeComMessaging(this.client, creds);
    this.callbacks = new WeComCallbacks(creds);
  }

  // 小程序登录 code2Session: GET /cgi-bin/miniprogram/jscode2session?access_token=&js_code=&grant_type=authorization_code
  //   → {corpid, userid, session_key, errcode, errmsg}; invalid code → 40029.
  // https://developer.work.weixin.qq.com/document/path/96959
  async exchangeAuthCode(code: string): Promise<PlatformIdentity> {
    const s = this.client.shape;
    const answer = await this.client.call(
      'GET',
      '/cgi-bin/miniprogram/jscode2session',
      { js_code: code, grant_type: 'authorization_code' },
      undefined,
      invalidCode,
    );
    const corpId = s.str(answer.corpid, 'corpid');
    this.assertSameCorp(corpId);
    return { platform: 'wecom', corpId, userId: s.str(answer.userid, 'userid'), unionId: null, openId: null, name: null };
  }

  // 读取成员: GET /cgi-bin/user/get?userid= → member fields as in user/list; 60111 UserID不存在.
  // https://developer.work.weixin.qq.com/document/path/90196
  async getUser(userId: string): Promise<PlatformUser | null> {
    const raw = await this.nullIfNotFound(this.client.call('GET', '/cgi-bin/user/get', { userid: userId }), WECOM_CODES.userNotFound);
    return raw && this.mapUser(raw);
  }

  /** One department/list call for the whole tree, then user/list per department (bounded concurrency). */
  protected async readOrg(queue: WorkQueue, progress: ProgressTracker): Promise<OrgParts> {
    const departments = await this.listDepartments();
    progress.departments(departments.length);
    const users = new UserCollector();
    for (const dept of departments) {
      queue.push(async () => {
        const members = await this.listMembers(dept.id);
        members.forEach((m) => users.add(m));
        progress.members(members.length);
      });
    }
    await queue.drain();
    return { departments, users: users.list() };
  }

  // 获取部门列表: GET /cgi-bin/department/list (no id = whole tree, recursive, not paged)
  //   → department[{id, name, name_en, department_leader[], parentid, order}]
  // https://developer.work.weixin.qq.com/document/path/90344
  private async listDepartments(): Promise<PlatformDepartment[]> {
    const s = this.client.shape;
    const answer = await this.client.call('GET', '/cgi-bin/department/list', {});
    return s.arr(answer.department, 'department').map((item) => {
      const d = s.obj(item, 'department item');
      const parent = optStr(d.parentid);
      return {
        id: s.str(d.id, 'department.id'),
        parentId: parent === null || parent === '0' ? null : parent,
        name: s.str(d.name, 'department.name'),
        order: typeof d.order === 'number' ? d.order : 0,
        leaderUserIds: idList(d.department_leader),
      };
    });
  }

  // 获取部门成员详情: GET /cgi-bin/user/list?department_id= → userlist[{userid, name, department[], position, mobile,
  //   is_leader_in_dept[], direct_leader[], main_department, status, extattr{attrs[]}}] (direct members, not paged)
  // https://developer.work.weixin.qq.com/document/path/90201
  private async listMembers(departmentId: string): Promise<PlatformUser[]> {
    const answer = await this.client.call('GET', '/cgi-bin/user/list', { department_id: departmentId });
    return this.client.shape.arr(answer.userlist, 'userlist').map((u) => this.mapUser(this.client.shape.obj(u, 'userlist item')));
  }

  private mapUser(raw: Json): PlatformUser {
    const s = this.client.shape;
    const departmentIds = idList(raw.department);
    const leaderFlags = Array.isArray(raw.is_leader_in_dept) ? raw.is_leader_in_dept : [];
    const status = typeof raw.status === 'number' ? raw.status : 1;
    return {
      userId: s.str(raw.userid, 'userid'),
      unionId: null,
      openId: null,
      name: s.str(raw.name, 'name'),
      mobile: optStr(raw.mobile),
      employeeNo: extAttr(raw, EMPLOYEE_NO_ATTR),
      title: optStr(raw.position),
      departmentIds,
      mainDepartmentId: optStr(raw.main_department) ?? departmentIds[0] ?? null,
      managerUserId: idList(raw.direct_leader)[0] ?? null,
      leaderOfDepartmentIds: departmentIds.filter((_, i) => Number(leaderFlags[i]) === 1),
      hiredDate: null,
      // status: 1 已激活, 2 已禁用, 4 未激活, 5 退出企业.
      active: status !== 2 && status !== 5,
    };
  }
}

/** Value of a text custom attribute (`extattr.attrs[{type: 0, name, text: {value}}]`; older answers put `value` directly). */
export function extAttr(raw: Json, name: string): string | null {
  const attrs = isObject(raw.extattr) && Array.isArray(raw.extattr.attrs) ? raw.extattr.attrs : [];
  for (const a of attrs) {
    if (!isObject(a) || a.name !== name) continue;
    const text = isObject(a.text) ? optStr(a.text.value) : null;
    return text ?? optStr(a.value);
  }
  return null;
}
