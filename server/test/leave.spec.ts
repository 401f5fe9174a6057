import ExcelJS from 'exceljs';
import type { AnnualGrantResult, ImportPreview, LeaveBalanceView, LeavePreview, LeaveRequestView, LeaveTypeView, LedgerEntryView, OvertimeRequestView, Page, Platform } from '@hrlink/shared';
import { ApprovalInstance } from '../src/modules/approvals/entities';
import { LeaveLedgerEntry } from '../src/modules/leave/entities';
import { Employee } from '../src/modules/org/entities/employee.entity';
import { AdminLeaveService } from '../src/modules/leave/admin-leave.service';
import { addDays } from '../src/modules/leave/domain/dates';
import { localDate } from '../src/modules/leave/leave-core.service';
import { LeaveService } from '../src/modules/leave/leave.service';
import { Harness } from './support/harness';
import { inbox, registerCallbacks } from './support/delivery';

// Leave and overtime over real HTTP, real DB (SQLite, or MySQL/MariaDB with DATABASE_URL) and the demo org synced
// from a real sandbox: 前端组 E0014…E0019 report to 杨帆 E0006 → 张伟 E0003 → 王总 E0001; HR 李娜 E0002 (`hr` admin).
// Dates are real 2026 dates (chinese-days): 国庆 10-01…10-07 with make-up days 09-20 and 10-10.

