import { createHmac } from 'node:crypto';
import { resolveManagerUserId } from './managers';
import { DeptRow, EmployeeRow, IdentityRow, MembershipRow, PlanInput, planOrgSync, SnapshotDepartment, SnapshotUser, SyncPlan } from './org-sync.plan';

// A slice of the demo corp as DingTalk lists it: 王总 (CEO) leads the company root, 李雷 leads 研发部,
// 韩梅梅 leads its team 前端组, 人力资源 (E0002) works in 人力资源部 led by 王总.
const depts: SnapshotDepartment[] = [
  { id: '1', parentId: null, name: '示例科技有限公司', order: 0, leaderUserIds: ['dd_E0001'] },
  { id: '100', parentId: '1', name: '研发部', order: 1, leaderUserIds: ['dd_E0003'] },
  { id: '101', parentId: '100', name: '前端组', order: 1, leaderUserIds: ['dd_E0004'] },
  { id: '200', parentId: '1', name: '人力资源部', order: 2, leaderUserIds: ['dd_E0001'] },
];
const user = (no: string, name: string, dept: string, extra: Partial<SnapshotUser> = {}): SnapshotUser => ({
  userId: `dd_${no}`, unionId: `union_${no}`, openId: null, name, mobile: `1380000${no.slice(1)}`, employeeNo: no,
  title: '工程师', departmentIds: [dept], mainDepartmentId: dept, managerUserId: null, leaderOfDepartmentIds: [],
  hiredDate: '2020-03-01', ...extra,
});
const people: SnapshotUser[] = [
  user('E0001', '王总', '1', { title: '首席执行官', leaderOfDepartmentIds: ['1', '200'] }),
  user('E0002', '人力资源', '200', { title: 'HR 经理' }),
  user('E0003', '李雷', '100', { title: '研发总监', leaderOfDepartmentIds: ['100'] }),
  user('E0004', '韩梅梅', '101', { title: '前端组长', leaderOfDepartmentIds: ['101'] }),
  user('E0005', '张伟', '101'),
];

const key = Buffer.alloc(32, 7);
const mobileKey = (m: string | null) => (m ? { mobile: m, hash: createHmac('sha256', key).update(m).digest('hex') } : null);

/** A fake "database": applies plans to in-memory rows exactly as the service applies them to tables. */
class Rows {
  departments: DeptRow[] = [];
  employees: EmployeeRow[] = [];
  memberships: MembershipRow[] = [];
  identities = new Map<string, IdentityRow[]>(); // by binding
  private seq = 0;
  newId = () => `id${++this.seq}`;

  input(binding: string, isOrgSource: boolean, users: SnapshotUser[], departments = depts, matchKey: 'employeeNo' | 'mobile' = 'employeeNo'): PlanInput {
    return {
      platform: 'dingtalk', isOrgSource, matchKey,
      departments: this.departments.map((d) => ({ ...d })),
      employees: this.employees.map((e) => ({ ...e })),
      memberships: this.memberships.map((m) => ({ ...m })),
      identities: (this.identities.get(binding) ?? []).map((i) => ({ ...i })),
      snapshot: { departments, users }, mobileKey, newId: this.newId, now: new Date('2026-11-21T03:00:00Z'),
    };
  }

  apply(binding: string, plan: SyncPlan): void {
    this.departments.push(...plan.departments.insert);
    for (const u of plan.departments.update) Object.assign(this.departments.find((d) => d.id === u.id)!, u.changes);
    this.employees.push(...plan.employees.insert.map(({ mobile: _m, ...e }) => e));
    for (const u of plan.employees.update) {
      const { mobile: _m, ...changes } = u.changes;
      Object.assign(this.employees.find((e) => e.id === u.id)!, changes);
    }
    const key = (m: { employeeId: string; departmentId: string }) => `${m.employeeId}/${m.departmentId}`;
    const del = new Set(plan.memberships.delete.map(key));
    this.memberships = this.memberships.filter((m) => !del.has(key(m)));
    for (const u of plan.memberships.update) this.memberships.find((m) => key(m) === key(u))!.isMain = u.isMain;
    this.memberships.push(...plan.memberships.insert);
    const ids = (this.identities.get(binding) ?? []).filter((i) => !plan.identities.delete.includes(i.id));
    for (const u of plan.identities.update) Object.assign(ids.find((i) => i.id === u.id)!, u.changes);
    ids.push(...plan.identities.insert);
    this.identities.set(binding, ids);
  }

  byNo(no: string) {
    return this.employees.find((e) => e.employeeNo === no)!;
  }
  sync(binding: string, isOrgSource: boolean, users: SnapshotUser[], departments = depts): SyncPlan {
    const plan = planOrgSync(this.input(binding, isOrgSource, users, departments));
    this.apply(binding, plan);
    return plan;
  }
}

describe('resolveManagerUserId', () => {
  const byId = new Map(depts.map((d) => [d.id, d]));
  const known = new Set(people.map((p) => p.userId));
  it('staff report to the leader of their department', () => {
    expect(resolveManagerUserId(people[4], byId, known)).toBe('dd_E0004');
  });
  it('a team lead reports to the leader of the parent department', () => {
    expect(resolveManagerUserId(people[3], byId, known)).toBe('dd_E0003');
    expect(resolveManagerUserId(people[2], byId, known)).toBe('dd_E0001');
  });
  it('the CEO has no manager; HR reports to the CEO who leads 人力资源部', () => {
    expect(resolveManagerUserId(people[0], byId, known)).toBeNull();
    expect(resolveManagerUserId(people[1], byId, known)).toBe('dd_E0001');
  });
  it("the platform's own manager field wins when it names a known user", () => {
    expect(resolveManagerUserId({ ...people[4], managerUserId: 'dd_E0003' }, byId, known)).toBe('dd_E0003');
    expect(resolveManagerUserId({ ...people[4], managerUserId: 'dd_gone' }, byId, known)).toBe('dd_E0004');
  });
});

