import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { DailyResultView, EmployeeRef, PunchView, SiteView } from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { newId as newRowId } from '../../common/ids';
import { Coalescer } from '../../common/batching/coalescer';
import { groupBy } from '../../common/group-by';
import { TtlCache } from '../../common/ttl-cache';
import { FastRows } from '../../database/fast-rows';
import { Transactions } from '../../database/transactions';
import { whenTransactionEnds } from '../../database/transaction-end';
import { FilesService } from '../files/files.service';
import { LeaveCore } from '../leave/leave-core.service';
import { LeaveDay, LeaveService } from '../leave/leave.service';
import type { WorkCalendar } from '../leave/domain/calendar';
import { addDays } from '../leave/domain/dates';
import { Department } from '../org/entities/department.entity';
import { EmployeeDepartment } from '../org/entities/employee-department.entity';
import { Employee } from '../org/entities/employee.entity';
import { AttendanceClock } from './attendance-clock';
import { DirtyDays } from './dirty-days';
import { computeDay, DayOutcome } from './domain/daily';
import { planDays } from './domain/day-plan';
import { addLinkedGroups, countsFrom } from './domain/membership';
import { localParts } from './domain/time';
import { AttendanceAssignment, AttendanceGroup, AttendanceGroupMember, AttendanceSite, DailyResult, Punch } from './entities';

interface TenantStructure {
  byEmployee: Map<string, string>;
  byDept: Map<string, string>;
  parents: Map<string, string | null>;
}

/** What a day's view shows of its result. */
export type DayFigures = Pick<DailyResult, 'statuses' | 'lateMinutes' | 'earlyMinutes' | 'workedMinutes' | 'leaveDays' | 'provisional'>;

/** A day with no result yet: nothing to say, not final. */
export const NO_FIGURES: DayFigures = { statuses: [], lateMinutes: 0, earlyMinutes: 0, workedMinutes: 0, leaveDays: 0, provisional: true };

export interface ResolvedGroup {
  group: AttendanceGroup;
  sites: AttendanceSite[];
  /** The person's assignment to this group starts here (attendance_assignments); set by groupOf, per person. */
  since?: string;
}

/** A range of a person's days counted under one group (null: a group deleted since — its stored rows only). */
export interface Segment { from: string; to: string; group: ResolvedGroup | null }


const CACHE_MS = 30_000;

/**
 * Shared plumbing: group resolution (person first, then the department chain; cached briefly per employee), the
 * tenant's time zone and calendar (the leave module's WorkCalendar incl. 调休), computing and storing daily results,
 * and views.
 */
@Injectable()
export class AttendanceCore {
  private readonly groups = new TtlCache<string, ResolvedGroup | null>(CACHE_MS);
  private readonly logger = new Logger(AttendanceCore.name);
  private readonly structures = new TtlCache<string, TenantStructure>(CACHE_MS);
  private resultRows?: FastRows<DailyResult>;
  private punchRows?: FastRows<Punch>;
  private assignmentRows?: FastRows<AttendanceAssignment>;
  private linkRows?: FastRows<EmployeeDepartment>;
  private readonly groupLoads = new Coalescer<{ tenantId: string; employeeId: string }, ResolvedGroup | null>((keys) => this.groupsOf(keys), 4, 200);
  private readonly byGroupId = new TtlCache<string, ResolvedGroup | null>(CACHE_MS);
  private readonly zones = new TtlCache<string, string>(CACHE_MS);
  private readonly calendars = new TtlCache<string, WorkCalendar>(CACHE_MS);

  constructor(
    readonly ds: DataSource,
    readonly tx: Transactions,
    private readonly leaveCore: LeaveCore,
    readonly leave: LeaveService,
    private readonly files: FilesService,
    readonly clock: AttendanceClock,
    readonly dirty: DirtyDays,
  ) {}

  /**
   * Drop cached look-ups (after HR edits groups, members, sites, the calendar or the tenant's zone); a look-up already
   * under way is answered but not remembered (TtlCache).
   */
  invalidate(): void {
    this.groups.clear();
    this.structures.clear();
    this.byGroupId.clear();
    this.zones.clear();
    this.calendars.clear();
  }

  // Every look-up below takes the caller's EntityManager: inside a transaction it MUST run on the transaction's
  // connection — a second connection from the pool per open transaction exhausts the pool under load (MySQL) and
  // hangs the server.

  async timeZone(tenantId: string, m: EntityManager = this.ds.manager): Promise<string> {
    return this.zones.get(tenantId, () => this.leaveCore.timeZone(m, tenantId));
  }

  async calendar(tenantId: string, m: EntityManager = this.ds.manager): Promise<WorkCalendar> {
    return this.calendars.get(tenantId, () => this.leaveCore.calendar(m, tenantId));
  }

