/**
 * Org sync as a pure function: existing rows + a platform snapshot → the exact writes to make.
 * No framework or database imports; the service applies the plan in one transaction.
 *
 * - The tenant's org-source binding owns departments, managers and employee records: it creates, updates and
 *   deactivates them (status left; never deletes).
 * - Other bindings only link identities to employees matched by the tenant's match key (employeeNo or mobile hash).
 * - Identities of platform users that vanished from the binding are removed.
 * - A snapshot equal to what is stored produces an empty plan (rowsWritten 0).
 */
import type { MatchKey, Platform } from '@hrlink/shared';
import { resolveManagerUserId } from './managers';

export interface SnapshotDepartment {
  id: string;
  parentId: string | null;
  name: string;
  order: number;
  leaderUserIds: string[];
}

export interface SnapshotUser {
  userId: string;
  unionId: string | null;
  openId: string | null;
  name: string;
  mobile: string | null;
  employeeNo: string | null;
  title: string | null;
  departmentIds: string[];
  mainDepartmentId: string | null;
  managerUserId: string | null;
  leaderOfDepartmentIds: string[];
  hiredDate: string | null;
}

export interface DeptRow {
  id: string;
  platformDeptId: string;
  name: string;
  parentId: string | null;
  order: number;
  headEmployeeId: string | null;
  active: boolean;
}

export interface EmployeeRow {
  id: string;
  name: string;
  employeeNo: string | null;
  mobileHash: string | null;
  title: string | null;
  hireDate: string | null;
  managerId: string | null;
  status: 'active' | 'left';
  leftAt: Date | null;
}

/** A new or changed employee; `mobile` (plaintext, encrypted by the entity) is present only when it changes. */
export type EmployeeWrite = Partial<EmployeeRow> & { mobile?: string | null };

export interface MembershipRow {
  employeeId: string;
  departmentId: string;
  isMain: boolean;
}

export interface IdentityRow {
  id: string;
  employeeId: string;
  platformUserId: string;
  unionId: string | null;
  openId: string | null;
}

export interface PlanInput {
  platform: Platform;
  isOrgSource: boolean;
  matchKey: MatchKey;
  /** This platform's departments of the tenant (active and inactive). */
  departments: DeptRow[];
  /** All employees of the tenant. */
  employees: EmployeeRow[];
  /** All memberships of the tenant. */
  memberships: MembershipRow[];
  /** Identities of this binding. */
  identities: IdentityRow[];
  snapshot: { departments: SnapshotDepartment[]; users: SnapshotUser[] };
  /** Normalises and hashes a mobile for matching; null when empty. */
  mobileKey: (mobile: string | null) => { mobile: string; hash: string } | null;
  newId: () => string;
  now: Date;
}

export interface SyncCounts {
  departmentsCreated: number;
  departmentsUpdated: number;
  departmentsDeactivated: number;
  employeesCreated: number;
  employeesUpdated: number;
  employeesDeactivated: number;
  identitiesLinked: number;
  identitiesRemoved: number;
  unmatched: number;
  rowsWritten: number;
}

export interface SyncPlan {
  departments: { insert: DeptRow[]; update: { id: string; changes: Partial<DeptRow> }[] };
  employees: { insert: (EmployeeRow & { mobile: string | null })[]; update: { id: string; changes: EmployeeWrite }[] };
  memberships: { insert: MembershipRow[]; update: MembershipRow[]; delete: { employeeId: string; departmentId: string }[] };
  identities: { insert: IdentityRow[]; update: { id: string; changes: Partial<IdentityRow> }[]; delete: string[] };
  counts: SyncCounts;
  /** Problems worth showing in the sync run (duplicates, ambiguous matches). */
  warnings: { message: string; context?: Record<string, unknown> }[];
}

/** Only the keys whose values differ. */
function diff<T extends object>(current: T, next: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) {
    const a = current[k];
    const b = next[k];
    const same = a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
    if (!same) out[k] = b;
  }
  return out;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;
const blank = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

