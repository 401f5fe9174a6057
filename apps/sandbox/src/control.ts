import type { Req, Res, Router } from './core/http';
import { CODE_TTL_SECONDS } from './core/codes';
import { FAULT_MODES, type FaultMode } from './core/faults';
import { isPlatform, PLATFORMS, type Platform } from './core/types';
import type { CorpOrg, Person } from './org';
import { mobileFor } from './seed';
import type { SandboxState } from './state';

/** The sandbox's own control API under /__sandbox/api (team brief). Errors: {code, message}. */
export const CONTROL_PREFIX = '/__sandbox/api';

export interface PersonView {
  employeeNo: string;
  name: string;
  title: string;
  department: string;
  mobile: string;
  hiredDate: string;
  managerEmployeeNo: string | null;
  ids: Person['ids'];
}

export function personView(corp: CorpOrg, p: Person): PersonView {
  return {
    employeeNo: p.employeeNo,
    name: p.name,
    title: p.title,
    department: corp.mainDepartment(p).name,
    mobile: p.mobile,
    hiredDate: p.hiredDate,
    managerEmployeeNo: corp.managerOf(p)?.employeeNo ?? null,
    ids: p.ids,
  };
}

function error(res: Res, status: number, code: string, message: string): void {
  res.status(status).json({ code, message });
}