  /** The local date and minutes of now in the tenant's zone. */
  async now(tenantId: string, m: EntityManager = this.ds.manager): Promise<{ at: Date; date: string; minutes: number; tz: string }> {
    const tz = await this.timeZone(tenantId, m);
    const at = this.clock.now();
    return { at, tz, ...localParts(at, tz) };
  }

  /**
   * The group of one employee with their assignment's start (`since`; cached 30 s). When the resolved group differs
   * from the person's latest assignment (a move nobody recorded, e.g. a department change in the org sync), a new
   * assignment is recorded from today. Outside a unit of work, look-ups arriving together (a morning's clock-in
   * queue) share their reads (`groupsOf`).
   */
  async groupOf(tenantId: string, employeeId: string, m: EntityManager = this.ds.manager): Promise<ResolvedGroup | null> {
    const c = this.groups.peek(`${tenantId}:${employeeId}`);
    if (c) return c.value;
    if (m === this.ds.manager) return this.groupLoads.push({ tenantId, employeeId });
    return (await this.resolveGroups(tenantId, [employeeId], m)).get(employeeId) ?? null;
  }

  /** groupOf for many people (HR's lists): remembered ones from the cache, the others read 500 at a time. */
  async groupsOfMany(tenantId: string, employeeIds: string[]): Promise<Map<string, ResolvedGroup | null>> {
    const out = new Map<string, ResolvedGroup | null>();
    const rest: string[] = [];
    for (const id of new Set(employeeIds)) {
      const c = this.groups.peek(`${tenantId}:${id}`);
      if (c) out.set(id, c.value);
      else rest.push(id);
    }
    for (let i = 0; i < rest.length; i += 500) {
      for (const [id, g] of await this.resolveGroups(tenantId, rest.slice(i, i + 500), this.ds.manager)) out.set(id, g);
    }
    return out;
  }

  private async groupsOf(keys: { tenantId: string; employeeId: string }[]): Promise<(ResolvedGroup | null)[]> {
    const out = new Map<string, ResolvedGroup | null>();
    for (const [tenantId, list] of groupBy(keys, (k) => k.tenantId)) {
      const got = await this.resolveGroups(tenantId, [...new Set(list.map((k) => k.employeeId))], this.ds.manager);
      for (const [id, g] of got) out.set(`${tenantId}:${id}`, g);
    }
    return keys.map((k) => out.get(`${k.tenantId}:${k.employeeId}`) ?? null);
  }

  /** groupOf for several people: one read of their department links and one of their latest assignments. */
  private async resolveGroups(tenantId: string, employeeIds: string[], m: EntityManager): Promise<Map<string, ResolvedGroup | null>> {
    const mark = this.groups.mark();
    // Two independent reads: side by side outside a unit of work (two pooled connections on MySQL).
    const [ids, latest] = m === this.ds.manager
      ? await Promise.all([this.groupIds(tenantId, employeeIds, m), this.latestAssignments(tenantId, employeeIds, m)])
      : [await this.groupIds(tenantId, employeeIds, m), await this.latestAssignments(tenantId, employeeIds, m)];
    const resolved = new Map<string, { shared: ResolvedGroup | null; since?: string }>();
    const moved: string[] = [];
    for (const employeeId of employeeIds) {
      const gid = ids.get(employeeId) ?? null;
      const shared = gid ? await this.cachedGroup(tenantId, gid, m) : null;
      const last = latest.get(employeeId);
      resolved.set(employeeId, { shared, since: last?.fromDate });
      if ((last?.groupId ?? null) !== (shared ? gid : null)) moved.push(employeeId);
    }
    const unsure = new Set<string>();
    if (moved.length && m === this.ds.manager) {
      // Checked and recorded in a unit of work of its own (atomic on MySQL; queued, not joined to another request's, on SQLite).
      const now = await this.tx.run((w) => this.recordMoves(w, tenantId, moved));
      for (const [id, { groupId, since }] of now) resolved.set(id, { shared: groupId ? await this.cachedGroup(tenantId, groupId, m) : null, since });
    } else if (moved.length) {
      // Inside the caller's unit of work its reads may be a snapshot older than a move HR has just committed (MySQL):
      // the check and the record wait until that unit of work ends; meanwhile the move is taken as from today, and
      // not remembered.
      const today = (await this.now(tenantId, m)).date;
      for (const id of moved) {
        resolved.get(id)!.since = today;
        unsure.add(id);
      }
      whenTransactionEnds(m, () => void this.tx.run((w) => this.recordMoves(w, tenantId, moved)).then(() => this.groups.delete(moved.map((id) => `${tenantId}:${id}`)))
        .catch((err) => this.logger.warn({ err: (err as Error).message, tenantId }, 'recording attendance group moves failed; the next look-up retries')));
    }
    const out = new Map<string, ResolvedGroup | null>();
    for (const [employeeId, { shared, since }] of resolved) {
      const value = shared ? { ...shared, since } : null;
      if (!unsure.has(employeeId)) this.groups.set(`${tenantId}:${employeeId}`, value, mark);
      out.set(employeeId, value);
    }
    return out;
  }

