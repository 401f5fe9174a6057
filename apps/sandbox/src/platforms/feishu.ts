import { randomBytes } from 'node:crypto';
import type { Req, Res } from '../core/http';
import { intParam, type PlatformModule } from '../core/platform-route';
import type { CorpOrg, Department, Person } from '../org';
import type { SandboxState } from '../state';

/**
 * Feishu open platform, base https://open.feishu.cn. Bodies are {code, msg, data}.
 *
 * Sources:
 * - auth-v3 tenant_access_token/internal (open.feishu.cn docs): body {app_id, app_secret} → {code, msg,
 *   tenant_access_token, expire}; "剩余有效期小于 30 分钟时，调用本接口会返回一个新的 tenant_access_token".
 *   app_access_token/internal → {code, msg, app_access_token, expire, tenant_access_token}; for self-built apps
 *   both are the same value here.
 * - Wrong secret: HTTP 400 {code: 10014, msg: "app secret invalid"} (seen in several public integration tests);
 *   unknown app_id: 10003 (error-code enum of the open-lark SDK; unverified against a live host).
 * - mina/v2/tokenLoginValidate (open.larksuite.com/document/uYjL24iN/ukjM04SOyQjL5IDN): Bearer app_access_token,
 *   {code} → data {open_id, employee_id, union_id (deprecated, NOT the real union id), session_key, tenant_key,
 *   access_token, expires_in (a timestamp), refresh_token}; errors 10202 "access token invalid" and
 *   10213 "code appid not match" (wrong app, reused or expired code), both HTTP 200.
 * - contact-v3 departments/:id, departments/:id/children, users/find_by_department, users/:user_id docs:
 *   page_size max 50, has_more + page_token; user_id_type open_id|union_id|user_id (default open_id);
 *   department_id_type open_department_id|department_id (default open_department_id); root department "0".
 *   Field validation failures: HTTP 400 code 99992402 "field validation failed".
 *   Missing or unknown department / user: 40004 "no dept authority error" / 41050 "no user authority error"
 *   (contact-v3 error tables; unverified against a live host).
 * - Token errors: HTTP 400 {code: 99991661} missing, {code: 99991663} invalid / expired tenant token.
 * - Rate limit: HTTP 429 {code: 99991400, msg: "request trigger frequency limit"} with headers
 *   x-ogw-ratelimit-limit and x-ogw-ratelimit-reset (seconds until the bucket refills).
 */

const MAX_PAGE_SIZE = 50;
const DEFAULT_PAGE_SIZE = 10;

type UserIdType = 'open_id' | 'union_id' | 'user_id';
type DeptIdType = 'open_department_id' | 'department_id';

export function ok(res: Res, data: unknown): void {
  res.json({ code: 0, msg: 'success', data });
}

export function fail(res: Res, http: number, code: number, msg: string): void {
  res.status(http).json({ code, msg, error: { log_id: randomBytes(16).toString('hex').toUpperCase() } });
}

