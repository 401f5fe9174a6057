import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../common/crypto/password';
import { Transactions } from '../../database/transactions';
import { AdminUser } from '../auth/entities/admin-user.entity';
import { PlatformBinding } from '../integrations/entities/platform-binding.entity';
import { Tenant } from '../tenants/tenant.entity';
import { DEMO_TENANT, SeedTenantSpec } from './demo-tenants';

@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly ds: DataSource,
    private readonly tx: Transactions,
  ) {}

  /** DEMO_SEED=1: the demo tenant, only into a database that has no tenant yet. */
  async seedDemoIfEmpty(): Promise<Tenant | null> {
    if ((await this.ds.getRepository(Tenant).count()) > 0) return null;
    const t = await this.seedTenant(DEMO_TENANT);
    this.logger.log({ tenantId: t.id }, `demo tenant seeded: ${t.name} (admin log-ins hr / admin, password hrlink2026)`);
    return t;
  }

  /** Creates a tenant with its bindings (the first is the org source) and admin users. */
  async seedTenant(spec: SeedTenantSpec): Promise<Tenant> {
    const hashes = await Promise.all(spec.admins.map((a) => hashPassword(a.password)));
    return this.tx.run(async (m) => {
      const tenant = await m.save(m.create(Tenant, { name: spec.name, timeZone: 'Asia/Shanghai', matchKey: 'employeeNo', syncCron: '0 3 * * *', orgSourceBindingId: null }));
      let first: PlatformBinding | null = null;
      for (const b of spec.bindings) {
        const saved = await m.save(m.create(PlatformBinding, {
          ...b, tenantId: tenant.id, enabled: true, todoEnabled: false, lastSyncAt: null, lastSyncStatus: null, syncLeaseOwner: null, syncLeaseUntil: null,
        }));
        first ??= saved;
        // distinct createdAt so "first binding" is well defined
        await new Promise((r) => setTimeout(r, 2));
      }
      tenant.orgSourceBindingId = first?.id ?? null;
      await m.save(tenant);
      for (const [i, a] of spec.admins.entries()) {
        await m.save(m.create(AdminUser, {
          tenantId: tenant.id, username: a.username, passwordHash: hashes[i], displayName: a.displayName, role: a.role,
          employeeId: null, linkEmployeeNo: a.linkEmployeeNo ?? null,
        }));
      }
      return tenant;
    });
  }
}
