import { randomBytes } from 'node:crypto';
import type { Req, Res } from '../core/http';
import { intParam, type PlatformModule } from '../core/platform-route';
import type { CorpOrg, Department, Person } from '../org';
import type { SandboxState } from '../state';

/**
 * DingTalk open platform: old `oapi` (errcode/errmsg, HTTP 200 even on errors) and new `api` /v1.0
 * (HTTP 4xx with {code, message}).
 *
 * Sources for shapes and codes:
 * - gettoken / topapi v2 user+department docs on open.dingtalk.com (fields below).
 * - Global error-code table (40035 missing/invalid param, 40078 不存在的临时授权码, 60003 部门不存在,
 *   60121 找不到该用户, 90002 当前接口调用被暂时禁用 (rate limit)).
 * - Credential-less probes of the real hosts recorded in a public integration notes file (2026-09-11):
 *   wrong appkey/appsecret on gettoken → {"errcode":40096,"errmsg":"不合法的appKey或appSecret"};
 *   missing appkey → {"errcode":40035,"errmsg":"缺少参数 corpid or appkey"};
 *   bad token on topapi → {"errcode":88,"sub_code":"40014","sub_msg":"不合法的access_token",...} (wrapped in 88!);
 *   no token → 88 / sub_code "40000" "access_token is blank"; unknown topapi path → errcode 22;
 *   /v1.0/oauth2/accessToken with wrong secret → HTTP 400 {"code":"invalidClientIdOrSecret","message":"无效的clientId或者clientSecret"};
 *   /v1.0 without token → HTTP 400 {"code":"AuthenticationFailed.MissingParameter"}; bad token → 400 {"code":"InvalidAuthentication"}.
 * - Rate limit on /v1.0: HTTP 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi (DingTalk new-API error table).
 */

export const requestId = () => randomBytes(6).toString('hex');

export function ok(res: Res, body: Record<string, unknown>): void {
  res.json({ errcode: 0, errmsg: 'ok', ...body, request_id: requestId() });
}

export function fail(res: Res, errcode: number, errmsg: string): void {
  res.json({ errcode, errmsg, request_id: requestId() });
}

/** Auth failures on topapi are wrapped in errcode 88 with a string sub_code (probe P8/P9). */
export function authFail(res: Res, subCode: string, subMsg: string): void {
  res.json({
    errcode: 88,
    sub_code: subCode,
    sub_msg: subMsg,
    errmsg: `ding talk error[subcode=${subCode},submsg=${subMsg}]`,
    request_id: requestId(),
  });
}

