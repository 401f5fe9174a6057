import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import {
  AttendanceGroupView, DailyResultView, DayStatus, ErrorCode, MonthlyReportRow, Page, RecomputeGroupResult, SiteView,
} from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import { pageParams, toPage } from '../../common/pagination';
import { FieldService } from '../field/field.service';
import { LeaveType, OvertimeRequest } from '../leave/entities';
import { Department } from '../org/entities/department.entity';
import { EmployeeDepartment } from '../org/entities/employee-department.entity';
import { Employee } from '../org/entities/employee.entity';
import { AttendanceCore, Segment } from './attendance-core.service';
import { BulkResults, employedFrom } from './bulk-results';
import { diffDays, eachDate } from '../leave/domain/dates';
import { groupBy } from '../../common/group-by';
import { normalizeBssid } from './domain/geo';
import { countsFrom } from './domain/membership';
import type { AdminDailyQueryDto, RecomputeGroupDto, UpsertGroupDto, UpsertSiteDto } from './dto/attendance.dto';
import { AttendanceAssignment, AttendanceGroup, AttendanceGroupMember, AttendanceSite, DailyResult, Punch } from './entities';

const ANOMALIES: DayStatus[] = ['late', 'serious_late', 'early', 'missing_in', 'missing_out', 'absent'];
const MAX_RANGE_DAYS = 62;

/** HR: groups + members, sites, daily results, anomalies, monthly report + export. */
@Injectable()
export class AdminAttendanceService {
  constructor(private readonly core: AttendanceCore, private readonly bulk: BulkResults, private readonly audit: AuditService, private readonly field: FieldService) {}

  // ------------------------------------------------------------------ groups

  async groups(user: SessionUser): Promise<AttendanceGroupView[]> {
    const rows = await this.core.ds.getRepository(AttendanceGroup).find({ where: { tenantId: user.tenantId }, order: { createdAt: 'ASC' } });
    return this.groupViews(user.tenantId, rows);
  }

  async group(user: SessionUser, id: string): Promise<AttendanceGroupView> {
    return (await this.groupViews(user.tenantId, [await this.requireGroup(user.tenantId, id)]))[0];
  }

  private async requireGroup(tenantId: string, id: string): Promise<AttendanceGroup> {
    const g = /^[0-9a-f-]{36}$/i.test(id) ? await this.core.ds.getRepository(AttendanceGroup).findOneBy({ tenantId, id }) : null;
    if (!g) throw AppError.notFound('考勤组');
    return g;
  }

  private validateGroup(dto: UpsertGroupDto): void {
    const fields: Record<string, string[]> = {};
    if (dto.kind === 'fixed') {
      const s = dto.shift;
      if (!s) fields.shift = ['固定班制须设置上下班时间'];
      else {
        if (s.start >= s.end) fields['shift.end'] = ['下班时间须晚于上班时间'];
        if (!!s.lunchStart !== !!s.lunchEnd || (s.lunchStart && s.lunchEnd && (s.lunchStart >= s.lunchEnd || s.lunchStart < s.start || s.lunchEnd > s.end))) {
          fields['shift.lunchStart'] = ['午休须在上下班时间之内，且开始早于结束'];
        }
        if (s.seriousLateMinutes < s.graceMinutes) fields['shift.seriousLateMinutes'] = ['严重迟到阈值不能小于弹性时间'];
        if (s.absentAfterMinutes < s.seriousLateMinutes) fields['shift.absentAfterMinutes'] = ['旷工阈值不能小于严重迟到阈值'];
      }
    } else if (!dto.free) fields.free = ['自由工时须设置每日最少工作时长'];
    if (dto.effectiveFrom !== undefined && !isRealDate(dto.effectiveFrom)) fields.effectiveFrom = ['生效日期必须是 YYYY-MM-DD 的有效日期'];
    if (Object.keys(fields).length) throw new AppError(ErrorCode.VALIDATION_FAILED, Object.values(fields).flat()[0], { fields });
  }

