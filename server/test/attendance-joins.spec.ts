import type { AttendanceGroupView, DailyResultView, MonthlyReportRow, MonthView, Page, PunchResult } from '@hrlink/shared';
import { Routes as routes } from '@hrlink/shared';
import { AttendanceClock } from '../src/modules/attendance/attendance-clock';
import { AttendanceAssignments1764600000000 } from '../src/database/migrations/1764600000000-AttendanceAssignments';
import { AttendanceCore } from '../src/modules/attendance/attendance-core.service';
import { DailyResultsWriter } from '../src/modules/attendance/results-writer';
import { ResultsCloser } from '../src/modules/attendance/results-closer';
import { BulkResults } from '../src/modules/attendance/bulk-results';
import { AttendanceGroupMember, DailyResult } from '../src/modules/attendance/entities';
import { putGroup as putGroupAs, hqGroup } from './support/attendance';
import { Harness } from './support/harness';

// Membership start dates over real HTTP and a real DB (SQLite, or MySQL/MariaDB with DATABASE_URL), demo org +
// DEMO_SEED. Set-up (clock 2026-09-01): 总部考勤组 (09:00–18:00) dated back to 09-01 with only E0001…E0003 as members
// (everyone else: no group); 研发组 (10:00–19:00) from 09-01 with E0004. November 2026 has no holidays (21 workdays;
// 11-01 is a Sunday). A day counts for a person from max(group effectiveFrom, the day they joined it).

const INSIDE = { latitude: 31.2310, longitude: 121.4737, accuracy: 20 };