function ms(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

/** `access_token` from the query, or the POST body (probe P11). */
export const dingtalkTokenOf = (req: Req): string | undefined =>
  req.query.access_token || (req.body && typeof req.body.access_token === 'string' ? req.body.access_token : undefined);

/**
 * Validates `access_token` (query, or POST body — probe P11) and returns the corp, or answers DingTalk's error (errcode
 * 88 with sub_code 40000 / 42001 / 40014). Shared by the org and messaging modules.
 */
export function dingtalkAuth(state: SandboxState, req: Req, res: Res): CorpOrg | null {
  const check = state.tokens.check('dingtalk', dingtalkTokenOf(req));
  if (!check.ok) {
    if (check.reason === 'missing') authFail(res, '40000', 'access_token is blank');
    else if (check.reason === 'expired') authFail(res, '42001', 'access_token超时');
    else authFail(res, '40014', '不合法的access_token');
    return null;
  }
  const corp = state.corp(check.record.corpKey);
  if (!corp) {
    authFail(res, '40014', '不合法的access_token');
    return null;
  }
  return corp;
}

export function dingtalkModule(state: SandboxState): PlatformModule {
  const tokenOf = dingtalkTokenOf;
  const auth = (req: Req, res: Res): CorpOrg | null => dingtalkAuth(state, req, res);

  function body(req: Req, res: Res): Record<string, any> | null {
    if (req.body === undefined || typeof req.body !== 'object') {
      fail(res, 40035, '不合法的参数');
      return null;
    }
    return req.body;
  }

  function deptJson(corp: CorpOrg, d: Department) {
    return {
      dept_id: d.ids.dingtalk,
      name: d.name,
      ...(d.parentKey === null ? {} : { parent_id: corp.departments.get(d.parentKey)!.ids.dingtalk }),
      create_dept_group: true,
      auto_add_user: true,
    };
  }

  function userJson(corp: CorpOrg, p: Person, listedDept?: Department) {
    const deptIds = p.deptKeys.map((k) => corp.departments.get(k)!.ids.dingtalk);
    return {
      userid: p.ids.dingtalk.userId,
      unionid: p.ids.dingtalk.unionId,
      name: p.name,
      avatar: '',
      state_code: '86',
      mobile: p.mobile,
      hide_mobile: false,
      telephone: '',
      job_number: p.employeeNo,
      title: p.title,
      email: '',
      org_email: '',
      work_place: '',
      remark: '',
      dept_id_list: deptIds,
      dept_order_list: deptIds.map((dept_id) => ({ dept_id, order: 0 })),
      extension: '',
      /** Unix ms (DingTalk's hired_date is a timestamp, not a date string). */
      hired_date: ms(p.hiredDate),
      active: true,
      admin: p.employeeNo === corp.root.leaderNos[0],
      boss: p.employeeNo === corp.root.leaderNos[0],
      exclusive_account: false,
      ...(listedDept ? { leader: corp.isLeaderOf(p, listedDept.key) } : {}),
    };
  }

  function deptParam(corp: CorpOrg, res: Res, raw: unknown, required: boolean): Department | null {
    const id = intParam(raw);
    if (id === 'invalid' || (id === undefined && required)) {
      fail(res, 40035, '缺少参数 dept_id');
      return null;
    }
    const dept = corp.dingtalkDept(id ?? 1);
    if (!dept) {
      fail(res, 60003, '部门不存在');
      return null;
    }
    return dept;
  }

  return {
    platform: 'dingtalk',
    callerApp(req) {
      if (req.path === '/gettoken') return req.query.appkey ?? null;
      if (req.path === '/v1.0/oauth2/accessToken') return (req.body && req.body.appKey) || null;
      const t = req.path.startsWith('/v1.0/') ? String(req.headers['x-acs-dingtalk-access-token'] ?? '') : tokenOf(req);
      return state.tokens.peek(t)?.appId ?? null;
    },
    rateLimited(req, res) {
      if (req.path.startsWith('/v1.0/')) {
        res.status(403).json({
          code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
          message: '应用调用该接口的请求次数超过限流阈值',
          requestid: requestId(),
        });
      } else {
        fail(res, 90002, '您的服务器调用钉钉开放平台当前接口的所有请求都被暂时禁用了');
      }
    },
    routes: [
      // GET /gettoken?appkey=&appsecret= → {errcode, errmsg, access_token, expires_in}
      [
        'GET',
        '/gettoken',
        (req, res) => {
          const { appkey, appsecret } = req.query;
          if (!appkey || !appsecret) return fail(res, 40035, '缺少参数 corpid or appkey');
          const corp = state.corpByDingtalkAppKey(appkey);
          if (!corp || corp.credentials.dingtalk.appSecret !== appsecret) return fail(res, 40096, '不合法的appKey或appSecret');
          const t = state.tokens.issue('dingtalk', appkey, corp.key, 'reuse-renew', (r) => r.slice(0, 32));
          res.json({ errcode: 0, access_token: t.token, errmsg: 'ok', expires_in: t.expiresIn });
        },
      ],
      // POST /v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn}. Same token as gettoken.
      [
        'POST',
        '/v1.0/oauth2/accessToken',
        (req, res) => {
          const b = req.body ?? {};
          if (!b.appKey || !b.appSecret) {
            return res.status(400).json({ code: 'MissingParameter', message: '缺少参数 appKey or appSecret', requestid: requestId() });
          }
          const corp = state.corpByDingtalkAppKey(b.appKey);
          if (!corp || corp.credentials.dingtalk.appSecret !== b.appSecret) {
            return res
              .status(400)
              .json({ code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret', requestid: requestId() });
          }
          const t = state.tokens.issue('dingtalk', b.appKey, corp.key, 'reuse-renew', (r) => r.slice(0, 32));
          res.json({ accessToken: t.token, expireIn: t.expiresIn });
        },
      ],
      // POST /topapi/v2/user/getuserinfo {code} → result {userid, unionid, name, sys, sys_level, device_id, associated_unionid}
      [
        'POST',
        '/topapi/v2/user/getuserinfo',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = body(req, res);
          if (!b) return;
          if (!b.code) return fail(res, 40035, '缺少参数 code');
          const c = state.codes.consume('dingtalk', String(b.code));
          // A code of another corp is unknown to this corp's app.
          if (!c.ok || c.entry.corpKey !== corp.key) return fail(res, 40078, '不存在的临时授权码');
          const p = corp.people.get(c.entry.employeeNo);
          if (!p) return fail(res, 40078, '不存在的临时授权码');
          const boss = corp.root.leaderNos[0] === p.employeeNo;
          ok(res, {
            result: {
              userid: p.ids.dingtalk.userId,
              unionid: p.ids.dingtalk.unionId,
              associated_unionid: '',
              name: p.name,
              device_id: randomBytes(16).toString('hex'),
              sys: boss,
              sys_level: boss ? 1 : 0,
            },
          });
        },
      ],
      // POST /topapi/v2/department/listsub {dept_id} → result [{dept_id, name, parent_id, ...}] (one level)
      [
        'POST',
        '/topapi/v2/department/listsub',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = body(req, res);
          if (!b) return;
          const dept = deptParam(corp, res, b.dept_id, false);
          if (!dept) return;
          const subs = (corp.children.get(dept.key) ?? []).map((k) => deptJson(corp, corp.departments.get(k)!));
          ok(res, { result: subs });
        },
      ],
      // POST /topapi/v2/department/get {dept_id} → result {dept_id, name, parent_id, order, dept_manager_userid_list, ...}
      [
        'POST',
        '/topapi/v2/department/get',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = body(req, res);
          if (!b) return;
          const dept = deptParam(corp, res, b.dept_id, true);
          if (!dept) return;
          ok(res, {
            result: {
              ...deptJson(corp, dept),
              order: dept.order,
              dept_manager_userid_list: dept.leaderNos.map((n) => corp.people.get(n)!.ids.dingtalk.userId),
              group_contain_sub_dept: false,
              outer_dept: false,
              hide_dept: false,
              source_identifier: '',
              member_count: corp.members.get(dept.key)?.length ?? 0,
            },
          });
        },
      ],
      // POST /topapi/v2/user/list {dept_id, cursor, size<=100} → result {has_more, next_cursor?, list[...]} (direct members)
      [
        'POST',
        '/topapi/v2/user/list',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = body(req, res);
          if (!b) return;
          const dept = deptParam(corp, res, b.dept_id, true);
          if (!dept) return;
          const cursor = intParam(b.cursor);
          const size = intParam(b.size);
          if (cursor === undefined || cursor === 'invalid' || cursor < 0) return fail(res, 40035, '缺少参数 cursor');
          if (size === undefined || size === 'invalid' || size < 1 || size > 100) return fail(res, 40035, '不合法的参数 size');
          const nos = corp.members.get(dept.key) ?? [];
          const page = nos.slice(cursor, cursor + size);
          const hasMore = cursor + size < nos.length;
          ok(res, {
            result: {
              has_more: hasMore,
              ...(hasMore ? { next_cursor: cursor + size } : {}),
              list: page.map((n) => userJson(corp, corp.people.get(n)!, dept)),
            },
          });
        },
      ],
      // POST /topapi/v2/user/get {userid} → result {..., manager_userid, leader_in_dept[]}
      [
        'POST',
        '/topapi/v2/user/get',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = body(req, res);
          if (!b) return;
          if (!b.userid) return fail(res, 40035, '缺少参数 userid');
          const p = corp.dingtalkUser(String(b.userid));
          if (!p) return fail(res, 60121, '找不到该用户');
          const manager = corp.managerOf(p);
          ok(res, {
            result: {
              ...userJson(corp, p),
              ...(manager ? { manager_userid: manager.ids.dingtalk.userId } : {}),
              leader_in_dept: p.deptKeys.map((k) => ({
                dept_id: corp.departments.get(k)!.ids.dingtalk,
                leader: corp.isLeaderOf(p, k),
              })),
              real_authed: true,
              senior: false,
            },
          });
        },
      ],
    ],
  };
}

/** Unknown oapi path: errcode 22 不合法ApiName (probe P14); unknown /v1.0 path: HTTP 404. */
export function dingtalkNotFound(req: Req, res: Res): void {
  if (req.path.startsWith('/v1.0/')) {
    res.status(404).json({ code: 'InvalidAction.NotFound', message: 'Specified api is not found, please check your url and method.' });
    return;
  }
  const apiName = `dingtalk.oapi.${req.path.replace(/^\/(topapi\/)?/, '').replace(/\//g, '.')}`;
  res.json({ errcode: 22, sub_msg: `不合法ApiName，ApiName = ${apiName}`, errmsg: '不合法ApiName', request_id: requestId() });
}