  async createGroup(user: SessionUser, dto: UpsertGroupDto): Promise<AttendanceGroupView> {
    this.validateGroup(dto);
    const id = newId();
    await this.core.tx.run(async (m) => {
      const now = new Date();
      // Default: today in the tenant's zone by the attendance clock (tests that pin the clock get that date).
      const effectiveFrom = dto.effectiveFrom ?? (await this.core.now(user.tenantId, m)).date;
      await m.insert(AttendanceGroup, m.create(AttendanceGroup, { id, tenantId: user.tenantId, ...this.groupFields(dto), effectiveFrom, createdAt: now, updatedAt: now }) as never);
      await this.setMembers(m, user.tenantId, id, dto);
      // The group's members count from its first day (so creating a group dated back covers them); anyone else whose
      // group changed (none today) from today.
      const today = (await this.core.now(user.tenantId, m)).date;
      await this.core.reconcileAssignments(m, user.tenantId, (g) => (g === id ? effectiveFrom : today));
      await this.audit.record(user, 'attendance-group.create', { type: 'attendance_group', id }, { name: dto.name }, m);
    });
    this.core.invalidate();
    return this.group(user, id);
  }

  async updateGroup(user: SessionUser, id: string, dto: UpsertGroupDto): Promise<AttendanceGroupView> {
    this.validateGroup(dto);
    const before = await this.requireGroup(user.tenantId, id);
    const fields = this.groupFields(dto);
    const rulesChanged = ruleKey(before) !== ruleKey(fields);
    await this.core.tx.run(async (m) => {
      const effectiveFrom = dto.effectiveFrom !== undefined ? { effectiveFrom: dto.effectiveFrom } : {};
      await m.update(AttendanceGroup, { id, tenantId: user.tenantId }, { ...fields, ...effectiveFrom, updatedAt: new Date() } as never);
      // New shift / kind / free hours / thresholds: today (provisional anyway) is recomputed with them on the next read;
      // past days keep the rules they were computed with until HR asks for 重新计算 (recompute below).
      if (rulesChanged || dto.effectiveFrom !== undefined) await this.core.clearingResults(m, user.tenantId);
      if (rulesChanged) {
        const today = (await this.core.now(user.tenantId, m)).date;
        await m.createQueryBuilder().delete().from(DailyResult)
          .where('tenantId = :t AND groupId = :g AND date >= :d', { t: user.tenantId, g: id, d: today }).execute();
      }
      // Stored results of this group before its (new) first day are not results any more; moving it earlier needs
      // nothing here: the missing days are computed on the next read.
      if (dto.effectiveFrom !== undefined) {
        await m.createQueryBuilder().delete().from(DailyResult)
          .where('tenantId = :t AND groupId = :g AND date < :d', { t: user.tenantId, g: id, d: dto.effectiveFrom }).execute();
      }
      // Dated back: the people who have been in the group since its first day count from the new first day.
      if (dto.effectiveFrom !== undefined && dto.effectiveFrom < before.effectiveFrom) {
        await this.moveStart(m, user.tenantId, id, before.effectiveFrom, dto.effectiveFrom);
      }
      await this.setMembers(m, user.tenantId, id, dto);
      // Members added or moved (here or out of this group) count under their new group from today.
      await this.core.reconcileAssignments(m, user.tenantId);
      await this.audit.record(user, 'attendance-group.update', { type: 'attendance_group', id }, { name: dto.name, rulesChanged }, m);
    });
    this.core.invalidate();
    return this.group(user, id);
  }

  async deleteGroup(user: SessionUser, id: string): Promise<void> {
    await this.requireGroup(user.tenantId, id);
    await this.core.tx.run(async (m) => {
      await m.delete(AttendanceGroupMember, { tenantId: user.tenantId, groupId: id });
      await m.delete(AttendanceSite, { tenantId: user.tenantId, groupId: id });
      await m.delete(AttendanceGroup, { tenantId: user.tenantId, id });
      await this.core.reconcileAssignments(m, user.tenantId);
      await this.audit.record(user, 'attendance-group.delete', { type: 'attendance_group', id }, null, m);
    });
    this.core.invalidate();
  }

