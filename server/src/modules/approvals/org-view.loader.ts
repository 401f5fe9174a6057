import { EntityManager, In } from 'typeorm';
import type { ApproverRule, Role, RouteStep } from '@hrlink/shared';
import { AdminUser } from '../auth/entities/admin-user.entity';
import { Department } from '../org/entities/department.entity';
import { EmployeeDepartment } from '../org/entities/employee-department.entity';
import { Employee } from '../org/entities/employee.entity';
import type { OrgPerson, OrgView } from './domain/routing';

const MAX_CHAIN = 8;

/** Active employees holding a role: granted on the employee (roles) or through a linked admin account of that role. */
export async function roleHolderIds(em: EntityManager, tenantId: string, role: Role): Promise<string[]> {
  if (role === 'employee') {
    // Every active employee holds `employee`; a route with it would ask the whole company. Kept literal.
    return (await em.getRepository(Employee).find({ select: { id: true }, where: { tenantId, status: 'active' } })).map((e) => e.id);
  }
  const granted = await em.getRepository(Employee).createQueryBuilder('e').select('e.id', 'id')
    .where('e.tenantId = :tenantId AND e.status = :active AND e.roles LIKE :like', { tenantId, active: 'active', like: `%"${role}"%` })
    .orderBy('e.employeeNo', 'ASC').getRawMany<{ id: string }>();
  const admins = await em.getRepository(AdminUser).find({ where: { tenantId, role: role as AdminUser['role'] } });
  const linkedIds = admins.map((a) => a.employeeId).filter((x): x is string => !!x);
  const linkedNos = admins.filter((a) => !a.employeeId && a.linkEmployeeNo).map((a) => a.linkEmployeeNo!);
  const linked = [
    ...(linkedIds.length ? await em.getRepository(Employee).find({ where: { tenantId, id: In(linkedIds), status: 'active' } }) : []),
    ...(linkedNos.length ? await em.getRepository(Employee).find({ where: { tenantId, employeeNo: In(linkedNos), status: 'active' } }) : []),
  ];
  return [...new Set([...granted.map((g) => g.id), ...linked.map((e) => e.id)])];
}

/**
 * Loads the slice of the org a route needs for one applicant: the manager chain (up to 8 levels), the active
 * departments, their heads, named approvers and role holders (plus HR for the fallback).
 */
export async function loadOrgView(em: EntityManager, tenantId: string, applicantId: string, steps: RouteStep[]): Promise<OrgView> {
  const people = new Map<string, OrgPerson>();
  const employees = em.getRepository(Employee);
  const mainDept = new Map<string, string>();

  const addPeople = async (ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => !people.has(id));
    if (!missing.length) return;
    const rows = await employees.find({ select: { id: true, managerId: true, status: true }, where: { tenantId, id: In(missing) } });
    const memberships = await em.getRepository(EmployeeDepartment).find({ where: { tenantId, employeeId: In(missing) } });
    for (const m of memberships.sort((a, b) => Number(a.isMain) - Number(b.isMain))) mainDept.set(m.employeeId, m.departmentId);
    for (const r of rows) people.set(r.id, { id: r.id, managerId: r.managerId, active: r.status === 'active', mainDepartmentId: mainDept.get(r.id) ?? null });
  };

  await addPeople([applicantId]);
  let cursor = people.get(applicantId);
  for (let i = 0; i < MAX_CHAIN && cursor?.managerId && !people.has(cursor.managerId); i++) {
    await addPeople([cursor.managerId]);
    cursor = people.get(cursor.managerId);
  }

  const depts = await em.getRepository(Department).find({ select: { id: true, parentId: true, headEmployeeId: true }, where: { tenantId, active: true } });
  const departments = new Map(depts.map((d) => [d.id, { id: d.id, parentId: d.parentId, headEmployeeId: d.headEmployeeId }]));

  const rules: ApproverRule[] = steps.map((s) => s.approver);
  const roles = new Set<Role>(['hr', ...rules.filter((r): r is Extract<ApproverRule, { type: 'role' }> => r.type === 'role').map((r) => r.role)]);
  const roleHolders: Partial<Record<Role, string[]>> = {};
  for (const role of roles) roleHolders[role] = await roleHolderIds(em, tenantId, role);

  const named = rules.flatMap((r) => (r.type === 'employees' ? r.employeeIds : []));
  const heads = depts.map((d) => d.headEmployeeId).filter((x): x is string => !!x);
  await addPeople([...named, ...heads, ...Object.values(roleHolders).flat() as string[]]);
  return { people, departments, roleHolders };
}
