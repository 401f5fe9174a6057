import type { AttendanceGroupView, DailyResultView, Page, PunchResult, RecomputeGroupResult } from '@hrlink/shared';
import { Routes as routes } from '@hrlink/shared';
import { AttendanceClock } from '../src/modules/attendance/attendance-clock';
import { putGroup as putGroupAs, hqGroup } from './support/attendance';
import { Harness } from './support/harness';

// Recompute over real HTTP and a real DB (SQLite, or MySQL/MariaDB with DATABASE_URL), demo org + DEMO_SEED group
// 总部考勤组 (09:00–18:00, lunch 12–13, grace 5, serious 30, absent 120; site at 31.2304,121.4737 r 300), dated back to
// 2026-09-01. The attendance clock is pinned to Tuesday 2026-11-10 19:00 +08:00 unless a step says otherwise.
// Results are read the way HR reads them (GET daily, which computes AND stores missing days), so a stale stored row
// would show: only the deletions under test make the reads recompute.

const INSIDE = { latitude: 31.2310, longitude: 121.4737, accuracy: 20 };
const TODAY = '2026-11-10';

describe('attendance recompute over HTTP', () => {
  let h: Harness;
  let hr: string;
  let clock: AttendanceClock;
  let group: AttendanceGroupView;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let keyN = 0;

  beforeAll(async () => {
    h = await Harness.start({ DEMO_SEED: '1' });
    hr = await h.adminLogin();
    await h.syncAll(hr);
    clock = h.app.get(AttendanceClock);
    Object.assign(ids, await h.employeeIds());
    const g = await hqGroup(h, hr);
    group = await putGroup(g, { effectiveFrom: '2026-09-01' });
    now(TODAY, '19:00');
  });
  afterAll(async () => {
    clock?.set(null);
    await h?.stop();
  });

  const now = (date: string, time: string) => clock.set(`${date}T${time}:00+08:00`);
  const putGroup = (g: AttendanceGroupView, patch: object) => putGroupAs(h, hr, g, patch);
  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));
  async function punchAt(no: string, date: string, time: string): Promise<PunchResult> {
    now(date, time);
    const r = await h.api<PunchResult>('POST', routes.attendance.punches, { token: await as(no), body: { idempotencyKey: `recalc-${++keyN}-${Date.now()}`, ...INSIDE } });
    if (r.status !== 201) throw new Error(`punch ${no} ${date} ${time}: ${r.text}`);
    return r.body;
  }
  /** HR's daily list for one person and day (computes and stores the day when missing). */
  async function day(no: string, date: string): Promise<DailyResultView> {
    const r = await h.api<Page<DailyResultView>>('GET', `${routes.adminAttendance.daily}?from=${date}&to=${date}&employeeId=${ids[no]}`, { token: hr });
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(1);
    return r.body.items[0];
  }
  /**
   * Waits until the day's stored row (not a computed answer) says `status` and is final: the punch may leave storing
   * to a background writer, and a rule change must find the row that HR saw.
   */
  async function storedAs(no: string, date: string, status: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const rows = await h.ds.query('SELECT statuses, provisional FROM attendance_daily_results WHERE employeeId = ? AND date = ?', [ids[no], date]);
      const statuses = rows[0] ? (typeof rows[0].statuses === 'string' ? JSON.parse(rows[0].statuses) : rows[0].statuses) : [];
      if (statuses.includes(status) && !Number(rows[0].provisional)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no stored ${status} result for ${no} ${date}`);
  }
  const stored = async (no: string, date: string) =>
    (await h.ds.query('SELECT statuses FROM attendance_daily_results WHERE employeeId = ? AND date = ?', [ids[no], date])).length;
  const recompute = (body: object, id = group.id, token = hr) =>
    h.api<RecomputeGroupResult & { code?: string; message?: string; details?: any }>('POST', routes.adminAttendance.groupRecompute(id), { token, body });

  it('a calendar override turning a past workday into a holiday: 旷工 → 休息, and back when it is deleted', async () => {
    // Wednesday 2026-11-04, no punches: 旷工, stored.
    expect((await day('E0020', '2026-11-04')).statuses).toEqual(['absent']);
    expect(await stored('E0020', '2026-11-04')).toBe(1);

    const put = await h.api('PUT', '/admin/leave/calendar/overrides', { token: hr, body: { date: '2026-11-04', kind: 'holiday', name: '公司假期' } });
    expect(put.status).toBe(200);
    expect(await stored('E0020', '2026-11-04')).toBe(0); // deleted with the override, not left for a 30 s cache to expire
    expect((await day('E0020', '2026-11-04')).statuses).toEqual(['rest']);

    // Changing the override's kind (holiday → workday) is a change too.
    expect((await h.api('PUT', '/admin/leave/calendar/overrides', { token: hr, body: { date: '2026-11-04', kind: 'workday', name: null } })).status).toBe(200);
    expect((await day('E0020', '2026-11-04')).statuses).toEqual(['absent']);
    expect((await h.api('PUT', '/admin/leave/calendar/overrides', { token: hr, body: { date: '2026-11-04', kind: 'holiday', name: '公司假期' } })).status).toBe(200);
    expect((await day('E0020', '2026-11-04')).statuses).toEqual(['rest']);

    expect((await h.api('DELETE', '/admin/leave/calendar/overrides/2026-11-04', { token: hr })).status).toBe(200);
    expect((await day('E0020', '2026-11-04')).statuses).toEqual(['absent']);
  });

  it('a Saturday made a 调休 workday: 休息 → 旷工; other dates keep their stored results', async () => {
    expect((await day('E0020', '2026-11-07')).statuses).toEqual(['rest']);
    expect((await day('E0020', '2026-11-06')).statuses).toEqual(['absent']);
    const before = await h.ds.query('SELECT computedAt FROM attendance_daily_results WHERE employeeId = ? AND date = ?', [ids.E0020, '2026-11-06']);
    expect((await h.api('PUT', '/admin/leave/calendar/overrides', { token: hr, body: { date: '2026-11-07', kind: 'workday', name: '调休上班' } })).status).toBe(200);
    expect((await day('E0020', '2026-11-07')).statuses).toEqual(['absent']);
    expect(await h.ds.query('SELECT computedAt FROM attendance_daily_results WHERE employeeId = ? AND date = ?', [ids.E0020, '2026-11-06'])).toEqual(before);
    expect((await h.api('DELETE', '/admin/leave/calendar/overrides/2026-11-07', { token: hr })).status).toBe(200);
    expect((await day('E0020', '2026-11-07')).statuses).toEqual(['rest']);
  });

  it('a shift change: today follows at once, a past 迟到 stays until HR recomputes, then it is 正常 (audited)', async () => {
    // Thursday 2026-11-05 and today: in at 09:20 (20 min late, grace 5), out at 18:05.
    for (const date of ['2026-11-05', TODAY]) {
      await punchAt('E0021', date, '09:20');
      await punchAt('E0021', date, '18:05');
    }
    now(TODAY, '19:00');
    expect(await day('E0021', '2026-11-05')).toMatchObject({ statuses: ['late'], lateMinutes: 20 });
    expect(await day('E0021', TODAY)).toMatchObject({ statuses: ['late'], lateMinutes: 20, provisional: false });
    // A punch may leave storing its day to a background writer (flushes within ~100 ms): let it finish first.
    await new Promise((r) => setTimeout(r, 400));
    await storedAs('E0021', '2026-11-05', 'late');
    await storedAs('E0021', TODAY, 'late');

    group = await putGroup(group, { shift: { ...group.shift!, start: '09:30' } });
    expect(group.shift!.start).toBe('09:30');
    expect(await day('E0021', TODAY)).toMatchObject({ statuses: ['normal'], lateMinutes: 0 });
    // History is not rewritten silently.
    expect(await day('E0021', '2026-11-05')).toMatchObject({ statuses: ['late'], lateMinutes: 20 });

    const storedRows = Number((await h.ds.query('SELECT COUNT(*) AS n FROM attendance_daily_results WHERE groupId = ? AND date >= ? AND date <= ?',
      [group.id, '2026-11-01', '2026-11-09']))[0].n);
    expect(storedRows).toBeGreaterThanOrEqual(2);
    const r = await recompute({ from: '2026-11-01', to: '2026-11-09' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ from: '2026-11-01', to: '2026-11-09', days: 9, employees: group.memberCount, cleared: storedRows });
    expect(await day('E0021', '2026-11-05')).toMatchObject({ statuses: ['normal'], lateMinutes: 0 });

    const audit = await h.ds.query("SELECT action, targetId, details FROM audit_logs WHERE action = 'attendance-group.recompute'");
    expect(audit).toHaveLength(1);
    expect(audit[0].targetId).toBe(group.id);
    const data = JSON.parse(audit[0].details);
    expect(data).toMatchObject({ from: '2026-11-01', to: '2026-11-09', cleared: storedRows, days: 9 });
  });

  it('moving a person to another group keeps their past results; the new group\'s 重新计算 recomputes them under it', async () => {
    // Thursday 2026-11-05 under 总部考勤组 (09:30 start by now, see above): in at 10:05 → 35 min, 严重迟到.
    await punchAt('E0022', '2026-11-05', '10:05');
    await punchAt('E0022', '2026-11-05', '19:05');
    now(TODAY, '19:00');
    expect(await day('E0022', '2026-11-05')).toMatchObject({ statuses: ['serious_late'], lateMinutes: 35 });
    await new Promise((r) => setTimeout(r, 400));
    await storedAs('E0022', '2026-11-05', 'serious_late');

    const created = await h.api<AttendanceGroupView>('POST', routes.adminAttendance.groups, { token: hr, body: {
      name: '研发弹性组', kind: 'fixed', effectiveFrom: '2026-09-01',
      shift: { start: '10:00', end: '19:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 10, seriousLateMinutes: 30, absentAfterMinutes: 120 },
      free: null, departmentIds: [], employeeIds: [ids.E0022], allowField: false, fieldRemarkRequired: false, fieldPhotoRequired: false,
      correction: { monthlyCap: 3, daysBack: 31, anomalies: ['missing', 'late', 'early'] },
    } });
    expect(created.status).toBe(201);
    // History is the old group's: reading does not rewrite it under the new one.
    expect(await day('E0022', '2026-11-05')).toMatchObject({ statuses: ['serious_late'], lateMinutes: 35 });
    const r = await recompute({ from: '2026-11-05', to: '2026-11-05' }, created.body.id);
    expect(r.status).toBe(200);
    expect(r.body.cleared).toBeGreaterThanOrEqual(1);
    expect(await day('E0022', '2026-11-05')).toMatchObject({ statuses: ['normal'], lateMinutes: 0 });
    const row = await h.ds.query('SELECT groupId FROM attendance_daily_results WHERE employeeId = ? AND date = ?', [ids.E0022, '2026-11-05']);
    expect(row[0].groupId).toBe(created.body.id);
  });

  it('recompute range: clear validation errors; unknown group 404; employees 403', async () => {
    const bad = async (body: object, field: string, text: string) => {
      const r = await recompute(body);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
      expect(r.body.details.fields[field].join(' ')).toContain(text);
      expect(r.body.message).toContain(text);
    };
    await bad({ from: '2026-11-09', to: '2026-11-01' }, 'to', '结束日期不能早于开始日期');
    await bad({ from: '2026-09-01', to: '2026-11-09' }, 'to', '62 天以内');
    await bad({ from: '2026-11-01', to: '2026-11-11' }, 'to', `不能重新计算未来的日期（今天是 ${TODAY}）`);
    await bad({ from: '2026-08-25', to: '2026-09-05' }, 'from', '不能早于考勤组生效日期 2026-09-01');
    await bad({ from: '2026-02-30', to: '2026-03-01' }, 'from', '不是有效日期');
    const shape = await recompute({ from: '2026/11/01', to: '2026-11-09' });
    expect(shape.status).toBe(400);
    expect(shape.body.code).toBe('VALIDATION_FAILED');
    // Exactly 62 days ending today, from effectiveFrom: fine.
    expect((await recompute({ from: '2026-09-10', to: TODAY })).status).toBe(200);
    expect((await recompute({ from: '2026-11-01', to: '2026-11-02' }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await recompute({ from: '2026-11-01', to: '2026-11-02' }, group.id, await as('E0021'))).status).toBe(403);
    expect(Number((await h.ds.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'attendance-group.recompute'"))[0].n)).toBe(3);
  });
});
