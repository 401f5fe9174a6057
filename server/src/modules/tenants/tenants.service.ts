import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';
import type { TenantSettingsView } from '@hrlink/shared';
import { AppError } from '../../common/errors/app-error';
import { Transactions } from '../../database/transactions';
import { AuditService } from '../../common/audit/audit.service';
import type { SessionUser } from '../../common/auth/auth.types';
import { Tenant } from './tenant.entity';
import { UpdateTenantSettingsDto } from './tenant-settings.dto';

export const toTenantSettingsView = (t: Tenant): TenantSettingsView => ({
  id: t.id, name: t.name, timeZone: t.timeZone, matchKey: t.matchKey, syncCron: t.syncCron,
});

@Injectable()
export class TenantsService {
  /** Emits 'changed' (tenant) after settings change, so the scheduler can re-plan. */
  readonly events = new EventEmitter();

  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async get(tenantId: string): Promise<Tenant> {
    const t = await this.ds.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!t) throw AppError.notFound('企业');
    return t;
  }

  list(): Promise<Tenant[]> {
    return this.ds.getRepository(Tenant).find({ order: { createdAt: 'ASC' } });
  }

  async settings(user: SessionUser): Promise<TenantSettingsView> {
    return toTenantSettingsView(await this.get(user.tenantId));
  }

  async update(user: SessionUser, dto: UpdateTenantSettingsDto): Promise<TenantSettingsView> {
    const tenant = await this.get(user.tenantId);
    const before = toTenantSettingsView(tenant);
    Object.assign(tenant, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    await this.tx.run(async (m) => {
      await m.save(tenant);
      await this.audit.record(user, 'tenant.settings.update', { type: 'tenant', id: tenant.id }, { before, after: dto }, m);
    });
    this.events.emit('changed', tenant);
    return toTenantSettingsView(tenant);
  }
}
