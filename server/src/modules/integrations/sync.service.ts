import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { ErrorCode, Page, SyncRunView, SyncTrigger } from '@hrlink/shared';
import type { OrgSnapshot, SyncProgress } from '@hrlink/connectors';
import { AppError } from '../../common/errors/app-error';
import type { SessionUser } from '../../common/auth/auth.types';
import { fieldCipher } from '../../common/crypto/encrypted.transformer';
import { normalizeMobile } from '../../common/crypto/field-cipher';
import { fromConnectorError, isConnectorError } from '../../common/errors/connector-errors';
import { newId } from '../../common/ids';
import { pageParams, toPage } from '../../common/pagination';
import { Transactions } from '../../database/transactions';
import { OrgEventBus } from '../../common/org-events';
import { Department } from '../org/entities/department.entity';
import { EmployeeDepartment } from '../org/entities/employee-department.entity';
import { EmployeeIdentity } from '../org/entities/employee-identity.entity';
import { Employee } from '../org/entities/employee.entity';
import { Tenant } from '../tenants/tenant.entity';
import { BindingsService, orgSourceId } from './bindings.service';
import { ConnectorsService } from './connectors.service';
import { planOrgSync, SyncPlan } from './domain/org-sync.plan';
import { SyncRunQueryDto } from './dto/binding.dto';
import { PlatformBinding } from './entities/platform-binding.entity';
import { SyncRun } from './entities/sync-run.entity';
import { toSyncRunView } from './sync-run.mapper';

const LEASE_MS = 10 * 60_000;
const PROGRESS_EVERY_MS = 1_000;
const CHUNK = 200;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/**
 * Org sync: claims the binding's lease (conditional UPDATE, so only one instance runs it), reads the platform's org,
 * plans the writes (domain/org-sync.plan.ts) and applies them in one transaction, recording a SyncRun throughout.
 */
