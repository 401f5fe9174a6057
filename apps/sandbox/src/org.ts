import { createHash } from 'node:crypto';
import type { CorpCredentials, CorpKey } from './credentials';

/**
 * One company's organisation, platform-neutral, with the per-platform ids derived deterministically.
 * Indexed so that listing one department never scans all people (20k-member benchmark).
 */
export interface Department {
  /** Internal key; root = 0. */
  key: number;
  parentKey: number | null;
  name: string;
  order: number;
  /** Employee numbers of the department's leaders (负责人 / 主管). */
  leaderNos: string[];
  ids: DepartmentIds;
}

export interface DepartmentIds {
  /** DingTalk dept_id (root 1). */
  dingtalk: number;
  /** WeCom department id (root 1). */
  wecom: number;
  /** Feishu department_id (custom id, root "0") and open_department_id (`od-…`, root "0"). */
  feishu: { departmentId: string; openDepartmentId: string };
}

export interface PersonIds {
  dingtalk: { userId: string; unionId: string };
  wecom: { userId: string };
  feishu: { userId: string; openId: string; unionId: string };
}

export interface Person {
  employeeNo: string;
  name: string;
  /** 11-digit mainland mobile, e.g. 13800000001. */
  mobile: string;
  title: string;
  /** Department keys; the first is the main department. */
  deptKeys: number[];
  /** Explicit manager; when null the manager is derived from department leaders. */
  managerNo: string | null;
  hiredDate: string; // YYYY-MM-DD
  gender: 1 | 2;
  ids: PersonIds;
}

export interface PersonInput {
  employeeNo: string;
  name: string;
  mobile?: string;
  title?: string;
  departmentName: string;
  managerEmployeeNo?: string | null;
  hiredDate?: string;
}

function hex(input: string, len: number): string {
  return createHash('sha256').update(input).digest('hex').slice(0, len);
}

export class CorpOrg {
  readonly departments = new Map<number, Department>();
  readonly children = new Map<number, number[]>();
  /** Members per department key, in list order. */
  readonly members = new Map<number, string[]>();
  readonly people = new Map<string, Person>();

  private readonly deptByDingtalk = new Map<number, Department>();
  private readonly deptByWecom = new Map<number, Department>();
  private readonly deptByFeishuId = new Map<string, Department>();
  private readonly deptByFeishuOpenId = new Map<string, Department>();
  private readonly byDingtalkUserId = new Map<string, Person>();
  private readonly byWecomUserId = new Map<string, Person>();
  private readonly byFeishuUserId = new Map<string, Person>();
  private readonly byFeishuOpenId = new Map<string, Person>();
  private readonly byFeishuUnionId = new Map<string, Person>();

  constructor(
    readonly key: CorpKey,
    readonly name: string,
    readonly credentials: CorpCredentials,
  ) {}

  // ---- departments ----

  addDepartment(key: number, parentKey: number | null, name: string, order: number): Department {
    const ids: DepartmentIds =
      key === 0
        ? { dingtalk: 1, wecom: 1, feishu: { departmentId: '0', openDepartmentId: '0' } }
        : {
            dingtalk: 100_000_000 + key,
            wecom: key + 1,
            feishu: {
              departmentId: `D${String(key).padStart(4, '0')}`,
              openDepartmentId: `od-${hex(`${this.credentials.feishu.appId}:dept:${key}`, 32)}`,
            },
          };
    const dept: Department = { key, parentKey, name, order, leaderNos: [], ids };
    this.departments.set(key, dept);
    this.children.set(key, this.children.get(key) ?? []);
    this.members.set(key, this.members.get(key) ?? []);
    if (parentKey !== null) this.children.get(parentKey)!.push(key);
    this.deptByDingtalk.set(ids.dingtalk, dept);
    this.deptByWecom.set(ids.wecom, dept);
    this.deptByFeishuId.set(ids.feishu.departmentId, dept);
    this.deptByFeishuOpenId.set(ids.feishu.openDepartmentId, dept);
    return dept;
  }

  get root(): Department {
    return this.departments.get(0)!;
  }

  departmentByName(name: string): Department | undefined {
    for (const d of this.departments.values()) if (d.name === name) return d;
    return undefined;
  }

  /** A department with that name, created under the root when missing. */
  ensureDepartment(name: string): Department {
    const found = this.departmentByName(name);
    if (found) return found;
    const key = Math.max(...this.departments.keys()) + 1;
    return this.addDepartment(key, 0, name, (this.children.get(0)?.length ?? 0) + 1);
  }

  dingtalkDept(id: number): Department | undefined {
    return this.deptByDingtalk.get(id);
  }
  wecomDept(id: number): Department | undefined {
    return this.deptByWecom.get(id);
  }
  feishuDept(id: string, type: 'department_id' | 'open_department_id'): Department | undefined {
    if (id === '0') return this.root;
    return type === 'department_id' ? this.deptByFeishuId.get(id) : this.deptByFeishuOpenId.get(id);
  }

  /** The department and all below it, depth first, root of the subtree first. */
  subtree(key: number): Department[] {
    const out: Department[] = [];
    const walk = (k: number) => {
      out.push(this.departments.get(k)!);
      for (const c of this.children.get(k) ?? []) walk(c);
    };
    walk(key);
    return out;
  }

