import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { ErrorCode, MonthView, TeamTodayRow } from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { AppError } from '../../common/errors/app-error';
import { Employee } from '../org/entities/employee.entity';
import { eachDate } from '../leave/domain/dates';
import { groupBy } from '../../common/group-by';
import { AttendanceCore } from './attendance-core.service';
import { BulkResults } from './bulk-results';
import { CorrectionsService } from './corrections.service';
import { Punch } from './entities';
import { PunchesService } from './punches.service';

/** 我的考勤 (month) and the manager's team today. */
@Injectable()
export class AttendanceViewsService {
  constructor(
    private readonly core: AttendanceCore,
    private readonly punches: PunchesService,
    private readonly corrections: CorrectionsService,
    private readonly bulk: BulkResults,
  ) {}

  /**
   * 我的考勤: the month's days. Someone taken out of every group still sees the days they counted under earlier
   * groups (quota null: no 补卡 without a group); someone never in a group gets ATTENDANCE_NO_GROUP.
   */
  async month(user: SessionUser, month?: string): Promise<MonthView> {
    const me = await this.punches.me(user);
    const g = await this.core.groupOf(user.tenantId, me);
    const countedBefore = async () => !!(await this.core.assignmentHistory(user.tenantId, [me])).get(me)?.some((a) => a.groupId);
    if (!g && !(await countedBefore())) this.punches.needGroup(null);
    const now = await this.core.now(user.tenantId);
    if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new AppError(ErrorCode.VALIDATION_FAILED, '月份必须是 YYYY-MM', { fields: { month: ['月份必须是 YYYY-MM'] } });
    const mo = month ?? now.date.slice(0, 7);
    const days = eachDate(`${mo}-01`, `${mo}-31`).filter((d) => d.startsWith(mo));
    const results = await this.core.results(user.tenantId, me, days[0], days[days.length - 1], g);
    const punches = await this.core.ds.getRepository(Punch).find({ where: { tenantId: user.tenantId, employeeId: me, date: In(days) } });
    const ref = this.core.ref((await this.core.refs(user.tenantId, [me])).get(me), me);
    return {
      month: mo,
      days: await Promise.all(results.map((r) => this.core.dayView(user, r, ref, punches))),
      quota: g ? await this.corrections.quotaOf(g, user.tenantId, me, mo) : null,
    };
  }

  /** Direct and indirect reports (active), walking managerId down from the viewer. */
  async reportsOf(tenantId: string, managerId: string): Promise<Employee[]> {
    const all = await this.core.ds.getRepository(Employee).find({ where: { tenantId, status: 'active' as never }, select: { id: true, name: true, title: true, managerId: true, employeeNo: true } });
    const children = new Map<string, Employee[]>();
    for (const e of all) if (e.managerId) children.set(e.managerId, [...(children.get(e.managerId) ?? []), e]);
    const out: Employee[] = [];
    const seen = new Set<string>([managerId]);
    const queue = [managerId];
    while (queue.length) {
      for (const c of children.get(queue.shift()!) ?? []) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        out.push(c);
        queue.push(c.id);
      }
    }
    return out;
  }

  async teamToday(user: SessionUser): Promise<TeamTodayRow[]> {
    const me = await this.punches.me(user);
    const reports = await this.reportsOf(user.tenantId, me);
    if (!reports.length) return [];
    const now = await this.core.now(user.tenantId);
    // The whole team's day read together (a few statements per 500 people, not several per person); someone in no
    // group today has no result (statuses []).
    const results = new Map((await this.bulk.results(user.tenantId, reports.map((e) => ({ employeeId: e.id, from: now.date })), now.date)).rows
      .map((r) => [r.employeeId, r]));
    const punches = groupBy(await this.core.ds.getRepository(Punch).find({ where: { tenantId: user.tenantId, date: now.date, employeeId: In(reports.map((r) => r.id)) } }),
      (p) => p.employeeId);
    const rows: TeamTodayRow[] = [];
    for (const e of reports) {
      const r = results.get(e.id);
      const own = (punches.get(e.id) ?? []).sort((a, b) => +new Date(a.at) - +new Date(b.at));
      const ins = own.filter((p) => p.kind === 'in');
      const outs = own.filter((p) => p.kind === 'out');
      const statuses = r?.statuses ?? [];
      rows.push({
        employee: { id: e.id, name: e.name, title: e.title }, statuses,
        firstIn: ins.length ? new Date(ins[0].at).toISOString() : null, lastOut: outs.length ? new Date(outs[outs.length - 1].at).toISOString() : null,
        onLeave: statuses.includes('leave'), field: own.some((p) => p.source === 'field'),
      });
    }
    return rows;
  }
}
