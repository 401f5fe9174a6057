import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BusinessType, CorrectionQuota, CorrectionRequestInput, CorrectionView, ErrorCode, Page, PageQuery } from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { AppError } from '../../common/errors/app-error';
import { newId } from '../../common/ids';
import { pageParams, toPage } from '../../common/pagination';
import { ApprovalTypes } from '../approvals/approval-types';
import { ApprovalsService } from '../approvals/approvals.service';
import type { ApprovalInstance } from '../approvals/entities';
import { AttendanceCore, ResolvedGroup } from './attendance-core.service';
import { correctionNeeded } from './domain/daily';
import { zonedInstant } from './domain/time';
import { Correction, Punch } from './entities';
import { PunchesService } from './punches.service';

const KIND_NAMES = { in: '上班', out: '下班' } as const;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** 补卡: quota, submit through the approval engine (type attendance_correction); approved → a correction punch. */
@Injectable()
export class CorrectionsService implements OnModuleInit {
  constructor(
    private readonly core: AttendanceCore,
    private readonly punches: PunchesService,
    private readonly types: ApprovalTypes,
    private readonly engine: ApprovalsService,
  ) {}

  onModuleInit(): void {
    this.types.registerType({ type: BusinessType.AttendanceCorrection, name: '补卡', onFinished: (em, inst, status) => this.onFinished(em, inst, status) });
  }

  /** In the decision's transaction: only a pending correction changes; approved → punch + the day recomputed. */
  async onFinished(m: EntityManager, inst: ApprovalInstance, status: 'approved' | 'rejected' | 'withdrawn'): Promise<void> {
    if (!inst.businessId) return;
    const c = await m.getRepository(Correction).findOneBy({ id: inst.businessId, tenantId: inst.tenantId });
    if (!c) return;
    const res = await m.createQueryBuilder().update(Correction).set({ status, updatedAt: new Date() })
      .where('id = :id AND status = :st', { id: c.id, st: 'pending' }).execute();
    if (!res.affected || status !== 'approved') return;
    // A read of the day that began before this commit must not store its result without the 补卡 punch (storeResults).
    await this.core.clearingResults(m, c.tenantId);
    const tz = await this.core.timeZone(c.tenantId, m);
    const now = new Date();
    const punch = m.create(Punch, {
      id: newId(), tenantId: c.tenantId, employeeId: c.employeeId, date: c.date, at: zonedInstant(c.date, c.time, tz), kind: c.kind, source: 'correction',
      siteId: null, siteName: null, distanceMeters: null, latitude: null, longitude: null, accuracy: null, wifi: null, flags: [],
      remark: `补卡：${c.reason}`, photoFileIds: [], deviceId: null, idempotencyKey: `correction:${c.id}`, createdAt: now, updatedAt: now,
    });
    await m.insert(Punch, punch as never);
    await m.update(Correction, { id: c.id }, { punchId: punch.id });
    await this.core.recompute(m, c.tenantId, c.employeeId, [c.date]);
  }

  async used(tenantId: string, employeeId: string, month: string, m: EntityManager = this.core.ds.manager): Promise<number> {
    return m.getRepository(Correction).createQueryBuilder('c')
      .where('c.tenantId = :t AND c.employeeId = :e AND c.date LIKE :mo AND c.status IN (:...st)', { t: tenantId, e: employeeId, mo: `${month}-%`, st: ['pending', 'approved'] })
      .getCount();
  }

  async quota(user: SessionUser, month?: string): Promise<CorrectionQuota> {
    const me = await this.punches.me(user);
    const g = await this.punches.requireGroup(user.tenantId, me);
    const mo = month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : (await this.core.now(user.tenantId)).date.slice(0, 7);
    return this.quotaOf(g, user.tenantId, me, mo);
  }

  async quotaOf(g: ResolvedGroup, tenantId: string, employeeId: string, month: string): Promise<CorrectionQuota> {
    const used = await this.used(tenantId, employeeId, month);
    const cap = g.group.correction.monthlyCap;
    return { month, cap, used, remaining: Math.max(0, cap - used), daysBack: g.group.correction.daysBack };
  }

