import type { ConnectorCredentials, ConnectorOptions, PlatformDepartment, PlatformIdentity, PlatformUser } from '../types';
import { FeishuMessaging } from './messaging';
import { FeishuCallbacks } from './callbacks';
import { ConnectorErrorKind } from '../types';
import { BaseConnector, OrgParts } from '../common/base-connector';
import { epochToLocalDate, ProgressTracker, UserCollector } from '../common/org';
import { WorkQueue } from '../common/work-queue';
import { codesAs, idList, isObject, Json, optStr, TokenManager } from '../http';
import { FEISHU_CODES, FeishuClient } from './client';

const ROOT = '0';
/** children and find_by_department: page_size ≤ 50. */
const PAGE_SIZE = 50;
const ID_TYPES = { department_id_type: 'department_id', user_id_type: 'user_id' } as const;

const invalidCode = codesAs(FEISHU_CODES.invalidCode, ConnectorErrorKind.InvalidCode);

export class FeishuConnector extends BaseConnector {
  readonly client: FeishuClient;
  protected readonly tokens: TokenManager;
  protected readonly messaging: FeishuMessaging;
  protected readonly callbacks: FeishuCallbacks;

  constructor(creds: ConnectorCredentials, options: ConnectorOptions) {
    super('feishu', creds, options);
    this.client = new FeishuClient(this.http, creds, options.baseUrls.feishu, (kind, issue) => this.tokenManager(kind, issue));
    this.tokens = this.client.tenantTokens;
    this.messaging = new FeishuMessaging(this.client);
    this.callbacks = new FeishuCallbacks(creds);
  }

  // 小程序 code2session: POST /open-apis/mina/v2/tokenLoginValidate {code}, Authorization: Bearer app_access_token
  //   → {code, msg, data{open_id, employee_id, session_key, tenant_key, access_token, expires_in, refresh_token}}
  //   errors: 10202 access token invalid, 10213 code appid not match (wrong app / used / expired), 10228 no visibility.
  // https://open.feishu.cn/document/client-docs/gadget/-web-app-api/open-ability/login/code2session
  // Why this call and not POST /open-apis/authen/v2/oauth/token: the mini-app's tt.login code is a gadget
  // login code that only code2session accepts (authen v2 takes OAuth codes issued to a redirect_uri), it
  // answers with tenant_key (needed for the corp check) and employee_id (= user_id) in one call, and it is
  // what the sandbox serves. Its data.union_id is documented as deprecated and NOT the real union id: ignored.
  async exchangeAuthCode(code: string): Promise<PlatformIdentity> {
    const s = this.client.shape;
    const data = await this.client.call('POST', '/open-apis/mina/v2/tokenLoginValidate', {
      body: { code },
      tokens: this.client.appTokens,
      codeKinds: invalidCode,
    });
    const tenantKey = s.str(data.tenant_key, 'tenant_key');
    this.assertSameCorp(tenantKey);
    return {
      platform: 'feishu',
      corpId: tenantKey,
      userId: optStr(data.employee_id),
      unionId: null,
      openId: s.str(data.open_id, 'open_id'),
      name: null,
    };
  }

  // 获取单个用户信息: GET /open-apis/contact/v3/users/:user_id?user_id_type=user_id&department_id_type=department_id → data.user
  // https://open.feishu.cn/document/server-docs/contact-v3/user/get
  async getUser(userId: string): Promise<PlatformUser | null> {
    const data = await this.nullIfNotFound(
      this.client.call('GET', `/open-apis/contact/v3/users/${encodeURIComponent(userId)}`, { query: { ...ID_TYPES } }),
      FEISHU_CODES.userNotFound,
    );
    const user = data && this.mapUser(this.client.shape.obj(data.user, 'data.user'));
    return user?.active ? user : null;
  }

  /**
   * Root (GET departments/0) + every department under it in one paged listing (children with
   * fetch_child=true, 50 a page); each department's direct members are listed as soon as it is seen.
   */
  protected async readOrg(queue: WorkQueue, progress: ProgressTracker): Promise<OrgParts> {
    const depts = new Map<string, PlatformDepartment>();
    const users = new UserCollector();
    const seen = (batch: PlatformDepartment[]) => {
      for (const d of batch) {
        depts.set(d.id, d);
        queue.push(() => this.listMembers(d.id, users, progress));
      }
      progress.departments(batch.length);
    };
    queue.push(async () => seen([await this.rootDepartment()]));
    queue.push(() => this.listAllChildren(seen));
    await queue.drain();

    const list = users.list();
    const byId = new Map(list.map((u) => [u.userId, u]));
    for (const d of depts.values()) {
      for (const leaderId of d.leaderUserIds) {
        const u = byId.get(leaderId);
        if (u && !u.leaderOfDepartmentIds.includes(d.id)) u.leaderOfDepartmentIds.push(d.id);
      }
    }
    return { departments: depts.values(), users: list };
  }

