import { randomBytes } from 'node:crypto';
import type { Req, Res } from '../core/http';
import { intParam, type PlatformModule } from '../core/platform-route';
import type { CorpOrg, Department, Person } from '../org';
import type { SandboxState } from '../state';

/**
 * WeCom (企业微信) server API, base https://qyapi.weixin.qq.com. Every answer is HTTP 200 with errcode/errmsg;
 * real errmsgs carry a ", hint: [...], from ip: ..., more info at https://open.work.weixin.qq.com/devtool/query?e=N"
 * suffix, imitated here.
 *
 * Sources: developer.work.weixin.qq.com — gettoken (path/91039), code2Session for self-built apps
 * (path/96959: {corpid, userid, session_key, errcode, errmsg}; invalid code → 40029 "invalid code"),
 * department/list (path/90208, recursive, no paging), user/list (path/90201), user/simplelist (path/90200),
 * user/list_id (path/96067, cursor/limit ≤ 10000), user/get (path/90196), global error codes (path/90313):
 * 40001 invalid secret, 40013 invalid corpid, 40014 invalid access_token, 41001 access_token missing,
 * 41002 corpid missing, 41004 corpsecret missing, 41008 missing code, 41009 missing userid, 42001 access_token
 * expired, 45009 api freq out of limit, 60111 userid not found, 60123 invalid party id.
 */