  /**
   * 重新计算: deletes the group's stored results of from..to in one transaction (audited); every read afterwards
   * recomputes those days with the group's current rules and calendar. Range: real dates, from ≤ to, ≤ 62 days, not
   * after today (tenant-local), not before the group's effectiveFrom.
   */
  async recompute(user: SessionUser, id: string, dto: RecomputeGroupDto): Promise<RecomputeGroupResult> {
    const g = await this.requireGroup(user.tenantId, id);
    const today = (await this.core.now(user.tenantId)).date;
    const fields: Record<string, string[]> = {};
    const add = (f: string, msg: string) => { (fields[f] ??= []).push(msg); };
    if (!isRealDate(dto.from)) add('from', '开始日期不是有效日期');
    if (!isRealDate(dto.to)) add('to', '结束日期不是有效日期');
    if (!Object.keys(fields).length) {
      if (dto.from > dto.to) add('to', '结束日期不能早于开始日期');
      else if (diffDays(dto.from, dto.to) + 1 > MAX_RANGE_DAYS) add('to', `重新计算的范围须在 ${MAX_RANGE_DAYS} 天以内`);
      if (dto.to > today) add('to', `不能重新计算未来的日期（今天是 ${today}）`);
      if (dto.from < g.effectiveFrom) add('from', `开始日期不能早于考勤组生效日期 ${g.effectiveFrom}`);
    }
    if (Object.keys(fields).length) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, Object.values(fields).flat()[0], { fields, max: MAX_RANGE_DAYS, today, effectiveFrom: g.effectiveFrom });
    }
    const tenantId = user.tenantId;
    const range = 'tenantId = :t AND groupId = :g AND date >= :f AND date <= :to';
    const params = { t: tenantId, g: id, f: dto.from, to: dto.to };
    const active = await this.core.ds.getRepository(Employee).find({ where: { tenantId, status: 'active' as never }, select: { id: true } });
    const members = [...(await this.core.groupIds(tenantId, active.map((e) => e.id))).entries()].filter(([, gid]) => gid === id).map(([e]) => e);
    // A member's rows stored under another group are cleared only from the day they count under this one (before it
    // they are their history, which this group cannot compute).
    const startOf = new Map<string, string[]>();
    for (const e of members) {
      const r = await this.core.groupOf(tenantId, e);
      const start = r ? countsFrom(dto.from, r.since) : dto.from;
      startOf.set(start, [...(startOf.get(start) ?? []), e]);
    }
    const result = await this.core.tx.run(async (m) => {
      // The group's rows, and its current members' rows stored under a group they were in before: all are
      // recomputed under this group on the next read.
      const rows = m.getRepository(DailyResult);
      await this.core.clearingResults(m, user.tenantId);
      const stored = await rows.createQueryBuilder('r').select('r.employeeId', 'employeeId')
        .where('r.tenantId = :t AND r.groupId = :g AND r.date >= :f AND r.date <= :to', params).getRawMany<{ employeeId: string }>();
      await m.createQueryBuilder().delete().from(DailyResult).where(range, params).execute();
      let moved = 0;
      for (const [start, ids] of startOf) {
        for (let i = 0; i < ids.length; i += 500) {
          const res = await m.createQueryBuilder().delete().from(DailyResult)
            .where('tenantId = :t AND date >= :f AND date <= :to AND employeeId IN (:...ids)', { ...params, f: start, ids: ids.slice(i, i + 500) }).execute();
          moved += Number(res.affected ?? 0);
        }
      }
      const out: RecomputeGroupResult = {
        from: dto.from, to: dto.to, days: eachDate(dto.from, dto.to).length,
        employees: new Set([...members, ...stored.map((r) => r.employeeId)]).size, cleared: stored.length + moved,
      };
      await this.audit.record(user, 'attendance-group.recompute', { type: 'attendance_group', id }, { name: g.name, ...out }, m);
      return out;
    });
    this.core.invalidate();
    return result;
  }

  /**
   * The group's first day moved earlier: assignments to it that started on or before the old first day (the person was
   * there from the start) start on the new one; the person's other rows in between give way.
   */
  private async moveStart(m: EntityManager, tenantId: string, groupId: string, oldFrom: string, newFrom: string): Promise<void> {
    const rows = await m.getRepository(AttendanceAssignment).findBy({ tenantId, groupId, fromDate: LessThanOrEqual(oldFrom) });
    for (const r of rows) {
      if (r.fromDate <= newFrom) continue;
      await m.createQueryBuilder().delete().from(AttendanceAssignment)
        .where('tenantId = :t AND employeeId = :e AND fromDate >= :f AND fromDate < :to', { t: tenantId, e: r.employeeId, f: newFrom, to: r.fromDate }).execute();
      await m.update(AttendanceAssignment, { id: r.id }, { fromDate: newFrom, updatedAt: new Date() } as never);
    }
  }

  private groupFields(dto: UpsertGroupDto) {
    return {
      name: dto.name.trim(), kind: dto.kind, shift: dto.kind === 'fixed' ? { ...dto.shift!, lunchStart: dto.shift!.lunchStart ?? null, lunchEnd: dto.shift!.lunchEnd ?? null } : null,
      free: dto.kind === 'free' ? { minHours: dto.free!.minHours } : null, allowField: dto.allowField, fieldRemarkRequired: dto.fieldRemarkRequired,
      fieldPhotoRequired: dto.fieldPhotoRequired, correction: { monthlyCap: dto.correction.monthlyCap, daysBack: dto.correction.daysBack, anomalies: [...new Set(dto.correction.anomalies)] },
    };
  }

  /** Members of this group = exactly these; a department or person in another group moves here (one group per member). */
  private async setMembers(m: import('typeorm').EntityManager, tenantId: string, groupId: string, dto: UpsertGroupDto): Promise<void> {
    const deptIds = [...new Set(dto.departmentIds)];
    const empIds = [...new Set(dto.employeeIds)];
    const depts = deptIds.length ? await m.getRepository(Department).countBy({ tenantId, id: In(deptIds) }) : 0;
    const emps = empIds.length ? await m.getRepository(Employee).countBy({ tenantId, id: In(empIds) }) : 0;
    const fields: Record<string, string[]> = {};
    if (depts !== deptIds.length) fields.departmentIds = ['部门不存在'];
    if (emps !== empIds.length) fields.employeeIds = ['员工不存在'];
    if (Object.keys(fields).length) throw new AppError(ErrorCode.VALIDATION_FAILED, Object.values(fields).flat()[0], { fields });
    await m.delete(AttendanceGroupMember, { tenantId, groupId });
    if (deptIds.length) await m.delete(AttendanceGroupMember, { tenantId, memberType: 'department', memberId: In(deptIds) });
    if (empIds.length) await m.delete(AttendanceGroupMember, { tenantId, memberType: 'employee', memberId: In(empIds) });
    const now = new Date();
    const rows = [
      ...deptIds.map((memberId) => ({ id: newId(), tenantId, groupId, memberType: 'department' as const, memberId, createdAt: now, updatedAt: now })),
      ...empIds.map((memberId) => ({ id: newId(), tenantId, groupId, memberType: 'employee' as const, memberId, createdAt: now, updatedAt: now })),
    ];
    if (rows.length) await m.insert(AttendanceGroupMember, rows as never);
  }

  private async groupViews(tenantId: string, groups: AttendanceGroup[]): Promise<AttendanceGroupView[]> {
    if (!groups.length) return [];
    const ids = groups.map((g) => g.id);
    const members = await this.core.ds.getRepository(AttendanceGroupMember).findBy({ tenantId, groupId: In(ids) });
    const sites = await this.core.ds.getRepository(AttendanceSite).find({ where: { tenantId, groupId: In(ids) }, order: { createdAt: 'ASC' } });
    const deptIds = members.filter((x) => x.memberType === 'department').map((x) => x.memberId);
    const depts = new Map((deptIds.length ? await this.core.ds.getRepository(Department).findBy({ tenantId, id: In(deptIds) }) : []).map((d) => [d.id, d]));
    const people = await this.core.refs(tenantId, members.filter((x) => x.memberType === 'employee').map((x) => x.memberId));
    const active = await this.core.ds.getRepository(Employee).find({ where: { tenantId, status: 'active' as never }, select: { id: true } });
    const of = await this.core.groupIds(tenantId, active.map((e) => e.id));
    const counts = new Map<string, number>();
    for (const g of of.values()) counts.set(g, (counts.get(g) ?? 0) + 1);
    return groups.map((g) => ({
      id: g.id, name: g.name, kind: g.kind, shift: g.shift, free: g.free,
      departments: members.filter((x) => x.groupId === g.id && x.memberType === 'department').map((x) => ({ id: x.memberId, name: depts.get(x.memberId)?.name ?? '已删除的部门' })),
      employees: members.filter((x) => x.groupId === g.id && x.memberType === 'employee').map((x) => this.core.ref(people.get(x.memberId), x.memberId)),
      sites: sites.filter((s) => s.groupId === g.id).map((s) => this.core.siteView(s)),
      allowField: g.allowField, fieldRemarkRequired: g.fieldRemarkRequired, fieldPhotoRequired: g.fieldPhotoRequired, correction: g.correction,
      memberCount: counts.get(g.id) ?? 0, effectiveFrom: g.effectiveFrom,
    }));
  }

  // ------------------------------------------------------------------ sites

  async sites(user: SessionUser, groupId: string): Promise<SiteView[]> {
    await this.requireGroup(user.tenantId, groupId);
    const rows = await this.core.ds.getRepository(AttendanceSite).find({ where: { tenantId: user.tenantId, groupId }, order: { createdAt: 'ASC' } });
    return rows.map((s) => this.core.siteView(s));
  }

  private siteFields(dto: UpsertSiteDto) {
    const wifi = dto.wifi.map((w) => ({ ssid: w.ssid.trim(), bssid: normalizeBssid(w.bssid)! }));
    return { name: dto.name.trim(), address: dto.address?.trim() || null, latitude: dto.latitude, longitude: dto.longitude, radiusMeters: dto.radiusMeters, wifi };
  }

  async createSite(user: SessionUser, groupId: string, dto: UpsertSiteDto): Promise<SiteView> {
    await this.requireGroup(user.tenantId, groupId);
    const now = new Date();
    const row = this.core.ds.getRepository(AttendanceSite).create({ id: newId(), tenantId: user.tenantId, groupId, ...this.siteFields(dto), createdAt: now, updatedAt: now });
    await this.core.tx.run(async (m) => {
      await m.insert(AttendanceSite, row as never);
      await this.audit.record(user, 'attendance-site.create', { type: 'attendance_site', id: row.id }, { groupId, name: row.name }, m);
    });
    this.core.invalidate();
    return this.core.siteView(row);
  }

  async updateSite(user: SessionUser, groupId: string, siteId: string, dto: UpsertSiteDto): Promise<SiteView> {
    const site = await this.requireSite(user.tenantId, groupId, siteId);
    await this.core.tx.run(async (m) => {
      await m.update(AttendanceSite, { id: site.id }, { ...this.siteFields(dto), updatedAt: new Date() } as never);
      await this.audit.record(user, 'attendance-site.update', { type: 'attendance_site', id: site.id }, { groupId }, m);
    });
    this.core.invalidate();
    return this.core.siteView(await this.requireSite(user.tenantId, groupId, siteId));
  }

  async deleteSite(user: SessionUser, groupId: string, siteId: string): Promise<void> {
    const site = await this.requireSite(user.tenantId, groupId, siteId);
    await this.core.tx.run(async (m) => {
      await m.delete(AttendanceSite, { id: site.id });
      await this.audit.record(user, 'attendance-site.delete', { type: 'attendance_site', id: site.id }, { groupId }, m);
    });
    this.core.invalidate();
  }

  private async requireSite(tenantId: string, groupId: string, siteId: string): Promise<AttendanceSite> {
    const s = /^[0-9a-f-]{36}$/i.test(siteId) ? await this.core.ds.getRepository(AttendanceSite).findOneBy({ tenantId, groupId, id: siteId }) : null;
    if (!s) throw AppError.notFound('打卡地点');
    return s;
  }

  // ------------------------------------------------------------------ daily results

  /** Employees in scope (department incl. sub-departments, or one person), active or left during the range. */
  private async scope(tenantId: string, departmentId?: string, employeeId?: string): Promise<Employee[]> {
    const repo = this.core.ds.getRepository(Employee);
    if (employeeId) return repo.find({ where: { tenantId, id: employeeId } });
    if (!departmentId) return repo.find({ where: { tenantId }, order: { employeeNo: 'ASC' } });
    const all = await this.core.ds.getRepository(Department).find({ where: { tenantId }, select: { id: true, parentId: true } });
    const ids = new Set([departmentId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const d of all) if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) { ids.add(d.id); grew = true; }
    }
    const links = await this.core.ds.getRepository(EmployeeDepartment).findBy({ tenantId, departmentId: In([...ids]) });
    const empIds = [...new Set(links.map((l) => l.employeeId))];
    return empIds.length ? repo.find({ where: { tenantId, id: In(empIds) }, order: { employeeNo: 'ASC' } }) : [];
  }

  private checkRange(from: string, to: string, max = MAX_RANGE_DAYS): void {
    // Counted, not listed: a range of centuries must not build millions of dates before it is refused.
    if (from > to || diffDays(from, to) + 1 > max) throw new AppError(ErrorCode.VALIDATION_FAILED, `日期范围须在 ${max} 天以内，且开始不晚于结束`, { fields: { to: [`日期范围须在 ${max} 天以内`] }, max });
  }

  async daily(user: SessionUser, q: AdminDailyQueryDto, anomaliesOnly = false): Promise<Page<DailyResultView>> {
    this.checkRange(q.from, q.to);
    const people = await this.scope(user.tenantId, q.departmentId, q.employeeId);
    const byId = new Map(people.map((p) => [p.id, p]));
    const no = (id: string) => byId.get(id)?.employeeNo ?? '';
    const order = (a: DailyResult, b: DailyResult) => b.date.localeCompare(a.date) || no(a.employeeId).localeCompare(no(b.employeeId)) || a.employeeId.localeCompare(b.employeeId);
    const matches = (r: DailyResult) => (!q.status || r.statuses.includes(q.status)) && (!anomaliesOnly || r.statuses.some((s) => ANOMALIES.includes(s)));
    const p = pageParams(q);
    const upTo = p.skip + p.take;
    // Counted as they come; only the rows that can still be on the page are kept (a month of 20,000 people is
    // ~450,000 rows: kept whole, one request held hundreds of MB).
    let kept: DailyResult[] = [];
    let total = 0;
    await this.bulk.eachCounted(user.tenantId, people, q.from, q.to, async ({ rows }) => {
      for (const r of rows) {
        if (!matches(r)) continue;
        total++;
        kept.push(r);
      }
      if (kept.length > 2 * upTo) kept = kept.sort(order).slice(0, upTo);
    });
    const page = kept.sort(order).slice(p.skip, upTo);
    const punches = page.length ? await this.core.ds.getRepository(Punch).find({
      where: { tenantId: user.tenantId, employeeId: In([...new Set(page.map((r) => r.employeeId))]), date: In([...new Set(page.map((r) => r.date))]) },
    }) : [];
    const items = await Promise.all(page.map((r) => this.core.dayView(user, r, this.core.ref(byId.get(r.employeeId), r.employeeId), punches)));
    return toPage(items, total, p);
  }

  // ------------------------------------------------------------------ monthly report

  async report(user: SessionUser, month: string, departmentId?: string): Promise<MonthlyReportRow[]> {
    const tenantId = user.tenantId;
    const days = eachDate(`${month}-01`, `${month}-31`).filter((d) => d.startsWith(month));
    const from = days[0];
    const to = days[days.length - 1];
    const people = employedFrom(await this.scope(tenantId, departmentId), from);
    const cal = await this.core.calendar(tenantId);
    // 应出勤天数: the month's working days the person counts under a group (from the hire date, the group's
    // effectiveFrom and the day they joined it; earlier groups for the days before).
    const workdaysIn = (segs: Segment[] = []) => days.filter((d) => cal.isWorkingDay(d) && segs.some((s) => d >= s.from && d <= s.to)).length;
    // Tenant-wide reads for the month; per person reads 500 people at a time, with their results (BulkResults.each:
    // a big tenant's month is never held in memory at once).
    const depts = new Map((await this.core.ds.getRepository(Department).findBy({ tenantId })).map((d) => [d.id, d]));
    const types = new Map((await this.core.ds.getRepository(LeaveType).findBy({ tenantId })).map((t) => [t.id, t]));
    const overtime = groupBy(await this.core.ds.getRepository(OvertimeRequest).createQueryBuilder('o')
      .where('o.tenantId = :t AND o.status = :s AND o.date >= :f AND o.date <= :to', { t: tenantId, s: 'approved', f: from, to }).getMany(), (o) => o.employeeId);
    const checkins = await this.field.fieldDaysByEmployee(tenantId, from, to);
    const byId = new Map(people.map((m) => [m.id, m]));
    const out: MonthlyReportRow[] = [];
    // Everyone who counts under a group for some day of the month, 500 at a time (a big tenant's month is never in memory at once).
    await this.bulk.eachCounted(tenantId, people, from, to, async (part) => {
      const ids = part.people.map((p) => p.employeeId);
      const fieldPunches = await this.core.fieldPunchDays(tenantId, ids, from, to);
      const links = groupBy(await this.core.departmentLinks(tenantId, ids), (l) => l.employeeId);
      const leaveOf = await this.core.leave.onLeaveDaysOf(tenantId, ids, from, to);
      const resultsOf = groupBy(part.rows, (r) => r.employeeId);
      for (const id of ids) {
        const e = byId.get(id)!;
        const mine = resultsOf.get(e.id) ?? [];
        const leaveDays: Record<string, number> = {};
        for (const l of leaveOf.get(e.id) ?? []) {
          const t = types.get(l.leaveTypeId);
          const name = t?.name ?? '其他';
          const days = l.unit === 'hour' ? l.amount / Number(t?.hoursPerDay || 8) : l.amount;
          leaveDays[name] = Math.round(((leaveDays[name] ?? 0) + days) * 1000) / 1000;
        }
        const has = (r: DailyResult, s: DayStatus) => r.statuses.includes(s);
        out.push({
          employee: {
            id: e.id, name: e.name, title: e.title, employeeNo: e.employeeNo,
            departments: [...links.get(e.id) ?? []].sort((a, b) => Number(b.isMain) - Number(a.isMain)).map((l) => ({ id: l.departmentId, name: depts.get(l.departmentId)?.name ?? '' })),
          },
          month, workdays: workdaysIn(part.segments.get(e.id)),
          // A day counts as worked when the person punched for it (not rest, absent or a whole day of leave).
          daysWorked: mine.filter((r) => !has(r, 'rest') && !has(r, 'absent') && !(r.statuses.length === 1 && has(r, 'leave')) && !(has(r, 'missing_in') && has(r, 'missing_out'))).length,
          lateCount: mine.filter((r) => has(r, 'late') || has(r, 'serious_late')).length,
          lateMinutes: mine.reduce((a, r) => a + (has(r, 'late') || has(r, 'serious_late') ? r.lateMinutes : 0), 0),
          seriousLateCount: mine.filter((r) => has(r, 'serious_late')).length,
          earlyCount: mine.filter((r) => has(r, 'early')).length,
          earlyMinutes: mine.reduce((a, r) => a + (has(r, 'early') ? r.earlyMinutes : 0), 0),
          missingCount: mine.reduce((a, r) => a + (has(r, 'missing_in') ? 1 : 0) + (has(r, 'missing_out') ? 1 : 0), 0),
          absentDays: mine.reduce((a, r) => a + (has(r, 'absent') ? (r.workedMinutes > 0 || r.lateMinutes > 0 || r.earlyMinutes > 0 ? 0.5 : 1) : 0), 0),
          leaveDays,
          overtimeHours: (overtime.get(e.id) ?? []).reduce((a, o) => a + Number(o.hours), 0),
          // 外勤 days: a field punch or a 外勤签到 check-in on the date.
          fieldDays: new Set([...(fieldPunches.get(e.id) ?? []), ...checkins.get(e.id) ?? []]).size,
        });
      }
    });
    return out;
  }

  async exportReport(user: SessionUser, month: string, departmentId?: string): Promise<Buffer> {
    const rows = await this.report(user, month, departmentId);
    const typeNames = [...new Set(rows.flatMap((r) => Object.keys(r.leaveDays)))].sort();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(`考勤月报 ${month}`);
    ws.addRow(['工号', '姓名', '部门', '职位', '月份', '应出勤天数', '出勤天数', '迟到次数', '迟到分钟', '严重迟到次数', '早退次数', '早退分钟', '缺卡次数', '旷工天数',
      ...typeNames.map((n) => `${n}（天）`), '加班时长（小时）', '外勤天数']);
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      ws.addRow([r.employee.employeeNo ?? '', r.employee.name, r.employee.departments.map((d) => d.name).join('、'), r.employee.title ?? '', r.month, r.workdays, r.daysWorked,
        r.lateCount, r.lateMinutes, r.seriousLateCount, r.earlyCount, r.earlyMinutes, r.missingCount, r.absentDays, ...typeNames.map((n) => r.leaveDays[n] ?? 0),
        r.overtimeHours, r.fieldDays]);
    }
    ws.columns.forEach((c) => { c.width = 12; });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

/** The rules a stored result was computed with (kind, shift incl. thresholds, free hours), key order fixed. */
function ruleKey(g: Pick<AttendanceGroup, 'kind' | 'shift' | 'free'>): string {
  const s = g.kind === 'fixed' ? g.shift : null;
  return JSON.stringify([g.kind, s && [s.start, s.end, s.lunchStart ?? null, s.lunchEnd ?? null, s.graceMinutes, s.seriousLateMinutes, s.absentAfterMinutes],
    g.kind === 'free' && g.free ? Number(g.free.minHours) : null]);
}

/** A real calendar date in YYYY-MM-DD (the DTO checks the shape; this rejects 2026-02-30). */
function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(+d) && d.toISOString().slice(0, 10) === s;
}
