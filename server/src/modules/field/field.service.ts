import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, QueryFailedError } from 'typeorm';
import { ErrorCode } from '@hrlink/shared';
import type { FieldCheckinInput, FieldCheckinView, Page, PageQuery } from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import type { SessionUser } from '../../common/auth/auth.types';
import { pageParams, toPage } from '../../common/pagination';
import { Department } from '../org/entities/department.entity';
import { Employee } from '../org/entities/employee.entity';
import { Tenant } from '../tenants/tenant.entity';
import { FilesService } from '../files/files.service';
import { FieldCheckin } from './entities/field-checkin.entity';

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * 外勤签到 (field check-ins): records with GPS, address, customer and photos; the employee's own list, the manager's
 * team list (direct and indirect reports), HR's filtered list. `fieldDaysByEmployee` feeds the monthly report.
 */
@Injectable()
export class FieldService {
  constructor(
    private readonly ds: DataSource,
    private readonly files: FilesService,
  ) {}

  async create(user: SessionUser, input: FieldCheckinInput): Promise<FieldCheckinView> {
    const me = this.employeeOnly(user);
    const repo = this.ds.getRepository(FieldCheckin);
    const earlier = await repo.findOneBy({ tenantId: user.tenantId, employeeId: me, idempotencyKey: input.idempotencyKey });
    if (earlier) return (await this.views(user, [earlier]))[0];
    await this.files.assertOwned(user.tenantId, me, input.photoFileIds);
    const at = new Date();
    const row = repo.create({
      tenantId: user.tenantId, employeeId: me, idempotencyKey: input.idempotencyKey, at, date: localDate(at, await this.timeZone(user.tenantId)),
      latitude: round(input.latitude, 7), longitude: round(input.longitude, 7), accuracy: round(input.accuracy, 2),
      address: input.address.trim(), customerName: input.customerName.trim(), remark: input.remark?.trim() || null,
      photoFileIds: [...new Set(input.photoFileIds)],
    });
    try {
      await repo.insert(row);
    } catch (err) {
      // A concurrent retry with the same key won the unique index: answer with the stored one.
      if (!(err instanceof QueryFailedError)) throw err;
      const stored = await repo.findOneBy({ tenantId: user.tenantId, employeeId: me, idempotencyKey: input.idempotencyKey });
      if (!stored) throw err;
      return (await this.views(user, [stored]))[0];
    }
    return (await this.views(user, [row]))[0];
  }

  async mine(user: SessionUser, q: PageQuery): Promise<Page<FieldCheckinView>> {
    const me = this.employeeOnly(user);
    const p = pageParams(q);
    const [rows, total] = await this.ds.getRepository(FieldCheckin).findAndCount({
      where: { tenantId: user.tenantId, employeeId: me }, order: { at: 'DESC', id: 'ASC' }, skip: p.skip, take: p.take,
    });
    return toPage(await this.views(user, rows), total, p);
  }

  /** The manager's direct and indirect reports' check-ins on one local date (default today), newest first. */
  async team(user: SessionUser, date?: string): Promise<FieldCheckinView[]> {
    const me = this.employeeOnly(user);
    const day = date ?? localDate(new Date(), await this.timeZone(user.tenantId));
    const reports = await this.reportsOf(user.tenantId, me);
    if (!reports.length) return [];
    const rows = await this.ds.getRepository(FieldCheckin).find({
      where: { tenantId: user.tenantId, date: day, employeeId: In(reports) }, order: { at: 'DESC', id: 'ASC' }, take: 1000,
    });
    return this.views(user, rows);
  }