  // ---- people ----

  personIds(employeeNo: string): PersonIds {
    const c = this.credentials;
    return {
      dingtalk: { userId: `dd_${employeeNo}`, unionId: `${hex(`${c.dingtalk.corpId}:union:${employeeNo}`, 22)}iE` },
      wecom: { userId: `wx_${employeeNo}` },
      feishu: {
        userId: `fs_${employeeNo}`,
        openId: `ou_${hex(`${c.feishu.appId}:open:${employeeNo}`, 32)}`,
        unionId: `on_${hex(`${c.feishu.tenantKey}:union:${employeeNo}`, 32)}`,
      },
    };
  }

  addPerson(p: Omit<Person, 'ids'>, leads: number[] = []): Person {
    if (this.people.has(p.employeeNo)) throw new Error(`employee ${p.employeeNo} exists`);
    const person: Person = { ...p, ids: this.personIds(p.employeeNo) };
    this.people.set(person.employeeNo, person);
    for (const k of person.deptKeys) this.members.get(k)!.push(person.employeeNo);
    for (const k of leads) this.departments.get(k)!.leaderNos.push(person.employeeNo);
    this.index(person);
    return person;
  }

  removePerson(employeeNo: string): Person | undefined {
    const person = this.people.get(employeeNo);
    if (!person) return undefined;
    this.people.delete(employeeNo);
    for (const k of person.deptKeys) this.removeMember(k, employeeNo);
    for (const d of this.departments.values()) d.leaderNos = d.leaderNos.filter((n) => n !== employeeNo);
    for (const other of this.people.values()) if (other.managerNo === employeeNo) other.managerNo = null;
    this.byDingtalkUserId.delete(person.ids.dingtalk.userId);
    this.byWecomUserId.delete(person.ids.wecom.userId);
    this.byFeishuUserId.delete(person.ids.feishu.userId);
    this.byFeishuOpenId.delete(person.ids.feishu.openId);
    this.byFeishuUnionId.delete(person.ids.feishu.unionId);
    return person;
  }

  moveToDepartment(person: Person, deptKey: number): void {
    for (const k of person.deptKeys) this.removeMember(k, person.employeeNo);
    for (const d of this.departments.values()) d.leaderNos = d.leaderNos.filter((n) => n !== person.employeeNo);
    person.deptKeys = [deptKey];
    this.members.get(deptKey)!.push(person.employeeNo);
  }

  private removeMember(deptKey: number, employeeNo: string): void {
    const list = this.members.get(deptKey);
    const i = list?.indexOf(employeeNo) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  private index(p: Person): void {
    this.byDingtalkUserId.set(p.ids.dingtalk.userId, p);
    this.byWecomUserId.set(p.ids.wecom.userId, p);
    this.byFeishuUserId.set(p.ids.feishu.userId, p);
    this.byFeishuOpenId.set(p.ids.feishu.openId, p);
    this.byFeishuUnionId.set(p.ids.feishu.unionId, p);
  }

  dingtalkUser(userId: string): Person | undefined {
    return this.byDingtalkUserId.get(userId);
  }
  wecomUser(userId: string): Person | undefined {
    return this.byWecomUserId.get(userId);
  }
  feishuUser(id: string, type: 'user_id' | 'open_id' | 'union_id'): Person | undefined {
    if (type === 'user_id') return this.byFeishuUserId.get(id);
    if (type === 'union_id') return this.byFeishuUnionId.get(id);
    return this.byFeishuOpenId.get(id);
  }

  /** Finds a person by employee number or by any platform user id. */
  findPerson(idOrNo: string): Person | undefined {
    return (
      this.people.get(idOrNo) ??
      this.byDingtalkUserId.get(idOrNo) ??
      this.byWecomUserId.get(idOrNo) ??
      this.byFeishuUserId.get(idOrNo) ??
      this.byFeishuOpenId.get(idOrNo)
    );
  }

  isLeaderOf(p: Person, deptKey: number): boolean {
    return this.departments.get(deptKey)?.leaderNos.includes(p.employeeNo) ?? false;
  }

  /**
   * Direct manager: the explicit one, else the leader of the main department, or — when the person leads it —
   * the nearest leader above.
   */
  managerOf(p: Person): Person | null {
    if (p.managerNo) return this.people.get(p.managerNo) ?? null;
    const leaderOf = (key: number) =>
      this.departments.get(key)!.leaderNos.find((n) => n !== p.employeeNo && this.people.has(n));
    const main = this.departments.get(p.deptKeys[0] ?? 0);
    if (!main) return null;
    if (!main.leaderNos.includes(p.employeeNo)) {
      const l = leaderOf(main.key);
      if (l) return this.people.get(l)!;
    }
    for (let k = main.parentKey; k !== null; k = this.departments.get(k)!.parentKey) {
      const l = leaderOf(k);
      if (l) return this.people.get(l)!;
    }
    return null;
  }

  mainDepartment(p: Person): Department {
    return this.departments.get(p.deptKeys[0] ?? 0)!;
  }
}
