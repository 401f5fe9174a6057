import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SessionUser } from '../auth/auth.types';
import { AuditLog } from './audit-log.entity';

/** Append-only record of who changed what. Pass the transaction's manager to write in the same transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly ds: DataSource) {}

  async record(
    actor: SessionUser | { kind: 'system'; id: null; tenantId: string },
    action: string,
    target: { type: string; id: string | null },
    details: Record<string, unknown> | null = null,
    manager: EntityManager = this.ds.manager,
  ): Promise<void> {
    await manager.save(
      manager.create(AuditLog, {
        tenantId: actor.tenantId,
        actorKind: actor.kind,
        actorId: actor.id,
        action,
        targetType: target.type,
        targetId: target.id,
        details,
      }),
    );
  }
}