  /** HR: date range (inclusive, local dates), department (with sub-departments), employee; newest first. */
  async adminList(user: SessionUser, q: PageQuery & { from: string; to: string; departmentId?: string; employeeId?: string }): Promise<Page<FieldCheckinView>> {
    if (q.from > q.to) throw new AppError(ErrorCode.VALIDATION_FAILED, '开始日期不能晚于结束日期', { fields: { from: ['开始日期不能晚于结束日期'] } });
    const p = pageParams(q);
    const qb = this.ds.getRepository(FieldCheckin).createQueryBuilder('f')
      .where('f.tenantId = :tid AND f.date >= :from AND f.date <= :to', { tid: user.tenantId, from: q.from, to: q.to });
    if (q.employeeId) qb.andWhere('f.employeeId = :eid', { eid: q.employeeId });
    if (q.departmentId) {
      const depts = await this.subtree(user.tenantId, q.departmentId);
      if (!depts.length) throw AppError.notFound('部门');
      qb.andWhere(new Brackets((w) => w.where(
        'f.employeeId IN (SELECT ed.employeeId FROM employee_departments ed WHERE ed.tenantId = :tid AND ed.departmentId IN (:...depts))', { depts },
      )));
    }
    qb.orderBy('f.at', 'DESC').addOrderBy('f.id', 'ASC').skip(p.skip).take(p.take);
    const [rows, total] = await qb.getManyAndCount();
    return toPage(await this.views(user, rows), total, p);
  }

  /** Each employee's local dates (YYYY-MM-DD) with a field check-in, `from`..`to` inclusive: one query for the tenant. */
  async fieldDaysByEmployee(tenantId: string, from: string, to: string): Promise<Map<string, Set<string>>> {
    const rows = await this.ds.getRepository(FieldCheckin).createQueryBuilder('f')
      .select('f.employeeId', 'employeeId').addSelect('f.date', 'date').distinct(true)
      .where('f.tenantId = :tenantId AND f.date >= :from AND f.date <= :to', { tenantId, from, to })
      .getRawMany<{ employeeId: string; date: string }>();
    const out = new Map<string, Set<string>>();
    for (const r of rows) out.set(r.employeeId, (out.get(r.employeeId) ?? new Set()).add(r.date));
    return out;
  }

  // ------------------------------------------------------------------ helpers

  private employeeOnly(user: SessionUser): string {
    if (user.kind !== 'employee') throw new AppError(ErrorCode.FORBIDDEN, '仅员工可用');
    return user.id;
  }

  private async timeZone(tenantId: string): Promise<string> {
    const t = await this.ds.getRepository(Tenant).findOne({ where: { id: tenantId }, select: { id: true, timeZone: true } });
    return t?.timeZone || 'Asia/Shanghai';
  }

  private async reportsOf(tenantId: string, managerId: string): Promise<string[]> {
    const all = await this.ds.getRepository(Employee).find({ where: { tenantId }, select: { id: true, managerId: true } });
    const byManager = new Map<string, string[]>();
    for (const e of all) if (e.managerId) byManager.set(e.managerId, [...(byManager.get(e.managerId) ?? []), e.id]);
    const out = new Set<string>();
    const stack = [...(byManager.get(managerId) ?? [])];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id) || id === managerId) continue;
      out.add(id);
      stack.push(...(byManager.get(id) ?? []));
    }
    return [...out];
  }

  private async subtree(tenantId: string, rootId: string): Promise<string[]> {
    const depts = await this.ds.getRepository(Department).find({ where: { tenantId }, select: { id: true, parentId: true } });
    if (!depts.some((d) => d.id === rootId)) return [];
    const children = new Map<string, string[]>();
    for (const d of depts) if (d.parentId) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
    const out = new Set<string>();
    const stack = [rootId];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return [...out];
  }

  private async views(viewer: SessionUser, rows: FieldCheckin[]): Promise<FieldCheckinView[]> {
    if (!rows.length) return [];
    const ids = [...new Set(rows.map((r) => r.employeeId))];
    const people = await this.ds.getRepository(Employee).find({ where: { tenantId: viewer.tenantId, id: In(ids) }, select: { id: true, name: true, title: true } });
    const byId = new Map(people.map((e) => [e.id, e]));
    const chains = new Map<string, string[]>();
    const out: FieldCheckinView[] = [];
    for (const r of rows) {
      const e = byId.get(r.employeeId);
      out.push({
        id: r.id,
        employee: { id: r.employeeId, name: e?.name ?? '', title: e?.title ?? null },
        at: new Date(r.at).toISOString(),
        latitude: r.latitude, longitude: r.longitude, accuracy: r.accuracy,
        address: r.address, customerName: r.customerName, remark: r.remark,
        photoUrls: await this.files.urlsFor(viewer, r.employeeId, r.photoFileIds, chains),
      });
    }
    return out;
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