const encodePageToken = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodePageToken(token: string | undefined): number | null {
  if (!token) return 0;
  const s = Buffer.from(token, 'base64url').toString('utf8');
  const n = s.startsWith('o:') ? Number(s.slice(2)) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function feishuModule(state: SandboxState): PlatformModule {
  const bearer = (req: Req): string | undefined => {
    const h = String(req.headers.authorization ?? '');
    return h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
  };

  function auth(req: Req, res: Res): CorpOrg | null {
    const check = state.tokens.check('feishu', bearer(req));
    if (!check.ok) {
      if (check.reason === 'missing')
        fail(res, 400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
      else fail(res, 400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
      return null;
    }
    return state.corp(check.record.corpKey) ?? null;
  }

  function validation(res: Res, field: string, why: string): void {
    res.status(400).json({
      code: 99992402,
      msg: 'field validation failed',
      error: { field_violations: [{ field, description: why }], log_id: randomBytes(16).toString('hex').toUpperCase() },
    });
  }

  function idTypes(req: Req, res: Res): { userType: UserIdType; deptType: DeptIdType } | null {
    const userType = (req.query.user_id_type ?? 'open_id') as UserIdType;
    const deptType = (req.query.department_id_type ?? 'open_department_id') as DeptIdType;
    if (!['open_id', 'union_id', 'user_id'].includes(userType)) {
      validation(res, 'user_id_type', 'user_id_type is invalid');
      return null;
    }
    if (!['open_department_id', 'department_id'].includes(deptType)) {
      validation(res, 'department_id_type', 'department_id_type is invalid');
      return null;
    }
    return { userType, deptType };
  }

  function paging(req: Req, res: Res): { size: number; offset: number } | null {
    const size = intParam(req.query.page_size) ?? DEFAULT_PAGE_SIZE;
    if (size === 'invalid' || size < 1 || size > MAX_PAGE_SIZE) {
      validation(res, 'page_size', `page_size must be between 1 and ${MAX_PAGE_SIZE}`);
      return null;
    }
    const offset = decodePageToken(req.query.page_token);
    if (offset === null) {
      validation(res, 'page_token', 'page_token is invalid');
      return null;
    }
    return { size, offset };
  }

  const deptId = (d: Department, t: DeptIdType) => (t === 'department_id' ? d.ids.feishu.departmentId : d.ids.feishu.openDepartmentId);
  const userId = (p: Person, t: UserIdType) =>
    t === 'user_id' ? p.ids.feishu.userId : t === 'union_id' ? p.ids.feishu.unionId : p.ids.feishu.openId;

  function deptJson(corp: CorpOrg, d: Department, userType: UserIdType, deptType: DeptIdType) {
    const leaders = d.leaderNos.map((n) => corp.people.get(n)!).filter(Boolean);
    return {
      name: d.name,
      i18n_name: { zh_cn: d.name, ja_jp: '', en_us: '' },
      ...(d.parentKey === null ? {} : { parent_department_id: deptId(corp.departments.get(d.parentKey)!, deptType) }),
      department_id: d.ids.feishu.departmentId,
      open_department_id: d.ids.feishu.openDepartmentId,
      ...(leaders[0] ? { leader_user_id: userId(leaders[0], userType) } : {}),
      chat_id: '',
      order: String(d.order * 1000),
      unit_ids: [],
      member_count: corp.members.get(d.key)?.length ?? 0,
      status: { is_deleted: false },
      leaders: leaders.map((p, i) => ({ leaderType: i === 0 ? 1 : 2, leaderID: userId(p, userType) })),
      department_hrbps: [],
    };
  }

  function userJson(corp: CorpOrg, p: Person, userType: UserIdType, deptType: DeptIdType) {
    const manager = corp.managerOf(p);
    return {
      union_id: p.ids.feishu.unionId,
      user_id: p.ids.feishu.userId,
      open_id: p.ids.feishu.openId,
      name: p.name,
      en_name: '',
      nickname: '',
      email: '',
      /** Feishu returns mobiles with the country code, e.g. "+8613800000001". */
      mobile: `+86${p.mobile}`,
      mobile_visible: true,
      gender: p.gender,
      avatar: { avatar_72: '', avatar_240: '', avatar_640: '', avatar_origin: '' },
      status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
      department_ids: p.deptKeys.map((k) => deptId(corp.departments.get(k)!, deptType)),
      ...(manager ? { leader_user_id: userId(manager, userType) } : {}),
      city: '',
      country: '',
      work_station: '',
      join_time: Math.floor(Date.parse(`${p.hiredDate}T00:00:00+08:00`) / 1000),
      is_tenant_manager: p.employeeNo === corp.root.leaderNos[0],
      employee_no: p.employeeNo,
      employee_type: 1,
      orders: p.deptKeys.map((k, i) => ({
        department_id: deptId(corp.departments.get(k)!, deptType),
        user_order: 0,
        department_order: 0,
        is_primary_dept: i === 0,
      })),
      job_title: p.title,
    };
  }

  function issueToken(req: Req, res: Res, kind: 'tenant' | 'app'): void {
    const b = req.body;
    if (!b || typeof b !== 'object' || !b.app_id || !b.app_secret) return fail(res, 400, 10003, 'invalid param');
    const corp = state.corpByFeishuAppId(String(b.app_id));
    if (!corp) return fail(res, 400, 10003, 'invalid app_id');
    if (corp.credentials.feishu.appSecret !== b.app_secret) return fail(res, 400, 10014, 'app secret invalid');
    const t = state.tokens.issue('feishu', corp.credentials.feishu.appId, corp.key, 'rotate-under-30min', (r) => `t-${r}`);
    if (kind === 'tenant') res.json({ code: 0, msg: 'ok', tenant_access_token: t.token, expire: t.expiresIn });
    else res.json({ code: 0, msg: 'ok', app_access_token: t.token, expire: t.expiresIn, tenant_access_token: t.token });
  }

  function findDept(corp: CorpOrg, res: Res, id: string, type: DeptIdType): Department | null {
    const d = corp.feishuDept(id, type);
    if (!d) fail(res, 400, 40004, 'no dept authority error');
    return d ?? null;
  }

  function page<T>(items: T[], p: { size: number; offset: number }) {
    const slice = items.slice(p.offset, p.offset + p.size);
    const hasMore = p.offset + p.size < items.length;
    return { has_more: hasMore, ...(hasMore ? { page_token: encodePageToken(p.offset + p.size) } : {}), items: slice };
  }

  return {
    platform: 'feishu',
    callerApp(req) {
      if (req.path.startsWith('/open-apis/auth/v3/')) return (req.body && req.body.app_id) || null;
      return state.tokens.peek(bearer(req))?.appId ?? null;
    },
    rateLimited(_req, res, retryAfterSeconds) {
      const rps = state.limiter.get('feishu') ?? 0;
      res
        .status(429)
        .header('x-ogw-ratelimit-limit', rps)
        .header('x-ogw-ratelimit-reset', retryAfterSeconds)
        .json({ code: 99991400, msg: 'request trigger frequency limit' });
    },
    routes: [
      ['POST', '/open-apis/auth/v3/tenant_access_token/internal', (req, res) => issueToken(req, res, 'tenant')],
      ['POST', '/open-apis/auth/v3/app_access_token/internal', (req, res) => issueToken(req, res, 'app')],
      // POST /open-apis/mina/v2/tokenLoginValidate (Bearer app_access_token) {code} → data {open_id, employee_id, ...}
      [
        'POST',
        '/open-apis/mina/v2/tokenLoginValidate',
        (req, res) => {
          const check = state.tokens.check('feishu', bearer(req));
          if (!check.ok) return res.json({ code: 10202, msg: 'access token invalid' });
          const corp = state.corp(check.record.corpKey)!;
          const code = req.body && typeof req.body === 'object' ? req.body.code : undefined;
          if (!code) return validation(res, 'code', 'code is required');
          const c = state.codes.consume('feishu', String(code));
          if (!c.ok || c.entry.corpKey !== corp.key) return res.json({ code: 10213, msg: 'code appid not match' });
          const p = corp.people.get(c.entry.employeeNo);
          if (!p) return res.json({ code: 10213, msg: 'code appid not match' });
          ok(res, {
            open_id: p.ids.feishu.openId,
            employee_id: p.ids.feishu.userId,
            // Deprecated field: not the real union id (doc "已知问题").
            union_id: `ou_${p.ids.feishu.unionId.slice(3, 33).split('').reverse().join('')}`,
            session_key: randomBytes(15).toString('hex'),
            tenant_key: corp.credentials.feishu.tenantKey,
            access_token: `u-${randomBytes(12).toString('base64url')}`,
            expires_in: state.clock.nowSeconds() + 7200,
            refresh_token: `ur-${randomBytes(12).toString('base64url')}`,
          });
        },
      ],
      // GET /open-apis/contact/v3/departments/:department_id → data {department}
      [
        'GET',
        '/open-apis/contact/v3/departments/:department_id',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const t = idTypes(req, res);
          if (!t) return;
          const d = findDept(corp, res, req.params.department_id, t.deptType);
          if (!d) return;
          ok(res, { department: deptJson(corp, d, t.userType, t.deptType) });
        },
      ],
      // GET /open-apis/contact/v3/departments/:department_id/children?fetch_child&page_size≤50&page_token
      [
        'GET',
        '/open-apis/contact/v3/departments/:department_id/children',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const t = idTypes(req, res);
          if (!t) return;
          const p = paging(req, res);
          if (!p) return;
          const d = findDept(corp, res, req.params.department_id, t.deptType);
          if (!d) return;
          const list =
            req.query.fetch_child === 'true'
              ? corp.subtree(d.key).slice(1)
              : (corp.children.get(d.key) ?? []).map((k) => corp.departments.get(k)!);
          const pg = page(list, p);
          ok(res, { ...pg, items: pg.items.map((x) => deptJson(corp, x, t.userType, t.deptType)) });
        },
      ],
      // GET /open-apis/contact/v3/users/find_by_department?department_id&page_size≤50&page_token → direct members
      [
        'GET',
        '/open-apis/contact/v3/users/find_by_department',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const t = idTypes(req, res);
          if (!t) return;
          if (!req.query.department_id) return validation(res, 'department_id', 'department_id is required');
          const p = paging(req, res);
          if (!p) return;
          const d = findDept(corp, res, req.query.department_id, t.deptType);
          if (!d) return;
          const pg = page(corp.members.get(d.key) ?? [], p);
          ok(res, { ...pg, items: pg.items.map((n) => userJson(corp, corp.people.get(n)!, t.userType, t.deptType)) });
        },
      ],
      // GET /open-apis/contact/v3/users/:user_id?user_id_type → data {user}
      [
        'GET',
        '/open-apis/contact/v3/users/:user_id',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const t = idTypes(req, res);
          if (!t) return;
          const p = corp.feishuUser(req.params.user_id, t.userType);
          if (!p) return fail(res, 400, 41050, 'no user authority error');
          ok(res, { user: userJson(corp, p, t.userType, t.deptType) });
        },
      ],
    ],
  };
}

export function feishuNotFound(_req: Req, res: Res): void {
  res.status(404).html('404 page not found');
}
