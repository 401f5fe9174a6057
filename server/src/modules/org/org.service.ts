import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In } from 'typeorm';
import {
  DepartmentNode, DepartmentRef, EmployeeDetail, EmployeeListItem, EmployeeProfile, EmployeeRef, maskMobile, Page, Platform,
  Role,
} from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import { Transactions } from '../../database/transactions';
import { AuditService } from '../../common/audit/audit.service';
import type { SessionUser } from '../../common/auth/auth.types';
import { iso } from '../../common/dates';
import { pageParams, toPage } from '../../common/pagination';
import { Tenant } from '../tenants/tenant.entity';
import { Department } from './entities/department.entity';
import { EmployeeDepartment } from './entities/employee-department.entity';
import { EmployeeIdentity } from './entities/employee-identity.entity';
import { Employee } from './entities/employee.entity';
import { EmployeeListQueryDto, UpdateEmployeeDto } from './dto/org.dto';

const PLATFORM_ORDER: Platform[] = ['dingtalk', 'wecom', 'feishu'];

/** Every employee is `employee`; HR grants hr / admin on top. */
export const employeeRoles = (e: Pick<Employee, 'roles'>): Role[] => ['employee', ...(e.roles ?? []).filter((r) => r !== 'employee')];

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

@Injectable()
export class OrgService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  // ----- departments -----

  private async activeDepartments(tenantId: string): Promise<Department[]> {
    return this.ds.getRepository(Department).find({ where: { tenantId, active: true }, order: { order: 'ASC', name: 'ASC' } });
  }

  private async memberCounts(tenantId: string): Promise<Map<string, number>> {
    const rows = await this.ds
      .getRepository(EmployeeDepartment)
      .createQueryBuilder('ed')
      .innerJoin(Employee, 'e', 'e.id = ed.employeeId')
      .select('ed.departmentId', 'departmentId')
      .addSelect('COUNT(*)', 'n')
      .where('ed.tenantId = :tenantId AND e.status = :active', { tenantId, active: 'active' })
      .groupBy('ed.departmentId')
      .getRawMany<{ departmentId: string; n: string | number }>();
    return new Map(rows.map((r) => [r.departmentId, Number(r.n)]));
  }

  private buildNodes(depts: Department[], counts: Map<string, number>): Map<string, DepartmentNode> {
    const nodes = new Map<string, DepartmentNode>();
    for (const d of depts) {
      nodes.set(d.id, {
        id: d.id, name: d.name, parentId: d.parentId, order: d.order, headEmployeeId: d.headEmployeeId,
        memberCount: counts.get(d.id) ?? 0, children: [],
      });
    }
    for (const d of depts) {
      const parent = d.parentId ? nodes.get(d.parentId) : undefined;
      if (parent) parent.children.push(nodes.get(d.id)!);
    }
    return nodes;
  }

  /** The active department forest of the tenant (roots: no parent or an inactive one). */
  async departmentTree(user: SessionUser): Promise<DepartmentNode[]> {
    const depts = await this.activeDepartments(user.tenantId);
    const nodes = this.buildNodes(depts, await this.memberCounts(user.tenantId));
    return depts.filter((d) => !d.parentId || !nodes.has(d.parentId)).map((d) => nodes.get(d.id)!);
  }

  async department(user: SessionUser, id: string): Promise<DepartmentNode> {
    const dept = isUuid(id) ? await this.ds.getRepository(Department).findOneBy({ id, tenantId: user.tenantId }) : null;
    if (!dept) throw AppError.notFound('部门');
    const depts = await this.activeDepartments(user.tenantId);
    const nodes = this.buildNodes(dept.active ? depts : [...depts, dept], await this.memberCounts(user.tenantId));
    return nodes.get(dept.id)!;
  }

  /** The department and all its active descendants. */
  private async subtreeIds(tenantId: string, rootId: string): Promise<string[]> {
    const depts = await this.activeDepartments(tenantId);
    const children = new Map<string, string[]>();
    for (const d of depts) if (d.parentId) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
    const out: string[] = [];
    const stack = [rootId];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.includes(id)) continue;
      out.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return out;
  }

  // ----- employees -----

  async listEmployees(user: SessionUser, q: EmployeeListQueryDto): Promise<Page<EmployeeListItem>> {
    const p = pageParams(q);
    const qb = this.ds.getRepository(Employee).createQueryBuilder('e').where('e.tenantId = :tid', { tid: user.tenantId });
    if (q.status) qb.andWhere('e.status = :status', { status: q.status });
    if (q.q?.trim()) {
      const like = `%${q.q.trim().replace(/[!%_]/g, (c) => '!' + c)}%`;
      qb.andWhere(new Brackets((w) => w.where("e.name LIKE :like ESCAPE '!'", { like }).orWhere("e.employeeNo LIKE :like ESCAPE '!'", { like })));
    }
    if (q.departmentId) {
      const dept = isUuid(q.departmentId)
        ? await this.ds.getRepository(Department).findOneBy({ id: q.departmentId, tenantId: user.tenantId })
        : null;
      if (!dept) throw AppError.notFound('部门');
      const ids = q.includeChildren === false ? [dept.id] : await this.subtreeIds(user.tenantId, dept.id);
      qb.andWhere(
        `e.id IN (SELECT ed.employeeId FROM employee_departments ed WHERE ed.tenantId = :tid AND ed.departmentId IN (:...deptIds))`,
        { deptIds: ids },
      );
    }
    qb.orderBy('e.employeeNo', 'ASC').addOrderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC').skip(p.skip).take(p.take);
    const [rows, total] = await qb.getManyAndCount();
    return toPage(await this.toListItems(user.tenantId, rows), total, p);
  }

  private async findEmployee(tenantId: string, id: string): Promise<Employee> {
    const e = isUuid(id) ? await this.ds.getRepository(Employee).findOneBy({ id, tenantId }) : null;
    if (!e) throw AppError.notFound('员工');
    return e;
  }

  /**
   * HR / admin, the person and anyone above them in the manager chain see the whole record; other colleagues see
   * what a colleague needs (name, title, departments, manager, reports) — no dates, platform identities or roles.
   */
  async employeeDetail(user: SessionUser, id: string): Promise<EmployeeDetail> {
    const e = await this.findEmployee(user.tenantId, id);
    const full = await this.detail(user.tenantId, e);
    if (await this.seesFullRecord(user, e)) return full;
    return { ...full, hireDate: null, firstWorkDate: null, roles: ['employee'], identities: [], leftAt: null };
  }

  private async seesFullRecord(user: SessionUser, e: Employee): Promise<boolean> {
    if (user.kind === 'admin' || user.roles.includes('hr') || user.roles.includes('admin')) return true;
    if (user.id === e.id) return true;
    // Walk up the subject's manager chain (bounded: org charts are shallow; the bound stops cycles).
    let managerId = e.managerId;
    for (let depth = 0; managerId && depth < 20; depth++) {
      if (managerId === user.id) return true;
      const m = await this.ds.getRepository(Employee).findOne({ where: { tenantId: user.tenantId, id: managerId }, select: { id: true, managerId: true } });
      managerId = m?.managerId ?? null;
    }
    return false;
  }

  async updateEmployee(user: SessionUser, id: string, dto: UpdateEmployeeDto): Promise<EmployeeDetail> {
    const e = await this.findEmployee(user.tenantId, id);
    const before = { hireDate: e.hireDate, firstWorkDate: e.firstWorkDate, roles: e.roles };
    if (dto.hireDate !== undefined) e.hireDate = dto.hireDate;
    if (dto.firstWorkDate !== undefined) e.firstWorkDate = dto.firstWorkDate;
    if (dto.roles !== undefined) e.roles = dto.roles.filter((r) => r !== 'employee');
    await this.tx.run(async (m) => {
      await m.save(e);
      await this.audit.record(user, 'employee.update', { type: 'employee', id: e.id }, { before, after: dto }, m);
    });
    return this.detail(user.tenantId, e);
  }

  // ----- mapping -----

  private async refs(tenantId: string, employees: Employee[]) {
    const ids = employees.map((e) => e.id);
    const managerIds = [...new Set(employees.map((e) => e.managerId).filter((x): x is string => !!x))];
    const [memberships, identities, managers] = await Promise.all([
      ids.length ? this.ds.getRepository(EmployeeDepartment).find({ where: { tenantId, employeeId: In(ids) } }) : [],
      ids.length ? this.ds.getRepository(EmployeeIdentity).find({ where: { tenantId, employeeId: In(ids) } }) : [],
      managerIds.length ? this.ds.getRepository(Employee).find({ where: { tenantId, id: In(managerIds) } }) : [],
    ]);
    const deptIds = [...new Set(memberships.map((m) => m.departmentId))];
    const depts = deptIds.length ? await this.ds.getRepository(Department).find({ where: { tenantId, id: In(deptIds) } }) : [];
    const deptById = new Map(depts.map((d) => [d.id, d]));
    const managerById = new Map(managers.map((m) => [m.id, m]));
    const departmentsOf = (employeeId: string): DepartmentRef[] =>
      memberships
        .filter((m) => m.employeeId === employeeId && deptById.get(m.departmentId)?.active)
        .sort((a, b) => Number(b.isMain) - Number(a.isMain))
        .map((m) => ({ id: m.departmentId, name: deptById.get(m.departmentId)!.name }));
    const managerOf = (e: Employee): EmployeeRef | null => {
      const m = e.managerId ? managerById.get(e.managerId) : undefined;
      return m ? { id: m.id, name: m.name, title: m.title } : null;
    };
    const identitiesOf = (employeeId: string) => identities.filter((i) => i.employeeId === employeeId);
    return { departmentsOf, managerOf, identitiesOf };
  }

  private async toListItems(tenantId: string, employees: Employee[]): Promise<EmployeeListItem[]> {
    const r = await this.refs(tenantId, employees);
    return employees.map((e) => this.listItem(e, r));
  }

  private listItem(e: Employee, r: Awaited<ReturnType<OrgService['refs']>>): EmployeeListItem {
    const platforms = new Set(r.identitiesOf(e.id).map((i) => i.platform));
    return {
      id: e.id, name: e.name, employeeNo: e.employeeNo, title: e.title, mobileMasked: maskMobile(e.mobile),
      departments: r.departmentsOf(e.id), manager: r.managerOf(e), status: e.status,
      platforms: PLATFORM_ORDER.filter((p) => platforms.has(p)),
    };
  }

  private async detail(tenantId: string, e: Employee): Promise<EmployeeDetail> {
    const r = await this.refs(tenantId, [e]);
    const reports = await this.ds.getRepository(Employee).find({
      where: { tenantId, managerId: e.id, status: 'active' }, order: { employeeNo: 'ASC', name: 'ASC' },
    });
    return {
      ...this.listItem(e, r),
      hireDate: e.hireDate, firstWorkDate: e.firstWorkDate, roles: employeeRoles(e),
      identities: r.identitiesOf(e.id).map((i) => ({ platform: i.platform, platformUserId: i.platformUserId, unionId: i.unionId, openId: i.openId })),
      reports: reports.map((x) => ({ id: x.id, name: x.name, title: x.title })),
      leftAt: iso(e.leftAt), createdAt: iso(e.createdAt)!, updatedAt: iso(e.updatedAt)!,
    };
  }

  /** What the mini-program shows as "me". */
  async profile(tenantId: string, employeeId: string, platform: Platform | null): Promise<EmployeeProfile> {
    const e = await this.findEmployee(tenantId, employeeId);
    const tenant = await this.ds.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    const r = await this.refs(tenantId, [e]);
    const [reports, heads] = await Promise.all([
      this.ds.getRepository(Employee).countBy({ tenantId, managerId: e.id, status: 'active' }),
      this.ds.getRepository(Department).countBy({ tenantId, headEmployeeId: e.id, active: true }),
    ]);
    return {
      id: e.id, name: e.name, employeeNo: e.employeeNo, title: e.title, tenantId, tenantName: tenant.name,
      departments: r.departmentsOf(e.id), manager: r.managerOf(e), roles: employeeRoles(e), platform,
      isManager: reports + heads > 0,
    };
  }
}