export function planOrgSync(input: PlanInput): SyncPlan {
  const plan: SyncPlan = {
    departments: { insert: [], update: [] },
    employees: { insert: [], update: [] },
    memberships: { insert: [], update: [], delete: [] },
    identities: { insert: [], update: [], delete: [] },
    counts: {
      departmentsCreated: 0, departmentsUpdated: 0, departmentsDeactivated: 0,
      employeesCreated: 0, employeesUpdated: 0, employeesDeactivated: 0,
      identitiesLinked: 0, identitiesRemoved: 0, unmatched: 0, rowsWritten: 0,
    },
    warnings: [],
  };

  // De-duplicate the snapshot (a user listed in several departments may appear twice).
  const users = new Map<string, SnapshotUser>();
  for (const u of input.snapshot.users) if (!users.has(u.userId)) users.set(u.userId, u);
  const depts = new Map<string, SnapshotDepartment>();
  for (const d of input.snapshot.departments) if (!depts.has(d.id)) depts.set(d.id, d);

  const employeesById = new Map(input.employees.map((e) => [e.id, e]));
  const identityByUser = new Map(input.identities.map((i) => [i.platformUserId, i]));

  // Match-key indexes over all employees; active ones first so they win over people who left.
  const byKey = new Map<string, EmployeeRow[]>();
  const sorted = [...input.employees].sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1));
  for (const e of sorted) {
    const key = input.matchKey === 'mobile' ? e.mobileHash : e.employeeNo;
    if (!key) continue;
    const list = byKey.get(key) ?? [];
    list.push(e);
    byKey.set(key, list);
  }
  const userKey = (u: SnapshotUser): string | null =>
    input.matchKey === 'mobile' ? input.mobileKey(u.mobile)?.hash ?? null : blank(u.employeeNo);

  // 1. Employee for each platform user: existing identity, else the match key, else (org source only) a new one.
  const claimed = new Set<string>(); // employee ids taken by a user of this binding
  for (const i of input.identities) if (users.has(i.platformUserId)) claimed.add(i.employeeId);
  const employeeOfUser = new Map<string, string>();
  const newEmployees = new Set<string>();
  for (const u of users.values()) {
    const ident = identityByUser.get(u.userId);
    if (ident && employeesById.has(ident.employeeId)) {
      employeeOfUser.set(u.userId, ident.employeeId);
      continue;
    }
    const key = userKey(u);
    const candidate = key ? (byKey.get(key) ?? []).find((e) => !claimed.has(e.id)) : undefined;
    if (candidate) {
      claimed.add(candidate.id);
      employeeOfUser.set(u.userId, candidate.id);
    } else if (input.isOrgSource) {
      const id = input.newId();
      newEmployees.add(id);
      claimed.add(id);
      employeeOfUser.set(u.userId, id);
    } else {
      plan.counts.unmatched++;
    }
  }

  // 2. Identities: link, refresh union/open ids, remove vanished or re-pointed ones.
  for (const i of input.identities) {
    const u = users.get(i.platformUserId);
    const employeeId = u ? employeeOfUser.get(u.userId) : undefined;
    if (!u || !employeeId || employeeId !== i.employeeId) {
      plan.identities.delete.push(i.id);
      continue;
    }
    const changes = diff(i, { unionId: u.unionId ?? null, openId: u.openId ?? null });
    if (!isEmpty(changes)) plan.identities.update.push({ id: i.id, changes });
  }
  const deleted = new Set(plan.identities.delete);
  for (const u of users.values()) {
    const employeeId = employeeOfUser.get(u.userId);
    if (!employeeId) continue;
    const ident = identityByUser.get(u.userId);
    if (ident && !deleted.has(ident.id)) continue;
    plan.identities.insert.push({
      id: input.newId(), employeeId, platformUserId: u.userId, unionId: u.unionId ?? null, openId: u.openId ?? null,
    });
  }
  plan.counts.identitiesLinked = plan.identities.insert.length;
  plan.counts.identitiesRemoved = plan.identities.delete.length;

  if (input.isOrgSource) planSourceRecords(input, plan, users, depts, employeeOfUser, newEmployees, employeesById);

  const c = plan.counts;
  c.rowsWritten =
    plan.departments.insert.length + plan.departments.update.length +
    plan.employees.insert.length + plan.employees.update.length +
    plan.memberships.insert.length + plan.memberships.update.length + plan.memberships.delete.length +
    plan.identities.insert.length + plan.identities.update.length + plan.identities.delete.length;
  return plan;
}