  /**
   * Records the moves resolveGroups saw after checking them again (reconcileAssignments for those people, with fresh
   * reads in this unit of work): what it compared may straddle a change HR has just committed (the tenant's structure
   * is cached until HR's invalidate(), the assignment rows are read fresh), and recording a "move" from that would
   * undo HR's. On MySQL the people's assignment rows are locked first, so a change to them still under way is waited
   * for and then seen. Answers each person's group and assignment start as they now are.
   */
  private async recordMoves(m: EntityManager, tenantId: string, employeeIds: string[]): Promise<Map<string, { groupId: string | null; since?: string }>> {
    if (this.ds.options.type !== 'better-sqlite3') {
      // First statement of its own unit of work (resolveGroups): the reads below see what was committed before it.
      await m.getRepository(AttendanceAssignment).createQueryBuilder('a').select('a.id')
        .where('a.tenantId = :t AND a.employeeId IN (:...ids)', { t: tenantId, ids: employeeIds }).setLock('pessimistic_write').getMany();
    }
    await this.reconcileAssignments(m, tenantId, undefined, employeeIds);
    const latest = await this.latestAssignments(tenantId, employeeIds, m);
    return new Map(employeeIds.map((id) => [id, { groupId: latest.get(id)?.groupId ?? null, since: latest.get(id)?.fromDate }]));
  }

  /** Each person's latest assignment (by fromDate), if any. */
  private async latestAssignments(tenantId: string, employeeIds: string[], m: EntityManager): Promise<Map<string, Pick<AttendanceAssignment, 'groupId' | 'fromDate'>>> {
    const rows = (this.assignmentRows ??= new FastRows(this.ds, AttendanceAssignment));
    const out = new Map<string, Pick<AttendanceAssignment, 'groupId' | 'fromDate'>>();
    for (const a of await rows.selectIn(m, ['employeeId', 'groupId', 'fromDate'], 'employeeId', employeeIds, `${rows.col('tenantId')} = ?`, [tenantId])) {
      const seen = out.get(a.employeeId);
      if (!seen || a.fromDate > seen.fromDate) out.set(a.employeeId, a);
    }
    return out;
  }

  /**
   * Records assignments: each person counts under the group (null = none) from `from(groupId)`; their rows from that
   * date on are replaced (a second change on one day wins).
   */
  async assign(m: EntityManager, tenantId: string, to: Map<string, string | null>, from: (groupId: string | null) => string): Promise<void> {
    const now = new Date();
    for (const [employeeId, groupId] of to) {
      const fromDate = from(groupId);
      await m.createQueryBuilder().delete().from(AttendanceAssignment)
        .where('tenantId = :t AND employeeId = :e AND fromDate >= :d', { t: tenantId, e: employeeId, d: fromDate }).execute();
      // Upsert: two requests recording the same move at once must not fail on the unique (tenant, employee, fromDate).
      await m.createQueryBuilder().insert().into(AttendanceAssignment)
        .values({ id: newRowId(), tenantId, employeeId, groupId, fromDate, createdAt: now, updatedAt: now } as never)
        .orUpdate(['groupId', 'updatedAt'], ['tenantId', 'employeeId', 'fromDate']).execute();
    }
  }

  /**
   * After membership changes (in the change's transaction, or after an org change): everyone (or the given people)
   * whose resolved group (read fresh on `m`) differs from their latest assignment gets a new one from `from(groupId)`
   * (default: today).
   */
  async reconcileAssignments(m: EntityManager, tenantId: string, from?: (groupId: string | null) => string, employeeIds?: string[]): Promise<number> {
    const today = (await this.now(tenantId, m)).date;
    const people = employeeIds ?? (await m.getRepository(Employee).find({ where: { tenantId }, select: { id: true } })).map((p) => p.id);
    const resolved = await this.groupIds(tenantId, people, m, true);
    const latest = new Map<string, string | null>();
    if (employeeIds) for (const [id, a] of await this.latestAssignments(tenantId, employeeIds, m)) latest.set(id, a.groupId);
    else for (const a of await m.getRepository(AttendanceAssignment).find({ where: { tenantId }, order: { fromDate: 'ASC' } })) latest.set(a.employeeId, a.groupId);
    const changed = new Map<string, string | null>();
    for (const id of people) {
      const gid = resolved.get(id) ?? null;
      if (gid !== (latest.get(id) ?? null)) changed.set(id, gid);
    }
    await this.assign(m, tenantId, changed, from ?? (() => today));
    return changed.size;
  }

