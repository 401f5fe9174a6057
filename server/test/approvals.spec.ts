import ExcelJS from 'exceljs';
import type { ApprovalInstanceDetail, ApprovalRouteView, Page, ApprovalInstanceSummary, RouteStep } from '@hrlink/shared';
import { ApprovalEvent, ApprovalEventBus } from '../src/modules/approvals/approval-events';
import { ApprovalReminders } from '../src/modules/approvals/approval-reminders';
import { ApprovalTypes } from '../src/modules/approvals/approval-types';
import { EXPORT_MAX_ROWS } from '../src/modules/approvals/approvals.queries';
import { ApprovalInstance } from '../src/modules/approvals/entities';
import { ApprovalsService } from '../src/modules/approvals/approvals.service';
import { Harness, OTHER_TENANT } from './support/harness';

// The approval engine over real HTTP against the real database (SQLite, or MySQL/MariaDB with DATABASE_URL) and the
// demo org synced from a real sandbox process: 王总 E0001 → 研发总监 张伟 E0003 → 前端组组长 杨帆 E0006 → 前端工程师
// E0014…E0019; 人力资源经理 李娜 E0002 (the `hr` admin account is linked to her: she is the tenant's HR).

describe('approval engine over HTTP', () => {
  let h: Harness;
  let hr: string;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const events: ApprovalEvent[] = [];

  beforeAll(async () => {
    h = await Harness.start();
    await h.seed();
    hr = await h.adminLogin();
    await h.syncAll(hr);
    Object.assign(ids, await h.employeeIds());
    // Events are emitted inside the engine's transaction; a retried (rolled back) attempt emits them again. Keep
    // only those of committed transactions, like the outbox rows listeners write with the same manager.
    const pending = new Map<unknown, ApprovalEvent[]>();
    h.app.get(ApprovalEventBus).on((em, e) => {
      const key = em.queryRunner ?? em;
      pending.set(key, [...(pending.get(key) ?? []), e]);
    });
    h.ds.subscribers.push({
      afterTransactionCommit: (ev: { queryRunner: unknown }) => {
        events.push(...(pending.get(ev.queryRunner) ?? []));
        pending.delete(ev.queryRunner);
      },
      afterTransactionRollback: (ev: { queryRunner: unknown }) => {
        pending.delete(ev.queryRunner);
      },
    } as never);
  });
  afterAll(async () => h?.stop());

  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));

  async function setRoute(steps: RouteStep[], reminderHours: number | null = null): Promise<void> {
    const res = await h.api('PUT', '/admin/approval-routes/general', { token: hr, body: { steps, reminderHours } });
    if (res.status !== 200) throw new Error(`route: ${res.text}`);
  }
  const managerRoute = () => setRoute([{ name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any' }]);

  async function apply(no: string, title: string, amountFen?: number): Promise<ApprovalInstanceDetail> {
    const res = await h.api<ApprovalInstanceDetail>('POST', '/approvals/general', { token: await as(no), body: { title, details: `${title} 的详情`, ...(amountFen ? { amountFen } : {}) } });
    if (res.status !== 201) throw new Error(`apply: ${res.status} ${res.text}`);
    return res.body;
  }
  const detail = async (no: string, id: string) => h.api<ApprovalInstanceDetail & { code?: string }>('GET', `/approvals/instances/${id}`, { token: await as(no) });
  const act = async (no: string, id: string, body: Record<string, unknown>) => h.api<ApprovalInstanceDetail & { code?: string }>('POST', `/approvals/instances/${id}/actions`, { token: await as(no), body });
  const list = async (no: string, which: 'todo' | 'mine' | 'done') => (await h.api<Page<ApprovalInstanceSummary>>('GET', `/approvals/${which}?pageSize=100`, { token: await as(no) })).body;
  const eventsOf = (id: string) => events.filter((e) => e.instance.instanceId === id);

  it('general request → manager’s todo → approve → the applicant sees 已同意', async () => {
    await managerRoute();
    const created = await apply('E0014', '采购显示器', 129900);
    expect(created).toMatchObject({
      businessType: 'general', businessTypeName: '通用审批', title: '采购显示器', status: 'pending', canWithdraw: true, myTaskId: null,
      applicant: { id: ids.E0014, name: '朱明', departments: [{ name: '前端组' }] },
      currentApprovers: [{ id: ids.E0006, name: '杨帆' }],
      data: { amountFen: 129900 },
    });
    expect(created.form).toEqual([{ label: '标题', value: '采购显示器' }, { label: '详情', value: '采购显示器 的详情' }, { label: '金额', value: '¥1,299.00' }]);

    const todo = await list('E0006', 'todo');
    expect(todo.items.map((i) => i.id)).toContain(created.id);
    const counts = (await h.api('GET', '/approvals/counts', { token: await as('E0006') })).body;
    expect(counts.todo).toBeGreaterThanOrEqual(1);
    const seen = (await detail('E0006', created.id)).body;
    expect(seen.myTaskId).toEqual(expect.any(String));
    expect(seen.canWithdraw).toBe(false);

    const approved = await act('E0006', created.id, { action: 'approve', comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const mine = (await detail('E0014', created.id)).body;
    expect(mine).toMatchObject({ status: 'approved', currentApprovers: [], canWithdraw: false, finishedAt: expect.any(String) });
    expect(mine.steps).toEqual([expect.objectContaining({ name: '直属上级审批', state: 'done', tasks: [expect.objectContaining({ status: 'approved', comment: '同意', approver: expect.objectContaining({ name: '杨帆' }) })] })]);
    expect(mine.timeline.map((e) => [e.action, e.actor?.name, e.via])).toEqual([['submit', '朱明', 'app'], ['approve', '杨帆', 'app']]);
    expect((await list('E0014', 'mine')).items.find((i) => i.id === created.id)?.status).toBe('approved');
    expect((await list('E0006', 'done')).items.map((i) => i.id)).toContain(created.id);
    expect((await list('E0006', 'todo')).items.map((i) => i.id)).not.toContain(created.id);
    expect(eventsOf(created.id).map((e) => e.type)).toEqual(['tasks.activated', 'tasks.closed', 'instance.finished']);
    expect(eventsOf(created.id)[2]).toMatchObject({ status: 'approved', actorId: ids.E0006 });
  });

  it('a condition adds the HR step only for amounts above ¥1,000 (amountFen > 100000)', async () => {
    await setRoute([
      { name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any' },
      { name: '人事审批', approver: { type: 'role', role: 'hr' }, mode: 'any', condition: { field: 'amountFen', op: '>', value: 100000 } },
    ]);
    const big = await apply('E0015', '团建费用', 150000);
    const small = await apply('E0015', '办公用品', 50000);
    expect(big.steps.map((s) => s.name)).toEqual(['直属上级审批', '人事审批']);
    expect(small.steps.map((s) => s.name)).toEqual(['直属上级审批']);

    expect((await act('E0006', big.id, { action: 'approve' })).body).toMatchObject({ status: 'pending', currentApprovers: [{ id: ids.E0002 }] });
    expect((await list('E0002', 'todo')).items.map((i) => i.id)).toContain(big.id);
    expect((await act('E0002', big.id, { action: 'approve' })).body.status).toBe('approved');
    expect((await act('E0006', small.id, { action: 'approve' })).body.status).toBe('approved');
  });

  it('all: every approver must approve; any: the first approval cancels the others', async () => {
    await setRoute([{ name: '会签', approver: { type: 'employees', employeeIds: [ids.E0003, ids.E0004] }, mode: 'all' }]);
    const all = await apply('E0014', '会签申请');
    expect((await act('E0003', all.id, { action: 'approve' })).body).toMatchObject({ status: 'pending', currentApprovers: [{ id: ids.E0004 }] });
    expect((await act('E0003', all.id, { action: 'approve' })).body.code).toBe('APPROVAL_NOT_PENDING');
    expect((await act('E0004', all.id, { action: 'approve' })).body.status).toBe('approved');

    await setRoute([{ name: '或签', approver: { type: 'employees', employeeIds: [ids.E0003, ids.E0004] }, mode: 'any' }]);
    const any = await apply('E0014', '或签申请');
    expect((await act('E0004', any.id, { action: 'approve' })).body.status).toBe('approved');
    const late = await act('E0003', any.id, { action: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('APPROVAL_NOT_PENDING');
    const d = (await detail('E0014', any.id)).body;
    expect(d.steps[0].tasks.map((t) => [t.approver.id, t.status]).sort()).toEqual([[ids.E0003, 'cancelled'], [ids.E0004, 'approved']].sort());
    const closed = eventsOf(any.id).find((e) => e.type === 'tasks.closed');
    expect(closed && closed.type === 'tasks.closed' && closed.tasks.map((t) => t.status).sort()).toEqual(['approved', 'cancelled']);
  });

  it('reject needs a reason and ends the instance', async () => {
    await managerRoute();
    const inst = await apply('E0016', '申请加薪');
    const bare = await act('E0006', inst.id, { action: 'reject' });
    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe('APPROVAL_REASON_REQUIRED');
    expect((await act('E0006', inst.id, { action: 'reject', comment: '   ' })).body.code).toBe('APPROVAL_REASON_REQUIRED');
    const rejected = await act('E0006', inst.id, { action: 'reject', comment: '预算不足' });
    expect(rejected.body.status).toBe('rejected');
    const d = (await detail('E0016', inst.id)).body;
    expect(d.timeline.at(-1)).toMatchObject({ action: 'reject', comment: '预算不足', actor: { id: ids.E0006 } });
    expect(eventsOf(inst.id).at(-1)).toMatchObject({ type: 'instance.finished', status: 'rejected', comment: '预算不足' });
  });

  it('the applicant withdraws while pending; nobody else can', async () => {
    await managerRoute();
    const inst = await apply('E0017', '年会节目经费');
    const byManager = await h.api('POST', `/approvals/instances/${inst.id}/withdraw`, { token: await as('E0006'), body: {} });
    expect(byManager.status).toBe(403);
    const withdrawn = await h.api<ApprovalInstanceDetail>('POST', `/approvals/instances/${inst.id}/withdraw`, { token: await as('E0017'), body: {} });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', canWithdraw: false, currentApprovers: [] });
    expect((await list('E0006', 'todo')).items.map((i) => i.id)).not.toContain(inst.id);
    expect((await act('E0006', inst.id, { action: 'approve' })).body.code).toBe('APPROVAL_NOT_PENDING');
    expect((await h.api('POST', `/approvals/instances/${inst.id}/withdraw`, { token: await as('E0017'), body: {} })).body.code).toBe('APPROVAL_NOT_PENDING');
    expect(eventsOf(inst.id).map((e) => e.type)).toEqual(['tasks.activated', 'tasks.closed', 'instance.finished']);
  });

  it('transfer to an active colleague (not the applicant, not an unknown id)', async () => {
    await managerRoute();
    const inst = await apply('E0018', '借用测试机');
    for (const to of [ids.E0018, '00000000-0000-4000-8000-000000000000', ids.E0006]) {
      const bad = await act('E0006', inst.id, { action: 'transfer', transferToEmployeeId: to });
      expect([bad.status, bad.body.code]).toEqual([400, 'APPROVAL_TRANSFER_INVALID']);
    }
    expect((await act('E0006', inst.id, { action: 'transfer' })).body.code).toBe('APPROVAL_TRANSFER_INVALID');
    const people = (await h.api('GET', '/approvals/people?q=郭强', { token: await as('E0006') })).body;
    expect(people.items).toEqual([{ id: ids.E0016, name: '郭强', title: '高级前端工程师' }]);
    const moved = await act('E0006', inst.id, { action: 'transfer', transferToEmployeeId: ids.E0016, comment: '你来看看' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'pending', currentApprovers: [{ id: ids.E0016 }] });
    expect((await list('E0006', 'todo')).items.map((i) => i.id)).not.toContain(inst.id);
    expect((await list('E0016', 'todo')).items.map((i) => i.id)).toContain(inst.id);
    expect((await act('E0016', inst.id, { action: 'approve' })).body.status).toBe('approved');
    const d = (await detail('E0006', inst.id)).body; // the original approver still sees it
    expect(d.timeline.map((e) => [e.action, e.actor?.id, e.target?.id ?? null])).toEqual([
      ['submit', ids.E0018, null], ['transfer', ids.E0006, ids.E0016], ['approve', ids.E0016, null],
    ]);
    expect(d.steps[0].tasks.map((t) => t.status)).toEqual(['transferred', 'approved']);
  });

  it('comments from the applicant and approvers; strangers see nothing (404)', async () => {
    await managerRoute();
    const inst = await apply('E0019', '实习证明');
    expect((await act('E0019', inst.id, { action: 'comment', comment: '麻烦尽快' })).status).toBe(200);
    expect((await act('E0006', inst.id, { action: 'comment', comment: '收到' })).body.status).toBe('pending');
    const empty = await act('E0006', inst.id, { action: 'comment', comment: '' });
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const stranger = await detail('E0020', inst.id);
    expect([stranger.status, stranger.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await act('E0020', inst.id, { action: 'comment', comment: 'hi' })).status).toBe(404);
    expect((await act('E0020', inst.id, { action: 'approve' })).status).toBe(404);
    expect((await h.api('GET', `/approvals/instances/${inst.id}`, { token: hr })).status).toBe(200); // HR sees all
    expect((await h.api('GET', '/approvals/instances/not-an-id', { token: await as('E0019') })).status).toBe(404);
    const d = (await detail('E0019', inst.id)).body;
    expect(d.timeline.filter((e) => e.action === 'comment').map((e) => [e.actor?.name, e.comment])).toEqual([['林晨', '麻烦尽快'], ['杨帆', '收到']]);
    expect(d.status).toBe('pending');
  });

  it('self-skip: a team lead applying skips the team-lead step (timeline “skip”) and goes to their own manager', async () => {
    await setRoute([
      { name: '组长审批', approver: { type: 'employees', employeeIds: [ids.E0006] }, mode: 'any' },
      { name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any' },
    ]);
    const inst = await apply('E0006', '组长申请');
    expect(inst.steps.map((s) => [s.name, s.state])).toEqual([['组长审批', 'skipped'], ['直属上级审批', 'current']]);
    expect(inst.currentApprovers).toEqual([expect.objectContaining({ id: ids.E0003 })]);
    expect(inst.timeline.filter((e) => e.action === 'skip').map((e) => [e.target?.id ?? null, e.via])).toEqual([[ids.E0006, 'system'], [null, 'system']]);
    expect((await act('E0003', inst.id, { action: 'approve' })).body.status).toBe('approved');
  });

  it('an approver of consecutive steps is asked once (their approval carries forward)', async () => {
    await setRoute([
      { name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any' },
      { name: '部门负责人审批', approver: { type: 'departmentHead' }, mode: 'any' },
      { name: '二级主管审批', approver: { type: 'manager', level: 2 }, mode: 'any' },
    ]);
    const inst = await apply('E0014', '连续审批人');
    expect(inst.currentApprovers.map((a) => a.id)).toEqual([ids.E0006]);
    const after = (await act('E0006', inst.id, { action: 'approve' })).body;
    // 杨帆 heads 前端组: the department-head step is approved for her automatically; 张伟 (level 2) is next
    expect(after.steps.map((s) => s.state)).toEqual(['done', 'done', 'current']);
    expect(after.steps[1].tasks).toEqual([expect.objectContaining({ approver: expect.objectContaining({ id: ids.E0006 }), status: 'approved' })]);
    expect(after.currentApprovers.map((a) => a.id)).toEqual([ids.E0003]);
    expect(after.timeline.filter((e) => e.action === 'approve').map((e) => [e.actor?.id, e.via])).toEqual([[ids.E0006, 'app'], [ids.E0006, 'system']]);
    expect((await act('E0003', inst.id, { action: 'approve' })).body.status).toBe('approved');
  });

  it('nobody above → falls to HR; nobody at all → approved by the system', async () => {
    await managerRoute();
    const ceo = await apply('E0001', 'CEO 的申请');
    expect(ceo.steps.map((s) => [s.name, s.state])).toEqual([['直属上级审批', 'skipped'], ['人事审批', 'current']]);
    expect(ceo.currentApprovers.map((a) => a.id)).toEqual([ids.E0002]);
    expect((await act('E0002', ceo.id, { action: 'approve' })).body.status).toBe('approved');

    await setRoute([{ name: '五级主管', approver: { type: 'manager', level: 5 }, mode: 'any' }]);
    const hrOwn = await apply('E0002', '人事自己的申请'); // HR is the applicant: no one else holds hr
    expect(hrOwn.status).toBe('approved');
    expect(hrOwn.timeline.at(-1)).toMatchObject({ action: 'approve', actor: null, via: 'system' });
    expect(eventsOf(hrOwn.id).map((e) => e.type)).toEqual(['instance.finished']);
  });

  it('20 parallel approvals of one task → exactly one decision', async () => {
    await managerRoute();
    const inst = await apply('E0014', '并发测试');
    const token = await as('E0006');
    const results = await Promise.all(Array.from({ length: 20 }, () => h.api('POST', `/approvals/instances/${inst.id}/actions`, { token, body: { action: 'approve' } })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'APPROVAL_NOT_PENDING')).toBe(true);
    const d = (await detail('E0014', inst.id)).body;
    expect(d.status).toBe('approved');
    expect(d.timeline.filter((e) => e.action === 'approve')).toHaveLength(1);
    expect(eventsOf(inst.id).filter((e) => e.type === 'instance.finished')).toHaveLength(1);
    const [{ version }] = await h.ds.query('SELECT version FROM approval_instances WHERE id = ?', [inst.id]);
    expect(Number(version)).toBe(1);
  });

  it('two approvers of an "any" step at once (and over the card seam) → one decision', async () => {
    await setRoute([{ name: '或签', approver: { type: 'employees', employeeIds: [ids.E0003, ids.E0004] }, mode: 'any' }]);
    const inst = await apply('E0015', '两人同时审批');
    const engine = h.app.get(ApprovalsService);
    const task = (await h.ds.query('SELECT id FROM approval_tasks WHERE instanceId = ? AND approverId = ?', [inst.id, ids.E0004]))[0].id;
    const tid = await tenantId();
    await as('E0003');
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, () => act('E0003', inst.id, { action: 'approve' })),
      ...Array.from({ length: 5 }, () => engine.actOnTask({ tenantId: tid, taskId: task, actorEmployeeId: ids.E0004, action: 'approve', via: 'card', platform: 'wecom' })),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled' && ((r.value as any).status === 200 || (r.value as any).instanceStatus));
    expect(ok).toHaveLength(1);
    const d = (await detail('E0015', inst.id)).body;
    expect(d.status).toBe('approved');
    expect(d.timeline.filter((e) => e.action === 'approve')).toHaveLength(1);
  });

  async function tenantId(): Promise<string> {
    return (await h.ds.query('SELECT tenantId FROM employees WHERE id = ?', [ids.E0001]))[0].tenantId;
  }

  it('reminders: a task waiting past the route’s hours is reminded once, even by two concurrent passes', async () => {
    await setRoute([{ name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any' }], 24);
    const inst = await apply('E0021', '需要催办的申请');
    const reminders = h.app.get(ApprovalReminders);
    const engine = h.app.get(ApprovalsService);
    expect(await engine.sendDueReminders(new Date(Date.now() + 23 * 3600_000))).toBe(0);
    const later = new Date(Date.now() + 25 * 3600_000);
    const [a, b] = await Promise.all([engine.sendDueReminders(later), reminders.tick(later)]);
    expect(a + b).toBe(1);
    expect(await engine.sendDueReminders(new Date(Date.now() + 48 * 3600_000))).toBe(0);
    const sent = eventsOf(inst.id).filter((e) => e.type === 'task.reminder');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ task: { approverId: ids.E0007 } });
    const d = (await detail('E0021', inst.id)).body;
    expect(d.timeline.filter((e) => e.action === 'remind').map((e) => e.target?.id)).toEqual([ids.E0007]);
  });

  it('admin: list with filters, detail, export as a real .xlsx', async () => {
    const all = (await h.api<Page<ApprovalInstanceSummary>>('GET', '/admin/approval-instances?pageSize=100', { token: hr })).body;
    expect(all.total).toBeGreaterThanOrEqual(15);
    const rejected = (await h.api<Page<ApprovalInstanceSummary>>('GET', '/admin/approval-instances?status=rejected', { token: hr })).body;
    expect(rejected.items.map((i) => i.title)).toEqual(['申请加薪']);
    const byApplicant = (await h.api<Page<ApprovalInstanceSummary>>(`GET`, `/admin/approval-instances?applicantId=${ids.E0017}`, { token: hr })).body;
    expect(byApplicant.items.map((i) => i.status)).toEqual(['withdrawn']);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await h.api('GET', `/admin/approval-instances?from=${today}&to=${today}`, { token: hr })).body.total).toBe(all.total);
    expect((await h.api('GET', '/admin/approval-instances?from=2020-01-01&to=2020-12-31', { token: hr })).body.total).toBe(0);
    expect((await h.api('GET', '/admin/approval-instances?from=2020-13-01', { token: hr })).body.code).toBe('VALIDATION_FAILED');
    expect((await h.api('GET', '/admin/approval-instances', { token: await as('E0014') })).status).toBe(403);
    expect((await h.api('GET', `/admin/approval-instances/${all.items[0].id}`, { token: hr })).body.id).toBe(all.items[0].id);

    const res = await fetch(`${h.url}/api/admin/approval-instances/export`, { headers: { authorization: `Bearer ${hr}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['编号', '类型', '标题', '申请人', '部门', '状态', '当前审批人', '提交时间', '完成时间']);
    expect(ws.rowCount).toBe(all.total + 1);
    const raise = ws.getSheetValues().find((r) => Array.isArray(r) && r[3] === '申请加薪') as unknown[];
    expect([raise[2], raise[3], raise[4], raise[5], raise[6]]).toEqual(['通用审批', '申请加薪', '郭强', '前端组', '已拒绝']);
    expect(raise[7] ?? '').toBe('');
    expect(String(raise[8])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(String(raise[9])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const pending = ws.getSheetValues().find((r) => Array.isArray(r) && r[3] === '实习证明') as unknown[];
    expect([pending[6], pending[7], pending[9] ?? '']).toEqual(['审批中', '杨帆', '']);
  });

  it('admin list: from after to is VALIDATION_FAILED (not an empty list); general-request attachments only http(s) URLs or file ids', async () => {
    const bad = await h.api('GET', '/admin/approval-instances?from=2026-11-30&to=2026-11-01', { token: hr });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(['from', 'to']);
    expect((await h.api('GET', '/admin/approval-instances?from=2026-11-01&to=2026-11-01', { token: hr })).status).toBe(200);

    for (const a of ['javascript:alert(1)', 'data:text/html,<script>1</script>', 'file:///etc/passwd', 'http://x/"onmouseover=1', 'ab']) {
      const r = await h.api('POST', '/approvals/general', { token: await as('E0014'), body: { title: '附件', details: 'x', attachments: [a] } });
      expect({ a, status: r.status, code: r.body.code }).toEqual({ a, status: 400, code: 'VALIDATION_FAILED' });
    }
    const ok = await h.api('POST', '/approvals/general', { token: await as('E0014'), body: { title: '附件', details: 'x', attachments: ['https://files.example.com/a.pdf', 'HTTP://files.example.com/b.png', '0b7c8a34-1111-4222-8333-944445555666'] } });
    expect(ok.status).toBe(201);
  });

  it('routes: defaults listed with id null, saved route audited, validation errors per step', async () => {
    const routes = (await h.api<ApprovalRouteView[]>('GET', '/admin/approval-routes', { token: hr })).body;
    expect(routes.find((r) => r.businessType === 'general')).toMatchObject({ id: expect.any(String), businessTypeName: '通用审批', reminderHours: 24 });
    expect(routes.find((r) => r.businessType === 'leave')).toMatchObject({
      id: null, businessTypeName: '请假', reminderHours: null, updatedAt: null, steps: [{ approver: { type: 'manager', level: 1 }, mode: 'any' }],
    });
    const bad = await h.api('PUT', '/admin/approval-routes/general', {
      token: hr,
      body: {
        steps: [
          { name: '', approver: { type: 'manager', level: 9 }, mode: 'any' },
          { name: 'x', approver: { type: 'employees', employeeIds: ['00000000-0000-4000-8000-000000000000'] }, mode: 'all' },
          { name: 'y', approver: { type: 'role', role: 'hr' }, mode: 'any', condition: { field: 'amountFen', op: 'LIKE', value: 1 } },
          { name: 'z', approver: { type: 'departmentHead' }, mode: 'any' },
        ],
        reminderHours: 1000,
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('APPROVAL_ROUTE_INVALID');
    expect(Object.keys(bad.body.details.steps).sort()).toEqual(['0', '1', '2']);
    expect(bad.body.details.fields.reminderHours).toHaveLength(1);
    const none = await h.api('PUT', '/admin/approval-routes/general', { token: hr, body: { steps: [], reminderHours: null } });
    expect(none.body).toMatchObject({ code: 'APPROVAL_ROUTE_INVALID', details: { fields: { steps: [expect.any(String)] } } });
    expect((await h.api('PUT', '/admin/approval-routes/nope', { token: hr, body: { steps: [], reminderHours: null } })).body.code).toBe('APPROVAL_TYPE_UNKNOWN');
    expect((await h.api('PUT', '/admin/approval-routes/general', { token: await as('E0014'), body: { steps: [], reminderHours: null } })).status).toBe(403);
    const saved = await h.api('PUT', '/admin/approval-routes/leave', {
      token: hr, body: { steps: [{ name: '部门负责人', approver: { type: 'departmentHead' }, mode: 'any', condition: { field: 'days', op: '>', value: '3' } }], reminderHours: 48 },
    });
    expect(saved.body).toMatchObject({ id: expect.any(String), businessType: 'leave', reminderHours: 48, steps: [{ condition: { field: 'days', op: '>', value: '3' } }] });
    const audits = await h.ds.query("SELECT action FROM audit_logs WHERE action = 'approval-route.update'");
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('business types: registered handlers run in the decision’s transaction; a failing one rolls the decision back', async () => {
    const types = h.app.get(ApprovalTypes);
    const engine = h.app.get(ApprovalsService);
    const outcomes: string[] = [];
    let fail = true;
    types.registerType({
      type: 'expense_test', name: '报销（测试）',
      defaultSteps: [{ name: '部门负责人', approver: { type: 'departmentHead' }, mode: 'any' }],
      onFinished: async (em, instance, status) => {
        const [{ n }] = await em.query('SELECT COUNT(*) AS n FROM approval_tasks WHERE instanceId = ? AND status = ?', [instance.id, 'approved']);
        outcomes.push(`${instance.businessId}:${status}:${Number(n)}`);
        if (fail) throw new Error('ledger unavailable');
      },
    });
    const tid = await tenantId();
    await expect(engine.submit(tid, ids.E0014, 'nope', { title: 'x', form: [], data: {} })).rejects.toMatchObject({ code: 'APPROVAL_TYPE_UNKNOWN' });
    const inst = await engine.submit(tid, ids.E0014, 'expense_test', { title: '报销 ¥88', form: [{ label: '金额', value: '¥88.00' }], data: { amountFen: 8800 }, businessId: 'exp-1' });
    expect((await detail('E0014', inst.id)).body).toMatchObject({ businessTypeName: '报销（测试）', currentApprovers: [{ id: ids.E0006 }] });
    const failed = await act('E0006', inst.id, { action: 'approve' });
    expect(failed.status).toBe(500);
    expect((await detail('E0014', inst.id)).body).toMatchObject({ status: 'pending', currentApprovers: [{ id: ids.E0006 }] });
    fail = false;
    expect((await act('E0006', inst.id, { action: 'approve' })).body.status).toBe('approved');
    expect(outcomes).toEqual(['exp-1:approved:1', 'exp-1:approved:1']);
    const routes = (await h.api<ApprovalRouteView[]>('GET', '/admin/approval-routes', { token: hr })).body;
    expect(routes.find((r) => r.businessType === 'expense_test')).toMatchObject({ id: null, steps: [{ approver: { type: 'departmentHead' } }] });
  });

  it('tenant isolation: another company’s employees and HR never see these instances', async () => {
    await h.seed(OTHER_TENANT);
    const otherHr = await h.adminLogin('hr-other', 'other2026');
    await h.syncAll(otherHr);
    const login = await h.platformLogin('dingtalk', 'E0003', 'other');
    expect(login.status).toBe(200);
    const mine = (await list('E0014', 'mine')).items[0];
    for (const token of [login.body.accessToken, otherHr]) {
      expect((await h.api('GET', `/approvals/instances/${mine.id}`, { token })).status).toBe(404);
      expect((await h.api('POST', `/approvals/instances/${mine.id}/actions`, { token, body: { action: 'comment', comment: 'x' } })).status).toBe(404);
    }
    expect((await h.api('GET', `/admin/approval-instances/${mine.id}`, { token: otherHr })).status).toBe(404);
    expect((await h.api('GET', '/admin/approval-instances', { token: otherHr })).body.total).toBe(0);
    const transfer = await act('E0006', (await apply('E0014', '转交给别家公司')).id, { action: 'transfer', transferToEmployeeId: login.body.employee.id });
    expect(transfer.body.code).toBe('APPROVAL_TRANSFER_INVALID');
  });

  it(`export refuses more than ${EXPORT_MAX_ROWS} rows with a clear message`, async () => {
    const tid = await tenantId();
    const now = new Date();
    const rows = Array.from({ length: EXPORT_MAX_ROWS + 1 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, tenantId: tid, businessType: 'leave', businessId: null, applicantId: ids.E0014,
      title: `bulk ${i}`, form: [], data: {}, steps: [], status: 'approved' as const, currentStep: 0, version: 0, reminderHours: null,
      finishedAt: now, createdAt: now, updatedAt: now,
    }));
    for (let i = 0; i < rows.length; i += 500) await h.ds.getRepository(ApprovalInstance).insert(rows.slice(i, i + 500));
    const res = await h.api('GET', '/admin/approval-instances/export?businessType=leave', { token: hr });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { total: EXPORT_MAX_ROWS + 1, max: EXPORT_MAX_ROWS } });
    expect(res.body.message).toContain('缩小筛选范围');
    expect((await fetch(`${h.url}/api/admin/approval-instances/export?businessType=general&status=rejected`, { headers: { authorization: `Bearer ${hr}` } })).status).toBe(200);
  });
});