function planSourceRecords(
  input: PlanInput,
  plan: SyncPlan,
  users: Map<string, SnapshotUser>,
  depts: Map<string, SnapshotDepartment>,
  employeeOfUser: Map<string, string>,
  newEmployees: Set<string>,
  employeesById: Map<string, EmployeeRow>,
): void {
  // Department ids: existing rows keep theirs.
  const existingDept = new Map(input.departments.map((d) => [d.platformDeptId, d]));
  const deptId = new Map<string, string>();
  for (const d of depts.values()) deptId.set(d.id, existingDept.get(d.id)?.id ?? input.newId());

  for (const d of depts.values()) {
    const head = d.leaderUserIds.map((uid) => employeeOfUser.get(uid)).find((x): x is string => !!x) ?? null;
    const row: DeptRow = {
      id: deptId.get(d.id)!,
      platformDeptId: d.id,
      name: d.name,
      parentId: d.parentId !== null && d.parentId !== d.id ? deptId.get(d.parentId) ?? null : null,
      order: Number.isFinite(d.order) ? Math.trunc(d.order) : 0,
      headEmployeeId: head,
      active: true,
    };
    const current = existingDept.get(d.id);
    if (!current) {
      plan.departments.insert.push(row);
      plan.counts.departmentsCreated++;
      continue;
    }
    const { id: _id, platformDeptId: _p, ...fields } = row;
    const changes = diff(current, fields);
    if (!isEmpty(changes)) {
      plan.departments.update.push({ id: current.id, changes });
      plan.counts.departmentsUpdated++;
    }
  }
  for (const d of input.departments) {
    if (d.active && !depts.has(d.platformDeptId)) {
      plan.departments.update.push({ id: d.id, changes: { active: false, headEmployeeId: null } });
      plan.counts.departmentsDeactivated++;
    }
  }

  // Employees.
  const knownUsers = new Set(users.keys());
  const snapshotDeptRefs = new Map(
    [...depts.values()].map((d) => [d.id, { id: d.id, parentId: d.parentId, leaderUserIds: d.leaderUserIds }]),
  );
  const membershipsOf = new Map<string, MembershipRow[]>();
  for (const m of input.memberships) {
    const list = membershipsOf.get(m.employeeId) ?? [];
    list.push(m);
    membershipsOf.set(m.employeeId, list);
  }
  const sourceDeptIds = new Set([...deptId.values(), ...input.departments.map((d) => d.id)]);

  for (const u of users.values()) {
    const employeeId = employeeOfUser.get(u.userId)!;
    const managerUserId = resolveManagerUserId(u, snapshotDeptRefs, knownUsers);
    const managerId = managerUserId ? employeeOfUser.get(managerUserId) ?? null : null;
    const mobile = input.mobileKey(u.mobile);
    if (newEmployees.has(employeeId)) {
      plan.employees.insert.push({
        id: employeeId,
        name: u.name,
        employeeNo: blank(u.employeeNo),
        mobile: mobile?.mobile ?? null,
        mobileHash: mobile?.hash ?? null,
        title: blank(u.title),
        hireDate: blank(u.hiredDate),
        managerId,
        status: 'active',
        leftAt: null,
      });
      plan.counts.employeesCreated++;
    } else {
      const current = employeesById.get(employeeId)!;
      const next: EmployeeWrite = { name: u.name, title: blank(u.title), managerId, status: 'active', leftAt: null };
      // Fields a platform may not provide (WeCom: no mobile for new apps) are only ever filled, never cleared.
      if (blank(u.employeeNo)) next.employeeNo = blank(u.employeeNo);
      if (mobile) next.mobileHash = mobile.hash;
      if (!current.hireDate && blank(u.hiredDate)) next.hireDate = blank(u.hiredDate);
      const changes: EmployeeWrite = diff(current, next);
      if (changes.mobileHash !== undefined) changes.mobile = mobile!.mobile;
      if (!isEmpty(changes)) {
        plan.employees.update.push({ id: employeeId, changes });
        plan.counts.employeesUpdated++;
      }
    }

    // Memberships in this source's departments.
    const mainPlatformDept = u.mainDepartmentId ?? u.departmentIds[0] ?? null;
    const wanted = new Map<string, boolean>();
    for (const pd of u.departmentIds) {
      const id = deptId.get(pd);
      if (id) wanted.set(id, pd === mainPlatformDept);
    }
    const have = (membershipsOf.get(employeeId) ?? []).filter((m) => sourceDeptIds.has(m.departmentId));
    for (const m of have) {
      if (!wanted.has(m.departmentId)) plan.memberships.delete.push({ employeeId, departmentId: m.departmentId });
      else if (wanted.get(m.departmentId) !== m.isMain) plan.memberships.update.push({ ...m, isMain: wanted.get(m.departmentId)! });
    }
    const haveIds = new Set(have.map((m) => m.departmentId));
    for (const [departmentId, isMain] of wanted) {
      if (!haveIds.has(departmentId)) plan.memberships.insert.push({ employeeId, departmentId, isMain });
    }
  }

  // People who vanished from the source: deactivated (never deleted).
  const stillThere = new Set(employeeOfUser.values());
  for (const i of input.identities) {
    if (users.has(i.platformUserId)) continue;
    const e = employeesById.get(i.employeeId);
    if (e && e.status === 'active' && !stillThere.has(e.id)) {
      plan.employees.update.push({ id: e.id, changes: { status: 'left', leftAt: input.now } });
      plan.counts.employeesDeactivated++;
    }
  }
}
