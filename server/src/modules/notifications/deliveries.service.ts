import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DeliveryView, ErrorCode, Page } from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { AuditService } from '../../common/audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { iso } from '../../common/dates';
import { pageParams, toPage } from '../../common/pagination';
import { Employee } from '../org/entities/employee.entity';
import { DeliveryQueryDto } from './dto/delivery-query.dto';
import { OutboxMessage } from './entities/outbox-message.entity';

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** The admin's delivery log: every outbox message of the tenant, and re-queueing a failed one. */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(user: SessionUser, q: DeliveryQueryDto): Promise<Page<DeliveryView>> {
    const p = pageParams(q);
    const where = {
      tenantId: user.tenantId,
      ...(q.status ? { status: q.status } : {}),
      ...(q.platform ? { platform: q.platform } : {}),
      ...(q.instanceId ? { instanceId: q.instanceId } : {}),
    };
    const [rows, total] = await this.ds.getRepository(OutboxMessage).findAndCount({
      where, order: { createdAt: 'DESC', id: 'DESC' }, skip: p.skip, take: p.take,
    });
    const ids = [...new Set(rows.map((r) => r.recipientEmployeeId).filter((x): x is string => !!x))];
    const people = ids.length
      ? await this.ds.getRepository(Employee).find({ where: { id: In(ids), tenantId: user.tenantId }, select: { id: true, name: true, title: true } })
      : [];
    return toPage(rows.map((r) => this.view(r, people)), total, p);
  }

  private view(r: OutboxMessage, people: Employee[]): DeliveryView {
    const e = people.find((x) => x.id === r.recipientEmployeeId);
    return {
      id: r.id, platform: r.platform, kind: r.kind, recipient: e ? { id: e.id, name: e.name, title: e.title } : null,
      instanceId: r.instanceId, status: r.status, attempts: r.attempts, lastError: r.lastError,
      platformRef: (r.platformRef as unknown as Record<string, unknown>) ?? null, createdAt: iso(r.createdAt)!, sentAt: iso(r.sentAt),
      nextAttemptAt: r.status === 'pending' || r.status === 'sending' ? iso(r.nextAttemptAt) : null,
    };
  }

  /** failed → pending with attempts reset; anything else is DELIVERY_NOT_RETRYABLE. */
  async retry(user: SessionUser, id: string): Promise<DeliveryView> {
    const repo = this.ds.getRepository(OutboxMessage);
    const row = isUuid(id) ? await repo.findOneBy({ id, tenantId: user.tenantId }) : null;
    if (!row) throw AppError.notFound('消息');
    const now = new Date();
    const res = await repo.update({ id, status: 'failed' }, { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: row.lastError, leaseOwner: null, leaseUntil: null, updatedAt: now });
    if (!res.affected) throw new AppError(ErrorCode.DELIVERY_NOT_RETRYABLE, undefined, { status: row.status });
    await this.audit.record(user, 'delivery.retry', { type: 'outbox_message', id }, { kind: row.kind, platform: row.platform });
    const fresh = await repo.findOneByOrFail({ id });
    const people = fresh.recipientEmployeeId ? await this.ds.getRepository(Employee).find({ where: { id: fresh.recipientEmployeeId }, select: { id: true, name: true, title: true } }) : [];
    return this.view(fresh, people);
  }
}