  async submit(user: SessionUser, input: CorrectionRequestInput): Promise<CorrectionView> {
    const tenantId = user.tenantId;
    const me = await this.punches.me(user);
    const g = await this.punches.requireGroup(tenantId, me);
    const rules = g.group.correction;
    const now = await this.core.now(tenantId);
    if (input.date > now.date) throw new AppError(ErrorCode.CORRECTION_NOT_NEEDED, '不能为未来的日期补卡');
    const back = daysBetween(input.date, now.date);
    if (back > rules.daysBack) throw new AppError(ErrorCode.CORRECTION_TOO_OLD, `只能补 ${rules.daysBack} 天内的卡`, { daysBack: rules.daysBack });
    const month = input.date.slice(0, 7);
    const used = await this.used(tenantId, me, month);
    if (used >= rules.monthlyCap) {
      throw new AppError(ErrorCode.CORRECTION_QUOTA_EXCEEDED, rules.monthlyCap ? `${month} 的补卡次数已用完（每月 ${rules.monthlyCap} 次）` : '本考勤组不允许补卡',
        { cap: rules.monthlyCap, used });
    }
    const outcome = (await this.core.evaluate(this.core.ds.manager, tenantId, me, [input.date], g)).get(input.date);
    if (!outcome || !correctionNeeded(outcome, input.kind, rules)) throw new AppError(ErrorCode.CORRECTION_NOT_NEEDED, `${input.date} 的${KIND_NAMES[input.kind]}打卡无需补卡`);
    const emp = (await this.core.refs(tenantId, [me])).get(me);
    const id = await this.core.tx.run(async (m) => {
      const pending = await m.getRepository(Correction).countBy({ tenantId, employeeId: me, date: input.date, kind: input.kind, status: 'pending' });
      if (pending) throw new AppError(ErrorCode.CORRECTION_NOT_NEEDED, '该打卡已有待审批的补卡申请');
      if ((await this.used(tenantId, me, month, m)) >= rules.monthlyCap) throw new AppError(ErrorCode.CORRECTION_QUOTA_EXCEEDED, undefined, { cap: rules.monthlyCap });
      const t = new Date();
      const row = m.create(Correction, { id: newId(), tenantId, employeeId: me, date: input.date, kind: input.kind, time: input.time, reason: input.reason.trim(),
        status: 'pending', approvalInstanceId: null, punchId: null, createdAt: t, updatedAt: t });
      await m.insert(Correction, row as never);
      const inst = await this.engine.submit(tenantId, me, BusinessType.AttendanceCorrection, {
        title: `${emp?.name ?? ''}的补卡申请`,
        form: [{ label: '日期', value: input.date }, { label: '类型', value: `${KIND_NAMES[input.kind]}卡` }, { label: '时间', value: input.time }, { label: '原因', value: row.reason }],
        data: { date: input.date, kind: input.kind, time: input.time }, businessId: row.id, platform: user.platform,
      }, m);
      await m.update(Correction, { id: row.id }, { approvalInstanceId: inst.id });
      return row.id;
    });
    const row = await this.core.ds.getRepository(Correction).findOneByOrFail({ id, tenantId });
    return this.view(row);
  }

  async mine(user: SessionUser, q: PageQuery): Promise<Page<CorrectionView>> {
    const me = await this.punches.me(user);
    const p = pageParams(q);
    const [rows, total] = await this.core.ds.getRepository(Correction).findAndCount({ where: { tenantId: user.tenantId, employeeId: me }, order: { createdAt: 'DESC' }, skip: p.skip, take: p.take });
    return toPage(rows.map((r) => this.view(r)), total, p);
  }

  view(r: Correction): CorrectionView {
    return { id: r.id, date: r.date, kind: r.kind, time: r.time, reason: r.reason, status: r.status, approvalInstanceId: r.approvalInstanceId, createdAt: new Date(r.createdAt).toISOString() };
  }
}