describe('planOrgSync — org source', () => {
  it('creates the org on the first run with managers, heads and memberships', () => {
    const db = new Rows();
    const plan = db.sync('ding', true, people);
    expect(plan.counts).toMatchObject({ departmentsCreated: 4, employeesCreated: 5, identitiesLinked: 5, unmatched: 0 });
    // 4 departments + 5 employees + 5 memberships + 5 identities
    expect(plan.counts.rowsWritten).toBe(19);
    expect(db.byNo('E0005').managerId).toBe(db.byNo('E0004').id);
    expect(db.byNo('E0004').managerId).toBe(db.byNo('E0003').id);
    expect(db.byNo('E0001').managerId).toBeNull();
    const rd = db.departments.find((d) => d.name === '研发部')!;
    expect(rd.headEmployeeId).toBe(db.byNo('E0003').id);
    expect(db.departments.find((d) => d.name === '前端组')!.parentId).toBe(rd.id);
    expect(db.byNo('E0002').mobileHash).toBe(mobileKey('13800000002')!.hash);
  });

  it('writes nothing when nothing changed', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    const again = db.sync('ding', true, people.map((p) => ({ ...p })));
    expect(again.counts.rowsWritten).toBe(0);
    expect(again.counts).toMatchObject({ employeesCreated: 0, employeesUpdated: 0, departmentsUpdated: 0, identitiesLinked: 0 });
  });

  it('updates a changed person and moves them between departments', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    const changed = people.map((p) => (p.employeeNo === 'E0005' ? { ...p, title: '高级工程师', departmentIds: ['100'], mainDepartmentId: '100' } : p));
    const plan = db.sync('ding', true, changed);
    expect(plan.counts).toMatchObject({ employeesUpdated: 1, employeesCreated: 0 });
    // title + manager in one update, one membership removed, one added
    expect(plan.counts.rowsWritten).toBe(3);
    expect(db.byNo('E0005').title).toBe('高级工程师');
    expect(db.byNo('E0005').managerId).toBe(db.byNo('E0003').id);
  });

  it('deactivates people who left (never deletes) and reactivates them when they return', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    const plan = db.sync('ding', true, people.filter((p) => p.employeeNo !== 'E0005'));
    expect(plan.counts).toMatchObject({ employeesDeactivated: 1, identitiesRemoved: 1 });
    expect(db.employees).toHaveLength(5);
    expect(db.byNo('E0005')).toMatchObject({ status: 'left', leftAt: new Date('2026-11-21T03:00:00Z') });
    const back = db.sync('ding', true, people);
    expect(back.counts).toMatchObject({ employeesCreated: 0, employeesUpdated: 1, identitiesLinked: 1 });
    expect(db.byNo('E0005')).toMatchObject({ status: 'active', leftAt: null });
  });

  it('deactivates departments that are gone', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    const noFrontend = depts.filter((d) => d.id !== '101');
    const moved = people.map((p) => (p.mainDepartmentId === '101' ? { ...p, departmentIds: ['100'], mainDepartmentId: '100' } : p));
    const plan = db.sync('ding', true, moved, noFrontend);
    expect(plan.counts.departmentsDeactivated).toBe(1);
    expect(db.departments.find((d) => d.platformDeptId === '101')!.active).toBe(false);
  });

  it('never clears a mobile the platform does not provide (WeCom new apps)', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    const plan = db.sync('ding', true, people.map((p) => ({ ...p, mobile: '' })));
    expect(plan.counts.rowsWritten).toBe(0);
    expect(db.byNo('E0001').mobileHash).toBe(mobileKey('13800000001')!.hash);
  });
});

describe('planOrgSync — other bindings link identities only', () => {
  const wecom = people.map((p) => ({ ...p, userId: `wx_${p.employeeNo}`, unionId: null, mobile: '' }));

  it('links by employee number, counts unmatched, creates no employees', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    const stranger: SnapshotUser = { ...wecom[0], userId: 'wx_X', employeeNo: 'E9999', name: '外包' };
    const plan = db.sync('wecom', false, [...wecom, stranger]);
    expect(plan.counts).toMatchObject({ identitiesLinked: 5, unmatched: 1, employeesCreated: 0, departmentsCreated: 0 });
    expect(plan.counts.rowsWritten).toBe(5);
    expect(db.identities.get('wecom')!.find((i) => i.platformUserId === 'wx_E0002')!.employeeId).toBe(db.byNo('E0002').id);
    expect(db.sync('wecom', false, [...wecom, stranger]).counts.rowsWritten).toBe(0);
  });

  it('matches by mobile hash when the tenant says so', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    const feishu = people.map((p) => ({ ...p, userId: `fs_${p.employeeNo}`, employeeNo: null }));
    const plan = planOrgSync(db.input('feishu', false, feishu, depts, 'mobile'));
    expect(plan.counts).toMatchObject({ identitiesLinked: 5, unmatched: 0 });
    const byEmployeeNo = planOrgSync(db.input('feishu', false, feishu, depts, 'employeeNo'));
    expect(byEmployeeNo.counts).toMatchObject({ identitiesLinked: 0, unmatched: 5 });
  });

  it('removes identities of platform users who vanished', () => {
    const db = new Rows();
    db.sync('ding', true, people);
    db.sync('wecom', false, wecom);
    const plan = db.sync('wecom', false, wecom.slice(0, 3));
    expect(plan.counts.identitiesRemoved).toBe(2);
    expect(plan.counts.employeesDeactivated).toBe(0);
    expect(db.identities.get('wecom')).toHaveLength(3);
  });
});