  // 获取单个部门信息: GET /open-apis/contact/v3/departments/:department_id (root "0") → data.department
  // https://open.feishu.cn/document/server-docs/contact-v3/department/get
  private async rootDepartment(): Promise<PlatformDepartment> {
    const data = await this.client.call('GET', `/open-apis/contact/v3/departments/${ROOT}`, { query: { ...ID_TYPES } });
    const d = this.client.shape.obj(data.department, 'data.department');
    return { ...this.mapDepartment(d), id: ROOT, parentId: null };
  }

  // 获取子部门列表: GET /open-apis/contact/v3/departments/:department_id/children
  //   ?department_id_type=department_id&user_id_type=user_id&fetch_child=true&page_size≤50&page_token
  //   → data{has_more, page_token, items[{name, parent_department_id, department_id, leader_user_id, order, status{is_deleted}}]}
  // https://open.feishu.cn/document/server-docs/contact-v3/department/children
  private listAllChildren(onBatch: (batch: PlatformDepartment[]) => void): Promise<void> {
    return this.pages(`/open-apis/contact/v3/departments/${ROOT}/children`, { fetch_child: true }, (items) =>
      onBatch(items.filter((d) => !(isObject(d.status) && d.status.is_deleted === true)).map((d) => this.mapDepartment(d))),
    );
  }

  // 获取部门直属用户列表: GET /open-apis/contact/v3/users/find_by_department
  //   ?department_id=&department_id_type=department_id&user_id_type=user_id&page_size≤50&page_token
  //   → data{has_more, page_token, items[{user_id, open_id, union_id, name, mobile, department_ids, leader_user_id,
  //     job_title, employee_no, join_time, status, orders[]}]}
  // https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/reference/contact-v3/user/find_by_department
  private listMembers(departmentId: string, users: UserCollector, progress: ProgressTracker): Promise<void> {
    return this.pages('/open-apis/contact/v3/users/find_by_department', { department_id: departmentId }, (items) => {
      for (const item of items) {
        const user = this.mapUser(item);
        if (!user.departmentIds.includes(departmentId)) user.departmentIds.push(departmentId);
        if (user.active) users.add(user);
      }
      progress.members(items.length);
    });
  }

  /** Pages through a contact-v3 listing (page_size 50, has_more + page_token). */
  private async pages(path: string, query: Record<string, string | boolean>, onItems: (items: Json[]) => void): Promise<void> {
    const s = this.client.shape;
    let pageToken: string | undefined;
    do {
      const data = await this.client.call('GET', path, { query: { ...ID_TYPES, ...query, page_size: PAGE_SIZE, page_token: pageToken } });
      onItems(s.arr(data.items, `${path} items`).map((i) => s.obj(i, `${path} item`)));
      pageToken = data.has_more === true ? s.str(data.page_token, 'page_token') : undefined;
    } while (pageToken);
  }

  private mapDepartment(d: Json): PlatformDepartment {
    const s = this.client.shape;
    const leaders = idList([d.leader_user_id, ...(Array.isArray(d.leaders) ? d.leaders.map((l) => (isObject(l) ? l.leaderID : null)) : [])]);
    const order = Number(d.order);
    return {
      id: s.str(d.department_id, 'department_id'),
      parentId: optStr(d.parent_department_id),
      name: optStr(d.name) ?? '',
      order: Number.isFinite(order) ? order : 0,
      leaderUserIds: [...new Set(leaders)],
    };
  }

  private mapUser(raw: Json): PlatformUser {
    const s = this.client.shape;
    const departmentIds = idList(raw.department_ids);
    const orders = Array.isArray(raw.orders) ? raw.orders.filter(isObject) : [];
    const primary = orders.find((o) => o.is_primary_dept === true);
    const status = isObject(raw.status) ? raw.status : {};
    const joinTime = typeof raw.join_time === 'number' ? raw.join_time * 1000 : null;
    return {
      userId: s.str(raw.user_id, 'user_id'),
      unionId: optStr(raw.union_id),
      openId: optStr(raw.open_id),
      name: s.str(raw.name, 'name'),
      mobile: optStr(raw.mobile),
      employeeNo: optStr(raw.employee_no),
      title: optStr(raw.job_title),
      departmentIds,
      mainDepartmentId: optStr(primary?.department_id) ?? departmentIds[0] ?? null,
      managerUserId: optStr(raw.leader_user_id),
      leaderOfDepartmentIds: [],
      hiredDate: epochToLocalDate(joinTime),
      active: status.is_resigned !== true,
    };
  }
}
