import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttendanceGroupView, CorrectionQuota, CorrectionView, LeaveRequestView, LeaveTypeView, LocationCheck, MonthlyReportRow, MonthView, Page, DailyResultView,
  PunchResult, TeamTodayRow, TodayView } from '@hrlink/shared';
import { AttendanceClock } from '../src/modules/attendance/attendance-clock';
import { Punch } from '../src/modules/attendance/entities';
import { AttendanceCore } from '../src/modules/attendance/attendance-core.service';
import { groupBody, hqGroup } from './support/attendance';
import { Harness } from './support/harness';
import { tinyJpeg } from './support/images';

// Attendance over real HTTP, a real DB (SQLite, or MySQL/MariaDB with DATABASE_URL) and the demo org synced from a real
// sandbox, with DEMO_SEED on: the sync triggers the demo group 总部考勤组 (09:00–18:00, lunch 12–13, grace 5, serious 30,
// absent 120; site 示例科技总部 at 31.2304,121.4737 r 300 + Wi-Fi a4:56:02:11:22:33). 前端组 E0014…E0019 report to
// 杨帆 E0006. The server clock is pinned per step (AttendanceClock, in-process only); clients never send punch times.
// Calendar: 2026-10-01…07 国庆, 10-10 (Saturday) 调休上班, 10-11 Sunday rest.

const SITE = { latitude: 31.2304, longitude: 121.4737 };
const INSIDE = { latitude: 31.2310, longitude: 121.4737, accuracy: 20 }; // 67 m
const OUTSIDE = { latitude: 31.2404, longitude: 121.4737, accuracy: 20 }; // 1112 m
const BEIJING = { latitude: 39.9087, longitude: 116.3975, accuracy: 20 };