describe('attendance: joining a group later', () => {
  let h: Harness;
  let hr: string;
  let clock: AttendanceClock;
  let hq: AttendanceGroupView;
  let rd: AttendanceGroupView;
  const ids: Record<string, string> = {};
  let keyN = 0;

  beforeAll(async () => {
    h = await Harness.start({ DEMO_SEED: '1' });
    hr = await h.adminLogin();
    await h.syncAll(hr);
    clock = h.app.get(AttendanceClock);
    Object.assign(ids, await h.employeeIds());
    now('2026-09-01', '08:00');
    const g = await hqGroup(h, hr);
    hq = await putGroup(g, { effectiveFrom: '2026-09-01', departmentIds: [], employeeIds: [ids.E0001, ids.E0002, ids.E0003] });
    const created = await h.api<AttendanceGroupView>('POST', routes.adminAttendance.groups, { token: hr, body: {
      name: '研发组', kind: 'fixed', effectiveFrom: '2026-09-01',
      shift: { start: '10:00', end: '19:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 5, seriousLateMinutes: 30, absentAfterMinutes: 120 },
      free: null, departmentIds: [], employeeIds: [ids.E0004], allowField: false, fieldRemarkRequired: false, fieldPhotoRequired: false,
      correction: { monthlyCap: 3, daysBack: 31, anomalies: ['missing', 'late', 'early'] },
    } });
    if (created.status !== 201) throw new Error(`group: ${created.text}`);
    rd = created.body;
    const site = await h.api('POST', routes.adminAttendance.sites(rd.id), { token: hr, body: { name: '研发楼', latitude: 31.2304, longitude: 121.4737, radiusMeters: 300, wifi: [] } });
    if (site.status !== 201) throw new Error(`site: ${site.text}`);
  });
  afterAll(async () => {
    clock?.set(null);
    await h?.stop();
  });

  const now = (date: string, time: string) => clock.set(`${date}T${time}:00+08:00`);
  const putGroup = (g: AttendanceGroupView, patch: object) => putGroupAs(h, hr, g, patch);
  async function punchAt(no: string, date: string, time: string): Promise<PunchResult> {
    now(date, time);
    const r = await h.api<PunchResult>('POST', routes.attendance.punches, { token: await h.employeeToken(no), body: { idempotencyKey: `joins-${++keyN}-${Date.now()}`, ...INSIDE } });
    if (r.status !== 201) throw new Error(`punch ${no} ${date} ${time}: ${r.text}`);
    return r.body;
  }
  async function daily(no: string, from: string, to: string, path: string = routes.adminAttendance.daily): Promise<DailyResultView[]> {
    const r = await h.api<Page<DailyResultView>>('GET', `${path}?from=${from}&to=${to}&employeeId=${ids[no]}&pageSize=100`, { token: hr });
    expect(r.status).toBe(200);
    return [...r.body.items].sort((a, b) => a.date.localeCompare(b.date));
  }
  const reportRow = async (no: string) =>
    (await h.api<MonthlyReportRow[]>('GET', `${routes.adminAttendance.report}?month=2026-11`, { token: hr })).body.find((x) => x.employee.id === ids[no]);
  const storedGroups = async (no: string, from: string, to: string): Promise<Record<string, string>> => Object.fromEntries(
    (await h.ds.query('SELECT date, groupId FROM attendance_daily_results WHERE employeeId = ? AND date >= ? AND date <= ?', [ids[no], from, to]))
      .map((r: { date: string; groupId: string }) => [r.date, r.groupId]));

  it('added to a group on Tue 11-10: no results before, 旷工 on workdays from then without punches; the report counts from 11-10', async () => {
    now('2026-11-10', '10:00');
    hq = await putGroup(hq, { employeeIds: [...hq.employees.map((e) => e.id), ids.E0010] });
    const rows = await h.ds.query('SELECT groupId, fromDate FROM attendance_assignments WHERE employeeId = ? ORDER BY fromDate', [ids.E0010]);
    expect(rows[rows.length - 1]).toEqual({ groupId: hq.id, fromDate: '2026-11-10' });

    now('2026-11-12', '20:00');
    const days = await daily('E0010', '2026-11-01', '2026-11-12');
    expect(days.map((d) => [d.date, d.statuses])).toEqual([['2026-11-10', ['absent']], ['2026-11-11', ['absent']], ['2026-11-12', ['absent']]]);
    expect((await daily('E0010', '2026-11-01', '2026-11-09', routes.adminAttendance.anomalies))).toEqual([]);
    const month = await h.api<MonthView>('GET', `${routes.attendance.month}?month=2026-11`, { token: await h.employeeToken('E0010') });
    expect(month.status).toBe(200);
    expect(month.body.days.map((d) => d.date)).toEqual(['2026-11-10', '2026-11-11', '2026-11-12']);
    const fix = await h.api('POST', routes.attendance.corrections, { token: await h.employeeToken('E0010'), body: { date: '2026-11-09', kind: 'in', time: '09:00', reason: '忘记打卡' } });
    expect(fix.status).toBe(400);
    expect(fix.body.code).toBe('CORRECTION_NOT_NEEDED');
    // 11-10…11-30: 4 + 5 + 5 + 1 working days.
    expect(await reportRow('E0010')).toMatchObject({ workdays: 15, daysWorked: 0, absentDays: 3 });
    // A member from the group's first day still counts the whole month.
    expect(await reportRow('E0003')).toMatchObject({ workdays: 21 });
  });

  it('moved from 总部考勤组 to 研发组 on Mon 11-16: the old days stay the old group\'s, the new group counts from 11-16', async () => {
    // Thu 11-05 under 总部考勤组: 09:00–18:30 is normal (and stored); Wed 11-04 without punches is never read before the move.
    await punchAt('E0001', '2026-11-05', '09:00');
    await punchAt('E0001', '2026-11-05', '18:30');
    now('2026-11-05', '20:00');
    expect((await daily('E0001', '2026-11-05', '2026-11-05')).map((d) => d.statuses)).toEqual([['normal']]);

    now('2026-11-16', '08:00');
    hq = await putGroup(hq, { employeeIds: hq.employees.map((e) => e.id).filter((id) => id !== ids.E0001) });
    rd = await putGroup(rd, { employeeIds: [...rd.employees.map((e) => e.id), ids.E0001] });
    // Tue 11-17 under 研发组 (10:00–19:00): in at 09:45 is on time (under 总部考勤组 it would be late).
    await punchAt('E0001', '2026-11-17', '09:45');
    await punchAt('E0001', '2026-11-17', '19:05');
    now('2026-11-18', '20:00');
    // The history HR's two changes made (nothing else recorded a move in between).
    expect(await h.ds.query('SELECT groupId, fromDate FROM attendance_assignments WHERE employeeId = ? ORDER BY fromDate', [ids.E0001]))
      .toEqual([{ groupId: hq.id, fromDate: '2026-09-01' }, { groupId: rd.id, fromDate: '2026-11-16' }]);
    const days = new Map((await daily('E0001', '2026-11-02', '2026-11-18')).map((d) => [d.date, d.statuses]));
    expect(days.get('2026-11-04')).toEqual(['absent']); // computed under 总部考勤组 (their group then)
    expect(days.get('2026-11-05')).toEqual(['normal']);
    expect(days.get('2026-11-08')).toEqual(['rest']);
    expect(days.get('2026-11-16')).toEqual(['absent']);
    expect(days.get('2026-11-17')).toEqual(['normal']);
    expect(days.get('2026-11-18')).toEqual(['absent']);
    expect(days.size).toBe(17);
    await h.app.get(DailyResultsWriter).flush(); // the 19:05 punch's final day is stored by the writer (~100 ms)
    const stored = await storedGroups('E0001', '2026-11-02', '2026-11-18');
    expect([stored['2026-11-04'], stored['2026-11-05'], stored['2026-11-13']]).toEqual([hq.id, hq.id, hq.id]);
    expect([stored['2026-11-16'], stored['2026-11-17']]).toEqual([rd.id, rd.id]);
    // The whole month is expected: 总部考勤组 until 11-15, 研发组 from 11-16.
    expect(await reportRow('E0001')).toMatchObject({ workdays: 21, daysWorked: 2 });

    // 研发组's 重新计算 of the month so far does not take over the days before E0001 joined it.
    const r = await h.api('POST', routes.adminAttendance.groupRecompute(rd.id), { token: hr, body: { from: '2026-11-02', to: '2026-11-18' } });
    expect(r.status).toBe(200);
    expect((await daily('E0001', '2026-11-05', '2026-11-05')).map((d) => d.statuses)).toEqual([['normal']]);
    expect((await storedGroups('E0001', '2026-11-05', '2026-11-05'))['2026-11-05']).toBe(hq.id);
  });

  it('a department move nobody evented: resolved into a group later, the person counts from the day it is noticed', async () => {
    now('2026-11-19', '08:00');
    const [link] = await h.ds.query('SELECT departmentId FROM employee_departments WHERE employeeId = ?', [ids.E0030]);
    rd = await putGroup(rd, { departmentIds: [link.departmentId] });
    const outside = (await h.ds.query('SELECT e.employeeNo AS no FROM employees e JOIN employee_departments d ON d.employeeId = e.id WHERE d.departmentId <> ? ORDER BY e.employeeNo',
      [link.departmentId])).map((r: { no: string }) => r.no).find((no: string) => no > 'E0020')!;
    expect((await h.api('GET', routes.attendance.today, { token: await h.employeeToken(outside) })).body.code).toBe('ATTENDANCE_NO_GROUP');
    // Never in a group: 我的考勤 says so (nothing to show).
    const none = await h.api('GET', `${routes.attendance.month}?month=2026-11`, { token: await h.employeeToken(outside) });
    expect([none.status, none.body.code]).toEqual([409, 'ATTENDANCE_NO_GROUP']);
    // The org sync moves them into the department (no event for department moves).
    await h.ds.query('UPDATE employee_departments SET departmentId = ? WHERE employeeId = ?', [link.departmentId, ids[outside]]);
    h.app.get(AttendanceCore).invalidate();
    now('2026-11-20', '20:00');
    const days = await daily(outside, '2026-11-01', '2026-11-20');
    expect(days.map((d) => [d.date, d.statuses])).toEqual([['2026-11-20', ['absent']]]);
    expect(await reportRow(outside)).toMatchObject({ workdays: 7, absentDays: 1 }); // 11-20, 23…27, 30
  });

  it('taken out of every group on Tue 11-24: the days before stay (daily, report, and the writer of a day still queued)', async () => {
    await punchAt('E0002', '2026-11-23', '09:00');
    await punchAt('E0002', '2026-11-23', '18:30'); // final: queued for the results writer
    now('2026-11-24', '08:00');
    hq = await putGroup(hq, { employeeIds: hq.employees.map((e) => e.id).filter((id) => id !== ids.E0002) });
    // The queued day is written under the group that counted then, though the person has no group now.
    const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM attendance_groups WHERE id = ?', [hq.id]);
    const writer = h.app.get(DailyResultsWriter);
    await writer.flush();
    const stored = () => h.ds.query('SELECT groupId, statuses, computedAt FROM attendance_daily_results WHERE employeeId = ? AND date = ?', [ids.E0002, '2026-11-23']);
    const [first] = await stored();
    await new Promise((r) => setTimeout(r, 5));
    writer.mark({ tenantId, employeeId: ids.E0002, date: '2026-11-23' });
    await writer.flush();
    const [row] = await stored();
    expect(row.groupId).toBe(hq.id);
    expect(new Date(row.computedAt).getTime()).toBeGreaterThan(new Date(first.computedAt).getTime()); // written again, not skipped for want of a group

    now('2026-11-25', '20:00');
    const days = await daily('E0002', '2026-11-16', '2026-11-25');
    expect(days.map((d) => d.date)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(days[days.length - 1].statuses).toEqual(['normal']);
    // 应出勤 up to the last day they counted: 11-02…11-23 = 5 + 5 + 5 + 1 working days.
    expect(await reportRow('E0002')).toMatchObject({ workdays: 16 });
    expect((await reportRow('E0002'))!.daysWorked).toBeGreaterThanOrEqual(1);
    // 我的考勤 still shows their own days under the group they counted under, without a 补卡 quota; 补卡 is refused.
    const mine = await h.api<MonthView>('GET', `${routes.attendance.month}?month=2026-11`, { token: await h.employeeToken('E0002') });
    expect(mine.status).toBe(200);
    expect(mine.body.quota).toBeNull();
    const dates = mine.body.days.map((d) => d.date);
    expect(dates.slice(-days.length)).toEqual(days.map((d) => d.date).sort()); // …11-16 to 11-23, nothing after
    expect(mine.body.days.find((d) => d.date === '2026-11-23')!.statuses).toEqual(['normal']);
    const fix = await h.api('POST', routes.attendance.corrections, { token: await h.employeeToken('E0002'), body: { date: '2026-11-23', kind: 'in', time: '09:00', reason: '忘记打卡' } });
    expect(fix.body.code).toBe('ATTENDANCE_NO_GROUP');
    // A later month is none of theirs: not in December's report (members are, with their expected days).
    const december = (await h.api<MonthlyReportRow[]>('GET', `${routes.adminAttendance.report}?month=2026-12`, { token: hr })).body;
    expect(december.find((x) => x.employee.id === ids.E0003)).toMatchObject({ workdays: 23 });
    expect(december.find((x) => x.employee.id === ids.E0002)).toBeUndefined();
  });

  it('HR\'s lists read everyone together (BulkResults) and get what each person\'s own read gets, day by day', async () => {
    now('2026-11-26', '12:00');
    const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM attendance_groups WHERE id = ?', [hq.id]);
    const people = Object.entries(ids).map(([, id]) => ({ employeeId: id, from: '2026-11-01' }));
    const core = h.app.get(AttendanceCore);
    const pick = (r: DailyResult) => [r.employeeId, r.date, r.groupId, r.statuses.join('+'), r.lateMinutes, r.earlyMinutes, r.workedMinutes, Number(r.leaveDays), !!r.provisional].join('|');
    const { rows, segments } = await h.app.get(BulkResults).results(tenantId, people, '2026-11-30');
    const one: DailyResult[] = [];
    for (const p of people) {
      const g = await core.groupOf(tenantId, p.employeeId);
      one.push(...await core.results(tenantId, p.employeeId, p.from, '2026-11-30', g));
      expect(segments.get(p.employeeId)).toEqual(await core.segments(tenantId, p.employeeId, p.from, '2026-11-30', g));
    }
    expect(rows.length).toBeGreaterThan(100); // members, movers and the one taken out, from 11-01 (or when they joined) to 11-26
    expect(rows.map(pick).sort()).toEqual(one.map(pick).sort());
    // The moved and the removed read under the groups they counted under then.
    expect(rows.filter((r) => r.employeeId === ids.E0001 && r.date === '2026-11-05').map((r) => r.groupId)).toEqual([hq.id]);
    expect(rows.filter((r) => r.employeeId === ids.E0002).map((r) => r.date).pop()).toBe('2026-11-23');
  });

  it('a look-up between HR\'s commit and its cache drop does not undo HR\'s move (the move is checked again in its own unit of work)', async () => {
    now('2026-11-27', '08:00');
    const core = h.app.get(AttendanceCore);
    const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM attendance_groups WHERE id = ?', [hq.id]);
    core.invalidate();
    // Someone in no group; the tenant's structure is now cached with them in none.
    const grouped = await core.groupIds(tenantId, Object.values(ids));
    const who = Object.values(ids).find((id) => !grouped.has(id))!;
    const rows = () => h.ds.query('SELECT groupId, fromDate FROM attendance_assignments WHERE employeeId = ? ORDER BY fromDate', [who]);
    const before = await rows();
    expect(before[before.length - 1]?.groupId ?? null).toBeNull();
    // HR's change as committed, before its invalidate(): a member of 研发组 counting from today.
    await core.tx.run(async (m) => {
      await m.getRepository(AttendanceGroupMember).save(m.create(AttendanceGroupMember, { tenantId, groupId: rd.id, memberType: 'employee', memberId: who }));
      await core.assign(m, tenantId, new Map([[who, rd.id]]), () => '2026-11-27');
    });
    // The stale structure says "no group" and the assignment says 研发组: checked again, it is 研发组 — nothing recorded.
    const g = await core.groupOf(tenantId, who);
    expect([g?.group.id, g?.since]).toEqual([rd.id, '2026-11-27']);
    expect(await rows()).toEqual([...before, { groupId: rd.id, fromDate: '2026-11-27' }]);
    core.invalidate();
    expect((await core.groupOf(tenantId, who))?.since).toBe('2026-11-27');

    // The same inside another unit of work (e.g. a 补卡 approval recomputing a day): its reads may be older than HR's
    // commit, so nothing is recorded in it; the check runs once it has ended, with fresh reads, and finds no move.
    core.invalidate();
    const other = Object.values(ids).find((id) => id !== who && !grouped.has(id))!;
    const otherRows = () => h.ds.query('SELECT groupId, fromDate FROM attendance_assignments WHERE employeeId = ? ORDER BY fromDate', [other]);
    const otherBefore = await otherRows();
    expect((await core.groupIds(tenantId, [other])).has(other)).toBe(false); // cached: in no group
    await core.tx.run(async (m) => {
      await m.getRepository(AttendanceGroupMember).save(m.create(AttendanceGroupMember, { tenantId, groupId: rd.id, memberType: 'employee', memberId: other }));
      await core.assign(m, tenantId, new Map([[other, rd.id]]), () => '2026-11-27');
    });
    await core.tx.run(async (m) => {
      await core.groupOf(tenantId, other, m);
      expect(await otherRows()).toEqual([...otherBefore, { groupId: rd.id, fromDate: '2026-11-27' }]);
    });
    for (let i = 0; i < 5; i++) await core.tx.run(async () => new Promise((r) => setTimeout(r, 20))); // the deferred check has run
    expect(await otherRows()).toEqual([...otherBefore, { groupId: rd.id, fromDate: '2026-11-27' }]);
    core.invalidate();
    expect((await core.groupOf(tenantId, other))?.group.id).toBe(rd.id);
  });

  it('closing the days: once the tenant\'s date moves on, yesterday and the day before are stored for everyone counted (what HR\'s list shows)', async () => {
    const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM attendance_groups WHERE id = ?', [hq.id]);
    const storedOn = async (date: string) => Number((await h.ds.query('SELECT COUNT(*) AS n FROM attendance_daily_results WHERE tenantId = ? AND date = ?', [tenantId, date]))[0].n);
    now('2026-11-28', '01:00');
    expect(await storedOn('2026-11-27')).toBe(0); // nobody read it
    const closer = h.app.get(ResultsCloser);
    expect(await closer.tick()).toBeGreaterThan(0);
    // Every day HR's list shows for those dates is now a stored row (no more, no fewer).
    const listed = async (date: string) => (await h.api<Page<DailyResultView>>('GET', `${routes.adminAttendance.daily}?from=${date}&to=${date}&pageSize=1`, { token: hr })).body.total;
    for (const date of ['2026-11-26', '2026-11-27']) {
      expect(await storedOn(date)).toBeGreaterThan(2);
      expect(await storedOn(date)).toBe(await listed(date));
    }
    expect(await storedOn('2026-11-28')).toBe(0); // today is not closed
    // Once per tenant-local date: a second pass the same day does nothing; the next day closes that day's yesterday.
    expect(await closer.tick()).toBe(0);
    now('2026-11-29', '00:30');
    expect(await closer.tick()).toBeGreaterThan(0);
    expect(await storedOn('2026-11-28')).toBe(await listed('2026-11-28'));
  });

  it('the migration backfills everyone in a group from the group\'s first day (existing data unchanged)', async () => {
    const qr = h.ds.createQueryRunner();
    try {
      const migration = new AttendanceAssignments1764600000000();
      await migration.down(qr);
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    const rows: { employeeId: string; groupId: string; fromDate: string }[] = await h.ds.query('SELECT employeeId, groupId, fromDate FROM attendance_assignments');
    const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM attendance_groups WHERE id = ?', [hq.id]);
    const resolved = await h.app.get(AttendanceCore).groupIds(tenantId, Object.values(ids), undefined, true);
    expect(rows).toHaveLength(resolved.size);
    for (const r of rows) expect(r).toEqual({ employeeId: r.employeeId, groupId: resolved.get(r.employeeId), fromDate: '2026-09-01' });
    expect(rows.find((r) => r.employeeId === ids.E0001)?.groupId).toBe(rd.id);
  });
});