describe('leave and overtime over HTTP', () => {
  let h: Harness;
  let hr: string;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let types: Record<string, LeaveTypeView> = {};

  beforeAll(async () => {
    h = await Harness.start({ DISPATCHER_ENABLED: '1', DISPATCHER_INTERVAL_MS: '100' });
    await h.seed();
    hr = await h.adminLogin();
    await h.syncAll(hr);
    await registerCallbacks(h, hr);
    Object.assign(ids, await h.employeeIds());
    const dates: Record<string, [string, string | null]> = {
      E0014: ['2020-03-01', '2012-07-01'], // 14 working years → 10 days
      E0015: ['2026-07-01', '2014-03-01'], // joiner: 184/365 × 10 = 5.04 → 5
      E0016: ['2018-01-01', '2016-07-01'], // reaches 10 years on 2026-07-01 → 7
      E0012: ['2015-01-01', '2010-01-01'], E0017: ['2021-01-01', '2021-01-01'], E0018: ['2019-01-01', '2010-01-01'], E0019: ['2019-01-01', '2010-01-01'],
    };
    for (const [no, [hireDate, firstWorkDate]] of Object.entries(dates)) {
      const r = await h.api('PATCH', `/org/employees/${ids[no]}`, { token: hr, body: { hireDate, firstWorkDate } });
      if (r.status !== 200) throw new Error(`patch ${no}: ${r.text}`);
    }
    const list = await h.api<LeaveTypeView[]>('GET', '/leave/types', { token: await as('E0014') });
    types = Object.fromEntries(list.body.map((t) => [t.code, t]));
  });
  afterAll(async () => h?.stop());

  async function as(no: string, platform: Platform = 'dingtalk'): Promise<string> {
    const key = `${platform}:${no}`;
    if (!tokens[key]) {
      const r = await h.platformLogin(platform, no);
      if (r.status !== 200) throw new Error(`login ${no}: ${r.text}`);
      tokens[key] = r.body.accessToken;
    }
    return tokens[key];
  }
  const body = (code: string, start: object, end: object, extra: object = {}) => ({ leaveTypeId: types[code].id, start, end, reason: '家中有事', ...extra });
  const submit = async (no: string, b: object) => h.api<LeaveRequestView & { code?: string; message?: string }>('POST', '/leave/requests', { token: await as(no), body: b });
  const balance = async (no: string, code: string) => (await h.api<LeaveBalanceView[]>('GET', '/leave/balances', { token: await as(no) })).body.find((b) => b.leaveType.code === code)!;
  const act = async (no: string, instanceId: string, action: 'approve' | 'reject', comment?: string) =>
    h.api('POST', `/approvals/instances/${instanceId}/actions`, { token: await as(no), body: { action, ...(comment ? { comment } : {}) } });
  const request = async (no: string, id: string) => (await h.api<LeaveRequestView>('GET', `/leave/requests/${id}`, { token: await as(no) })).body;

  it('seeds the 8 default types for the tenant on first use', () => {
    expect(Object.keys(types).sort()).toEqual(['annual', 'bereavement', 'comp_time', 'marriage', 'maternity', 'paternity', 'personal', 'sick']);
    expect(types.annual).toMatchObject({ name: '年假', unit: 'half_day', isAnnual: true, requiresBalance: true, countsRestDays: false });
    expect(types.comp_time).toMatchObject({ name: '调休', unit: 'hour', requiresBalance: true });
    expect(types.personal).toMatchObject({ name: '事假', paid: false });
    expect(types.maternity.countsRestDays).toBe(true);
  });

  it('annual grant: dry run shows the differences, applying writes them, a second run changes nothing', async () => {
    // The sync already granted this year's leave on hire, from the platform's hire dates (no first work date yet);
    // the corrected dates (beforeAll) show as differences before they are applied.
    const grantsBefore = await h.ds.getRepository(LeaveLedgerEntry).countBy({ kind: 'grant' });
    const dry = await h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year: 2026, dryRun: true } });
    expect(dry.status).toBe(200);
    const row = (no: string) => dry.body.rows.find((r) => r.employee.id === ids[no]);
    const e0014 = row('E0014')!;
    expect(e0014).toMatchObject({ computed: 10, difference: 10 - e0014.current });
    expect(e0014.current).toBeLessThan(10);
    // Rows list only changes: a person whose on-hire grant already equals the computed days has none.
    for (const r of dry.body.rows) expect(r.difference).toBe(r.computed - r.current);
    expect(await h.ds.getRepository(LeaveLedgerEntry).countBy({ kind: 'grant' })).toBe(grantsBefore);

    // HR pressing twice at once (or HR and the job): the differences are written once.
    const both = await Promise.all([1, 2].map(() => h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year: 2026, dryRun: false } })));
    const applied = both[0].body.rows.length ? both[0].body : both[1].body;
    expect(both.map((r) => r.body.rows.length).sort((a, b) => a - b)).toEqual([0, dry.body.rows.length]);
    const count = await h.ds.getRepository(LeaveLedgerEntry).countBy({ kind: 'grant' });
    const again = (await h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year: 2026, dryRun: false } })).body;
    expect(again.rows).toEqual([]);
    expect(again.unchanged).toBe(applied.rows.length + applied.unchanged);
    expect(await h.ds.getRepository(LeaveLedgerEntry).countBy({ kind: 'grant' })).toBe(count);

    expect(await balance('E0014', 'annual')).toMatchObject({ granted: 10, used: 0, pending: 0, available: 10, annual: { fullYearDays: 10, grantedDays: 10 } });
    expect((await balance('E0015', 'annual')).annual!.explanation).toBe('累计工作 11 年，全年 10 天；2026-07-01 入职，按 184/365 折算为 5 天');
    expect((await balance('E0015', 'annual')).granted).toBe(5);
    expect((await balance('E0016', 'annual')).granted).toBe(7);
    expect((await balance('E0017', 'annual')).granted).toBe(5);

    // A corrected first work date: the re-run grants only the difference (E0017: 5 → 15 days).
    await h.api('PATCH', `/org/employees/${ids.E0017}`, { token: hr, body: { firstWorkDate: '2000-01-01' } });
    const fix = (await h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year: 2026, dryRun: false } })).body;
    expect(fix.rows).toEqual([expect.objectContaining({ employee: expect.objectContaining({ id: ids.E0017 }), current: 5, computed: 15, difference: 10 })]);
    expect((await balance('E0017', 'annual')).granted).toBe(15);
  });

  it('preview over 国庆 2026 counts 6 working days incl. make-up Saturday 10-10, with the balance after', async () => {
    const r = await h.api<LeavePreview>('POST', '/leave/preview', { token: await as('E0014'), body: body('annual', { date: '2026-09-28' }, { date: '2026-10-11' }) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ amount: 6, unit: 'day', balanceBefore: 10, balanceAfter: 4, problems: [] });
    expect(r.body.days.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', kind: 'makeup_workday', amount: 1 });
    const mat = await h.api<LeavePreview>('POST', '/leave/preview', { token: await as('E0014'), body: body('maternity', { date: '2026-09-28' }, { date: '2026-10-11' }) });
    expect(mat.body).toMatchObject({ amount: 14, balanceBefore: null });
  });

  it('apply → manager approves via the approvals API → pending becomes used; cancel → 销假 approved → restored', async () => {
    const created = await submit('E0014', body('annual', { date: '2026-12-07', half: 'pm' }, { date: '2026-12-09', half: 'am' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', amount: 2, unit: 'day', approvalInstanceId: expect.any(String) });
    expect(await balance('E0014', 'annual')).toMatchObject({ granted: 10, used: 0, pending: 2, available: 8 });
    const inst = (await h.api('GET', `/approvals/instances/${created.body.approvalInstanceId}`, { token: await as('E0014') })).body;
    expect(inst).toMatchObject({ businessType: 'leave', currentApprovers: [{ id: ids.E0006 }], data: { days: 2, leaveTypeCode: 'annual' } });
    expect(inst.form.map((f: { label: string }) => f.label)).toEqual(['类型', '时间', '天数', '事由']);
    expect(inst.form[1].value).toBe('2026-12-07 下午 至 2026-12-09 上午');

    expect((await act('E0006', created.body.approvalInstanceId!, 'approve')).status).toBe(200);
    expect((await request('E0014', created.body.id)).status).toBe('approved');
    expect(await balance('E0014', 'annual')).toMatchObject({ used: 2, pending: 0, available: 8 });

    // Attendance reads the approved days.
    const tenantId = (await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids.E0014]))[0].tenantId;
    const days = await h.app.get(LeaveService).onLeaveDays(tenantId, ids.E0014, '2026-12-01', '2026-12-31');
    expect(days.map((d) => [d.date, d.amount, d.half ?? null])).toEqual([['2026-12-07', 0.5, 'pm'], ['2026-12-08', 1, null], ['2026-12-09', 0.5, 'am']]);

    // The engine decides once; a second onFinished (e.g. a replay) deducts nothing more.
    const instance = await h.ds.getRepository(ApprovalInstance).findOneByOrFail({ id: created.body.approvalInstanceId! });
    await h.ds.transaction((m) => h.app.get(LeaveService).onLeaveFinished(m, instance, 'approved'));
    expect(await h.ds.getRepository(LeaveLedgerEntry).countBy({ requestId: created.body.id, kind: 'use' })).toBe(1);
    expect((await balance('E0014', 'annual')).used).toBe(2);

    // The manager sees it in the team calendar.
    const team = (await h.api('GET', '/leave/team?from=2026-12-01&to=2026-12-31', { token: await as('E0006') })).body;
    expect(team).toEqual([expect.objectContaining({ requestId: created.body.id, status: 'approved', leaveTypeName: '年假', employee: expect.objectContaining({ id: ids.E0014 }) })]);
    expect((await h.api('GET', '/leave/team?from=2026-12-01&to=2026-12-31', { token: await as('E0003') })).body.length).toBe(1);
    expect((await h.api('GET', '/leave/team?from=2026-12-01&to=2026-12-31', { token: await as('E0015') })).body).toEqual([]);

    // Cancel → a 销假 approval; rejected → stays approved; approved → cancelled and restored.
    const c1 = await h.api<LeaveRequestView>('POST', `/leave/requests/${created.body.id}/cancel`, { token: await as('E0014'), body: { reason: '行程取消' } });
    expect(c1.status).toBe(200);
    expect(c1.body).toMatchObject({ status: 'cancelling', cancelApprovalInstanceId: expect.any(String) });
    expect((await submit('E0014', body('annual', { date: '2026-12-08' }, { date: '2026-12-08' }))).body.code).toBe('LEAVE_OVERLAP');
    expect((await act('E0006', c1.body.cancelApprovalInstanceId!, 'reject', '项目需要')).status).toBe(200);
    expect((await request('E0014', created.body.id)).status).toBe('approved');
    const c2 = (await h.api<LeaveRequestView>('POST', `/leave/requests/${created.body.id}/cancel`, { token: await as('E0014'), body: {} })).body;
    expect((await act('E0006', c2.cancelApprovalInstanceId!, 'approve')).status).toBe(200);
    expect((await request('E0014', created.body.id)).status).toBe('cancelled');
    expect(await balance('E0014', 'annual')).toMatchObject({ granted: 10, used: 0, pending: 0, available: 10 });
    expect(await h.app.get(LeaveService).onLeaveDays(instance.tenantId, ids.E0014, '2026-12-01', '2026-12-31')).toEqual([]);
    const ledger = (await h.api<Page<LedgerEntryView>>('GET', `/leave/ledger?leaveTypeId=${types.annual.id}`, { token: await as('E0014') })).body;
    // The 2026 grant: 5 days on hire (from the platform's hire date), +5 when the corrected dates were applied.
    expect(ledger.items.map((e) => [e.kind, e.amount])).toEqual([['restore', 2], ['use', -2], ['grant', 5], ['grant', 5]]);
    expect((await h.api('POST', `/leave/requests/${created.body.id}/cancel`, { token: await as('E0014'), body: {} })).body.code).toBe('LEAVE_NOT_CANCELLABLE');
  });

  it('reject and withdraw release the reservation', async () => {
    const a = (await submit('E0016', body('annual', { date: '2026-12-14' }, { date: '2026-12-15' }))).body;
    expect(await balance('E0016', 'annual')).toMatchObject({ granted: 7, pending: 2, available: 5 });
    expect((await act('E0006', a.approvalInstanceId!, 'reject', '人手不足')).status).toBe(200);
    expect((await request('E0016', a.id)).status).toBe('rejected');
    expect(await balance('E0016', 'annual')).toMatchObject({ pending: 0, used: 0, available: 7 });

    const b = (await submit('E0016', body('annual', { date: '2026-12-14' }, { date: '2026-12-15' }))).body;
    expect(b.status).toBe('pending');
    const w = await h.api<LeaveRequestView>('POST', `/leave/requests/${b.id}/withdraw`, { token: await as('E0016') });
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    expect(await balance('E0016', 'annual')).toMatchObject({ pending: 0, available: 7 });
    expect((await h.api('POST', `/leave/requests/${b.id}/withdraw`, { token: await as('E0016') })).body.code).toBe('LEAVE_NOT_CANCELLABLE');
    expect((await h.api('POST', `/leave/requests/${b.id}/withdraw`, { token: await as('E0015') })).status).toBe(404);
  });

  it('refuses with a clear code for each rule; two halves of one day are fine', async () => {
    const code = async (no: string, b: object) => {
      const r = await submit(no, b);
      return r.status >= 400 ? r.body.code : `status ${r.status}`;
    };
    expect(await code('E0015', body('annual', { date: '2026-06-01' }, { date: '2026-06-02' }))).toBe('LEAVE_BEFORE_HIRE');
    expect(await code('E0015', body('annual', { date: '2026-12-21' }, { date: '2026-12-31' }))).toBe('LEAVE_BALANCE_INSUFFICIENT');
    expect(await code('E0015', body('marriage', { date: '2026-12-21' }, { date: '2026-12-24' }))).toBe('LEAVE_OVER_MAX');
    expect(await code('E0015', body('sick', { date: '2026-12-21' }, { date: '2026-12-23' }))).toBe('LEAVE_ATTACHMENT_REQUIRED');
    expect(await code('E0015', body('personal', { date: '2026-12-23' }, { date: '2026-12-21' }))).toBe('LEAVE_INVALID_RANGE');
    expect(await code('E0015', body('personal', { date: '2026-10-03' }, { date: '2026-10-04' }))).toBe('LEAVE_NOTHING_TO_TAKE');
    expect(await code('E0015', body('comp_time', { date: '2026-12-21', time: '09:00' }, { date: '2026-12-21', time: '11:00' }))).toBe('LEAVE_BALANCE_INSUFFICIENT');

    // Notice and not-applicable need HR settings: a type with 30 days' notice, then disabled.
    const t = await h.api<LeaveTypeView>('POST', '/admin/leave/types', { token: hr, body: {
      code: 'study', name: '学习假', paid: true, unit: 'day', hoursPerDay: 8, countsRestDays: false, requiresBalance: false, allowNegative: false,
      attachmentOverDays: null, minNoticeDays: 30, maxPerRequest: null, carryForwardCap: null, carryForwardExpiry: null, enabled: true } });
    expect(t.status).toBe(201);
    const soon = { leaveTypeId: t.body.id, start: { date: '2026-11-23' }, end: { date: '2026-11-23' }, reason: '考试' };
    expect(await code('E0015', soon)).toBe('LEAVE_NOTICE_TOO_SHORT');
    const preview = (await h.api<LeavePreview>('POST', '/leave/preview', { token: await as('E0015'), body: soon })).body;
    expect(preview.problems.map((p) => p.code)).toEqual(['LEAVE_NOTICE_TOO_SHORT']);
    await h.api('PUT', `/admin/leave/types/${t.body.id}`, { token: hr, body: { ...t.body, id: undefined, isAnnual: undefined, enabled: false } });
    expect(await code('E0015', { ...soon, start: { date: '2027-03-01' }, end: { date: '2027-03-01' } })).toBe('LEAVE_TYPE_NOT_APPLICABLE');
    expect((await h.api('DELETE', `/admin/leave/types/${types.annual.id}`, { token: hr })).body.code).toBe('CONFLICT');
    expect((await h.api('DELETE', `/admin/leave/types/${t.body.id}`, { token: hr })).status).toBe(204);

    // Overlap: a morning and an afternoon of the same day from two requests are fine; a full day over them is not.
    expect(await code('E0015', body('personal', { date: '2026-12-28', half: 'am' }, { date: '2026-12-28', half: 'am' }))).toBe('status 201');
    expect(await code('E0015', body('personal', { date: '2026-12-28', half: 'pm' }, { date: '2026-12-28', half: 'pm' }))).toBe('status 201');
    expect(await code('E0015', body('personal', { date: '2026-12-28' }, { date: '2026-12-29' }))).toBe('LEAVE_OVERLAP');
    expect(await code('E0015', body('annual', { date: '2026-12-28', half: 'pm' }, { date: '2026-12-28', half: 'pm' }))).toBe('LEAVE_OVERLAP');
  });

  it('20 parallel requests on a balance of 5 days: exactly 5 succeed, the balance never goes below zero', async () => {
    const t = await h.api<LeaveTypeView>('POST', '/admin/leave/types', { token: hr, body: {
      code: 'quota', name: '福利假', paid: true, unit: 'day', hoursPerDay: 8, countsRestDays: false, requiresBalance: true, allowNegative: false,
      attachmentOverDays: null, minNoticeDays: null, maxPerRequest: null, carryForwardCap: null, carryForwardExpiry: null, enabled: true } });
    const adj = await h.api<LedgerEntryView>('POST', '/admin/leave/adjustments', { token: hr, body: { employeeId: ids.E0019, leaveTypeId: t.body.id, amount: 5, reason: '年度福利' } });
    expect(adj.status).toBe(201);
    expect(adj.body).toMatchObject({ kind: 'adjust', amount: 5, reason: '年度福利', actor: { id: ids.E0002 } });
    expect((await h.api('POST', '/admin/leave/adjustments', { token: hr, body: { employeeId: ids.E0019, leaveTypeId: t.body.id, amount: 1, reason: '' } })).status).toBe(400);
    const token = await as('E0019');
    const days = Array.from({ length: 20 }, (_, i) => `2027-03-${String(1 + Math.floor(i / 5) * 7 + (i % 5)).padStart(2, '0')}`); // Mon–Fri × 4 weeks
    const results = await Promise.all(days.map((d) => h.api('POST', '/leave/requests', { token, body: { leaveTypeId: t.body.id, start: { date: d }, end: { date: d }, reason: '并发' } })));
    expect(results.filter((r) => r.status === 201).length).toBe(5);
    expect(results.filter((r) => r.status !== 201).map((r) => r.body.code)).toEqual(Array(15).fill('LEAVE_BALANCE_INSUFFICIENT'));
    const b = (await h.api<LeaveBalanceView[]>('GET', '/leave/balances', { token })).body.find((x) => x.leaveType.id === t.body.id)!;
    expect(b).toMatchObject({ granted: 5, pending: 5, available: 0 });
  });

  it('overtime on a rest day → approved → comp time hours in the balances; workday overtime earns none by default', async () => {
    const token = await as('E0018');
    const sat = await h.api<OvertimeRequestView>('POST', '/overtime/requests', { token, body: { date: '2026-11-28', hours: 4, reason: '上线' } });
    expect(sat.status).toBe(201);
    expect(sat.body).toMatchObject({ dayKind: 'restday', status: 'pending', compHoursGranted: 0 });
    const mk = (await h.api<OvertimeRequestView>('POST', '/overtime/requests', { token, body: { date: '2026-10-10', hours: 2, reason: '调休上班日加班' } })).body;
    expect(mk.dayKind).toBe('workday');
    expect((await h.api('POST', '/overtime/requests', { token, body: { date: '2026-11-29', hours: 0.3, reason: 'x' } })).body.code).toBe('VALIDATION_FAILED');
    expect((await h.api('POST', '/overtime/requests', { token, body: { date: '2026-11-29', hours: 1.25, reason: 'x' } })).body.code).toBe('OVERTIME_INVALID');
    expect((await act('E0006', sat.body.approvalInstanceId!, 'approve')).status).toBe(200);
    expect((await act('E0006', mk.approvalInstanceId!, 'approve')).status).toBe(200);
    const got = (await h.api<OvertimeRequestView>('GET', `/overtime/requests/${sat.body.id}`, { token })).body;
    expect(got).toMatchObject({ status: 'approved', compHoursGranted: 4, compExpiresOn: null });
    expect((await h.api<OvertimeRequestView>('GET', `/overtime/requests/${mk.id}`, { token })).body.compHoursGranted).toBe(0);
    expect(await balance('E0018', 'comp_time')).toMatchObject({ unit: 'hour', granted: 4, available: 4 });
    // Spend 2 hours of it.
    const use = await submit('E0018', body('comp_time', { date: '2026-12-01', time: '16:00' }, { date: '2026-12-01', time: '18:00' }));
    expect(use.body).toMatchObject({ amount: 2, unit: 'hour' });
    expect(await balance('E0018', 'comp_time')).toMatchObject({ pending: 2, available: 2 });
    const admin = (await h.api<Page<OvertimeRequestView>>('GET', '/admin/overtime/requests?status=approved', { token: hr })).body;
    expect(admin.items.map((o) => o.id).sort()).toEqual([sat.body.id, mk.id].sort());
    const x = await fetch(`${h.url}/api/admin/overtime/requests/export`, { headers: { authorization: `Bearer ${hr}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '工号', '姓名', '日期', '类型', '时长(小时)', '事由', '状态', '调休(小时)', '调休过期日']);
    expect(wb.worksheets[0].rowCount).toBe(3);
  });

  it('the approver presses 同意 on the WeCom card in the sandbox → the leave is approved and the balance moves', async () => {
    const r = await h.api<LeaveRequestView>('POST', '/leave/requests', { token: await as('E0018', 'wecom'), body: body('annual', { date: '2026-12-03' }, { date: '2026-12-04' }) });
    expect(r.status).toBe(201);
    const until = Date.now() + 15_000;
    let card;
    while (!(card = (await inbox(h, 'wecom', 'E0006')).find((i) => i.title.includes('年假申请') && i.buttons.length > 0 && i.form.some((f) => f.value.includes('2026-12-03'))))) {
      if (Date.now() > until) throw new Error('no card');
      await new Promise((res) => setTimeout(res, 150));
    }
    const press = await h.control<{ status: number }>('POST', `/inbox/${card.id}/press`, { text: '同意' });
    expect(press.status).toBe(200);
    expect((await request('E0018', r.body.id)).status).toBe('approved');
    expect(await balance('E0018', 'annual')).toMatchObject({ granted: 10, used: 2, available: 8 });
  });

  it('calendar: 2026 published with 调休 days, 2031 not; an HR override changes the count', async () => {
    const y = (await h.api('GET', '/leave/calendar?year=2026', { token: await as('E0014') })).body;
    expect(y.published).toBe(true);
    expect(y.days).toContainEqual({ date: '2026-10-10', kind: 'makeup_workday', name: '国庆节调休上班', source: 'package' });
    expect((await h.api('GET', '/admin/leave/calendar?year=2031', { token: hr })).body).toEqual({ year: 2031, published: false, days: [] });
    const put = await h.api('PUT', '/admin/leave/calendar/overrides', { token: hr, body: { date: '2026-12-24', kind: 'holiday', name: '公司假期' } });
    expect(put.status).toBe(200);
    expect(put.body.days).toContainEqual({ date: '2026-12-24', kind: 'holiday', name: '公司假期', source: 'override' });
    const p = (await h.api<LeavePreview>('POST', '/leave/preview', { token: await as('E0014'), body: body('annual', { date: '2026-12-21' }, { date: '2026-12-25' }) })).body;
    expect(p.amount).toBe(4);
    expect((await h.api('POST', '/leave/preview', { token: await as('E0014'), body: { ...body('annual', { date: '2026-12-21' }, { date: '2026-12-21' }), reason: '' } })).status).toBe(200);
    expect((await h.api('DELETE', '/admin/leave/calendar/overrides/2026-12-24', { token: hr })).status).toBe(200);
    expect((await h.api<LeavePreview>('POST', '/leave/preview', { token: await as('E0014'), body: body('annual', { date: '2026-12-21' }, { date: '2026-12-25' }) })).body.amount).toBe(5);
    expect((await h.api('GET', '/admin/leave/calendar', { token: await as('E0014') })).status).toBe(403);
  });

  it('import opening balances: bad rows refused with row errors, a good file committed once; export readable', async () => {
    const xlsx = async (rows: (string | number)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('s');
      ws.addRow(['工号', '假期类型', '数量', '说明']);
      rows.forEach((r) => ws.addRow(r));
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (buf: Buffer) => {
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(buf)]), 'import.xlsx');
      const res = await fetch(`${h.url}/api/admin/leave/balances/import`, { method: 'POST', headers: { authorization: `Bearer ${hr}` }, body: fd });
      return { status: res.status, body: (await res.json()) as ImportPreview & { code?: string } };
    };
    const bad = await upload(await xlsx([['E0012', '年假', 2, '期初'], ['E9999', '年假', 1, ''], ['E0012', '探亲假', 1, ''], ['E0013', 'annual', 'abc', ''], ['E0012', 'annual', 1, '重复']]));
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ token: null, total: 5, valid: 1 });
    expect(bad.body.rows.map((r) => [r.row, r.errors])).toEqual([
      [2, []], [3, ['工号 E9999 不存在']], [4, ['假期类型「探亲假」不存在']], [5, ['数量「abc」不是数字']], [6, ['与前面的行重复（同一工号和假期类型）']],
    ]);
    expect(await h.ds.getRepository(LeaveLedgerEntry).countBy({ employeeId: ids.E0012, kind: 'adjust' })).toBe(0);
    expect((await h.api('POST', '/admin/leave/balances/import/nope/commit', { token: hr })).status).toBe(404);

    const good = await upload(await xlsx([['E0012', '年假', 2.5, '期初'], ['E0013', 'comp_time', 6, '旧系统调休']]));
    expect(good.body).toMatchObject({ total: 2, valid: 2, token: expect.any(String) });
    const commit = await h.api('POST', `/admin/leave/balances/import/${good.body.token}/commit`, { token: hr });
    expect(commit.body).toEqual({ imported: 2 });
    expect((await h.api('POST', `/admin/leave/balances/import/${good.body.token}/commit`, { token: hr })).body.code).toBe('CONFLICT');
    expect(await balance('E0013', 'comp_time')).toMatchObject({ granted: 6, available: 6 });

    const dept = (await h.ds.query("SELECT id FROM departments WHERE name = '前端组'"))[0].id;
    const inDept = (await h.api('GET', `/admin/leave/balances?departmentId=${dept}&pageSize=100`, { token: hr })).body;
    expect(inDept.items.map((r: { employee: { employeeNo: string } }) => r.employee.employeeNo)).toEqual(expect.arrayContaining(['E0014', 'E0019']));
    expect(inDept.items.map((r: { employee: { employeeNo: string } }) => r.employee.employeeNo)).not.toContain('E0002');
    const list = (await h.api('GET', `/admin/leave/balances?q=E0012&leaveTypeId=${types.annual.id}`, { token: hr })).body;
    expect(list.total).toBe(1);
    expect(list.items[0].balances[0]).toMatchObject({ leaveType: { code: 'annual' }, granted: expect.any(Number) });
    const res = await fetch(`${h.url}/api/admin/leave/balances/export?q=E0012`, { headers: { authorization: `Bearer ${hr}` } });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const rows = wb.worksheets[0].getSheetValues().slice(2) as unknown[][];
    expect(rows.find((r) => r[3] === '年假')?.slice(1, 5)).toEqual(['E0012', expect.any(String), '年假', '天']);
    const tpl = await fetch(`${h.url}/api/admin/leave/balances/import-template`, { headers: { authorization: `Bearer ${hr}` } });
    expect(tpl.status).toBe(200);

    const reqs = await fetch(`${h.url}/api/admin/leave/requests/export?status=approved`, { headers: { authorization: `Bearer ${hr}` } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(await reqs.arrayBuffer()) as never);
    expect(wb2.worksheets[0].getRow(1).values).toEqual([undefined, '工号', '姓名', '假期类型', '时间', '数量', '单位', '事由', '状态', '提交时间']);
    expect(wb2.worksheets[0].rowCount).toBeGreaterThan(1);
  });

  it('admin ledger and requests list; employees cannot use admin endpoints', async () => {
    const l = (await h.api<Page<LedgerEntryView>>('GET', `/admin/leave/ledger?employeeId=${ids.E0019}`, { token: hr })).body;
    expect(l.items.map((e) => e.kind)).toEqual(['adjust', 'grant', 'grant']); // on hire + the corrected dates
    const r = (await h.api<Page<LeaveRequestView>>('GET', `/admin/leave/requests?employeeId=${ids.E0019}&status=pending&pageSize=100`, { token: hr })).body;
    expect(r.total).toBe(5);
    expect((await h.api('POST', '/admin/leave/adjustments', { token: await as('E0019'), body: { employeeId: ids.E0019, leaveTypeId: types.annual.id, amount: 5, reason: 'x' } })).status).toBe(403);
  });

  it('year end: unused annual days carried up to the cap until 03-31, the rest expires; comp time expires per the policy; jobs are idempotent', async () => {
    const tenantId = (await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids.E0016]))[0].tenantId;
    const { id: _id, isAnnual: _a, ...annual } = types.annual;
    expect((await h.api('PUT', `/admin/leave/types/${types.annual.id}`, { token: hr, body: { ...annual, carryForwardCap: 5, carryForwardExpiry: '03-31' } })).status).toBe(200);
    const pol = await h.api('PUT', '/admin/leave/policy', { token: hr, body: { annualMode: 'statutory', annualTiers: [], compTimeRatio: 1.5, compForWorkdayOvertime: false, compTimeExpiryDays: 30 } });
    expect(pol.status).toBe(200);
    const ot = (await h.api<OvertimeRequestView>('POST', '/overtime/requests', { token: await as('E0017'), body: { date: '2026-11-29', hours: 2, reason: '值班' } })).body;
    await act('E0006', ot.approvalInstanceId!, 'approve');
    const today = localDate(new Date(), 'Asia/Shanghai');
    expect((await h.api<OvertimeRequestView>('GET', `/overtime/requests/${ot.id}`, { token: await as('E0017') })).body).toMatchObject({ compHoursGranted: 3, compExpiresOn: addDays(today, 30) });

    const jobs = h.app.get(AdminLeaveService);
    const first = await jobs.dailyJobs(tenantId, '2027-01-01');
    expect(first.carried).toBeGreaterThan(0);
    expect(await jobs.dailyJobs(tenantId, '2027-01-01')).toEqual({ carried: 0, expired: 0, granted: 0 });
    // E0016: 7 granted in 2026, none used → 5 carried (cap) until 2027-03-31, 7 expired, 10 granted for 2027.
    const e16 = (await h.api<Page<LedgerEntryView>>('GET', `/leave/ledger?leaveTypeId=${types.annual.id}`, { token: await as('E0016') })).body.items;
    // The year-end entries (the 2026 grant lots — on hire and the correction — expire lot by lot).
    const yearEnd = e16.filter((e) => e.kind === 'carry_forward' || e.kind === 'expire' || (e.kind === 'grant' && e.expiresOn === '2027-12-31'));
    const total = (kind: string) => yearEnd.filter((e) => e.kind === kind).reduce((n, e) => n + e.amount, 0);
    expect(yearEnd.find((e) => e.kind === 'carry_forward')).toMatchObject({ amount: 5, expiresOn: '2027-03-31' });
    expect(yearEnd.filter((e) => e.kind === 'expire').every((e) => e.expiresOn === '2026-12-31')).toBe(true);
    expect(total('expire')).toBe(-7);
    expect(total('grant')).toBe(10);
    expect(await balance('E0016', 'annual')).toMatchObject({ granted: 15, available: 15, carriedOver: 5, carriedExpiresOn: '2027-03-31' });
    // E0014 takes 2 days in 2027: they come out of the carried part first; on 04-01 only 3 carried days expire.
    const used = await submit('E0014', body('annual', { date: '2027-02-01' }, { date: '2027-02-02' }));
    await act('E0006', used.body.approvalInstanceId!, 'approve');
    expect((await balance('E0014', 'annual')).carriedOver).toBe(3);
    await jobs.dailyJobs(tenantId, '2027-04-01');
    const e14 = (await h.api<Page<LedgerEntryView>>('GET', `/leave/ledger?leaveTypeId=${types.annual.id}`, { token: await as('E0014') })).body.items;
    expect(e14[0]).toMatchObject({ kind: 'expire', amount: -3, expiresOn: '2027-03-31' });
    expect(await balance('E0014', 'annual')).toMatchObject({ available: 10, carriedOver: 0 });
    // Comp time granted today with 30 days' validity: still there on its last day, expired the day after (the
    // 2027 runs above already passed that date: nothing more to expire).
    const comp = (await h.api<Page<LedgerEntryView>>('GET', `/leave/ledger?leaveTypeId=${types.comp_time.id}`, { token: await as('E0017') })).body.items;
    expect(comp.map((e) => [e.kind, e.amount, e.expiresOn])).toEqual([['expire', -3, addDays(today, 30)], ['overtime', 3, addDays(today, 30)]]);
    expect(await balance('E0017', 'comp_time')).toMatchObject({ granted: 0, available: 0 });
    expect(await jobs.dailyJobs(tenantId, addDays(today, 31))).toEqual({ carried: 0, expired: 0, granted: 0 });
  });

  it('leaver: after leaving, the re-run prorates the year to the leaving date (days ÷ 365 × 10, fractions dropped)', async () => {
    const before = (await h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year: 2026, dryRun: true } })).body;
    expect(before.rows.find((r) => r.employee.id === ids.E0012)).toBeUndefined();
    await h.control('DELETE', '/people/E0012?corp=demo');
    await h.syncAll(hr);
    const left = await h.ds.getRepository(Employee).findOneByOrFail({ id: ids.E0012 });
    expect(left.status).not.toBe('active');
    const leaveDate = localDate(left.leftAt!, 'Asia/Shanghai');
    const days = Math.round((Date.parse(leaveDate) - Date.parse('2026-01-01')) / 86_400_000) + 1;
    // Leaving through the platform re-runs the grant at once (org event): the year is prorated to the leaving date.
    const computed = Math.floor((days / 365) * 10);
    const ledger = (await h.api<Page<LedgerEntryView>>('GET', `/admin/leave/ledger?employeeId=${ids.E0012}&leaveTypeId=${types.annual.id}`, { token: hr })).body.items;
    const grants = ledger.filter((e) => e.kind === 'grant' && e.expiresOn === '2026-12-31');
    expect(grants.reduce((n, e) => n + e.amount, 0)).toBe(computed);
    expect(grants[0]).toMatchObject({ amount: computed - 10, reason: expect.stringContaining(`${leaveDate} 离职，按 ${days}/365 折算`) });
    const dry = (await h.api<AnnualGrantResult>('POST', '/admin/leave/annual-grant', { token: hr, body: { year: 2026, dryRun: true } })).body;
    expect(dry.rows.find((r) => r.employee.id === ids.E0012)).toBeUndefined();
  });
});