  /** A group with its sites by id (cached 30 s, dropped by invalidate()). */
  async cachedGroup(tenantId: string, groupId: string, m: EntityManager = this.ds.manager): Promise<ResolvedGroup | null> {
    return this.byGroupId.get(`${tenantId}:${groupId}`, () => this.loadGroup(tenantId, groupId, m));
  }

  async loadGroup(tenantId: string, groupId: string, m: EntityManager = this.ds.manager): Promise<ResolvedGroup | null> {
    const group = await m.getRepository(AttendanceGroup).findOneBy({ tenantId, id: groupId });
    if (!group) return null;
    const sites = await m.getRepository(AttendanceSite).find({ where: { tenantId, groupId }, order: { createdAt: 'ASC' } });
    return { group, sites };
  }

  /**
   * The tenant's group memberships and department parents (cached 30 s, dropped by invalidate()): what resolving a
   * person's group needs besides their own department links.
   */
  private async structure(tenantId: string, em: EntityManager, fresh = false): Promise<TenantStructure> {
    const c = fresh ? undefined : this.structures.peek(tenantId);
    if (c) return c.value;
    const mark = this.structures.mark();
    const members = await em.getRepository(AttendanceGroupMember).findBy({ tenantId });
    const parents = new Map<string, string | null>();
    if (members.some((m) => m.memberType === 'department')) {
      for (const d of await em.getRepository(Department).find({ where: { tenantId }, select: { id: true, parentId: true } })) parents.set(d.id, d.parentId);
    }
    const value: TenantStructure = {
      byEmployee: new Map(members.filter((m) => m.memberType === 'employee').map((m) => [m.memberId, m.groupId])),
      byDept: new Map(members.filter((m) => m.memberType === 'department').map((m) => [m.memberId, m.groupId])),
      parents,
    };
    if (!fresh) this.structures.set(tenantId, value, mark);
    return value;
  }