@Injectable()
export class SyncService implements OnModuleDestroy {
  private readonly logger = new Logger('OrgSync');
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly bindings: BindingsService,
    private readonly connectors: ConnectorsService,
    private readonly orgEvents: OrgEventBus,
  ) {}

  /** Waits for background syncs before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private background(p: Promise<unknown>): void {
    const tracked = p.catch((err) => this.logger.error({ err }, 'background sync failed'));
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }

  // ----- lease -----

  /** Takes the binding's sync lease if it is free or expired. Returns false when another run holds it. */
  async claim(bindingId: string, opts: { notSyncedSince?: Date } = {}): Promise<boolean> {
    const now = new Date();
    const qb = this.ds
      .createQueryBuilder()
      .update(PlatformBinding)
      .set({ syncLeaseOwner: this.instanceId, syncLeaseUntil: new Date(now.getTime() + LEASE_MS) })
      .where('id = :id', { id: bindingId })
      .andWhere(new Brackets((w) => w.where('syncLeaseUntil IS NULL').orWhere('syncLeaseUntil < :now', { now })));
    if (opts.notSyncedSince) {
      qb.andWhere(new Brackets((w) => w.where('lastSyncAt IS NULL').orWhere('lastSyncAt < :since', { since: opts.notSyncedSince })));
    }
    const res = await qb.execute();
    return (res.affected ?? 0) === 1;
  }

  private async renew(bindingId: string): Promise<void> {
    await this.ds.getRepository(PlatformBinding).update(
      { id: bindingId, syncLeaseOwner: this.instanceId },
      { syncLeaseUntil: new Date(Date.now() + LEASE_MS) },
    );
  }

  /** Gives the lease back and records the outcome on the binding. */
  async releaseLease(bindingId: string, status: SyncRun['status']): Promise<void> {
    await this.ds.getRepository(PlatformBinding).update(
      { id: bindingId, syncLeaseOwner: this.instanceId },
      { syncLeaseOwner: null, syncLeaseUntil: null, lastSyncAt: new Date(), lastSyncStatus: status },
    );
  }

  /** Runs left `running` by a process that died (their lease expired) are marked failed. */
  async recoverStaleRuns(): Promise<number> {
    const running = await this.ds.getRepository(SyncRun).findBy({ status: 'running' });
    let n = 0;
    for (const run of running) {
      const b = await this.ds.getRepository(PlatformBinding).findOneBy({ id: run.bindingId });
      if (b && b.syncLeaseUntil && new Date(b.syncLeaseUntil).getTime() > Date.now()) continue;
      await this.ds.getRepository(SyncRun).update(
        { id: run.id, status: 'running' },
        { status: 'failed', finishedAt: new Date(), errors: [...(run.errors ?? []), { message: '同步进程中断', code: ErrorCode.INTERNAL }] as never, updatedAt: new Date() },
      );
      n++;
    }
    return n;
  }

  // ----- entry points -----

  /** "Sync now": 202 with the new run; the sync continues in the background. */
  async startManual(user: SessionUser, bindingId: string): Promise<SyncRunView> {
    const binding = await this.bindings.get(user.tenantId, bindingId);
    if (!binding.enabled) throw new AppError(ErrorCode.VALIDATION_FAILED, '该平台绑定已停用', { fields: { enabled: ['绑定已停用'] } });
    if (!(await this.claim(binding.id))) throw new AppError(ErrorCode.SYNC_ALREADY_RUNNING);
    const run = await this.createRun(binding, SyncTrigger.Manual);
    this.background(this.execute(run, binding));
    return toSyncRunView(run);
  }

  /**
   * Syncs every enabled binding of a tenant, org source first (so the others can link to its employees), one after
   * another. Bindings whose lease another run holds are skipped.
   */
  async syncTenant(tenantId: string, trigger: SyncTrigger, opts: { onlyNeverSynced?: boolean; notSyncedSince?: Date } = {}): Promise<SyncRunView[]> {
    const { bindings, sourceId } = await this.bindings.forTenant(tenantId);
    const ordered = [...bindings.filter((b) => b.id === sourceId), ...bindings.filter((b) => b.id !== sourceId)];
    const runs: SyncRunView[] = [];
    for (const b of ordered) {
      if (!b.enabled || (opts.onlyNeverSynced && b.lastSyncAt)) continue;
      if (!(await this.claim(b.id, { notSyncedSince: opts.notSyncedSince }))) continue;
      const run = await this.createRun(b, trigger);
      runs.push(toSyncRunView(await this.execute(run, b)));
    }
    return runs;
  }

  /** Same as syncTenant, in the background (startup and scheduled triggers). */
  syncTenantInBackground(tenantId: string, trigger: SyncTrigger, opts: { onlyNeverSynced?: boolean; notSyncedSince?: Date } = {}): void {
    this.background(this.syncTenant(tenantId, trigger, opts));
  }

  async syncAllTenantsOnStartup(): Promise<void> {
    const tenants = await this.ds.getRepository(Tenant).find();
    for (const t of tenants) this.syncTenantInBackground(t.id, SyncTrigger.Startup, { onlyNeverSynced: true });
  }

  // ----- queries -----

  async list(user: SessionUser, q: SyncRunQueryDto): Promise<Page<SyncRunView>> {
    const p = pageParams(q);
    const where = { tenantId: user.tenantId, ...(q.bindingId ? { bindingId: q.bindingId } : {}) };
    const [rows, total] = await this.ds.getRepository(SyncRun).findAndCount({
      where, order: { startedAt: 'DESC', id: 'DESC' }, skip: p.skip, take: p.take,
    });
    return toPage(rows.map(toSyncRunView), total, p);
  }

  async get(user: SessionUser, id: string): Promise<SyncRunView> {
    const run = isUuid(id) ? await this.ds.getRepository(SyncRun).findOneBy({ id, tenantId: user.tenantId }) : null;
    if (!run) throw AppError.notFound('同步记录');
    return toSyncRunView(run);
  }

  // ----- the run -----

  private async createRun(b: PlatformBinding, trigger: SyncTrigger): Promise<SyncRun> {
    const repo = this.ds.getRepository(SyncRun);
    return repo.save(
      repo.create({
        tenantId: b.tenantId, bindingId: b.id, platform: b.platform, trigger, status: 'running', startedAt: new Date(),
        finishedAt: null, departmentsSeen: 0, membersSeen: 0, departmentsCreated: 0, departmentsUpdated: 0,
        departmentsDeactivated: 0, employeesCreated: 0, employeesUpdated: 0, employeesDeactivated: 0, identitiesLinked: 0,
        identitiesRemoved: 0, unmatched: 0, rowsWritten: 0, errors: [],
      }),
      { transaction: false },
    );
  }

  private async execute(run: SyncRun, binding: PlatformBinding): Promise<SyncRun> {
    const runs = this.ds.getRepository(SyncRun);
    let status: SyncRun['status'] = 'failed';
    try {
      let lastWrite = 0;
      let pending: Promise<unknown> = Promise.resolve();
      const onProgress = (p: SyncProgress) => {
        run.departmentsSeen = p.departmentsSeen;
        run.membersSeen = p.membersSeen;
        if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
        lastWrite = Date.now();
        pending = pending.then(() =>
          Promise.all([
            runs.update({ id: run.id }, { departmentsSeen: p.departmentsSeen, membersSeen: p.membersSeen, updatedAt: new Date() }),
            this.renew(binding.id),
          ]).catch(() => undefined),
        );
      };
      const snapshot = await this.connectors.forBinding(binding).fetchOrg(onProgress);
      await pending;
      run.departmentsSeen = snapshot.departments.length;
      run.membersSeen = snapshot.users.length;
      const plan = await this.plan(binding, snapshot);
      await this.apply(binding, plan);
      Object.assign(run, plan.counts);
      run.errors = plan.warnings.map((w) => ({ message: w.message, context: w.context }));
      status = 'succeeded';
      this.logger.log({ bindingId: binding.id, platform: binding.platform, ...plan.counts }, 'org sync finished');
    } catch (err) {
      const appErr = isConnectorError(err) ? fromConnectorError(err) : err instanceof AppError ? err : null;
      if (!appErr) this.logger.error({ err, bindingId: binding.id }, 'org sync crashed');
      run.errors = [
        ...(run.errors ?? []),
        appErr
          ? { message: appErr.message, code: appErr.code, context: appErr.details }
          : { message: (err as Error)?.message ?? String(err), code: ErrorCode.INTERNAL },
      ];
    }
    run.status = status;
    run.finishedAt = new Date();
    await runs.save(run, { transaction: false });
    await this.releaseLease(binding.id, status);
    return run;
  }

  // ----- incremental (contact-change callbacks) -----

  /**
   * Applies one platform user's change (added / changed / left) through the same planner and writer as the full
   * sync, scoped to that user: org source → create / update / deactivate the employee and their memberships;
   * other bindings → link / unlink the identity. Departments are left to the full sync.
   */
  async applyUserChange(binding: PlatformBinding, platformUserId: string): Promise<SyncPlan['counts']> {
    const user = await this.connectors.forBinding(binding).getUser(platformUserId);
    const snapshot: OrgSnapshot = { departments: [], users: user && user.active !== false ? [user] : [], requestCount: 0 } as unknown as OrgSnapshot;
    const plan = await this.plan(binding, snapshot, { userId: platformUserId });
    await this.apply(binding, plan);
    this.logger.log({ bindingId: binding.id, platformUserId, ...plan.counts }, 'incremental org update');
    return plan.counts;
  }

  /** A department changed: a full sync of the binding in the background (skipped while another run holds the lease). */
  async syncBindingInBackground(binding: PlatformBinding): Promise<boolean> {
    if (!binding.enabled || !(await this.claim(binding.id))) return false;
    const run = await this.createRun(binding, SyncTrigger.Event);
    this.background(this.execute(run, binding));
    return true;
  }

  private async plan(binding: PlatformBinding, snapshot: OrgSnapshot, scope?: { userId: string }): Promise<SyncPlan> {
    const tenantId = binding.tenantId;
    const tenant = await this.ds.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    const all = await this.ds.getRepository(PlatformBinding).findBy({ tenantId });
    const isOrgSource = orgSourceId(tenant, all) === binding.id;
    const [departments, employees, memberships, identities] = await Promise.all([
      isOrgSource ? this.ds.getRepository(Department).findBy({ tenantId, sourcePlatform: binding.platform }) : [],
      this.ds.getRepository(Employee).find({
        where: { tenantId },
        select: { id: true, name: true, employeeNo: true, mobileHash: true, title: true, hireDate: true, managerId: true, status: true, leftAt: true },
      }),
      isOrgSource ? this.ds.getRepository(EmployeeDepartment).findBy({ tenantId }) : [],
      this.ds.getRepository(EmployeeIdentity).findBy(scope ? { bindingId: binding.id, platformUserId: scope.userId } : { bindingId: binding.id }),
    ]);
    if (scope) {
      // Scoped: the stored departments stand in for the platform's, so memberships map and nothing else changes.
      const byId = new Map(departments.map((d) => [d.id, d]));
      (snapshot as { departments: OrgSnapshot['departments'] }).departments = departments.map((d) => ({
        id: d.platformDeptId, parentId: d.parentId ? byId.get(d.parentId)?.platformDeptId ?? null : null, name: d.name, order: d.order, leaderUserIds: [],
      })) as OrgSnapshot['departments'];
    }
    const cipher = fieldCipher();
    const plan = planOrgSync({
      platform: binding.platform,
      isOrgSource,
      matchKey: tenant.matchKey,
      departments: departments.map((d) => ({
        id: d.id, platformDeptId: d.platformDeptId, name: d.name, parentId: d.parentId, order: d.order,
        headEmployeeId: d.headEmployeeId, active: d.active,
      })),
      employees: employees.map((e) => ({
        id: e.id, name: e.name, employeeNo: e.employeeNo, mobileHash: e.mobileHash, title: e.title, hireDate: e.hireDate,
        managerId: e.managerId, status: e.status, leftAt: e.leftAt ? new Date(e.leftAt) : null,
      })),
      memberships: memberships.map((m) => ({ employeeId: m.employeeId, departmentId: m.departmentId, isMain: m.isMain })),
      identities: identities.map((i) => ({ id: i.id, employeeId: i.employeeId, platformUserId: i.platformUserId, unionId: i.unionId, openId: i.openId })),
      snapshot: { departments: snapshot.departments, users: snapshot.users.filter((u) => u.active !== false) },
      mobileKey: (m) => {
        const mobile = normalizeMobile(m);
        return mobile ? { mobile, hash: cipher.blindIndex(mobile) } : null;
      },
      newId,
      now: new Date(),
    });
    return scope ? await this.scopePlan(binding, plan, snapshot) : plan;
  }

  /** Keeps a scoped plan to the one user: no department writes; the manager from the user's own managerUserId. */
  private async scopePlan(binding: PlatformBinding, plan: SyncPlan, snapshot: OrgSnapshot): Promise<SyncPlan> {
    plan.departments = { insert: [], update: [] } as unknown as SyncPlan['departments'];
    plan.counts.departmentsCreated = plan.counts.departmentsUpdated = plan.counts.departmentsDeactivated = 0;
    const u = snapshot.users[0];
    let managerId: string | null | undefined;
    if (u?.managerUserId) {
      const ident = await this.ds.getRepository(EmployeeIdentity).findOneBy({ bindingId: binding.id, platformUserId: u.managerUserId });
      managerId = ident?.employeeId;
    }
    for (const e of plan.employees.insert) if (managerId !== undefined) e.managerId = managerId;
    for (const e of plan.employees.update) {
      if (managerId !== undefined) e.changes.managerId = managerId;
      else delete e.changes.managerId;
    }
    plan.employees.update = plan.employees.update.filter((e) => Object.keys(e.changes).length > 0);
    const c = plan.counts;
    c.rowsWritten = plan.employees.insert.length + plan.employees.update.length + plan.memberships.insert.length +
      plan.memberships.update.length + plan.memberships.delete.length + plan.identities.insert.length +
      plan.identities.update.length + plan.identities.delete.length;
    return plan;
  }

  private async apply(binding: PlatformBinding, plan: SyncPlan): Promise<void> {
    if (plan.counts.rowsWritten === 0) return;
    const tenantId = binding.tenantId;
    const now = new Date();
    await this.tx.run(async (m: EntityManager) => {
      // Deletes first: an identity re-pointed to another employee is deleted and inserted again.
      for (const ids of chunks(plan.identities.delete)) await m.delete(EmployeeIdentity, { id: In(ids) });
      for (const d of plan.memberships.delete) await m.delete(EmployeeDepartment, { tenantId, employeeId: d.employeeId, departmentId: d.departmentId });

      for (const rows of chunks(plan.departments.insert)) {
        await m.insert(Department, rows.map((r) => ({ ...r, tenantId, sourcePlatform: binding.platform, createdAt: now, updatedAt: now })));
      }
      for (const u of plan.departments.update) await m.update(Department, { id: u.id, tenantId }, { ...u.changes, updatedAt: now });

      for (const rows of chunks(plan.employees.insert)) {
        await m.insert(Employee, rows.map((r) => ({ ...r, tenantId, firstWorkDate: null, roles: [], createdAt: now, updatedAt: now })));
      }
      for (const u of plan.employees.update) await m.update(Employee, { id: u.id, tenantId }, { ...u.changes, updatedAt: now });

      for (const rows of chunks(plan.memberships.insert)) await m.insert(EmployeeDepartment, rows.map((r) => ({ ...r, tenantId })));
      for (const u of plan.memberships.update) {
        await m.update(EmployeeDepartment, { tenantId, employeeId: u.employeeId, departmentId: u.departmentId }, { isMain: u.isMain });
      }

      for (const rows of chunks(plan.identities.insert)) {
        await m.insert(EmployeeIdentity, rows.map((r) => ({ ...r, tenantId, bindingId: binding.id, platform: binding.platform, createdAt: now, updatedAt: now })));
      }
      for (const u of plan.identities.update) await m.update(EmployeeIdentity, { id: u.id }, { ...u.changes, updatedAt: now });
    });
    // New people, and people whose hire date or employment ended, matter to other modules (e.g. annual leave).
    const changed = [
      ...plan.employees.insert.map((r) => r.id),
      ...plan.employees.update.filter((u) => 'hireDate' in u.changes || 'status' in u.changes || 'leftAt' in u.changes).map((u) => u.id),
    ];
    if (changed.length) await this.orgEvents.emit({ type: 'employees.changed', tenantId, employeeIds: changed });
  }
}