describe('attendance over HTTP', () => {
  let h: Harness;
  let hr: string;
  let clock: AttendanceClock;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let keyN = 0;
  const uploadDir = mkdtempSync(join(tmpdir(), 'hrlink-att-uploads-'));

  beforeAll(async () => {
    h = await Harness.start({ DEMO_SEED: '1', UPLOAD_DIR: uploadDir });
    hr = await h.adminLogin();
    await h.syncAll(hr);
    clock = h.app.get(AttendanceClock);
    Object.assign(ids, await h.employeeIds());
    // The sync creates 总部考勤组 today (effectiveFrom = today); the steps below construct October 2026, so HR dates it back.
    const g = await hqGroup(h, hr);
    const put = await h.api<AttendanceGroupView>('PUT', `/admin/attendance/groups/${g.id}`, { token: hr, body: { ...upsertBody(g), effectiveFrom: '2026-09-01' } });
    if (put.status !== 200 || put.body.effectiveFrom !== '2026-09-01') throw new Error(`effectiveFrom: ${put.text}`);
  });
  afterAll(async () => {
    clock?.set(null);
    await h?.stop();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  const upsertBody = groupBody;

  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));
  const at = (date: string, time: string) => clock.set(`${date}T${time}:00+08:00`);
  const punch = async (no: string, body: object) =>
    h.api<PunchResult & { code?: string; message?: string; details?: any }>('POST', '/attendance/punches', { token: await as(no), body: { idempotencyKey: `key-${++keyN}-${Date.now()}`, ...body } });
  const punchAt = async (no: string, date: string, time: string, body: object = INSIDE) => {
    at(date, time);
    const r = await punch(no, body);
    if (r.status !== 201) throw new Error(`punch ${no} ${date} ${time}: ${r.text}`);
    return r.body;
  };
  const month = async (no: string, m: string) => (await h.api<MonthView>('GET', `/attendance/month?month=${m}`, { token: await as(no) })).body;
  const dayOf = (mv: MonthView, date: string) => mv.days.find((d) => d.date === date)!;
  const act = async (no: string, instanceId: string) =>
    h.api('POST', `/approvals/instances/${instanceId}/actions`, { token: await as(no), body: { action: 'approve' } });

  it('DEMO_SEED: the sync seeds 总部考勤组 with the HQ site and the whole org as members', async () => {
    const groups = await h.api<AttendanceGroupView[]>('GET', '/admin/attendance/groups', { token: hr });
    expect(groups.status).toBe(200);
    expect(groups.body).toHaveLength(1);
    const g = groups.body[0];
    expect(g).toMatchObject({
      name: '总部考勤组', kind: 'fixed', allowField: true, fieldRemarkRequired: true, fieldPhotoRequired: false,
      shift: { start: '09:00', end: '18:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 5, seriousLateMinutes: 30, absentAfterMinutes: 120 },
      correction: { monthlyCap: 3, daysBack: 31 },
    });
    expect(g.sites).toEqual([expect.objectContaining({ name: '示例科技总部', ...SITE, radiusMeters: 300, wifi: [{ ssid: 'Demo-Office', bssid: 'a4:56:02:11:22:33' }] })]);
    expect(g.departments).toHaveLength(1);
    const employees = Number((await h.ds.query("SELECT COUNT(*) AS n FROM employees WHERE status = 'active'"))[0].n);
    expect(g.memberCount).toBe(employees);
    expect(employees).toBeGreaterThan(30);
  });

  it('today with a location: the shift, the next action and where I am', async () => {
    at('2026-10-19', '08:50');
    const r = await h.api<TodayView>('GET', `/attendance/today?latitude=${INSIDE.latitude}&longitude=${INSIDE.longitude}&accuracy=20`, { token: await as('E0015') });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ date: '2026-10-19', group: { name: '总部考勤组' }, workday: true, nextAction: 'in', allowField: true,
      location: { inRange: true, matchedBy: 'site', site: { name: '示例科技总部', distanceMeters: 67 } } });
    const check = await h.api<LocationCheck>('POST', '/attendance/check', { token: await as('E0015'), body: OUTSIDE });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ inRange: false, nearest: { name: '示例科技总部', distanceMeters: 1112 } });
  });

  it('in range: stored with the site and distance; out of range: refused with the nearest site and distance', async () => {
    at('2026-10-19', '08:55');
    const ok = await punch('E0015', INSIDE);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ duplicate: false, message: '正常', punch: { kind: 'in', source: 'site', siteName: '示例科技总部', distanceMeters: 67, flags: [] },
      day: { date: '2026-10-19', statuses: ['normal'], provisional: true } });
    at('2026-10-19', '17:50');
    const far = await punch('E0015', OUTSIDE);
    expect(far.status).toBe(409);
    expect(far.body).toMatchObject({ code: 'ATTENDANCE_OUT_OF_RANGE', details: { nearest: { name: '示例科技总部', distanceMeters: 1112 } } });
    expect(far.body.message).toContain('1112 米');
  });

  it('out of range as a field punch: remark required, then stored as 外勤', async () => {
    at('2026-10-19', '18:02');
    const noRemark = await punch('E0015', { ...OUTSIDE, field: true });
    expect(noRemark.status).toBe(400);
    expect(noRemark.body.code).toBe('ATTENDANCE_FIELD_REMARK_REQUIRED');
    const r = await punch('E0015', { ...OUTSIDE, field: true, remark: '拜访客户' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ message: '外勤', punch: { kind: 'out', source: 'field', remark: '拜访客户', distanceMeters: 1112 }, day: { statuses: ['field'] } });
  });

  it('Wi-Fi BSSID match far from the site is in range', async () => {
    at('2026-10-19', '08:58');
    const r = await punch('E0016', { latitude: 31.30, longitude: 121.4737, accuracy: 30, wifi: { ssid: 'Demo-Office', bssid: 'A4:56:02:11:22:33' } });
    expect(r.status).toBe(201);
    expect(r.body.punch).toMatchObject({ source: 'wifi', wifi: { ssid: 'Demo-Office', bssid: 'a4:56:02:11:22:33' } });
    expect(r.body.punch.distanceMeters).toBeGreaterThan(7000);
  });

  it('location sanity: ranges, accuracy, a fix from the future → ATTENDANCE_LOCATION_INVALID', async () => {
    at('2026-10-19', '09:30');
    for (const bad of [{ ...INSIDE, latitude: 91 }, { ...INSIDE, longitude: -181 }, { ...INSIDE, accuracy: 0 }, { ...INSIDE, locatedAt: '2026-10-19T10:30:00+08:00' }]) {
      const r = await punch('E0017', bad);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('ATTENDANCE_LOCATION_INVALID');
    }
    expect(await h.ds.getRepository(Punch).countBy({ employeeId: ids.E0017 })).toBe(0);
  });

  it('idempotent retry: the same key is stored once (sequential and 10 in parallel)', async () => {
    at('2026-10-19', '09:01');
    const body = { ...INSIDE, idempotencyKey: 'retry-key-0001' };
    const first = await h.api<PunchResult>('POST', '/attendance/punches', { token: await as('E0018'), body });
    const again = await h.api<PunchResult>('POST', '/attendance/punches', { token: await as('E0018'), body });
    expect(first.body.duplicate).toBe(false);
    expect(again.body).toMatchObject({ duplicate: true, punch: { id: first.body.punch.id } });
    const token = await as('E0019');
    const burst = await Promise.all(Array.from({ length: 10 }, () =>
      h.api<PunchResult>('POST', '/attendance/punches', { token, body: { ...INSIDE, idempotencyKey: 'parallel-key-0001' } })));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(burst.map((r) => r.body.punch.id)).size).toBe(1);
    expect(burst.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(await h.ds.getRepository(Punch).countBy({ employeeId: ids.E0019 })).toBe(1);
    expect(await h.ds.getRepository(Punch).countBy({ employeeId: ids.E0018 })).toBe(1);
  });

  it('anti-cheat flags are stored, never reject: mock + low accuracy, impossible travel, device change', async () => {
    at('2026-10-20', '08:50');
    const a = await punch('E0017', { ...INSIDE, accuracy: 150, isMock: true, deviceId: 'dev-a' });
    expect(a.status).toBe(201);
    expect(a.body.punch.flags).toEqual(['mock', 'low_accuracy']);
    at('2026-10-20', '10:50'); // Shanghai → Beijing (1067 km) in 2 h, on the office Wi-Fi (in range), on another phone
    const b = await punch('E0017', { ...BEIJING, wifi: { ssid: 'Demo-Office', bssid: 'a4:56:02:11:22:33' }, deviceId: 'dev-b' });
    expect(b.status).toBe(201);
    expect(b.body.punch.flags).toEqual(['impossible_travel', 'device_change']);
    const rows = await h.ds.getRepository(Punch).find({ where: { employeeId: ids.E0017 }, order: { at: 'ASC' } });
    expect(rows.map((p) => p.flags)).toEqual([['mock', 'low_accuracy'], ['impossible_travel', 'device_change']]);
  });

  it('team today for the manager: who punched, who is missing, who is on field duty', async () => {
    at('2026-10-19', '10:00');
    const r = await h.api<TeamTodayRow[]>('GET', '/attendance/team/today', { token: await as('E0006') });
    expect(r.status).toBe(200);
    const row = (no: string) => r.body.find((x) => x.employee.id === ids[no])!;
    expect(row('E0016')).toMatchObject({ statuses: ['normal'], lastOut: null, field: false, onLeave: false });
    expect(row('E0016').firstIn).toMatch(/^2026-10-19T00:58:00/);
    expect(row('E0015')).toMatchObject({ field: true }); // its 外勤 下班 punch (made earlier in this file at 18:02)
    expect(row('E0014')).toMatchObject({ statuses: ['missing_in'], firstIn: null, onLeave: false });
    expect(r.body.find((x) => x.employee.id === ids.E0006)).toBeUndefined();
    const staff = await h.api<TeamTodayRow[]>('GET', '/attendance/team/today', { token: await as('E0015') });
    expect(staff.body).toEqual([]);
  });

  describe('a constructed month for E0014 (October 2026)', () => {
    let leaveId: string;
    beforeAll(async () => {
      await punchAt('E0014', '2026-10-08', '09:00'); await punchAt('E0014', '2026-10-08', '18:00');
      await punchAt('E0014', '2026-10-09', '09:12'); await punchAt('E0014', '2026-10-09', '18:00');
      await punchAt('E0014', '2026-10-10', '09:40'); await punchAt('E0014', '2026-10-10', '18:05');
      await punchAt('E0014', '2026-10-12', '08:59'); await punchAt('E0014', '2026-10-12', '17:30', { ...OUTSIDE, field: true, remark: '客户现场' });
      await punchAt('E0014', '2026-10-13', '09:00');
      await punchAt('E0014', '2026-10-16', '08:58'); await punchAt('E0014', '2026-10-16', '18:01');
      at('2026-10-17', '10:00');
    });

    it('results: normal, late, 调休 Saturday serious late, rest day, early + field, missing out, absent', async () => {
      const mv = await month('E0014', '2026-10');
      const s = (d: string) => dayOf(mv, d).statuses;
      expect(mv.days.map((d) => d.date)[0]).toBe('2026-10-01');
      expect(mv.days[mv.days.length - 1].date).toBe('2026-10-17');
      expect(s('2026-10-01')).toEqual(['rest']); // 国庆
      expect(dayOf(mv, '2026-10-08')).toMatchObject({ statuses: ['normal'], workedMinutes: 480, provisional: false });
      expect(dayOf(mv, '2026-10-09')).toMatchObject({ statuses: ['late'], lateMinutes: 12 });
      expect(dayOf(mv, '2026-10-10')).toMatchObject({ statuses: ['serious_late'], lateMinutes: 40 });
      expect(s('2026-10-11')).toEqual(['rest']);
      expect(dayOf(mv, '2026-10-12')).toMatchObject({ statuses: ['early', 'field'], earlyMinutes: 30 });
      expect(s('2026-10-13')).toEqual(['missing_out']);
      expect(s('2026-10-14')).toEqual(['absent']);
      expect(s('2026-10-15')).toEqual(['absent']);
      expect(dayOf(mv, '2026-10-09').punches.map((p) => p.kind)).toEqual(['in', 'out']);
      expect(mv.quota).toEqual({ month: '2026-10', cap: 3, used: 0, remaining: 3, daysBack: 31 });
    });

    it('leave applied and approved through the API turns the absent day into leave', async () => {
      const types = (await h.api<LeaveTypeView[]>('GET', '/leave/types', { token: await as('E0014') })).body;
      const personal = types.find((t) => t.code === 'personal')!;
      const req = await h.api<LeaveRequestView>('POST', '/leave/requests', { token: await as('E0014'),
        body: { leaveTypeId: personal.id, start: { date: '2026-10-15' }, end: { date: '2026-10-15' }, reason: '家中有事' } });
      expect(req.status).toBe(201);
      leaveId = req.body.id;
      // A read of that day under way while the approval commits: its epoch, then its inputs (no leave yet) — 旷工.
      const core = h.app.get(AttendanceCore);
      const [{ tenantId }] = await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids.E0014]);
      const epoch = await core.resultEpoch(h.ds.manager, tenantId);
      const stale = await core.recompute(h.ds.manager, tenantId, ids.E0014, ['2026-10-15'], undefined, undefined, { store: false });
      expect(stale.get('2026-10-15')!.statuses).toEqual(['absent']);
      expect((await act('E0006', req.body.approvalInstanceId!)).status).toBe(200);
      // …stores its result only after the commit: refused, so the day is not left as 旷工.
      expect(await core.storeResults(h.ds.manager, tenantId, [...stale.values()], epoch)).toBe(false);
      const mv = await month('E0014', '2026-10');
      expect(dayOf(mv, '2026-10-15')).toMatchObject({ statuses: ['leave'], leaveDays: 1 });
      expect(leaveId).toBeTruthy();
    });

    it('monthly report and its export', async () => {
      const ot = await h.api('POST', '/overtime/requests', { token: await as('E0014'), body: { date: '2026-10-17', hours: 4, reason: '上线' } });
      expect(ot.status).toBe(201);
      expect((await act('E0006', ot.body.approvalInstanceId)).status).toBe(200);
      const r = await h.api<MonthlyReportRow[]>('GET', '/admin/attendance/report?month=2026-10', { token: hr });
      expect(r.status).toBe(200);
      const row = r.body.find((x) => x.employee.id === ids.E0014)!;
      expect(row).toMatchObject({
        month: '2026-10', workdays: 18, daysWorked: 6, lateCount: 2, lateMinutes: 52, seriousLateCount: 1, earlyCount: 1, earlyMinutes: 30,
        missingCount: 1, absentDays: 1, leaveDays: { 事假: 1 }, overtimeHours: 4, fieldDays: 1,
      });
      expect(row.employee.employeeNo).toBe('E0014');
      const x = await fetch(`${h.url}/api/admin/attendance/report/export?month=2026-10`, { headers: { authorization: `Bearer ${hr}` } });
      expect(x.status).toBe(200);
      expect(x.headers.get('content-type')).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
      const ws = wb.worksheets[0];
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, 8)).toEqual(['工号', '姓名', '部门', '职位', '月份', '应出勤天数', '出勤天数', '迟到次数']);
      expect(header).toContain('事假（天）');
      let found: unknown[] | null = null;
      ws.eachRow((rr) => { const v = (rr.values as unknown[]).slice(1); if (v[0] === 'E0014') found = v; });
      expect(found![header.indexOf('迟到分钟')]).toBe(52);
      expect(found![header.indexOf('事假（天）')]).toBe(1);
    });

    it('admin daily with a status filter and the anomaly list', async () => {
      const late = await h.api<Page<DailyResultView>>('GET', `/admin/attendance/daily?from=2026-10-08&to=2026-10-16&employeeId=${ids.E0014}&status=late`, { token: hr });
      expect(late.status).toBe(200);
      expect(late.body.items.map((d) => d.date)).toEqual(['2026-10-09']);
      expect(late.body.items[0].punches).toHaveLength(2);
      const an = await h.api<Page<DailyResultView>>('GET', `/admin/attendance/anomalies?from=2026-10-08&to=2026-10-16&employeeId=${ids.E0014}`, { token: hr });
      expect(an.body.items.map((d) => d.date).sort()).toEqual(['2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13', '2026-10-14']);
      const tooLong = await h.api('GET', '/admin/attendance/daily?from=2026-01-01&to=2026-10-16', { token: hr });
      expect(tooLong.status).toBe(400);
      const staff = await h.api('GET', '/admin/attendance/daily?from=2026-10-08&to=2026-10-16', { token: await as('E0014') });
      expect(staff.status).toBe(403);
    });

    it('admin daily pages: every row once, in order (date desc, then employee number), whatever the page size', async () => {
      const q = '/admin/attendance/daily?from=2026-10-01&to=2026-10-16';
      const all: DailyResultView[] = [];
      let total = -1;
      for (let page = 1; total < 0 || all.length < total; page++) {
        const r = await h.api<Page<DailyResultView>>('GET', `${q}&page=${page}&pageSize=37`, { token: hr });
        expect(r.status).toBe(200);
        total = r.body.total;
        if (!r.body.items.length) break;
        all.push(...r.body.items);
      }
      expect(total).toBeGreaterThan(100); // several pages, more rows than the page-size cap
      expect(all).toHaveLength(total);
      expect(new Set(all.map((d) => `${d.date}|${d.employee.id}`)).size).toBe(total);
      const nos = new Map((await h.ds.query('SELECT id, employeeNo FROM employees')).map((e: { id: string; employeeNo: string }) => [e.id, e.employeeNo ?? '']));
      const key = (d: DailyResultView) => `${d.date}|${nos.get(d.employee.id)}`;
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1], all[i]];
        expect(a.date > b.date || (a.date === b.date && (nos.get(a.employee.id) as string) <= (nos.get(b.employee.id) as string))).toBe(true);
      }
      // A later page is what a bigger page holds at that position.
      const big = await h.api<Page<DailyResultView>>('GET', `${q}&page=3&pageSize=100`, { token: hr });
      expect(big.body.items.map(key)).toEqual(all.slice(200, 300).map(key));
    });

    it('销假 approved: the day is recomputed without the leave (absent again)', async () => {
      const c = await h.api<LeaveRequestView>('POST', `/leave/requests/${leaveId}/cancel`, { token: await as('E0014'), body: { reason: '事情取消' } });
      expect(c.status).toBe(200);
      expect((await act('E0006', c.body.cancelApprovalInstanceId!)).status).toBe(200);
      expect(dayOf(await month('E0014', '2026-10'), '2026-10-15')).toMatchObject({ statuses: ['absent'], leaveDays: 0 });
    });
  });

  describe('补卡 (E0018)', () => {
    it('within the cap → approved by the manager → the day is normal; quota counts it', async () => {
      await punchAt('E0018', '2026-10-20', '08:57');
      at('2026-10-21', '20:00');
      expect(dayOf(await month('E0018', '2026-10'), '2026-10-20').statuses).toEqual(['missing_out']);
      const c = await h.api<CorrectionView>('POST', '/attendance/corrections', { token: await as('E0018'), body: { date: '2026-10-20', kind: 'out', time: '18:00', reason: '忘记打卡' } });
      expect(c.status).toBe(201);
      expect(c.body).toMatchObject({ status: 'pending', date: '2026-10-20', kind: 'out', time: '18:00' });
      expect((await act('E0006', c.body.approvalInstanceId!)).status).toBe(200);
      const day = dayOf(await month('E0018', '2026-10'), '2026-10-20');
      expect(day.statuses).toEqual(['normal']);
      expect(day.punches.map((p) => [p.kind, p.source])).toEqual([['in', 'site'], ['out', 'correction']]);
      const q = await h.api<CorrectionQuota>('GET', '/attendance/corrections/quota?month=2026-10', { token: await as('E0018') });
      expect(q.body).toMatchObject({ cap: 3, used: 1, remaining: 2 });
      const list = await h.api<Page<CorrectionView>>('GET', '/attendance/corrections', { token: await as('E0018') });
      expect(list.body.items[0]).toMatchObject({ status: 'approved' });
    });

    it('not needed, too old, over the cap', async () => {
      at('2026-10-23', '10:00');
      const token = await as('E0018');
      const post = (body: object) => h.api('POST', '/attendance/corrections', { token, body: { reason: '忘记打卡', time: '09:00', kind: 'in', ...body } });
      expect((await post({ date: '2026-10-18' })).body.code).toBe('CORRECTION_NOT_NEEDED'); // Sunday
      expect((await post({ date: '2026-10-20', kind: 'out', time: '18:00' })).body.code).toBe('CORRECTION_NOT_NEEDED'); // already corrected
      const old = await post({ date: '2026-09-01' });
      expect(old.status).toBe(400);
      expect(old.body.code).toBe('CORRECTION_TOO_OLD');
      expect((await post({ date: '2026-10-21' })).status).toBe(201);
      expect((await post({ date: '2026-10-21', kind: 'out', time: '18:00' })).status).toBe(201);
      const over = await post({ date: '2026-10-22' });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ code: 'CORRECTION_QUOTA_EXCEEDED', details: { cap: 3, used: 3 } });
    });
  });

  describe('photos on field punches (FilesService) and 外勤 days in the report', () => {
    async function upload(no: string): Promise<string> {
      const form = new FormData();
      form.append('file', new Blob([tinyJpeg({ exif: true }) as never], { type: 'image/jpeg' }), 'visit.jpg');
      const res = await fetch(`${h.url}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${await as(no)}` }, body: form });
      expect(res.status).toBe(201);
      return (await res.json()).id;
    }
    const setPhotoRequired = async (required: boolean) => {
      const g = await hqGroup(h, hr);
      const r = await h.api('PUT', `/admin/attendance/groups/${g.id}`, { token: hr, body: {
        name: g.name, kind: g.kind, shift: g.shift, departmentIds: g.departments.map((d) => d.id), employeeIds: g.employees.map((e) => e.id),
        allowField: true, fieldRemarkRequired: true, fieldPhotoRequired: required, correction: g.correction } });
      expect(r.status).toBe(200);
    };

    it('photo required by the group; another person\'s file refused; own photo stored and shown to the owner', async () => {
      await setPhotoRequired(true);
      at('2026-10-27', '09:00');
      const field = { ...OUTSIDE, field: true, remark: '客户现场' };
      const none = await punch('E0015', field);
      expect(none.status).toBe(400);
      expect(none.body.code).toBe('ATTENDANCE_FIELD_PHOTO_REQUIRED');
      const foreign = await punch('E0015', { ...field, photoFileIds: [await upload('E0014')] });
      expect(foreign.status).toBe(400);
      expect(foreign.body.code).toBe('VALIDATION_FAILED');
      const ok = await punch('E0015', { ...field, photoFileIds: [await upload('E0015')] });
      expect(ok.status).toBe(201);
      expect(ok.body.punch.photoUrls).toHaveLength(1);
      expect((await fetch(`${h.url}${ok.body.punch.photoUrls[0].replace(/^https?:\/\/[^/]+/, '')}`)).status).toBe(200);
      await setPhotoRequired(false);
    });

    it('a 外勤签到 check-in counts as a field day in the monthly report', async () => {
      const c = await h.api('POST', '/attendance/field-checkins', { token: await as('E0017'), body: {
        idempotencyKey: 'checkin-key-0001', ...INSIDE, address: '上海市黄浦区', customerName: '客户甲', remark: null, photoFileIds: [await upload('E0017')] } });
      expect(c.status).toBe(201);
      const monthOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(c.body.at)).slice(0, 7);
      const r = await h.api<MonthlyReportRow[]>('GET', `/admin/attendance/report?month=${monthOf}`, { token: hr });
      expect(r.body.find((x) => x.employee.id === ids.E0017)!.fieldDays).toBe(1);
      expect(r.body.find((x) => x.employee.id === ids.E0016)!.fieldDays).toBe(0);
    });
  });

  it('half-day leave through the API: a morning off moves the expected start to 13:00, an afternoon off the end to 12:00', async () => {
    const types = (await h.api<LeaveTypeView[]>('GET', '/leave/types', { token: await as('E0016') })).body;
    const personal = types.find((t) => t.code === 'personal')!;
    for (const [date, half] of [['2026-10-28', 'am'], ['2026-10-29', 'pm']] as const) {
      const req = await h.api<LeaveRequestView>('POST', '/leave/requests', { token: await as('E0016'),
        body: { leaveTypeId: personal.id, start: { date, half }, end: { date, half }, reason: '看病' } });
      expect(req.status).toBe(201);
      expect((await act('E0006', req.body.approvalInstanceId!)).status).toBe(200);
    }
    const inAm = await punchAt('E0016', '2026-10-28', '13:03');
    expect(inAm).toMatchObject({ message: '正常', day: { statuses: ['leave'], leaveDays: 0.5, lateMinutes: 0 } });
    await punchAt('E0016', '2026-10-28', '18:00');
    await punchAt('E0016', '2026-10-29', '08:58');
    const outPm = await punchAt('E0016', '2026-10-29', '12:00');
    expect(outPm).toMatchObject({ message: '正常', day: { statuses: ['leave'], leaveDays: 0.5, earlyMinutes: 0, provisional: false } });
    const late = await punchAt('E0016', '2026-10-30', '13:03'); // no leave that day: 4 h late → 旷工
    expect(late).toMatchObject({ message: '迟到 243 分钟', day: { statuses: ['absent'] } });
  });

  it('leave approved after the morning punch: the afternoon punch answers with it at once (no stale "who is on leave")', async () => {
    const types = (await h.api<LeaveTypeView[]>('GET', '/leave/types', { token: await as('E0016') })).body;
    const personal = types.find((t) => t.code === 'personal')!;
    const inAm = await punchAt('E0016', '2026-10-27', '08:55'); // reads the day's leave: nobody's yet
    expect(inAm).toMatchObject({ message: '正常', day: { statuses: ['normal'], leaveDays: 0 } });
    const req = await h.api<LeaveRequestView>('POST', '/leave/requests', { token: await as('E0016'),
      body: { leaveTypeId: personal.id, start: { date: '2026-10-27', half: 'pm' }, end: { date: '2026-10-27', half: 'pm' }, reason: '下午看病' } });
    expect(req.status).toBe(201);
    expect((await act('E0006', req.body.approvalInstanceId!)).status).toBe(200);
    const outNoon = await punchAt('E0016', '2026-10-27', '12:00');
    expect(outNoon).toMatchObject({ message: '正常', day: { statuses: ['leave'], leaveDays: 0.5, earlyMinutes: 0 } });
  });

  describe('admin groups and sites', () => {
    it('site validation: radius 100–3000, coordinates, BSSID format', async () => {
      const g = (await h.api<AttendanceGroupView[]>('GET', '/admin/attendance/groups', { token: hr })).body[0];
      const base = { name: '分部', address: null, latitude: 31.2, longitude: 121.4, radiusMeters: 300, wifi: [] };
      for (const bad of [{ radiusMeters: 99 }, { radiusMeters: 3001 }, { latitude: 91 }, { longitude: 181 }, { wifi: [{ ssid: 'x', bssid: 'a4:56:02:11:22' }] }]) {
        const r = await h.api('POST', `/admin/attendance/groups/${g.id}/sites`, { token: hr, body: { ...base, ...bad } });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('VALIDATION_FAILED');
      }
      const ok = await h.api('POST', `/admin/attendance/groups/${g.id}/sites`, { token: hr, body: { ...base, wifi: [{ ssid: 'Branch', bssid: 'AA-BB-CC-DD-EE-FF' }] } });
      expect(ok.status).toBe(201);
      expect(ok.body.wifi).toEqual([{ ssid: 'Branch', bssid: 'aa:bb:cc:dd:ee:ff' }]);
      expect((await h.api('DELETE', `/admin/attendance/groups/${g.id}/sites/${ok.body.id}`, { token: hr })).status).toBe(204);
    });

    it('a person in their own group wins over the department; without any group → ATTENDANCE_NO_GROUP', async () => {
      const body = { name: '弹性组', kind: 'free', free: { minHours: 8 }, departmentIds: [], employeeIds: [ids.E0019], allowField: false,
        fieldRemarkRequired: false, fieldPhotoRequired: false, correction: { monthlyCap: 0, daysBack: 7, anomalies: ['missing'] } };
      const created = await h.api<AttendanceGroupView>('POST', '/admin/attendance/groups', { token: hr, body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: '弹性组', memberCount: 1, employees: [{ id: ids.E0019 }] });
      at('2026-10-26', '09:00');
      const today = await h.api<TodayView>('GET', '/attendance/today', { token: await as('E0019') });
      expect(today.body.group).toMatchObject({ name: '弹性组', kind: 'free' });
      const hq = await hqGroup(h, hr);
      const put = await h.api('PUT', `/admin/attendance/groups/${hq.id}`, { token: hr, body: {
        name: hq.name, kind: 'fixed', shift: hq.shift, departmentIds: [], employeeIds: [ids.E0014], allowField: true, fieldRemarkRequired: true,
        fieldPhotoRequired: false, correction: hq.correction } });
      expect(put.status).toBe(200);
      const none = await h.api('GET', '/attendance/today', { token: await as('E0016') });
      expect(none.status).toBe(409);
      expect(none.body.code).toBe('ATTENDANCE_NO_GROUP');
      expect(none.body.message).toContain('考勤组');
    });

    it('effectiveFrom: a group created today has no results before today (not 旷工); dating it back brings the days back', async () => {
      at('2026-11-18', '20:00');
      const body = { name: '新考勤组', kind: 'fixed', shift: { start: '09:00', end: '18:00', lunchStart: '12:00', lunchEnd: '13:00', graceMinutes: 5, seriousLateMinutes: 30,
        absentAfterMinutes: 120 }, departmentIds: [], employeeIds: [ids.E0018], allowField: false, fieldRemarkRequired: false, fieldPhotoRequired: false,
        correction: { monthlyCap: 3, daysBack: 31, anomalies: ['missing', 'late', 'early'] } };
      const created = await h.api<AttendanceGroupView>('POST', '/admin/attendance/groups', { token: hr, body });
      expect(created.status).toBe(201);
      expect(created.body.effectiveFrom).toBe('2026-11-18'); // today by the (pinned) attendance clock
      const g = created.body;

      const nov = await month('E0018', '2026-11');
      expect(nov.days.map((d) => d.date)).toEqual(['2026-11-18']);
      const daily = await h.api<Page<DailyResultView>>('GET', `/admin/attendance/daily?from=2026-11-01&to=2026-11-30&employeeId=${ids.E0018}`, { token: hr });
      expect(daily.body.items.map((d) => d.date)).toEqual(['2026-11-18']);
      const yesterday = await h.api<Page<DailyResultView>>('GET', `/admin/attendance/anomalies?from=2026-11-17&to=2026-11-17&employeeId=${ids.E0018}`, { token: hr });
      expect(yesterday.body.total).toBe(0);
      const fix = await h.api('POST', '/attendance/corrections', { token: await as('E0018'), body: { date: '2026-11-17', kind: 'in', time: '09:00', reason: '忘记打卡' } });
      expect(fix.status).toBe(400);
      expect(fix.body.code).toBe('CORRECTION_NOT_NEEDED');
      const reportRow = async () => (await h.api<MonthlyReportRow[]>('GET', '/admin/attendance/report?month=2026-11', { token: hr })).body.find((x) => x.employee.id === ids.E0018)!;
      // November 2026 has no holidays: 21 working days, 9 of them from Wed 11-18; only 11-18 (no punches) is 旷工.
      expect(await reportRow()).toMatchObject({ workdays: 9, daysWorked: 0, absentDays: 1 });
      at('2026-11-17', '20:00');
      const team = await h.api<TeamTodayRow[]>('GET', '/attendance/team/today', { token: await as('E0006') });
      expect(team.body.find((r) => r.employee.id === ids.E0018)!.statuses).toEqual([]);
      at('2026-11-18', '20:00');

      const bad = await h.api('PUT', `/admin/attendance/groups/${g.id}`, { token: hr, body: { ...upsertBody(g), effectiveFrom: '2026-02-30' } });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const back = await h.api<AttendanceGroupView>('PUT', `/admin/attendance/groups/${g.id}`, { token: hr, body: { ...upsertBody(g), effectiveFrom: '2026-11-01' } });
      expect(back.status).toBe(200);
      expect(back.body.effectiveFrom).toBe('2026-11-01');
      const all = await month('E0018', '2026-11');
      expect(all.days).toHaveLength(18);
      expect(dayOf(all, '2026-11-17').statuses).toEqual(['absent']);
      expect(await reportRow()).toMatchObject({ workdays: 21, absentDays: 13 });
      // Omitted on update = unchanged; moved later again, the earlier stored days are gone.
      expect((await h.api<AttendanceGroupView>('PUT', `/admin/attendance/groups/${g.id}`, { token: hr, body: upsertBody(g) })).body.effectiveFrom).toBe('2026-11-01');
      await h.api('PUT', `/admin/attendance/groups/${g.id}`, { token: hr, body: { ...upsertBody(g), effectiveFrom: '2026-11-18' } });
      expect((await month('E0018', '2026-11')).days.map((d) => d.date)).toEqual(['2026-11-18']);
      expect(await reportRow()).toMatchObject({ workdays: 9, absentDays: 1 });
    });
  });
});