export function mountControl(router: Router, state: SandboxState): void {
  const P = CONTROL_PREFIX;

  function corpOf(req: Req, res: Res): CorpOrg | null {
    const key = (req.body && req.body.corp) || req.query.corp || 'demo';
    const corp = state.corp(String(key));
    if (!corp) error(res, 404, 'CORP_NOT_FOUND', `no corp "${key}" (demo | other)`);
    return corp ?? null;
  }

  function jsonBody(req: Req, res: Res): Record<string, any> | null {
    if (!req.body || typeof req.body !== 'object') {
      error(res, 400, 'VALIDATION_FAILED', 'JSON body required');
      return null;
    }
    return req.body;
  }

  router.get(`${P}/corps`, (req, res) => {
    const limit = req.query.peopleLimit ? Number(req.query.peopleLimit) : Infinity;
    res.json(
      [...state.corps.values()].map((corp) => ({
        key: corp.key,
        name: corp.name,
        platforms: corp.credentials,
        peopleCount: corp.people.size,
        departmentCount: corp.departments.size,
        people: [...corp.people.values()].slice(0, limit).map((p) => personView(corp, p)),
      })),
    );
  });

  router.post(`${P}/auth-codes`, (req, res) => {
    const b = jsonBody(req, res);
    if (!b) return;
    if (!isPlatform(b.platform)) return error(res, 400, 'VALIDATION_FAILED', 'platform must be dingtalk | wecom | feishu');
    const corp = corpOf(req, res);
    if (!corp) return;
    const who = b.employeeNo ?? b.userId;
    if (!who) return error(res, 400, 'VALIDATION_FAILED', 'employeeNo or userId required');
    const p = corp.findPerson(String(who));
    if (!p) return error(res, 404, 'PERSON_NOT_FOUND', `nobody "${who}" in corp ${corp.key}`);
    const platform: Platform = b.platform;
    const code = state.codes.issue(platform, corp.key, p.employeeNo);
    const corpId = state.corpIdOf(corp, platform);
    const url = new URL(state.h5Url);
    url.searchParams.set('platform', platform);
    url.searchParams.set('code', code.code);
    url.searchParams.set('corpId', corpId);
    res.json({ code: code.code, corpId, expiresIn: CODE_TTL_SECONDS[platform], launchUrl: url.toString() });
  });

  router.post(`${P}/people`, (req, res) => {
    const b = jsonBody(req, res);
    if (!b) return;
    const corp = corpOf(req, res);
    if (!corp) return;
    if (!b.employeeNo || !b.name || !b.departmentName)
      return error(res, 400, 'VALIDATION_FAILED', 'employeeNo, name and departmentName are required');
    if (corp.people.has(b.employeeNo)) return error(res, 409, 'PERSON_EXISTS', `${b.employeeNo} exists`);
    if (b.managerEmployeeNo && !corp.people.has(b.managerEmployeeNo))
      return error(res, 400, 'VALIDATION_FAILED', `manager ${b.managerEmployeeNo} not found`);
    const dept = corp.ensureDepartment(String(b.departmentName));
    const n = Number(String(b.employeeNo).replace(/\D/g, '')) || corp.people.size + 1;
    const p = corp.addPerson({
      employeeNo: String(b.employeeNo),
      name: String(b.name),
      title: b.title ? String(b.title) : '员工',
      mobile: b.mobile ? String(b.mobile) : mobileFor(n, corp.key === 'demo' ? '138' : '139'),
      deptKeys: [dept.key],
      managerNo: b.managerEmployeeNo ?? null,
      hiredDate: b.hiredDate ?? new Date(state.clock.now()).toISOString().slice(0, 10),
      gender: 1,
    });
    void state.callbacks.contactEvent(corp, 'created', p);
    res.status(201).json(personView(corp, p));
  });

  router.patch(`${P}/people/:employeeNo`, (req, res) => {
    const b = jsonBody(req, res);
    if (!b) return;
    const corp = corpOf(req, res);
    if (!corp) return;
    const p = corp.people.get(req.params.employeeNo);
    if (!p) return error(res, 404, 'PERSON_NOT_FOUND', `${req.params.employeeNo} not found`);
    if (b.managerEmployeeNo && !corp.people.has(b.managerEmployeeNo))
      return error(res, 400, 'VALIDATION_FAILED', `manager ${b.managerEmployeeNo} not found`);
    if (b.name) p.name = String(b.name);
    if (b.title !== undefined) p.title = String(b.title);
    if (b.mobile) p.mobile = String(b.mobile);
    if (b.managerEmployeeNo !== undefined) p.managerNo = b.managerEmployeeNo || null;
    if (b.departmentName) corp.moveToDepartment(p, corp.ensureDepartment(String(b.departmentName)).key);
    void state.callbacks.contactEvent(corp, 'updated', p);
    res.json(personView(corp, p));
  });

  router.delete(`${P}/people/:employeeNo`, (req, res) => {
    const corp = corpOf(req, res);
    if (!corp) return;
    const p = corp.removePerson(req.params.employeeNo);
    if (!p) return error(res, 404, 'PERSON_NOT_FOUND', `${req.params.employeeNo} not found`);
    state.codes.invalidatePerson(corp.key, p.employeeNo);
    void state.callbacks.contactEvent(corp, 'deleted', p);
    res.json({ removed: p.employeeNo });
  });

  router.put(`${P}/limits`, (req, res) => {
    const b = jsonBody(req, res);
    if (!b) return;
    if (b.platform !== undefined && !isPlatform(b.platform))
      return error(res, 400, 'VALIDATION_FAILED', 'platform must be dingtalk | wecom | feishu');
    if (b.rps !== null && !(typeof b.rps === 'number' && b.rps > 0))
      return error(res, 400, 'VALIDATION_FAILED', 'rps must be a positive number or null');
    const targets: Platform[] = b.platform ? [b.platform] : [...PLATFORMS];
    for (const p of targets) state.limiter.set(p, b.rps);
    res.json(Object.fromEntries(PLATFORMS.map((p) => [p, state.limiter.get(p)])));
  });

  router.put(`${P}/faults`, (req, res) => {
    const b = jsonBody(req, res);
    if (!b) return;
    if (!FAULT_MODES.includes(b.mode)) return error(res, 400, 'VALIDATION_FAILED', `mode must be ${FAULT_MODES.join(' | ')}`);
    if (b.platform !== undefined && !isPlatform(b.platform))
      return error(res, 400, 'VALIDATION_FAILED', 'platform must be dingtalk | wecom | feishu');
    const targets: Platform[] = b.platform ? [b.platform] : [...PLATFORMS];
    for (const p of targets) state.faults.set(p, b.mode as FaultMode, b.times);
    res.json(state.faults.snapshot());
  });

  router.post(`${P}/tokens/revoke`, (req, res) => {
    const platform = req.body?.platform;
    if (platform !== undefined && !isPlatform(platform))
      return error(res, 400, 'VALIDATION_FAILED', 'platform must be dingtalk | wecom | feishu');
    res.json({ revoked: state.tokens.revoke(platform) });
  });

  router.post(`${P}/clock`, (req, res) => {
    const s = req.body?.advanceSeconds;
    if (typeof s !== 'number' || !(s >= 0)) return error(res, 400, 'VALIDATION_FAILED', 'advanceSeconds must be a number >= 0');
    state.clock.advance(s);
    res.json({ now: new Date(state.clock.now()).toISOString(), offsetSeconds: state.clock.offsetSeconds });
  });

  router.get(`${P}/stats`, (_req, res) => res.json(state.stats.snapshot()));
  router.post(`${P}/stats/reset`, (_req, res) => {
    state.stats.reset();
    res.json(state.stats.snapshot());
  });
  router.post(`${P}/reset`, (_req, res) => {
    state.reset();
    res.json({ ok: true });
  });
}