  /** employeeId → groupId for the given employees: a person's own membership wins, then the nearest department up the chain. */
  async groupIds(tenantId: string, employeeIds: string[], em: EntityManager = this.ds.manager, fresh = false): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!employeeIds.length) return out;
    const { byEmployee, byDept, parents } = await this.structure(tenantId, em, fresh);
    if (!byEmployee.size && !byDept.size) return out;
    const rest: string[] = [];
    for (const id of employeeIds) {
      const g = byEmployee.get(id);
      if (g) out.set(id, g);
      else rest.push(id);
    }
    if (!rest.length || !byDept.size) return out;
    return addLinkedGroups(out, await this.departmentLinks(tenantId, rest, em), byDept, parents);
  }

  /** The people's department links (500 to a statement). */
  async departmentLinks(tenantId: string, employeeIds: string[], m: EntityManager = this.ds.manager): Promise<Pick<EmployeeDepartment, 'employeeId' | 'departmentId' | 'isMain'>[]> {
    const rows = (this.linkRows ??= new FastRows(this.ds, EmployeeDepartment));
    return rows.selectIn(m, ['employeeId', 'departmentId', 'isMain'], 'employeeId', employeeIds, `${rows.col('tenantId')} = ?`, [tenantId]);
  }

  /**
   * Who among the people counts under a group for some day of from..to: a current member, or someone taken out of
   * every group whose assignment history has a group that covered part of the range (their earlier days keep
   * counting; a person taken out long before the range is not listed).
   */
  async countedPeople(tenantId: string, employeeIds: string[], from: string, to: string): Promise<Set<string>> {
    const out = new Set((await this.groupIds(tenantId, employeeIds)).keys());
    const rest = employeeIds.filter((id) => !out.has(id));
    if (!rest.length) return out;
    for (const [id, rows] of await this.assignmentHistory(tenantId, rest)) {
      if ((await this.segmentsOf(tenantId, from, to, null, rows)).length) out.add(id);
    }
    return out;
  }

  // ------------------------------------------------------------------ results

  /**
   * Whether the group applies on the date for the person: from the later of its effectiveFrom and the person's
   * assignment start (`since`). THE one date filter — every result (evaluate, recompute, results, and through them the
   * month view, daily / anomaly lists, team today, report, 补卡) goes through it, so days before a group existed or
   * before the person joined it get no result at all rather than 旷工.
   */
  static applies(resolved: ResolvedGroup, date: string): boolean {
    return date >= countsFrom(resolved.group.effectiveFrom, resolved.since);
  }

  /** Outcomes of the dates (up to today, from the group's effectiveFrom) without storing them. */
  async evaluate(m: EntityManager, tenantId: string, employeeId: string, dates: string[], resolved: ResolvedGroup,
    preloaded?: { punches?: Punch[]; leave?: LeaveDay[] }): Promise<Map<string, DayOutcome>> {
    const now = await this.now(tenantId, m);
    const todo = [...new Set(dates)].filter((d) => d <= now.date && AttendanceCore.applies(resolved, d)).sort();
    const out = new Map<string, DayOutcome>();
    if (!todo.length) return out;
    const cal = await this.calendar(tenantId, m);
    const punches = preloaded?.punches ?? await m.getRepository(Punch).find({ where: { tenantId, employeeId, date: In(todo) } });
    const leave = preloaded?.leave ?? await this.leave.onLeaveDays(tenantId, employeeId, todo[0], todo[todo.length - 1], m);
    for (const date of todo) out.set(date, this.outcome(resolved, cal, now, date, punches, leave)!);
    return out;
  }

  /**
   * Outcomes of many people's days, each under its own group (null where a day has no result): one read of their
   * punches and one of their leave over the days' span, 500 people to a statement, outside any unit of work (the
   * results writer and HR's lists). `evaluate` is the same for one person inside a unit of work.
   */
  async outcomesOf(tenantId: string, days: { employeeId: string; date: string; group: ResolvedGroup }[]): Promise<(DayOutcome | null)[]> {
    if (!days.length) return [];
    const [now, cal] = [await this.now(tenantId), await this.calendar(tenantId)];
    const from = days.reduce((a, d) => (d.date < a ? d.date : a), days[0].date);
    const to = days.reduce((a, d) => (d.date > a ? d.date : a), days[0].date);
    const who = [...new Set(days.map((d) => d.employeeId))];
    const rows = (this.punchRows ??= new FastRows(this.ds, Punch));
    // Only what a day's outcome reads.
    const punches = groupBy(await rows.selectIn(this.ds.manager, ['employeeId', 'date', 'at', 'kind', 'source'], 'employeeId', who,
      `${rows.col('tenantId')} = ? AND ${rows.col('date')} >= ? AND ${rows.col('date')} <= ?`, [tenantId, from, to], { index: 'PRIMARY' }), (p) => p.employeeId);
    const leave = new Map<string, LeaveDay[]>();
    for (let i = 0; i < who.length; i += 500) {
      for (const [id, list] of await this.leave.onLeaveDaysOf(tenantId, who.slice(i, i + 500), from, to)) leave.set(id, list);
    }
    return days.map((d) => this.outcome(d.group, cal, now, d.date, punches.get(d.employeeId) ?? [], leave.get(d.employeeId) ?? []));
  }

  /** The dates with a field punch (外勤打卡) of each person in from..to (on MySQL a range of the clustered key per person). */
  async fieldPunchDays(tenantId: string, employeeIds: string[], from: string, to: string): Promise<Map<string, string[]>> {
    const rows = (this.punchRows ??= new FastRows(this.ds, Punch));
    const out = new Map<string, string[]>();
    for (const p of await rows.selectIn(this.ds.manager, ['employeeId', 'date'], 'employeeId', employeeIds,
      `${rows.col('tenantId')} = ? AND ${rows.col('date')} >= ? AND ${rows.col('date')} <= ? AND ${rows.col('source')} = ?`, [tenantId, from, to, 'field'], { index: 'PRIMARY' })) {
      (out.get(p.employeeId) ?? out.set(p.employeeId, []).get(p.employeeId)!).push(p.date);
    }
    return out;
  }

  /**
   * One day's outcome from the given punches and leave (any dates; only the day's are used), in memory.
   * null for a future day or one before the group's effectiveFrom.
   */
  outcome(resolved: ResolvedGroup, cal: WorkCalendar, now: { date: string; minutes: number; tz: string }, date: string,
    punches: Pick<Punch, 'date' | 'at' | 'kind' | 'source'>[], leave: LeaveDay[]): DayOutcome | null {
    if (date > now.date || !AttendanceCore.applies(resolved, date)) return null;
    const g = resolved.group;
    return computeDay({
      workday: cal.isWorkingDay(date), kind: g.kind, shift: g.shift, free: g.free, leave: leave.filter((l) => l.date === date),
      punches: punches.filter((p) => p.date === date).map((p) => ({ minutes: localParts(p.at, now.tz).minutes, kind: p.kind, source: p.source })),
      nowMinutes: date === now.date ? now.minutes : null,
    });
  }

  /** The stored row for an outcome (not yet written). */
  resultRow(tenantId: string, employeeId: string, date: string, groupId: string, o: DayOutcome, at: Date): DailyResult {
    return Object.assign(new DailyResult(), {
      id: newRowId(), tenantId, employeeId, date, groupId, statuses: o.statuses, lateMinutes: o.lateMinutes, earlyMinutes: o.earlyMinutes,
      workedMinutes: o.workedMinutes, leaveDays: o.leaveDays, provisional: o.provisional, computedAt: at, createdAt: at, updatedAt: at,
    });
  }

  /**
   * The tenant's results epoch (ResultEpoch). Read it BEFORE the reads whose results you will store. A tenant without
   * a row gets one (epoch 0): a shared-locked read of a missing key would lock a gap spanning other tenants' keys.
   */
  async resultEpoch(m: EntityManager, tenantId: string): Promise<number> {
    const epoch = await this.readEpoch(m, tenantId, false);
    if (epoch !== null) return epoch;
    await (m.queryRunner?.isTransactionActive ? this.moveEpoch(m, tenantId, 0) : this.writeAlone((w) => this.moveEpoch(w, tenantId, 0)));
    // 0 even if another process created it first and it has moved on since: a store from this read is then refused.
    return 0;
  }

  /**
   * The tenant's stored results are about to be cleared by this unit of work: call it in the transaction, before the
   * DELETE. Results computed from reads made before its commit are then not stored (storeResults). On MySQL the row
   * lock taken here waits for stores under way and holds back new ones in the tenant until the commit.
   */
  async clearingResults(m: EntityManager, tenantId: string): Promise<void> {
    await this.moveEpoch(m, tenantId, 1);
  }

  /**
   * Stores results computed from reads made after `epoch` was read (resultEpoch) — unless the tenant's results were
   * cleared since: then those days' stored rows are removed instead (they may be as old as the computed ones — e.g.
   * a day whose 补卡 or punch is newer), the next read computes them, and false is answered. The epoch is re-read with
   * a shared lock in the same transaction, so a clearing unit of work either commits first (its new epoch is seen) or
   * waits for this store and then deletes what it stored.
   */
  async storeResults(m: EntityManager, tenantId: string, rows: DailyResult[], epoch: number): Promise<boolean> {
    if (!rows.length) return true;
    const q = (x: string) => this.ds.driver.escape(x);
    const store = async (w: EntityManager) => {
      if (((await this.readEpoch(w, tenantId, true)) ?? 0) === epoch) {
        await this.upsertResults(w, rows);
        return true;
      }
      for (let i = 0; i < rows.length; i += 200) {
        const part = rows.slice(i, i + 200);
        await w.query(`DELETE FROM ${q('attendance_daily_results')} WHERE ${q('tenantId')} = ? AND (${part.map(() => `(${q('employeeId')} = ? AND ${q('date')} = ?)`).join(' OR ')})`,
          [tenantId, ...part.flatMap((r) => [r.employeeId, r.date])]);
      }
      return false;
    };
    return m.queryRunner?.isTransactionActive ? store(m) : this.tx.run(store);
  }

  /** The tenant's epoch, or null without a row; `shared`: MySQL's shared lock on it until the transaction ends. */
  private async readEpoch(m: EntityManager, tenantId: string, shared: boolean): Promise<number | null> {
    const q = (x: string) => this.ds.driver.escape(x);
    const lock = shared && this.ds.options.type !== 'better-sqlite3' ? ' LOCK IN SHARE MODE' : '';
    const [row] = await m.query(`SELECT ${q('epoch')} AS ${q('epoch')} FROM ${q('attendance_result_epochs')} WHERE ${q('tenantId')} = ?${lock}`, [tenantId]);
    return row ? Number(row.epoch) : null;
  }

  /** The tenant's epoch row: created at `step` if missing, else moved on by `step` (0: left as it is). */
  private moveEpoch(m: EntityManager, tenantId: string, step: 0 | 1): Promise<unknown> {
    const q = (x: string) => this.ds.driver.escape(x);
    const [t, e] = [q('attendance_result_epochs'), q('epoch')];
    const onConflict = this.ds.options.type === 'better-sqlite3' ? `ON CONFLICT (${q('tenantId')}) DO UPDATE SET` : 'ON DUPLICATE KEY UPDATE';
    return m.query(`INSERT INTO ${t} (${q('tenantId')}, ${e}) VALUES (?, ${step}) ${onConflict} ${e} = ${e} + ${step}`, [tenantId]);
  }

  /**
   * Insert-or-update result rows by (tenant, employee, date), 200 to a statement. `computedAt` is taken before the
   * reads a row was computed from, and a stored row computed later is kept: a read that overlapped a punch cannot
   * overwrite the writer's newer row with its older answer. No epoch check: storeResults is the way in.
   */
  private async upsertResults(m: EntityManager, rows: DailyResult[]): Promise<void> {
    const results = (this.resultRows ??= new FastRows(this.ds, DailyResult));
    for (let i = 0; i < rows.length; i += 200) {
      await results.upsertMany(m, rows.slice(i, i + 200), ['tenantId', 'employeeId', 'date'],
        ['groupId', 'statuses', 'lateMinutes', 'earlyMinutes', 'workedMinutes', 'leaveDays', 'provisional', 'computedAt', 'updatedAt'], 'computedAt');
    }
  }

  /**
   * A write outside any unit of work. On SQLite every query shares one connection, so a write issued while another
   * request's transaction is open would become part of it (and be lost if that one rolls back): it is queued behind
   * the transactions instead. On MySQL it runs on its own pooled connection, autocommitted.
   */
  writeAlone<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.options.type === 'better-sqlite3' ? this.tx.run(work) : work(this.ds.manager);
  }

  /** Computes and stores the results of the dates (up to today); returns the stored rows by date. */
  async recompute(m: EntityManager, tenantId: string, employeeId: string, dates: string[], resolved?: ResolvedGroup | null,
    preloaded?: { punches?: Punch[]; leave?: LeaveDay[] }, opts: { store?: boolean; epoch?: number } = {}): Promise<Map<string, DailyResult>> {
    const g = resolved === undefined ? await this.groupOf(tenantId, employeeId, m) : resolved;
    const rows = new Map<string, DailyResult>();
    if (!g) return rows;
    const at = new Date(); // before the reads: see upsertResults
    // Before the reads (see storeResults); a caller that read inputs before calling passes the epoch it read first.
    const epoch = opts.store === false ? 0 : opts.epoch ?? await this.resultEpoch(m, tenantId);
    const outcomes = await this.evaluate(m, tenantId, employeeId, dates, g, preloaded);
    if (!outcomes.size) return rows;
    for (const [date, o] of outcomes) rows.set(date, this.resultRow(tenantId, employeeId, date, g.group.id, o, at));
    if (opts.store !== false) await this.storeResults(m, tenantId, [...rows.values()], epoch);
    return rows;
  }

  /**
   * The person's counted ranges within from..to, newest first: under their current group (if any) from the later of
   * its effectiveFrom and their assignment start, then under each earlier assignment (attendance_assignments) up to
   * the day before the next one (group null = deleted since: its stored rows only). Days in no range have no result.
   * Without a current group (taken out of every group) only the earlier assignments count.
   */
  async segments(tenantId: string, employeeId: string, from: string, to: string, g: ResolvedGroup | null): Promise<Segment[]> {
    const history = g && (!g.since || from >= g.since) ? [] : (await this.assignmentHistory(tenantId, [employeeId])).get(employeeId) ?? [];
    return this.segmentsOf(tenantId, from, to, g, history);
  }

  /** segments from the person's assignment rows (any order; rows from their current `since` on are ignored). */
  async segmentsOf(tenantId: string, from: string, to: string, g: ResolvedGroup | null, history: Pick<AttendanceAssignment, 'groupId' | 'fromDate'>[]): Promise<Segment[]> {
    const out: Segment[] = [];
    if (g) {
      const start = countsFrom(g.group.effectiveFrom, g.since);
      if (start <= to) out.push({ from: start > from ? start : from, to, group: g });
      if (!g.since || from >= g.since) return out;
    }
    const until = g?.since;
    let end = until && addDays(until, -1) < to ? addDays(until, -1) : to;
    const earlier = history.filter((a) => !until || a.fromDate < until).sort((a, b) => b.fromDate.localeCompare(a.fromDate));
    for (const a of earlier) {
      if (end < from) break;
      if (a.groupId) {
        const shared = await this.cachedGroup(tenantId, a.groupId);
        const first = shared ? countsFrom(shared.group.effectiveFrom, a.fromDate) : a.fromDate;
        const segFrom = first > from ? first : from;
        if (segFrom <= end) out.push({ from: segFrom, to: end, group: shared ? { ...shared, since: a.fromDate } : null });
      }
      const before = addDays(a.fromDate, -1);
      if (before < end) end = before;
    }
    return out;
  }

  /** Every assignment row of the people (500 to a statement), by person. */
  async assignmentHistory(tenantId: string, employeeIds: string[]): Promise<Map<string, Pick<AttendanceAssignment, 'groupId' | 'fromDate'>[]>> {
    const rows = (this.assignmentRows ??= new FastRows(this.ds, AttendanceAssignment));
    return groupBy(await rows.selectIn(this.ds.manager, ['employeeId', 'groupId', 'fromDate'], 'employeeId', employeeIds, `${rows.col('tenantId')} = ?`, [tenantId]),
      (a) => a.employeeId);
  }

  /** The group a person's date counts under (their current one, or the assignment that covered the date; see segments). */
  async groupOn(tenantId: string, employeeId: string, date: string): Promise<ResolvedGroup | null> {
    const g = await this.groupOf(tenantId, employeeId);
    if (g && AttendanceCore.applies(g, date)) return g;
    return (await this.segments(tenantId, employeeId, date, date, g))[0]?.group ?? null;
  }

  /**
   * Stored results of the range for one person, computing the days that are missing, provisional or stale (leave
   * changes delete the rows of their days): each day under the group the person counted under then (see segments).
   * Future days and days before the person's first counted day are left out. Someone taken out of every group keeps
   * the days they counted under one.
   */
  async results(tenantId: string, employeeId: string, from: string, to: string, resolved?: ResolvedGroup | null): Promise<DailyResult[]> {
    const g = resolved === undefined ? await this.groupOf(tenantId, employeeId) : resolved;
    const now = await this.now(tenantId);
    const last = to < now.date ? to : now.date;
    if (from > last) return [];
    const out: DailyResult[] = [];
    const epoch = await this.resultEpoch(this.ds.manager, tenantId); // before the stored rows and inputs: see storeResults
    for (const seg of await this.segments(tenantId, employeeId, from, last, g)) out.push(...await this.segmentResults(tenantId, employeeId, seg, epoch));
    return out.sort((a, b) => a.date.localeCompare(b.date));
  }

  private async segmentResults(tenantId: string, employeeId: string, seg: Segment, epoch: number): Promise<DailyResult[]> {
    const stored = await this.ds.getRepository(DailyResult).createQueryBuilder('r')
      .where('r.tenantId = :t AND r.employeeId = :e AND r.date >= :f AND r.date <= :l', { t: tenantId, e: employeeId, f: seg.from, l: seg.to }).getMany();
    const { keep, compute } = planDays([seg], new Map(stored.map((r) => [r.date, r])), AttendanceCore.applies, (d) => this.dirty.has(tenantId, employeeId, d));
    if (!compute.length) return keep;
    const g = seg.group!;
    const out = [...keep];
    const store = compute.filter((c) => c.store).map((c) => c.date);
    const queued = compute.filter((c) => !c.store).map((c) => c.date);
    if (store.length) out.push(...(await this.tx.run((m) => this.recompute(m, tenantId, employeeId, store, g, undefined, { epoch }))).values());
    if (queued.length) out.push(...(await this.recompute(this.ds.manager, tenantId, employeeId, queued, g, undefined, { store: false })).values());
    return out;
  }

  // ------------------------------------------------------------------ views

  async refs(tenantId: string, ids: string[]): Promise<Map<string, Employee>> {
    const uniq = [...new Set(ids)];
    if (!uniq.length) return new Map();
    const rows = await this.ds.getRepository(Employee).find({ where: { tenantId, id: In(uniq) } });
    return new Map(rows.map((e) => [e.id, e]));
  }

  ref(e: Employee | undefined, id: string): EmployeeRef {
    return e ? { id: e.id, name: e.name, title: e.title } : { id, name: '未知员工', title: null };
  }

  async punchView(viewer: SessionUser | null, p: Punch): Promise<PunchView> {
    const photoUrls = viewer && p.photoFileIds?.length ? await this.files.urlsFor(viewer, p.employeeId, p.photoFileIds) : [];
    return {
      id: p.id, at: new Date(p.at).toISOString(), kind: p.kind, source: p.source, siteName: p.siteName, distanceMeters: p.distanceMeters,
      latitude: p.latitude, longitude: p.longitude, accuracy: p.accuracy, wifi: p.wifi, flags: p.flags ?? [], remark: p.remark, photoUrls,
    };
  }

  /** A day as the API shows it: its figures (a stored row, or a fresh outcome) and the person's punches of it. */
  async dayView(viewer: SessionUser | null, r: DayFigures & Pick<DailyResult, 'date' | 'employeeId'>, employee: EmployeeRef, punches: Punch[]): Promise<DailyResultView> {
    const own = punches.filter((p) => p.employeeId === r.employeeId && p.date === r.date).sort((a, b) => +new Date(a.at) - +new Date(b.at));
    return {
      date: r.date, employee, statuses: r.statuses, lateMinutes: r.lateMinutes, earlyMinutes: r.earlyMinutes, workedMinutes: r.workedMinutes,
      leaveDays: Number(r.leaveDays), provisional: r.provisional, punches: await Promise.all(own.map((p) => this.punchView(viewer, p))),
    };
  }

  siteView(s: AttendanceSite): SiteView {
    return { id: s.id, name: s.name, address: s.address, latitude: Number(s.latitude), longitude: Number(s.longitude), radiusMeters: s.radiusMeters, wifi: s.wifi ?? [] };
  }
}