export function fail(res: Res, errcode: number, msg: string): void {
  const hint = `${Math.floor(Date.now() / 1000)}_${randomBytes(8).toString('hex')}`;
  res.json({
    errcode,
    errmsg: `${msg}, hint: [${hint}], from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  });
}

export function ok(res: Res, body: Record<string, unknown>): void {
  res.json({ errcode: 0, errmsg: 'ok', ...body });
}

const LIST_ID_MAX = 10000;

/** Validates `?access_token=` and returns the corp, or answers WeCom's 41001 / 42001 / 40014. Shared by the org and messaging modules. */
export function wecomAuth(state: SandboxState, req: Req, res: Res): CorpOrg | null {
  const check = state.tokens.check('wecom', req.query.access_token);
  if (!check.ok) {
    if (check.reason === 'missing') fail(res, 41001, 'access_token missing');
    else if (check.reason === 'expired') fail(res, 42001, 'access_token expired');
    else fail(res, 40014, 'invalid access_token');
    return null;
  }
  const corp = state.corp(check.record.corpKey);
  if (!corp) fail(res, 40014, 'invalid access_token');
  return corp ?? null;
}

export function wecomModule(state: SandboxState): PlatformModule {
  const auth = (req: Req, res: Res): CorpOrg | null => wecomAuth(state, req, res);

  const deptJson = (corp: CorpOrg, d: Department) => ({
    id: d.ids.wecom,
    name: d.name,
    name_en: '',
    department_leader: d.leaderNos.map((n) => corp.people.get(n)!.ids.wecom.userId),
    parentid: d.parentKey === null ? 0 : corp.departments.get(d.parentKey)!.ids.wecom,
    order: 100000000 - d.order,
  });

  /** Detailed member. New apps (after 2022-06) get no mobile/email/avatar: mobile is "". Employee no. in extattr 工号. */
  function userJson(corp: CorpOrg, p: Person) {
    const manager = corp.managerOf(p);
    return {
      userid: p.ids.wecom.userId,
      name: p.name,
      department: p.deptKeys.map((k) => corp.departments.get(k)!.ids.wecom),
      order: p.deptKeys.map(() => 0),
      position: p.title,
      mobile: '',
      gender: String(p.gender),
      email: '',
      biz_mail: '',
      is_leader_in_dept: p.deptKeys.map((k) => (corp.isLeaderOf(p, k) ? 1 : 0)),
      direct_leader: manager ? [manager.ids.wecom.userId] : [],
      avatar: '',
      thumb_avatar: '',
      telephone: '',
      alias: '',
      status: 1,
      address: '',
      open_userid: `wo${p.ids.wecom.userId.replace(/[^A-Za-z0-9]/g, '')}${corp.credentials.wecom.corpId.slice(2, 8)}`,
      main_department: corp.departments.get(p.deptKeys[0] ?? 0)!.ids.wecom,
      extattr: { attrs: [{ type: 0, name: '工号', text: { value: p.employeeNo }, value: p.employeeNo }] },
      qr_code: '',
      external_position: '',
    };
  }

  function deptParam(corp: CorpOrg, res: Res, raw: unknown, required: boolean): Department | null | undefined {
    const id = intParam(raw);
    if (id === undefined && !required) return undefined;
    const dept = typeof id === 'number' ? corp.wecomDept(id) : undefined;
    if (!dept) {
      fail(res, 60123, 'invalid party id');
      return null;
    }
    return dept;
  }

  function membersOf(corp: CorpOrg, dept: Department, fetchChild: boolean): Person[] {
    const depts = fetchChild ? corp.subtree(dept.key) : [dept];
    const seen = new Set<string>();
    const out: Person[] = [];
    for (const d of depts)
      for (const n of corp.members.get(d.key) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.push(corp.people.get(n)!);
      }
    return out;
  }

  return {
    platform: 'wecom',
    callerApp(req) {
      if (req.path === '/cgi-bin/gettoken') return req.query.corpid ?? null;
      return state.tokens.peek(req.query.access_token)?.appId ?? null;
    },
    rateLimited(_req, res) {
      fail(res, 45009, 'api freq out of limit');
    },
    routes: [
      // GET /cgi-bin/gettoken?corpid=&corpsecret= → {errcode, errmsg, access_token, expires_in}
      [
        'GET',
        '/cgi-bin/gettoken',
        (req, res) => {
          const { corpid, corpsecret } = req.query;
          if (!corpid) return fail(res, 41002, 'corpid missing');
          if (!corpsecret) return fail(res, 41004, 'corpsecret missing');
          const corp = state.corpByWecomCorpId(corpid);
          if (!corp) return fail(res, 40013, 'invalid corpid');
          if (corp.credentials.wecom.corpSecret !== corpsecret) return fail(res, 40001, 'invalid credential');
          const t = state.tokens.issue('wecom', corpid, corp.key, 'reuse', (r) => Buffer.from(r + r).toString('base64url'));
          ok(res, { access_token: t.token, expires_in: t.expiresIn });
        },
      ],
      // GET /cgi-bin/miniprogram/jscode2session?access_token=&js_code=&grant_type=authorization_code
      // → {corpid, userid, session_key}. corpid is the code's own corp: the caller must compare it (doc note).
      [
        'GET',
        '/cgi-bin/miniprogram/jscode2session',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          if (!req.query.js_code) return fail(res, 41008, 'missing code');
          if (req.query.grant_type !== 'authorization_code') return fail(res, 40002, 'invalid grant_type');
          const c = state.codes.consume('wecom', req.query.js_code);
          if (!c.ok) return fail(res, 40029, 'invalid code');
          const codeCorp = state.corp(c.entry.corpKey);
          const p = codeCorp?.people.get(c.entry.employeeNo);
          if (!codeCorp || !p) return fail(res, 40029, 'invalid code');
          res.json({
            corpid: codeCorp.credentials.wecom.corpId,
            userid: p.ids.wecom.userId,
            session_key: randomBytes(16).toString('base64'),
            errcode: 0,
            errmsg: 'ok',
          });
        },
      ],
      // GET /cgi-bin/department/list?access_token=&id= → {department:[{id,name,parentid,order,department_leader}]}
      // The department itself and everything below it (all when id is absent). No paging.
      [
        'GET',
        '/cgi-bin/department/list',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const dept = deptParam(corp, res, req.query.id, false);
          if (dept === null) return;
          ok(res, { department: corp.subtree(dept ? dept.key : 0).map((d) => deptJson(corp, d)) });
        },
      ],
      // GET /cgi-bin/user/list?access_token=&department_id=&fetch_child= → {userlist:[detailed member]}
      [
        'GET',
        '/cgi-bin/user/list',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const dept = deptParam(corp, res, req.query.department_id, true);
          if (!dept) return;
          ok(res, { userlist: membersOf(corp, dept, req.query.fetch_child === '1').map((p) => userJson(corp, p)) });
        },
      ],
      // GET /cgi-bin/user/simplelist?access_token=&department_id=&fetch_child= → {userlist:[{userid,name,department,open_userid}]}
      [
        'GET',
        '/cgi-bin/user/simplelist',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const dept = deptParam(corp, res, req.query.department_id, true);
          if (!dept) return;
          ok(res, {
            userlist: membersOf(corp, dept, req.query.fetch_child === '1').map((p) => {
              const u = userJson(corp, p);
              return { userid: u.userid, name: u.name, department: u.department, open_userid: u.open_userid };
            }),
          });
        },
      ],
      // POST /cgi-bin/user/list_id?access_token= {cursor?, limit?≤10000} → {next_cursor?, dept_user:[{userid, department}]}
      [
        'POST',
        '/cgi-bin/user/list_id',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          const b = req.body;
          if (b === undefined || typeof b !== 'object') return fail(res, 47001, 'data format error');
          const limit = intParam(b.limit) ?? LIST_ID_MAX;
          if (limit === 'invalid' || limit < 1 || limit > LIST_ID_MAX) return fail(res, 40058, 'invalid limit');
          let offset = 0;
          if (b.cursor) {
            offset = Number(Buffer.from(String(b.cursor), 'base64url').toString('utf8'));
            if (!Number.isInteger(offset) || offset < 0) return fail(res, 40058, 'invalid cursor');
          }
          // One row per (member, department), in department order.
          const rows: Array<{ userid: string; department: number }> = [];
          const end = offset + limit;
          let i = 0;
          for (const d of corp.subtree(0)) {
            const nos = corp.members.get(d.key) ?? [];
            if (i + nos.length <= offset) {
              i += nos.length;
              continue;
            }
            for (const n of nos) {
              if (i >= offset && i < end) rows.push({ userid: corp.people.get(n)!.ids.wecom.userId, department: d.ids.wecom });
              i++;
            }
            if (i >= end) break;
          }
          let total = 0;
          for (const list of corp.members.values()) total += list.length;
          ok(res, {
            ...(end < total ? { next_cursor: Buffer.from(String(end)).toString('base64url') } : {}),
            dept_user: rows,
          });
        },
      ],
      // GET /cgi-bin/user/get?access_token=&userid= → detailed member
      [
        'GET',
        '/cgi-bin/user/get',
        (req, res) => {
          const corp = auth(req, res);
          if (!corp) return;
          if (!req.query.userid) return fail(res, 41009, 'missing userid');
          const p = corp.wecomUser(req.query.userid);
          if (!p) return fail(res, 60111, `invalid string value \`${req.query.userid}\`. userid not found`);
          ok(res, userJson(corp, p));
        },
      ],
    ],
  };
}

export function wecomNotFound(_req: Req, res: Res): void {
  fail(res, 40066, 'invalid url');
}
