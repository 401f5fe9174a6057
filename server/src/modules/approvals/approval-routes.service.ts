import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApprovalRouteView, BUSINESS_TYPE_NAMES, ErrorCode, RouteStep, UpsertApprovalRouteRequest } from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../../common/audit/audit.service';
import type { SessionUser } from '../../common/auth/auth.types';
import { iso } from '../../common/dates';
import { newId } from '../../common/ids';
import { Transactions } from '../../database/transactions';
import { Employee } from '../org/entities/employee.entity';
import { ApprovalTypes } from './approval-types';
import { normalizeSteps, validateRoute } from './domain/route-validation';
import { ApprovalRoute } from './entities';

/** Routes per tenant per business type: the saved one, or the type's built-in default. */
@Injectable()
export class ApprovalRoutesService {
  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
    private readonly types: ApprovalTypes,
    private readonly audit: AuditService,
  ) {}

  /** Business types HR can configure: the registered ones and the contract's known names. */
  knownTypes(): string[] {
    return [...new Set([...this.types.list().map((t) => t.type), ...Object.keys(BUSINESS_TYPE_NAMES)])];
  }

  async effective(m: EntityManager, tenantId: string, businessType: string): Promise<{ steps: RouteStep[]; reminderHours: number | null }> {
    const saved = await m.getRepository(ApprovalRoute).findOneBy({ tenantId, businessType });
    return saved ? { steps: saved.steps, reminderHours: saved.reminderHours } : { steps: this.types.defaultStepsOf(businessType), reminderHours: null };
  }

  async list(user: SessionUser): Promise<ApprovalRouteView[]> {
    const saved = await this.ds.getRepository(ApprovalRoute).findBy({ tenantId: user.tenantId });
    const byType = new Map(saved.map((r) => [r.businessType, r]));
    return this.knownTypes().map((type) => this.view(type, byType.get(type) ?? null));
  }

  async upsert(user: SessionUser, businessType: string, body: UpsertApprovalRouteRequest): Promise<ApprovalRouteView> {
    if (!this.knownTypes().includes(businessType)) throw new AppError(ErrorCode.APPROVAL_TYPE_UNKNOWN, undefined, { businessType });
    const named = Array.isArray(body.steps)
      ? body.steps.flatMap((s) => (s && s.approver && s.approver.type === 'employees' && Array.isArray(s.approver.employeeIds) ? s.approver.employeeIds : []))
        .filter((x): x is string => typeof x === 'string' && /^[0-9a-f-]{36}$/i.test(x))
      : [];
    const active = new Set(
      named.length
        ? (await this.ds.getRepository(Employee).find({ select: { id: true }, where: { tenantId: user.tenantId, id: In([...new Set(named)]), status: 'active' } })).map((e) => e.id)
        : [],
    );
    const result = validateRoute({ steps: body.steps, reminderHours: body.reminderHours }, (id) => active.has(id));
    if (!result.ok) throw new AppError(ErrorCode.APPROVAL_ROUTE_INVALID, undefined, { steps: result.steps, fields: result.fields });
    const steps = normalizeSteps(body.steps);
    const reminderHours = body.reminderHours ?? null;
    const route = await this.tx.run(async (m) => {
      const repo = m.getRepository(ApprovalRoute);
      const existing = await repo.findOneBy({ tenantId: user.tenantId, businessType });
      const now = new Date();
      const row = existing ?? repo.create({ id: newId(), tenantId: user.tenantId, businessType, createdAt: now });
      const before = existing ? { steps: existing.steps, reminderHours: existing.reminderHours } : null;
      Object.assign(row, { steps, reminderHours, updatedBy: user.id, updatedAt: now });
      await repo.save(row);
      await this.audit.record(user, 'approval-route.update', { type: 'approval-route', id: row.id }, { businessType, before, after: { steps, reminderHours } }, m);
      return row;
    });
    return this.view(businessType, route);
  }

  private view(type: string, row: ApprovalRoute | null): ApprovalRouteView {
    return {
      id: row?.id ?? null,
      businessType: type,
      businessTypeName: this.types.nameOf(type),
      steps: row?.steps ?? this.types.defaultStepsOf(type),
      reminderHours: row?.reminderHours ?? null,
      updatedAt: iso(row?.updatedAt),
    };
  }
}
