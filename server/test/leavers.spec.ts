import type { ApprovalInstanceDetail, RouteStep } from '@hrlink/shared';
import { ApprovalReminders } from '../src/modules/approvals/approval-reminders';
import { ApprovalsService } from '../src/modules/approvals/approvals.service';
import { ApprovalTask } from '../src/modules/approvals/entities';
import { OutboxMessage } from '../src/modules/notifications/entities/outbox-message.entity';
import { Employee } from '../src/modules/org/entities/employee.entity';
import { Harness } from './support/harness';
import { inbox, registerCallbacks } from './support/delivery';

// Someone leaves (the platform's contact event): their sessions stop working at once (EMPLOYEE_LEFT), they can no
// longer act on approvals, and their pending tasks move — through the engine's transfer — to their manager, or to HR
// when no active manager is left; cards for the new approver go out.
describe('leavers: sessions refused, approvals reassigned', () => {
  let h: Harness;
  let hr: string;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await Harness.start({ DISPATCHER_INTERVAL_MS: '100' });
    await h.seed();
    hr = await h.adminLogin();
    await h.syncAll(hr);
    await registerCallbacks(h, hr);
    Object.assign(ids, await h.employeeIds());
    const steps: RouteStep[] = [{ name: '直属上级审批', approver: { type: 'manager', level: 1 }, mode: 'any' }];
    expect((await h.api('PUT', '/admin/approval-routes/general', { token: hr, body: { steps, reminderHours: null } })).status).toBe(200);
  });
  afterAll(async () => h?.stop());

  const as = async (no: string): Promise<string> => (tokens[no] ??= await h.employeeToken(no));
  async function apply(no: string, title: string): Promise<ApprovalInstanceDetail> {
    const res = await h.api<ApprovalInstanceDetail>('POST', '/approvals/general', { token: await as(no), body: { title, details: title } });
    if (res.status !== 201) throw new Error(`apply: ${res.status} ${res.text}`);
    return res.body;
  }
  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
    let v = await read();
    for (const end = Date.now() + ms; !ok(v) && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 100));
      v = await read();
    }
    return v;
  }
  const detailAsHr = (id: string) => h.api<ApprovalInstanceDetail>('GET', `/admin/approval-instances/${id}`, { token: hr }).then((r) => r.body);

  it('a team lead leaves: their open task goes to their manager (transfer via system), their token is refused, acting is refused', async () => {
    const inst = await apply('E0014', '离职转交测试');
    expect(inst.currentApprovers.map((a) => a.id)).toEqual([ids.E0006]);
    const leaverToken = await as('E0006');
    expect((await h.api('GET', '/me', { token: leaverToken })).status).toBe(200);
    const oldTask = await h.ds.getRepository(ApprovalTask).findOneByOrFail({ instanceId: inst.id, approverId: ids.E0006 });

    await h.control('DELETE', '/people/E0006?corp=demo');
    const d = await until(() => detailAsHr(inst.id), (x) => x.currentApprovers.some((a) => a.id === ids.E0003));
    expect(d.currentApprovers.map((a) => a.id)).toEqual([ids.E0003]);
    expect(d.timeline.at(-1)).toMatchObject({ action: 'transfer', actor: null, via: 'system', target: { id: ids.E0003 } });
    expect(d.steps[0].tasks.map((t) => t.status)).toEqual(['transferred', 'pending']);
    expect((await h.ds.getRepository(Employee).findOneByOrFail({ id: ids.E0006 })).status).toBe('left');

    // The session issued before they left: refused on every route.
    const me = await h.api('GET', '/me', { token: leaverToken });
    expect([me.status, me.body.code]).toEqual([403, 'EMPLOYEE_LEFT']);
    const acted = await h.api('POST', `/approvals/instances/${inst.id}/actions`, { token: leaverToken, body: { action: 'approve' } });
    expect([acted.status, acted.body.code]).toEqual([403, 'EMPLOYEE_LEFT']);
    // The engine itself refuses a leaver (a card pressed later, another module) before looking at the task.
    await expect(h.app.get(ApprovalsService).actOnTask({ tenantId: oldTask.tenantId, taskId: oldTask.id, actorEmployeeId: ids.E0006, action: 'approve', via: 'card' }))
      .rejects.toMatchObject({ code: 'EMPLOYEE_LEFT' });

    // The new approver gets the card; the leaver's card reads 已转交.
    const newTask = await h.ds.getRepository(ApprovalTask).findOneByOrFail({ instanceId: inst.id, approverId: ids.E0003 });
    const sends = await until(() => h.ds.getRepository(OutboxMessage).findBy({ taskId: newTask.id, kind: 'card.send' }), (r) => r.length > 0 && r.every((x) => x.status === 'sent'));
    expect(sends.length).toBeGreaterThanOrEqual(1);
    expect((await inbox(h, 'wecom', 'E0003')).some((i) => i.title.includes('离职转交测试'))).toBe(true);
    const upd = await until(() => h.ds.getRepository(OutboxMessage).findBy({ taskId: oldTask.id, kind: 'card.update' }), (r) => r.length > 0);
    expect(upd.every((u) => (u.payload as { update?: { statusText?: string } }).update?.statusText === '已转交')).toBe(true);

    // The new approver decides as usual.
    const ok = await h.api('POST', `/approvals/instances/${inst.id}/actions`, { token: await as('E0003'), body: { action: 'approve' } });
    expect([ok.status, ok.body.status]).toEqual([200, 'approved']);
  });

  it('nobody active above the leaver: the task goes to HR', async () => {
    const inst = await apply('E0003', '总监的申请');
    expect(inst.currentApprovers.map((a) => a.id)).toEqual([ids.E0001]);
    await h.control('DELETE', '/people/E0001?corp=demo');
    const d = await until(() => detailAsHr(inst.id), (x) => x.currentApprovers.some((a) => a.id === ids.E0002));
    expect(d.currentApprovers.map((a) => a.id)).toEqual([ids.E0002]);
    expect(d.timeline.at(-1)).toMatchObject({ action: 'transfer', actor: null, via: 'system', target: { id: ids.E0002 } });
  });

  it('someone deactivated without a contact event (a full sync): the reminder pass reassigns their task', async () => {
    const inst = await apply('E0020', '全量同步离职'); // 后端组: team lead E0007 → E0003 (both still active here)
    const approver = inst.currentApprovers[0].id;
    expect(approver).toBe(ids.E0007);
    // What the full sync's writer does to someone who vanished from the platform.
    await h.ds.getRepository(Employee).update({ id: approver }, { status: 'left', leftAt: new Date() });
    await h.app.get(ApprovalReminders).tick();
    const d = await detailAsHr(inst.id);
    expect(d.currentApprovers.map((a) => a.id)).toEqual([ids.E0003]);
    expect(d.timeline.at(-1)).toMatchObject({ action: 'transfer', actor: null, via: 'system' });
  });
});
